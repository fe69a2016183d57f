/**
 * Case writes sealed ahead (src/db/caseDocsAhead.ts): adding cases and restoring a snapshot store what
 * was sealed with WebCrypto before the transaction, so the synchronous cipher (counted here) does not run
 * for the documents and digest batches; when the store changed in between, the transaction seals itself
 * and the result is the same.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { addCaseDocs, caseDocTables } from '../../../src/db/caseDocs'
import { addingCaseDocs } from '../../../src/db/caseDocsAhead'
import { createCase } from '../../../src/db/casesRepo'
import { caseDigests } from '../../../src/db/caseIndex'
import { getCaseWithParties, listCases } from '../../../src/db/caseQueries'
import { atomically } from '../../../src/db/atomic'
import { restoreSnapshot, takeSnapshot } from '../../../src/db/snapshot'
import { SHARD_SIZE, type NewCaseDoc } from '../../../src/db/records'
import { openBytes, sealBytes } from '../../../src/db/sealCipher'
import { makeCase, makeParty } from '../domain/arbitraries'
import { freshDb } from './helpers'
import { intake, person, setUpCommittee } from './caseFixtures'

vi.mock('../../../src/db/sealCipher', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/db/sealCipher')>()
  return { ...real, sealBytes: vi.fn(real.sealBytes), openBytes: vi.fn(real.openBytes) }
})

const syncSeals = vi.mocked(sealBytes)
const syncOpens = vi.mocked(openBytes)

let seq = 0
function docs(n: number): NewCaseDoc[] {
  return Array.from({ length: n }, () => {
    const id = `ahead-${String(++seq).padStart(6, '0')}`
    const c = makeCase({ id, receivedOn: '2026-11-20', title: '相邻纠纷', facts: '双方因通道发生争执。' })
    return { ...c, parties: [makeParty({ caseId: id, name: '欧阳珺喆' })], sessions: [] }
  })
}

// (a hook that returns a function has it called as its cleanup: hence the braces)
beforeEach(() => {
  syncSeals.mockClear()
  syncOpens.mockClear()
})

describe('case writes sealed ahead', () => {
  it('registers a case without the synchronous cipher, and reads it back', async () => {
    const db = freshDb()
    const { committee, roomId } = await setUpCommittee(db)
    syncSeals.mockClear()
    const c = await createCase(db, intake(roomId, { parties: [person('欧阳珺喆', '申请人')] }), committee, '测试')
    expect(syncSeals).not.toHaveBeenCalled()
    expect((await getCaseWithParties(db, c.id))?.parties.map((p) => p.name)).toEqual(['欧阳珺喆'])
    expect((await listCases(db, { search: '欧阳' })).rows.map((r) => r.id)).toEqual([c.id])
    db.close()
  })

  it('adds batches of cases across digest batches without it, onto a store that holds some', async () => {
    const db = freshDb()
    const write = (batch: NewCaseDoc[]) =>
      addingCaseDocs(db, batch, () => db.transaction('rw', caseDocTables(db), () => addCaseDocs(db, batch)))
    const first = docs(SHARD_SIZE - 3)
    const second = docs(SHARD_SIZE + 10)
    await write(first)
    syncSeals.mockClear()
    syncOpens.mockClear()
    await write(second)
    expect(syncSeals).not.toHaveBeenCalled()
    // what the transaction reads back (meta, the open batch, 工作台's head) is what this window sealed last
    expect(syncOpens).not.toHaveBeenCalled()
    expect((await caseDigests(db)).map((d) => d.id).sort()).toEqual([...first, ...second].map((d) => d.id).sort())
    db.close()
  })

  it('plans and seals a batch while the one before it is still written, from what that one will store', async () => {
    const db = freshDb()
    const write = (batch: NewCaseDoc[]) =>
      addingCaseDocs(db, batch, () => db.transaction('rw', caseDocTables(db), () => addCaseDocs(db, batch)))
    await write(docs(2))
    syncSeals.mockClear()
    // a load: each batch started before the last has ended, across digest batches, all due on the same days
    const batches = [docs(SHARD_SIZE - 1), docs(3), docs(SHARD_SIZE + 2)]
    syncOpens.mockClear()
    await Promise.all(batches.map(write))
    expect(syncSeals).not.toHaveBeenCalled()
    // what each transaction reads back (meta, the open batch, 工作台's head) is what this window sealed last
    expect(syncOpens).not.toHaveBeenCalled()
    const ids = batches.flat().map((d) => d.id)
    expect(
      (await caseDigests(db))
        .map((d) => d.id)
        .filter((id) => ids.includes(id))
        .sort(),
    ).toEqual([...ids].sort())
    db.close()
  })

  it('seals in the transaction what another write changed in between, with the same result', async () => {
    const db = freshDb()
    const planned = docs(3)
    const between = docs(2)
    await addingCaseDocs(db, planned, async () => {
      // another window adds cases after the seals were made: the index batch and its meta differ now
      await db.transaction('rw', caseDocTables(db), () => addCaseDocs(db, between))
      syncSeals.mockClear()
      return db.transaction('rw', caseDocTables(db), () => addCaseDocs(db, planned))
    })
    expect(syncSeals).toHaveBeenCalled()
    expect((await caseDigests(db)).map((d) => d.id).sort()).toEqual([...planned, ...between].map((d) => d.id).sort())
    for (const d of planned) expect((await getCaseWithParties(db, d.id))?.case.facts).toBe(d.facts)
    db.close()
  })

  it('after its own last add, starts from the index it left only while nothing else wrote', async () => {
    const db = freshDb()
    const add = (batch: NewCaseDoc[]) =>
      addingCaseDocs(db, batch, () => db.transaction('rw', caseDocTables(db), () => addCaseDocs(db, batch)))
    const first = docs(3)
    const between = docs(2)
    const last = docs(4)
    await add(first)
    // another window adds cases: the index this window's last add left is not the stored one any more
    await db.transaction('rw', caseDocTables(db), () => addCaseDocs(db, between))
    await add(last)
    const stored = (await caseDigests(db)).map((d) => d.id).sort()
    expect(stored).toEqual([...first, ...between, ...last].map((d) => d.id).sort())
    syncSeals.mockClear()
    const next = docs(2)
    await add(next)
    expect(syncSeals).not.toHaveBeenCalled()
    expect((await caseDigests(db)).map((d) => d.id).sort()).toEqual([...stored, ...next.map((d) => d.id)].sort())
    db.close()
  })

  it('inside another transaction, writes at once (nothing is awaited there but IndexedDB)', async () => {
    const db = freshDb()
    const { committee, roomId } = await setUpCommittee(db)
    const c = await atomically(db, () => createCase(db, intake(roomId), committee, '测试'))
    expect((await getCaseWithParties(db, c.id))?.case.title).toBe(c.title)
    db.close()
  })

  it('restores a snapshot with its cases and records sealed ahead', async () => {
    const source = freshDb()
    const { committee, roomId } = await setUpCommittee(source)
    for (let i = 0; i < 3; i++) await createCase(source, intake(roomId), committee, '测试')
    const snapshot = await takeSnapshot(source)
    source.close()

    const db = freshDb()
    await setUpCommittee(db)
    syncSeals.mockClear()
    await restoreSnapshot(db, snapshot, { keepPreRestore: async () => undefined })
    // (this PC has no lock rows, the only ones read inside the transaction and sealed there)
    expect(syncSeals).not.toHaveBeenCalled()
    expect((await listCases(db, {})).rows).toHaveLength(3)
    db.close()
  })
})

describe('a backup', () => {
  it('opens the records after its read, with WebCrypto, and holds them all', async () => {
    const db = freshDb()
    const { committee, roomId } = await setUpCommittee(db)
    const c = await createCase(db, intake(roomId, { parties: [person('欧阳珺喆', '申请人')] }), committee, '测试')
    syncOpens.mockClear()
    const snapshot = await takeSnapshot(db)
    expect(syncOpens).not.toHaveBeenCalled()
    expect(snapshot.tables.cases.map((r) => r.id)).toEqual([c.id])
    expect(snapshot.tables.parties.map((p) => p.name)).toEqual(['欧阳珺喆'])
    expect(snapshot.tables.rooms.map((r) => r.id)).toEqual([roomId])
    db.close()
  })
})
