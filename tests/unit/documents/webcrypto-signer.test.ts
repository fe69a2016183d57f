/**
 * The browser platform's signer (WebCrypto Ed25519, key and signing ledger in IndexedDB): the same rules
 * as the main process's, checked against Node crypto and a hand-written reference hash.
 */
import { createHash, createPublicKey, verify } from 'node:crypto'
import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import {
  createBrowserSigner,
  indexedDbKeyStore,
  indexedDbLedgerStore,
  memoryLedgerStore,
  type KeyStore,
} from '../../../src/documents/webcrypto-signer'
import { agreementContent, referenceHash } from '../signing/agreementContent'

function memoryStore(): KeyStore {
  let saved: Awaited<ReturnType<KeyStore['get']>>
  return { get: async () => saved, put: async (k) => void (saved = k) }
}

const requestOf = (
  content: Record<string, unknown>,
  result: { signature: string; keyId: string; contentHash: string },
) => ({
  caseNo: String(content.caseNo),
  version: Number(content.version),
  hashHex: result.contentHash,
  signature: result.signature,
  keyId: result.keyId,
})

describe('browser signer', () => {
  it('signs the content’s hash with a key Node crypto can verify from the published public key', async () => {
    const signer = createBrowserSigner(memoryStore(), memoryLedgerStore())
    const content = agreementContent()
    const result = await signer.sign(content)
    expect(result.contentHash).toBe(referenceHash(content))
    const { publicKeyBase64, keyId: published } = await signer.publicKey()
    expect(result.keyId).toBe(published)
    expect(published).toBe(
      createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex').slice(0, 16),
    )
    // SPKI DER prefix for an Ed25519 public key, then the 32 raw bytes
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(publicKeyBase64, 'base64')])
    const publicKey = createPublicKey({ key: spki, format: 'der', type: 'spki' })
    const hash = Buffer.from(referenceHash(content), 'hex')
    expect(verify(null, hash, publicKey, Buffer.from(result.signature, 'base64'))).toBe(true)
    const request = requestOf(content, result)
    expect(await signer.verify(request)).toEqual({ valid: true })
    expect(await signer.verify({ ...request, hashHex: referenceHash('改过的协议') })).toMatchObject({ valid: false })
    expect(await signer.verify({ ...request, keyId: '0000000000000000' })).toEqual({
      valid: false,
      problem: 'signature',
    })
  })

  it('refuses a bare hash and signs a case number and version once', async () => {
    const ledger = memoryLedgerStore()
    const signer = createBrowserSigner(memoryStore(), ledger)
    await expect(signer.sign({ hashHex: referenceHash('x') })).rejects.toMatchObject({
      code: 'content-not-signable',
      message: expect.stringContaining('不是一份完整的已定稿协议'),
    })
    const first = await signer.sign(agreementContent())
    expect(await signer.sign(agreementContent())).toEqual(first)
    await expect(signer.sign(agreementContent({ copies: 9 }))).rejects.toMatchObject({
      name: 'SigningRefusal',
      code: 'version-holds-other-content',
      message: '该协议此版本已签发，不能再次签发不同内容',
    })
    expect(ledger.value?.lines).toHaveLength(1)
  })

  it('reports its ledger damaged when a line is deleted or edited, and does not vouch for what it does not hold', async () => {
    const ledger = memoryLedgerStore()
    const signer = createBrowserSigner(memoryStore(), ledger)
    const content = agreementContent()
    const request = requestOf(content, await signer.sign(content))
    await signer.sign(agreementContent({ version: 2 }))
    expect(await signer.verify({ ...request, version: 3 })).toEqual({ valid: false, problem: 'not-in-ledger' })
    const intact = structuredClone(ledger.value!)
    ledger.value = { ...intact, lines: intact.lines.slice(1) }
    expect(await signer.verify(request)).toEqual({ valid: false, problem: 'ledger-damaged' })
    ledger.value = { ...intact, lines: [intact.lines[0]!, intact.lines[1]!.replace('"version":2', '"version":5')] }
    expect(await signer.verify(request)).toEqual({ valid: false, problem: 'ledger-damaged' })
    ledger.value = intact
    expect(await signer.verify(request)).toEqual({ valid: true })
  })

  it('says the highest version its ledger holds for a case number (0: none), and refuses when the ledger is damaged', async () => {
    const ledger = memoryLedgerStore()
    const signer = createBrowserSigner(memoryStore(), ledger)
    expect(await signer.highestSignedVersion('（2026）朝调字第12号')).toBe(0)
    await signer.sign(agreementContent())
    await signer.sign(agreementContent({ version: 4 }))
    await signer.sign(agreementContent({ caseNo: '（2026）朝调字第13号', version: 2 }))
    expect(await signer.highestSignedVersion('（2026）朝调字第12号')).toBe(4)
    expect(await signer.highestSignedVersion('（2026）朝调字第13号')).toBe(2)
    expect(ledger.value?.lines).toHaveLength(3)
    await expect(signer.sign(agreementContent({ version: 4, copies: 9 }))).rejects.toThrow(
      '该协议此版本已签发，不能再次签发不同内容',
    )
    ledger.value = { ...ledger.value!, lines: ledger.value!.lines.slice(1) }
    await expect(signer.highestSignedVersion('（2026）朝调字第12号')).rejects.toThrow('签发登记簿已损坏或被改动')
  })

  it('keeps one key across signers sharing the store, and the private key is not extractable', async () => {
    const store = memoryStore()
    const a = createBrowserSigner(store, memoryLedgerStore())
    const b = createBrowserSigner(store, memoryLedgerStore())
    expect((await a.publicKey()).keyId).toBe((await b.publicKey()).keyId)
    const saved = await store.get()
    expect(saved?.keyPair.privateKey.extractable).toBe(false)
  })

  it('stores the key pair and the ledger in IndexedDB', async () => {
    const factory = new IDBFactory()
    const store = indexedDbKeyStore(factory)
    const signer = createBrowserSigner(store, indexedDbLedgerStore(factory))
    const { keyId } = await signer.sign(agreementContent())
    const reloaded = await store.get()
    expect(reloaded?.keyId).toBe(keyId)
    const again = createBrowserSigner(store, indexedDbLedgerStore(factory))
    await expect(again.sign(agreementContent({ facts: '别的内容' }))).rejects.toThrow('该协议此版本已签发')
  })
})

describe('browser signer: the case number of verify and highest-version requests', () => {
  // written out: what the main process's IPC answers for each (src/shared/ipc/signing.ts, electron/main/ipc.ts)
  const REFUSED: [string, unknown, string][] = [
    ['missing', undefined, '请求内容无效：缺少案号'],
    ['not text', 12, '请求内容无效：案号必须是文字'],
    ['empty', '', '请求内容无效：案号不能为空'],
    ['only spaces', '   ', '请求内容无效：案号不能为空'],
    ['81 characters', '案'.repeat(81), '请求内容无效：案号过长（最多 80 个字符）'],
    ['U+0000 (the ledger’s separator)', '（2026）朝调字第12号\u0000', '请求内容无效：案号不能含控制字符'],
    ['a line break', '（2026）朝调字\n第12号', '请求内容无效：案号不能含控制字符'],
    ['a zero-width space', '（2026）朝调字第\u200b12号', '请求内容无效：案号不能含不可见字符'],
    ['a right-to-left override', '\u202e（2026）朝调字第12号', '请求内容无效：案号不能含不可见字符'],
    ['a BOM', '\ufeff（2026）朝调字第12号', '请求内容无效：案号不能含不可见字符'],
    ['a word joiner', '（2026）朝调字第12\u2060号', '请求内容无效：案号不能含不可见字符'],
  ]

  /** A signer that has signed version 1 of the usual content, and whose ledger counts its reads. */
  async function signerWithOneSigned() {
    const ledger = memoryLedgerStore()
    const signer = createBrowserSigner(memoryStore(), ledger)
    const content = agreementContent()
    const request = requestOf(content, await signer.sign(content))
    let reads = 0
    const get = ledger.get
    ledger.get = async () => {
      reads++
      return get()
    }
    return { signer, request, reads: () => reads }
  }

  it.each(REFUSED)('refuses a case number %s before the ledger is read', async (_, caseNo, message) => {
    const { signer, request, reads } = await signerWithOneSigned()
    await expect(signer.verify({ ...request, caseNo: caseNo as string })).rejects.toThrow(message)
    await expect(signer.highestSignedVersion(caseNo as string)).rejects.toThrow(message)
    expect(reads()).toBe(0)
  })

  it('answers for case numbers the app makes, up to 80 characters', async () => {
    const { signer, request } = await signerWithOneSigned()
    expect(await signer.verify(request)).toEqual({ valid: true })
    expect(await signer.highestSignedVersion(request.caseNo)).toBe(1)
    // an ideographic space and a character outside the BMP are visible: not refused
    expect(await signer.highestSignedVersion('（2026）𠮷\u3000调字第1号')).toBe(0)
    expect(await signer.highestSignedVersion('案'.repeat(80))).toBe(0)
    expect(await signer.verify({ ...request, caseNo: '案'.repeat(80) })).toMatchObject({ valid: false })
  })
})
