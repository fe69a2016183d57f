/**
 * Cases taken in from the server are sealed ahead, as an intake's are (src/db/caseDocsAhead.ts): a pull's
 * batch transaction then runs no synchronous cipher for the case documents and their digests, so the
 * store's other readers (the case list) wait less while a first pull runs. The transaction still decides:
 * a case stored meanwhile is sealed there, with the same result.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { getCaseWithParties, listCases } from '../../../src/db/caseQueries'
import { sealBytes } from '../../../src/db/sealCipher'
import { DexieReplica } from '../../../src/db/sync/dexieReplica'
import type { CaseDocument } from '../../../src/domain/syncFields'
import { makeCase, makeParty } from '../domain/arbitraries'
import { freshDb } from '../db/helpers'

vi.mock('../../../src/db/sealCipher', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/db/sealCipher')>()
  return { ...real, sealBytes: vi.fn(real.sealBytes) }
})

const syncSeals = vi.mocked(sealBytes)
/** the tables the synchronous cipher sealed for, one entry per call */
const sealedTables = (): string[] =>
  syncSeals.mock.calls.map(([, context]) => new TextDecoder().decode(context).split('\u0000')[0]!)

let seq = 0
function pulled(n: number): CaseDocument[] {
  return Array.from({ length: n }, () => {
    const id = `pulled-${String(++seq).padStart(6, '0')}`
    const c = makeCase({ id, receivedOn: '2026-11-20', title: '宅基地纠纷', facts: '双方因宅基地边界发生争执。' })
    return { ...c, parties: [makeParty({ caseId: id, name: '司马翠萍' })], sessions: [] } as CaseDocument
  })
}

beforeEach(() => {
  syncSeals.mockClear()
})

describe('a batch taken in from the server', () => {
  it('stores new cases sealed ahead: no synchronous cipher for case documents or digests', async () => {
    const db = freshDb()
    const replica = new DexieReplica(db)
    const first = pulled(30)
    await replica.putMany(first.map((record, i) => ({ record, rev: `1-${i}`, dirty: false })))
    expect(sealedTables().filter((t) => t === 'caseDocs' || t === 'caseIndex')).toEqual([])
    const second = pulled(20)
    syncSeals.mockClear()
    await replica.putMany(second.map((record, i) => ({ record, rev: `1-${i}`, dirty: false })))
    expect(sealedTables().filter((t) => t === 'caseDocs' || t === 'caseIndex')).toEqual([])

    expect((await listCases(db, { search: '司马' })).rows).toHaveLength(50)
    expect((await getCaseWithParties(db, second[7]!.id))?.case.facts).toBe('双方因宅基地边界发生争执。')
    expect(await db.syncRevs.get(second[7]!.id)).toEqual({ id: second[7]!.id, rev: '1-7' })
    db.close()
  })

  it('a batch of cases new and already here: the new ones sealed ahead, the changed ones sealed in it, all stored', async () => {
    const db = freshDb()
    const replica = new DexieReplica(db)
    const before = pulled(6)
    await replica.putMany(before.map((record, i) => ({ record, rev: `1-${i}`, dirty: false })))
    const changed = before.slice(0, 3).map((c) => ({ ...c, title: '宅基地纠纷（另一台电脑改）' }))
    const mixed = [...changed, ...pulled(5)]
    syncSeals.mockClear()
    await replica.putMany(mixed.map((record, i) => ({ record, rev: `2-${i}`, dirty: false })))
    // the three changed documents only (their digests' batch too): the five new ones came sealed
    expect(sealedTables().filter((t) => t === 'caseDocs')).toHaveLength(3)
    for (const c of mixed) expect((await getCaseWithParties(db, c.id))?.case.title).toBe(c.title)
    expect((await listCases(db, { search: '司马' })).rows).toHaveLength(11)
    db.close()
  })
})
