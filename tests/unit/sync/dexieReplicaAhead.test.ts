/**
 * A pull's batch of new cases sealed ahead (src/db/sync/dexieReplica.ts `write`, src/db/caseDocsAhead.ts):
 * the cases and their digest batches are stored from seals made with WebCrypto before the transaction, so
 * the synchronous cipher (counted here, per table) does not run for them inside it; when a case is added
 * here between the guess and the transaction, the transaction seals what differs itself and every case
 * is still stored, listed and readable.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createCase } from '../../../src/db/casesRepo'
import { caseDigests } from '../../../src/db/caseIndex'
import { getCaseWithParties } from '../../../src/db/caseQueries'
import { sealBytes } from '../../../src/db/sealCipher'
import { bulkGetOpened } from '../../../src/db/sealedReads'
import { DexieReplica } from '../../../src/db/sync/dexieReplica'
import type { LocalCase } from '../../../src/db/sync/caseReplication'
import type { MediationDb } from '../../../src/db/schema'
import { makeCase, makeParty } from '../domain/arbitraries'
import { freshDb } from '../db/helpers'
import { intake, person, setUpCommittee } from '../db/caseFixtures'

vi.mock('../../../src/db/sealCipher', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/db/sealCipher')>()
  return { ...real, sealBytes: vi.fn(real.sealBytes) }
})

vi.mock('../../../src/db/sealedReads', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/db/sealedReads')>()
  return { ...real, bulkGetOpened: vi.fn(real.bulkGetOpened) }
})

const syncSeals = vi.mocked(sealBytes)
const decoder = new TextDecoder()

/** The tables the synchronous cipher sealed a value of since the last clear (the context names the table). */
function tablesSealedInTransaction(): string[] {
  return syncSeals.mock.calls.map(([, context]) => decoder.decode(context).split('\u0000')[0]!)
}

let seq = 0
/** Cases as the server sends them (a pull: with a revision, not changed here). */
function pulled(n: number): LocalCase[] {
  return Array.from({ length: n }, () => {
    const id = `pulled-${String(++seq).padStart(6, '0')}`
    const c = makeCase({ id, receivedOn: '2026-11-20', title: '相邻纠纷', facts: `双方因通道发生争执（${id}）。` })
    return {
      record: { ...c, parties: [makeParty({ caseId: id, name: '欧阳珺喆' })], sessions: [] },
      rev: '1-abc',
      dirty: false,
    }
  })
}

async function pull(replica: DexieReplica, batch: LocalCase[]): Promise<void> {
  // as a round does: read what is stored (the marks it compares), then write the batch
  await replica.getMany(batch.map((l) => l.record.id))
  await replica.putMany(batch)
}

async function expectStored(db: MediationDb, batch: readonly LocalCase[]): Promise<void> {
  const listed = new Set((await caseDigests(db)).map((d) => d.id))
  for (const { record } of batch) {
    expect(listed.has(record.id)).toBe(true)
    const read = await getCaseWithParties(db, record.id)
    expect(read?.case.facts).toBe(record.facts)
    expect(read?.parties.map((p) => p.name)).toEqual(['欧阳珺喆'])
    expect((await db.syncRevs.get(record.id))?.rev).toBe('1-abc')
  }
}

beforeEach(() => {
  syncSeals.mockClear()
})

describe('a pull batch of new cases', () => {
  it('is stored from seals made ahead: the synchronous cipher seals no case or digest batch', async () => {
    const db = freshDb()
    const { committee, roomId } = await setUpCommittee(db)
    await createCase(db, intake(roomId, { parties: [person('王建国', '申请人')] }), committee, '测试')
    const replica = new DexieReplica(db)
    const first = pulled(30)
    await pull(replica, first)
    const batch = pulled(120)
    syncSeals.mockClear()
    await pull(replica, batch)
    const sealedHere = tablesSealedInTransaction()
    expect(sealedHere.filter((t) => t === 'caseDocs')).toEqual([])
    expect(sealedHere.filter((t) => t === 'caseIndex')).toEqual([])
    await expectStored(db, [...first, ...batch])
    expect((await caseDigests(db)).filter((d) => d.id.startsWith('pulled-'))).toHaveLength(150)
    db.close()
  })

  it('mixed with cases already stored, replaces them from seals made ahead too, digests followed', async () => {
    const db = freshDb()
    await setUpCommittee(db)
    const replica = new DexieReplica(db)
    const [kept, retitled] = pulled(2)
    await pull(replica, [kept!, retitled!])
    // one changes outside its digest, the other its title (its digest batch is rewritten)
    const facts: LocalCase = { ...kept!, record: { ...kept!.record, facts: '对方改过的事实。' }, rev: '2-def' }
    const title: LocalCase = { ...retitled!, record: { ...retitled!.record, title: '宅基地纠纷' }, rev: '2-def' }
    const batch = [...pulled(5), facts, ...pulled(5), title]
    syncSeals.mockClear()
    await pull(replica, batch)
    expect(tablesSealedInTransaction().filter((t) => t === 'caseDocs')).toEqual([])
    expect((await getCaseWithParties(db, kept!.record.id))?.case.facts).toBe('对方改过的事实。')
    expect((await getCaseWithParties(db, retitled!.record.id))?.case.title).toBe('宅基地纠纷')
    const digests = await caseDigests(db)
    expect(digests.find((d) => d.id === retitled!.record.id)?.title).toBe('宅基地纠纷')
    expect(digests).toHaveLength(12)
    await expectStored(
      db,
      batch.filter((l) => l !== facts && l !== title),
    )
    db.close()
  })

  it('guessed wrong (a case added here between the read and the transaction): every case stored and readable', async () => {
    const db = freshDb()
    await setUpCommittee(db)
    const replica = new DexieReplica(db)
    await pull(replica, pulled(3))
    const batch = pulled(20)
    await replica.getMany(batch.map((l) => l.record.id))
    // the guess is read (bulkGetOpened, outside the transaction): the case stored right after that read, as
    // another window's write (or this window's) would land between it and the transaction
    const reads = vi.mocked(bulkGetOpened)
    const realRead = reads.getMockImplementation()!
    reads.mockImplementationOnce(async (...args) => {
      const read = await realRead(...args)
      // the write landing after the read: one of the batch's cases, as the server sent it
      await replica.putMany([batch[7]!])
      return read
    })
    syncSeals.mockClear()
    await replica.putMany(batch)
    expect(reads).toHaveBeenCalled()
    // the transaction's own list differs from the guess: the kept plan is not taken, and the index it
    // writes (another batch position, another revision) is sealed there, as before
    expect(tablesSealedInTransaction().filter((t) => t === 'caseIndex').length).toBeGreaterThan(0)
    await expectStored(db, batch)
    expect((await caseDigests(db)).filter((d) => d.id === batch[7]!.record.id)).toHaveLength(1)
    db.close()
  })
})
