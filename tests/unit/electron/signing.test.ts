/**
 * The committee key in the main process: created once with mode 0600, it signs only a finalised
 * agreement's content (hashing it itself), once per case number and version, records each in the
 * signing ledger, and vouches only for what the ledger holds.
 */
import { createHash, sign as nodeSign, verify as nodeVerify } from 'node:crypto'
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createNodeSigner, loadCommitteeKeys, PRIVATE_KEY_FILE } from '../../../electron/main/signing'
import { LEDGER_FILE } from '../../../electron/main/signingLedger'
import { signRequestSchema, signResultSchema, verifyRequestSchema } from '../../../src/shared/ipc/signing'
import { agreementContent, referenceHash } from '../signing/agreementContent'

const tempDir = () => mkdtempSync(join(tmpdir(), 'mr-sign-'))
const ledgerLines = (dir: string) => readFileSync(join(dir, LEDGER_FILE), 'utf8').split('\n').filter(Boolean)

async function signed(dir: string, overrides: Record<string, unknown> = {}) {
  const signer = createNodeSigner(dir)
  const content = agreementContent(overrides)
  const result = await signer.sign(content)
  const request = {
    caseNo: String(content.caseNo),
    version: Number(content.version),
    hashHex: result.contentHash,
    signature: result.signature,
    keyId: result.keyId,
  }
  return { signer, content, result, request }
}

describe('node signer: the key', () => {
  it('creates the key on first use, private to the user, and reuses it', async () => {
    const dir = tempDir()
    const first = createNodeSigner(dir)
    const { keyId, publicKeyBase64 } = await first.publicKey()
    expect(keyId).toBe(createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex').slice(0, 16))
    expect(statSync(join(dir, PRIVATE_KEY_FILE)).mode & 0o777).toBe(0o600)
    const again = createNodeSigner(dir)
    expect((await again.publicKey()).keyId).toBe(keyId)
  })
})

describe('node signer: agreements, not hashes', () => {
  it('hashes the content itself and signs that hash, in the IPC schema shape', async () => {
    const dir = tempDir()
    const { signer, content, result, request } = await signed(dir)
    expect(signResultSchema.parse(result).contentHash).toBe(referenceHash(content))
    const keys = loadCommitteeKeys(dir)
    expect(
      nodeVerify(
        null,
        Buffer.from(referenceHash(content), 'hex'),
        keys.publicKey,
        Buffer.from(result.signature, 'base64'),
      ),
    ).toBe(true)
    expect(await signer.verify(verifyRequestSchema.parse(request))).toEqual({ valid: true })
    expect(await signer.verify({ ...request, hashHex: referenceHash(agreementContent({ copies: 4 })) })).toEqual({
      valid: false,
      problem: 'signature',
    })
  })

  it('refuses a forged request carrying a bare hash, and content that is not a finalised agreement', async () => {
    const dir = tempDir()
    const signer = createNodeSigner(dir)
    const hashHex = referenceHash('anything')
    // the channel's schema refuses the old request shape outright …
    expect(signRequestSchema.safeParse({ hashHex }).success).toBe(false)
    // … and the signer refuses whatever is not an agreement's canonical content
    await expect(signer.sign({ hashHex })).rejects.toThrow('签发内容不是一份完整的已定稿协议')
    await expect(signer.sign(agreementContent({ clauses: [] }))).rejects.toThrow('不是一份完整的已定稿协议')
    await expect(signer.sign(agreementContent({ facts: '' }))).rejects.toThrow('不是一份完整的已定稿协议')
    await expect(signer.sign(agreementContent({ schema: 'other' }))).rejects.toThrow('不是一份完整的已定稿协议')
    await expect(signer.sign(agreementContent({ extra: 1 }))).rejects.toThrow('不是一份完整的已定稿协议')
    const oneSided = agreementContent()
    oneSided.parties = [(oneSided.parties as unknown[])[0], (oneSided.parties as unknown[])[0]]
    await expect(signer.sign(oneSided)).rejects.toThrow('协议须有申请人和被申请人')
    await expect(
      signer.sign(agreementContent({ clauses: [{ kind: 'action', obligors: [5], obligees: [], action: '道歉' }] })),
    ).rejects.toThrow('不是本案当事人')
    expect(() => ledgerLines(dir)).toThrow() // nothing was recorded
  })

  it('signs a case number and version once: the same content again gets the same answer, other content is refused', async () => {
    const dir = tempDir()
    const { signer, content, result } = await signed(dir)
    expect(await signer.sign(structuredClone(content))).toEqual(result)
    await expect(signer.sign(agreementContent({ facts: '改过的事实' }))).rejects.toThrow(
      '该协议此版本已签发，不能再次签发不同内容',
    )
    expect(ledgerLines(dir)).toHaveLength(1)
    const v2 = await signer.sign(agreementContent({ version: 2, facts: '改过的事实' }))
    expect(v2.contentHash).toBe(referenceHash(agreementContent({ version: 2, facts: '改过的事实' })))
    const line = JSON.parse(ledgerLines(dir)[1]!)
    expect(line).toMatchObject({
      seq: 2,
      caseNo: '（2026）朝调字第12号',
      version: 2,
      hash: v2.contentHash,
      keyId: v2.keyId,
    })
    expect(line.prev).toBe(createHash('sha256').update(ledgerLines(dir)[0]!).digest('hex'))
    expect(Number.isNaN(Date.parse(line.signedAt))).toBe(false)
  })

  it('does not vouch for a valid signature over content the ledger does not hold', async () => {
    const dir = tempDir()
    const { signer, request } = await signed(dir)
    const keys = loadCommitteeKeys(dir)
    // signed with the real key, outside the signer: e.g. an old signature or one made by hand
    const other = referenceHash(agreementContent({ caseNo: '（2026）朝调字第99号' }))
    const signature = nodeSign(null, Buffer.from(other, 'hex'), keys.privateKey).toString('base64')
    const forged = { ...request, caseNo: '（2026）朝调字第99号', hashHex: other, signature }
    expect(await signer.verify(forged)).toEqual({ valid: false, problem: 'not-in-ledger' })
    // the ledger's entry is for its own case number and version only
    expect(await signer.verify({ ...request, version: 2 })).toEqual({ valid: false, problem: 'not-in-ledger' })
  })

  it.each([
    ['a line deleted', (lines: string[]) => [lines[0]!, lines[2]!]],
    ['a line edited', (lines: string[]) => [lines[0]!, lines[1]!.replace('"version":2', '"version":7'), lines[2]!]],
    ['the last line cut off', (lines: string[]) => lines.slice(0, 2)],
    ['two lines swapped', (lines: string[]) => [lines[1]!, lines[0]!, lines[2]!]],
  ])('reports the ledger damaged with %s, and stops signing', async (_, tamper) => {
    const dir = tempDir()
    const { signer, request } = await signed(dir)
    await signer.sign(agreementContent({ version: 2 }))
    await signer.sign(agreementContent({ version: 3 }))
    expect(await signer.verify(request)).toEqual({ valid: true })
    writeFileSync(join(dir, LEDGER_FILE), tamper(ledgerLines(dir)).join('\n') + '\n')
    expect(await signer.verify(request)).toEqual({ valid: false, problem: 'ledger-damaged' })
    await expect(signer.sign(agreementContent({ version: 4 }))).rejects.toThrow('签发登记簿已损坏或被改动')
    await expect(signer.highestSignedVersion('（2026）朝调字第12号')).rejects.toThrow('签发登记簿已损坏或被改动')
  })

  it('says the highest version its ledger holds for a case number (0: none), and that version stays closed to other content', async () => {
    const dir = tempDir()
    const signer = createNodeSigner(dir)
    expect(await signer.highestSignedVersion('（2026）朝调字第12号')).toBe(0)
    await signer.sign(agreementContent())
    await signer.sign(agreementContent({ version: 3 }))
    await signer.sign(agreementContent({ caseNo: '（2026）朝调字第13号', version: 5 }))
    expect(await signer.highestSignedVersion('（2026）朝调字第12号')).toBe(3)
    expect(await signer.highestSignedVersion('（2026）朝调字第13号')).toBe(5)
    expect(await signer.highestSignedVersion('（2026）朝调字第1号')).toBe(0)
    // asking changes nothing, and a held version is still refused other content
    expect(ledgerLines(dir)).toHaveLength(3)
    await expect(signer.sign(agreementContent({ version: 3, facts: '改过的事实' }))).rejects.toThrow(
      '该协议此版本已签发，不能再次签发不同内容',
    )
  })
})
