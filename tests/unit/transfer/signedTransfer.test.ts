/**
 * Transfer files signed with the committee key (the main process's signer) and checked on import with
 * WebCrypto: a forged file whose checksum was recomputed, a changed header field, a removed signature
 * and another key for a known committee are all 来源未验证; an untouched file is 来源已验证, and its
 * committee's key is remembered on first import. Backups stay unsigned and still read.
 */
import 'fake-indexeddb/auto'
import { createHash } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { createNodeSigner } from '../../../electron/main/signing'
import { exportAll, serializeTransferFile } from '../../../src/db/transfer/export'
import { readTransferFile } from '../../../src/db/transfer/read'
import type { TransferFileSigner } from '../../../src/db/transfer/signature'
import { rememberCommitteeKey, transferSourceOf } from '../../../src/db/transfer/trustedKeys'
import type { MediationDb } from '../../../src/db/schema'
import { dbContentArb, freshDb, load } from './arbitraries'
import { referenceHash } from '../signing/agreementContent'

const COMMITTEE = { id: 'committee-chengguan', name: '城关镇人民调解委员会' }

function hostSigner(committee = COMMITTEE): TransferFileSigner & { node: ReturnType<typeof createNodeSigner> } {
  const node = createNodeSigner(mkdtempSync(join(tmpdir(), 'mr-transfer-key-')))
  return { node, publicKey: () => node.publicKey(), signHeader: (text) => node.signTransfer(text), committee }
}

/** The fingerprint as a person reads it: the key's SHA-256, first 16 hex digits, upper case, groups of four. */
function fingerprintOf(publicKeyBase64: string): string {
  const hex = createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex').slice(0, 16)
  return `${hex.slice(0, 4)} ${hex.slice(4, 8)} ${hex.slice(8, 12)} ${hex.slice(12)}`.toUpperCase()
}

let source: MediationDb
beforeAll(async () => {
  const [content] = fc.sample(
    dbContentArb.filter((c) => c.cases.length > 0),
    { numRuns: 1, seed: 7 },
  )
  source = freshDb()
  await load(source, content!)
})

async function signedText(signer: TransferFileSigner): Promise<string> {
  return serializeTransferFile(await exportAll(source, { sign: signer }))
}

/** The members a forger edits in the parsed file. */
interface Forgeable {
  createdAt: string
  masked: boolean
  appVersion: string
  manifest: { payloadSha256: string; chainHead: { seq: number } }
  signature?: { committeeName: string; keyId: string }
  tables: { cases: { title: string }[] }
}

/** A forger's edit: change the parsed file, then recompute the payload checksum as the format describes it. */
function forged(text: string, change: (file: Forgeable) => void): string {
  const file = JSON.parse(text) as Forgeable
  change(file)
  file.manifest.payloadSha256 = referenceHash(file.tables)
  return JSON.stringify(file)
}

describe('signed transfer files', () => {
  it('a file as exported is 来源已验证; the committee is first seen, then known', async () => {
    const signer = hostSigner()
    const text = await signedText(signer)
    const { publicKeyBase64 } = await signer.node.publicKey()
    const target = freshDb()
    const file = await readTransferFile(text)
    const first = await transferSourceOf(target, file)
    expect(first).toMatchObject({
      verified: true,
      firstSeen: true,
      committeeName: COMMITTEE.name,
      fingerprint: fingerprintOf(publicKeyBase64),
    })
    expect(first.message).toContain('首次导入')
    await rememberCommitteeKey(target, file)
    expect(await transferSourceOf(target, file)).toMatchObject({ verified: true, firstSeen: false })
  })

  it('a forged file whose checksum was recomputed passes the checksum but is 来源未验证', async () => {
    const text = await signedText(hostSigner())
    const changed = forged(text, (f) => (f.tables.cases[0]!.title = '伪造的案件'))
    const file = await readTransferFile(changed) // the checksum alone cannot tell
    expect(await transferSourceOf(freshDb(), file)).toMatchObject({ verified: false, reason: 'changed' })
  })

  it.each([
    ['createdAt', (f: Forgeable) => (f.createdAt = '2020-01-01T00:00:00.000Z')],
    ['masked', (f: Forgeable) => (f.masked = !f.masked)],
    ['appVersion', (f: Forgeable) => (f.appVersion = '9.9.9')],
    ['chainHead', (f: Forgeable) => (f.manifest.chainHead.seq += 1)],
    ['committeeName', (f: Forgeable) => (f.signature!.committeeName = '另一个调解委员会')],
  ])('a changed header field (%s) makes the file 来源未验证', async (_, change) => {
    const text = await signedText(hostSigner())
    const file = await readTransferFile(forged(text, change))
    expect(await transferSourceOf(freshDb(), file)).toMatchObject({ verified: false, reason: 'changed' })
  })

  it('a file without a signature is 来源未验证 and says so plainly', async () => {
    const text = await signedText(hostSigner())
    const file = await readTransferFile(forged(text, (f) => delete f.signature))
    const source = await transferSourceOf(freshDb(), file)
    expect(source).toMatchObject({ verified: false, reason: 'unsigned' })
    expect(source.message).toContain('没有调解委员会的电子签名')
  })

  it('another key for a known committee is 来源未验证 and names both fingerprints', async () => {
    const original = hostSigner()
    const target = freshDb()
    await rememberCommitteeKey(target, await readTransferFile(await signedText(original)))
    const impostor = hostSigner() // same committee id and name, a different key
    const file = await readTransferFile(await signedText(impostor))
    const source = await transferSourceOf(target, file)
    expect(source).toMatchObject({ verified: false, reason: 'key-changed' })
    expect(source.message).toContain(fingerprintOf((await original.node.publicKey()).publicKeyBase64))
    expect(source.fingerprint).toBe(fingerprintOf((await impostor.node.publicKey()).publicKeyBase64))
    // remembering again keeps the first key
    await rememberCommitteeKey(target, file)
    expect(await transferSourceOf(target, file)).toMatchObject({ reason: 'key-changed' })
  })

  it('a file cannot borrow a known key id for its own key', async () => {
    const original = hostSigner()
    const { keyId } = await original.node.publicKey()
    const text = await signedText(hostSigner())
    const file = await readTransferFile(forged(text, (f) => (f.signature!.keyId = keyId)))
    expect(await transferSourceOf(freshDb(), file)).toMatchObject({ verified: false, reason: 'changed' })
  })

  it('the committee key signs only transfer headers naming it, in canonical form', async () => {
    const signer = hostSigner()
    const own = await signer.node.publicKey()
    // keys written in sorted order: the canonical form
    const header = (extra: Record<string, unknown>) =>
      JSON.stringify({
        format: 'mediation-room/transfer',
        signature: { committeeId: 'c', committeeName: 'n', keyId: own.keyId, publicKeyBase64: own.publicKeyBase64 },
        ...extra,
      })
    await expect(signer.node.signTransfer(header({}))).resolves.toMatchObject({ keyId: own.keyId })
    await expect(signer.node.signTransfer('{"format":"mediation-room/agreement@1"}')).rejects.toThrow('已拒绝签名')
    await expect(signer.node.signTransfer(header({ tables: {} }))).rejects.toThrow('已拒绝签名')
    await expect(signer.node.signTransfer(` ${header({})}`)).rejects.toThrow('已拒绝签名')
    await expect(signer.node.signTransfer('ab'.repeat(32))).rejects.toThrow('已拒绝签名')
    const other = await hostSigner().node.publicKey()
    const foreign = JSON.stringify({
      format: 'mediation-room/transfer',
      signature: { committeeId: 'c', committeeName: 'n', keyId: other.keyId, publicKeyBase64: other.publicKeyBase64 },
    })
    await expect(signer.node.signTransfer(foreign)).rejects.toThrow('不是本机调解委员会的密钥')
  })

  it('backups stay unsigned and still read', async () => {
    const file = await readTransferFile(serializeTransferFile(await exportAll(source)))
    expect(file.signature).toBeUndefined()
    expect(await transferSourceOf(freshDb(), file)).toMatchObject({ verified: false, reason: 'unsigned' })
  })
})
