/**
 * Transfer files keep cases, parties and sessions as three row lists; the store keeps one document per
 * case. Files written before storage v3 (case rows with search keys), databases older than v3 (the
 * pre-upgrade backup) and merges into existing cases must all come out right.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import Dexie from 'dexie'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { caseOf, partiesOf } from '../../../src/db/caseDocs'
import { listCases } from '../../../src/db/caseQueries'
import { withPartySummary } from '../../../src/domain/intake'
import { MediationDb } from '../../../src/db/schema'
import { restoreSnapshot, snapshotOfInstalled } from '../../../src/db/snapshot'
import { TransferError } from '../../../src/domain/transferError'
import { exportAll, serializeTransferFile } from '../../../src/db/transfer/export'
import { payloadHash } from '../../../src/db/transfer/format'
import { MERGED_TABLES } from '../../../src/domain/transferTables'
import { importFile } from '../../../src/db/transfer/import'
import { readTransferFile } from '../../../src/db/transfer/read'
import type { Party } from '../../../src/domain/types'
import { dbContentArb, fingerprint, freshDb, load } from './arbitraries'

const CHINESE = /[\u4e00-\u9fff]/

/** The file's text after `edit` changed its parsed form, with counts and checksum made to match again. */
function resealed(text: string, edit: (file: { tables: Record<string, Record<string, unknown>[]> }) => void): string {
  const file = JSON.parse(text) as {
    tables: Record<string, Record<string, unknown>[]>
    manifest: { counts: Record<string, number>; payloadSha256: string }
  }
  edit(file)
  for (const [name, rows] of Object.entries(file.tables)) file.manifest.counts[name] = rows.length
  file.manifest.payloadSha256 = payloadHash(file.tables as unknown as Parameters<typeof payloadHash>[0])
  return JSON.stringify(file)
}

/** As versions before storage v3 wrote them: every case row with its search and filter keys. */
function asOldLayout(text: string): string {
  return resealed(text, (file) => {
    for (const row of file.tables.cases) {
      row.searchTokens = [`t:${String(row.title)}`, 'n:张三']
      row.facets = [`s:${String(row.status)}`, 'c:劳动争议']
    }
  })
}

const withCases = dbContentArb.filter((c) => c.cases.length > 0)

describe('files written by the old layout (case rows with searchTokens/facets)', () => {
  it('read without the old keys, import completely, and match the same store exactly', async () => {
    await fc.assert(
      fc.asyncProperty(withCases, async (content) => {
        const source = freshDb()
        await load(source, content)
        const text = asOldLayout(serializeTransferFile(await exportAll(source)))
        expect(text).toContain('searchTokens')

        const read = await readTransferFile(text)
        expect(read.tables.cases.every((c) => !('searchTokens' in c) && !('facets' in c))).toBe(true)
        // the file as read is consistent in itself again
        expect(read.manifest.payloadSha256).toBe(payloadHash(read.tables))

        const target = freshDb()
        const result = await importFile(target, text)
        expect(result.totals.conflicting).toBe(0)
        expect(result.totals.new).toBe(MERGED_TABLES.reduce((n, t) => n + content[t].length, 0))
        expect(await fingerprint(target, MERGED_TABLES)).toEqual(await fingerprint(source, MERGED_TABLES))
        for (const doc of await target.caseDocs.toArray()) expect(Object.keys(doc)).not.toContain('searchTokens')

        // into the store it came from: every record identical, nothing written
        const again = await importFile(source, text)
        expect(again.changed).toBe(false)
        expect(again.totals.conflicting).toBe(0)
      }),
      { numRuns: 15 },
    )
  })

  it('restore from an old-layout backup, and the case list shows the restored cases', async () => {
    const [content, other] = fc.sample(withCases, { numRuns: 2, seed: 21 })
    const source = freshDb()
    await load(source, content!)
    const file = await readTransferFile(asOldLayout(serializeTransferFile(await exportAll(source))))
    const target = freshDb()
    await load(target, other!)
    // the list of this window already holds the cases it had before the restore
    expect((await listCases(target, {}, 0, 100)).rows).toHaveLength(other!.cases.length)
    await restoreSnapshot(target, file, { keepPreRestore: async () => {} })
    expect(await fingerprint(target)).toEqual(await fingerprint(source))
    const listed = await listCases(target, {}, 0, 100)
    expect(listed.rows.map((c) => c.id).sort()).toEqual(content!.cases.map((c) => c.id).sort())
  })

  it('a restore failing part way leaves every case, its index and every table as they were', async () => {
    const [content, other] = fc.sample(withCases, { numRuns: 2, seed: 26 })
    const source = freshDb()
    await load(source, content!)
    const file = await readTransferFile(serializeTransferFile(await exportAll(source)))
    const target = freshDb()
    await load(target, other!)
    const before = await fingerprint(target)
    const indexBefore = await target.caseIndex.toArray()
    // the last table written fails, after the documents and their index were replaced in the transaction
    const fail = () => {
      throw new Error('disk full')
    }
    target.settings.hook('creating', fail)
    const error = await restoreSnapshot(target, file, { keepPreRestore: async () => {} }).catch((e: unknown) => e)
    target.settings.hook('creating').unsubscribe(fail)
    expect(error).toBeInstanceOf(TransferError)
    expect((error as TransferError).message).toContain('数据库保持原样')
    expect(await fingerprint(target)).toEqual(before)
    expect(await target.caseIndex.toArray()).toEqual(indexBefore)
    const listed = await listCases(target, {}, 0, 100)
    expect(listed.rows.map((c) => c.id).sort()).toEqual(other!.cases.map((c) => c.id).sort())
  })

  it('old keys that are not lists of short text are refused with a Chinese message', async () => {
    const [content] = fc.sample(withCases, { numRuns: 1, seed: 22 })
    const source = freshDb()
    await load(source, content)
    const bad = resealed(serializeTransferFile(await exportAll(source)), (file) => {
      file.tables.cases[0]!.searchTokens = 5
    })
    const target = freshDb()
    const error = await importFile(target, bad).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TransferError)
    expect((error as TransferError).message).toMatch(CHINESE)
    expect(await target.caseDocs.count()).toBe(0)
  })
})

describe('merging cases, parties and sessions into case documents', () => {
  it('a new party and session of a case stored here join its document, its summary and list entry follow', async () => {
    const [content] = fc.sample(withCases, { numRuns: 1, seed: 23 })
    const source = freshDb()
    await load(source, content)
    const caseId = content.cases[0]!.id
    const text = serializeTransferFile(await exportAll(source))
    const joined: Party = {
      id: crypto.randomUUID(),
      caseId,
      createdAt: '2026-11-22T00:00:00.000Z',
      updatedAt: '2026-11-22T00:00:00.000Z',
      role: '申请人',
      kind: 'person',
      name: '欧阳娜娜',
      order: -1,
      agents: [],
    }
    const session = {
      ...structuredClone(content.sessions[0] ?? {}),
      id: crypto.randomUUID(),
      caseId,
      kind: 'mediation',
      startedAt: '2026-11-22T01:00:00.000Z',
      place: '调解室',
      mediatorIds: [],
      present: '',
      statements: [],
      factsChecked: '',
      riskWarning: '',
      outcome: '',
      notes: '新记录',
      createdAt: '2026-11-22T00:00:00.000Z',
      updatedAt: '2026-11-22T00:00:00.000Z',
    }
    const withNew = resealed(text, (file) => {
      file.tables.parties.push(joined as unknown as Record<string, unknown>)
      file.tables.sessions.push(session)
    })
    const before = (await source.caseDocs.get(caseId))!
    const result = await importFile(source, withNew)
    expect(result.tables.parties.new).toBe(1)
    expect(result.tables.sessions.new).toBe(1)
    const after = (await source.caseDocs.get(caseId))!
    expect(partiesOf(after).map((p) => p.id)).toEqual([joined.id, ...partiesOf(before).map((p) => p.id)])
    expect(after.sessions.map((s) => s.id)).toEqual([...before.sessions.map((s) => s.id), session.id])
    expect(caseOf(after)).toEqual(withPartySummary(caseOf(after), after.parties))
    expect(after.partySummary).toContain('欧阳娜娜')
    const found = await listCases(source, { search: '欧阳娜娜' }, 0, 10)
    expect(found.rows.map((c) => c.id)).toEqual([caseId])
    // and the same file a second time changes nothing
    const fp = await fingerprint(source)
    expect((await importFile(source, withNew)).changed).toBe(false)
    expect(await fingerprint(source)).toEqual(fp)
  })

  it('a party whose case is neither in the file nor stored here is refused, nothing written', async () => {
    const [content] = fc.sample(withCases, { numRuns: 1, seed: 24 })
    const source = freshDb()
    await load(source, content)
    const orphan = resealed(serializeTransferFile(await exportAll(source)), (file) => {
      file.tables.parties.push({
        id: crypto.randomUUID(),
        caseId: crypto.randomUUID(),
        createdAt: '2026-11-22T00:00:00.000Z',
        updatedAt: '2026-11-22T00:00:00.000Z',
        role: '申请人',
        kind: 'person',
        name: '无案可归',
        order: 0,
        agents: [],
      })
    })
    const target = freshDb()
    const error = await importFile(target, orphan).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TransferError)
    expect((error as TransferError).message).toContain('所属的案件既不在文件中，也不在本机')
    expect(await target.caseDocs.count()).toBe(0)
    expect(await target.committees.count()).toBe(0)
  })
})

interface SchemaFixture {
  version: number
  stores: Record<string, string>
  tables: Record<string, Record<string, unknown>[]>
}

const v2 = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/schema-v2.json'), 'utf8')) as SchemaFixture

describe('the pre-upgrade backup of an older database', () => {
  it('exports a v2 database (cases, parties and sessions tables) completely, and it restores into documents', async () => {
    const indexedDB = new IDBFactory()
    const name = `v2-${crypto.randomUUID()}`
    const old = new Dexie(name, { indexedDB, IDBKeyRange })
    old.version(v2.version).stores(v2.stores)
    await old.open()
    await old.transaction('rw', old.tables, async () => {
      for (const [table, rows] of Object.entries(v2.tables)) await old.table(table).bulkAdd(rows)
    })
    old.close()

    const file = await readTransferFile(
      serializeTransferFile(await snapshotOfInstalled(name, { indexedDB, IDBKeyRange })),
    )
    for (const [table, rows] of Object.entries(v2.tables))
      expect(file.manifest.counts[table as keyof typeof file.manifest.counts]).toBe(rows.length)
    const strip = ({ searchTokens: _t, facets: _f, ...rest }: Record<string, unknown>) => rest
    expect(file.tables.cases).toEqual(v2.tables.cases!.map(strip))
    expect(file.tables.parties).toEqual(expect.arrayContaining(v2.tables.parties!))
    expect(file.tables.sessions).toEqual(v2.tables.sessions)
    // the database was left as it was: still version 2, never upgraded by the backup
    expect((await indexedDB.databases()).find((d) => d.name === name)?.version).toBe(v2.version * 10)

    const target = freshDb()
    await restoreSnapshot(target, file, { keepPreRestore: async () => {} })
    const listed = await listCases(target, {}, 0, 10)
    expect(listed.rows.map((c) => c.id)).toEqual(v2.tables.cases!.map((c) => c.id))
    const doc = (await target.caseDocs.get(String(v2.tables.cases![0]!.id)))!
    expect(doc.parties.map((p) => p.id).sort()).toEqual(v2.tables.parties!.map((p) => String(p.id)).sort())
  })

  it('exports a current database the same way as the app’s own export', async () => {
    const [content] = fc.sample(withCases, { numRuns: 1, seed: 25 })
    const indexedDB = new IDBFactory()
    const name = `v4-${crypto.randomUUID()}`
    const db = new MediationDb(name, { indexedDB, IDBKeyRange })
    await load(db, content)
    const own = await exportAll(db, { now: new Date(0) })
    db.close()
    const installed = await snapshotOfInstalled(name, { indexedDB, IDBKeyRange })
    expect(installed.tables).toEqual(own.tables)
  })
})
