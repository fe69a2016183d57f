import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { exportAll, exportCases, serializeTransferFile } from '../../../src/db/transfer/export'
import { MERGED_TABLES } from '../../../src/domain/transferTables'
import { importFile, previewImport } from '../../../src/db/transfer/import'
import { readTransferFile } from '../../../src/db/transfer/read'
import { restoreSnapshot, undoRestore, countRows } from '../../../src/db/snapshot'
import { TRANSFER_TABLES } from '../../../src/db/transfer/recordSchemas'
import { encryptText } from '../../../src/db/transfer/encryption'
import { containsUnmaskedPersonalNumber } from '../../../src/domain/masking'
import { verifyChain } from '../../../src/domain/audit'
import { currentStoreKeys } from '../../../src/db/keys'
import { changeCase, dbContentArb, fingerprint, freshDb, load, storedCase } from './arbitraries'
import type { TransferFile } from '../../../src/db/transfer/format'

const RUNS = 40

describe('transfer round trip', () => {
  it('export -> import into an empty store gives the same records (random databases)', async () => {
    await fc.assert(
      fc.asyncProperty(dbContentArb, async (content) => {
        const source = freshDb()
        await load(source, content)
        const text = serializeTransferFile(await exportAll(source))
        const target = freshDb()
        const result = await importFile(target, text)
        expect(result.totals.conflicting).toBe(0)
        expect(result.totals.new).toBe(MERGED_TABLES.reduce((n, t) => n + content[t].length, 0))
        expect(await fingerprint(target, [...MERGED_TABLES, 'counters'])).toEqual(
          await fingerprint(source, [...MERGED_TABLES, 'counters']),
        )
        // the import itself is on the record, and the chain holds
        const audit = await target.audit.orderBy('seq').toArray()
        expect(audit.map((e) => e.action)).toEqual(result.totals.new > 0 ? ['import'] : [])
        expect(verifyChain(audit, currentStoreKeys().auditKey).ok).toBe(true)
      }),
      { numRuns: RUNS },
    )
  })

  it('export -> restore gives an identical store, and undo brings the previous one back', async () => {
    await fc.assert(
      fc.asyncProperty(dbContentArb, dbContentArb, async (content, other) => {
        const source = freshDb()
        await load(source, content)
        const file = await readTransferFile(serializeTransferFile(await exportAll(source)))
        const target = freshDb()
        await load(target, other)
        const before = await fingerprint(target)
        let kept: TransferFile | undefined
        const { preRestore } = await restoreSnapshot(target, file, { keepPreRestore: async (s) => void (kept = s) })
        expect(kept).toBe(preRestore)
        expect(await fingerprint(target)).toEqual(await fingerprint(source))
        await undoRestore(target, preRestore)
        expect(await fingerprint(target)).toEqual(before)
      }),
      { numRuns: RUNS / 2 },
    )
  })

  it('importing the same file twice changes nothing the second time', async () => {
    await fc.assert(
      fc.asyncProperty(dbContentArb, dbContentArb, async (content, local) => {
        const source = freshDb()
        await load(source, content)
        const text = serializeTransferFile(await exportAll(source))
        const target = freshDb()
        await load(target, local)
        await importFile(target, text)
        const afterFirst = await fingerprint(target)
        const second = await importFile(target, text)
        expect(second.changed).toBe(false)
        expect(second.totals.new).toBe(0)
        expect(await fingerprint(target)).toEqual(afterFirst)
      }),
      { numRuns: RUNS / 2 },
    )
  })

  it('a record changed on both sides is kept in both versions and recorded once as a conflict', async () => {
    const [content] = fc.sample(
      dbContentArb.filter((c) => c.cases.length > 0),
      { numRuns: 1, seed: 7 },
    )
    const source = freshDb()
    await load(source, content)
    const text = serializeTransferFile(await exportAll(source))
    const target = freshDb()
    await load(target, content)
    const caseId = content.cases[0].id
    await changeCase(target, caseId, (doc) => ({
      ...doc,
      title: '本地改过的标题',
      updatedAt: '2026-11-22T10:00:00.000Z',
    }))

    const preview = await previewImport(target, text)
    expect(preview.tables.cases).toEqual({ new: 0, identical: content.cases.length - 1, conflicting: 1 })
    const before = await fingerprint(target)
    expect(await fingerprint(target)).toEqual(before) // preview wrote nothing

    const first = await importFile(target, text)
    expect(first.conflicts).toHaveLength(1)
    expect(first.conflicts[0]).toMatchObject({ table: 'cases', recordId: caseId, caseId })
    expect((await storedCase(target, caseId))?.title).toBe('本地改过的标题')
    const stored = await target.conflicts.toArray()
    expect(stored).toHaveLength(1)
    expect((stored[0].incoming as { title: string }).title).toBe(content.cases[0].title)

    const second = await importFile(target, text)
    expect(second.changed).toBe(false)
    expect(await target.conflicts.count()).toBe(1)
  })

  it('encrypted files round trip with the passphrase and are refused without it', async () => {
    const [content] = fc.sample(dbContentArb, { numRuns: 1, seed: 3 })
    const source = freshDb()
    await load(source, content)
    const plain = serializeTransferFile(await exportAll(source))
    const envelope = JSON.stringify(await encryptText(plain, '正确的密码123'))
    expect(envelope).not.toContain(content.committees[0].fullName)
    await expect(readTransferFile(envelope)).rejects.toThrow('此文件已加密，请输入密码')
    await expect(readTransferFile(envelope, { passphrase: '错误的密码123' })).rejects.toThrow('密码不正确')
    const target = freshDb()
    await importFile(target, envelope, { passphrase: '正确的密码123' })
    expect(await fingerprint(target, MERGED_TABLES)).toEqual(await fingerprint(source, MERGED_TABLES))
  })

  it('case exports are masked by default, carry no attachment files, and are logged per case', async () => {
    await fc.assert(
      fc.asyncProperty(
        dbContentArb.filter((c) => c.cases.length > 0 && c.attachments.length > 0),
        async (content) => {
          const db = freshDb()
          await load(db, content)
          const ids = content.cases.map((c) => c.id)
          const masked = await exportCases(db, ids, { actor: 'mediator-1' })
          const text = serializeTransferFile(masked)
          // ids, digests and attachment bytes are random hex/base64 that can look like a number by chance
          const scanned = text
            .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')
            .replace(/[0-9a-f]{64}/g, '<hash>')
            .replace(/"dataBase64":"[^"]*"/g, '')
          expect(containsUnmaskedPersonalNumber(scanned)).toBe(false)
          expect(content.parties.some((p) => p.idNumber !== undefined && text.includes(p.idNumber))).toBe(false)
          expect(masked.masked).toBe(true)
          // an ID scan, a signed agreement's scan or an evidence photo shows numbers no mask can reach
          expect(masked.tables.attachments).toEqual([])
          // the masked file is itself a valid transfer file
          expect((await readTransferFile(text)).manifest.counts.cases).toBe(ids.length)

          const full = await exportCases(db, ids, { actor: 'mediator-1', mask: false })
          const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id))
          expect(byId(full.tables.parties)).toEqual(byId(content.parties))
          const audit = await db.audit.orderBy('seq').toArray()
          const logged = audit.slice(content.audit.length)
          expect(logged.map((e) => [e.action, e.caseId])).toEqual([
            ...ids.map((id) => ['export', id]),
            ...ids.map((id) => ['export-unmasked', id]),
          ])
          expect(full.manifest.chainHead).toEqual({ seq: audit.length, hash: audit.at(-1)!.hash })
        },
      ),
      { numRuns: 15 },
    )
  })

  it('counts every table in one read', async () => {
    const [content] = fc.sample(dbContentArb, { numRuns: 1, seed: 11 })
    const db = freshDb()
    await load(db, content)
    const counts = await countRows(db)
    for (const table of TRANSFER_TABLES)
      expect(counts[table]).toBe(table === 'conflicts' ? 0 : content[table as keyof typeof content].length)
  })
})
