/**
 * Replacing several cases at once (src/db/caseDocs.ts `putCaseDocs`, what a batch taken from the sync server
 * writes): the stored index is then exactly the one a store that received the final documents one by one
 * holds, each changed digest batch is written once under one new revision, and a case the index does not
 * know fails the whole write.
 */
import { describe, expect, it } from 'vitest'
import { addCaseDocs, caseDocTables, putCaseDoc, putCaseDocs } from '../../../src/db/caseDocs'
import { SHARD_SIZE, isMeta, type CaseDoc, type NewCaseDoc } from '../../../src/db/records'
import type { MediationDb } from '../../../src/db/schema'
import { makeCase, makeParty } from '../domain/arbitraries'
import { freshDb } from './helpers'

function docs(n: number): NewCaseDoc[] {
  return Array.from({ length: n }, (_, i) => {
    const id = `put-${String(i).padStart(5, '0')}`
    const c = makeCase({ id, receivedOn: '2026-11-20', title: `相邻纠纷${i}`, facts: '双方因通道发生争执。' })
    return { ...c, parties: [makeParty({ caseId: id, name: '欧阳珺喆' })], sessions: [] }
  })
}

async function stored(db: MediationDb): Promise<{ docs: CaseDoc[]; index: unknown[] }> {
  const [all, index] = await Promise.all([db.caseDocs.toArray(), db.caseIndex.toArray()])
  return { docs: all, index: index.filter((r) => !isMeta(r)) }
}

const write = <T>(db: MediationDb, f: () => Promise<T>): Promise<T> => db.transaction('rw', caseDocTables(db), f)

describe('putCaseDocs', () => {
  const initial = docs(SHARD_SIZE + 20)
  // a title changed in the first batch and in the second (the digest changes), a note-like change (only the
  // document changes: sessions are not in the digest)
  const changes = (saved: CaseDoc[]): CaseDoc[] => [
    { ...saved[3]!, title: '改过的标题甲' },
    { ...saved[SHARD_SIZE + 5]!, title: '改过的标题乙' },
    { ...saved[7]!, title: '改过的标题丙' },
    {
      ...saved[9]!,
      sessions: [{ id: 's1', caseId: saved[9]!.id, startedAt: '2026-11-21T02:00:00.000Z' } as never],
    },
  ]

  it('stores what one-by-one writes store, each changed batch once, under one new revision', async () => {
    const batch = freshDb()
    const single = freshDb()
    const savedBatch = await write(batch, () => addCaseDocs(batch, initial))
    const savedSingle = await write(single, () => addCaseDocs(single, initial))
    const revBefore = (await batch.caseIndex.toArray()).find(isMeta)!.rev

    await write(batch, () => putCaseDocs(batch, changes(savedBatch)))
    for (const doc of changes(savedSingle)) await write(single, () => putCaseDoc(single, doc))

    expect(await stored(batch)).toEqual(await stored(single))
    const meta = (await batch.caseIndex.toArray()).find(isMeta)!
    expect(meta.rev).toBe(revBefore + 1)
    // the two batches with a changed digest are marked changed at the new revision; no other
    expect(
      Object.entries(meta.revs)
        .filter(([, rev]) => rev === meta.rev)
        .map(([id]) => id),
    ).toEqual([savedBatch[3]!.shard, savedBatch[SHARD_SIZE + 5]!.shard])
  })

  it('fails the whole write for a case its batch does not hold, and nothing is stored', async () => {
    const db = freshDb()
    const saved = await write(db, () => addCaseDocs(db, initial))
    const before = await stored(db)
    const stray = { ...saved[1]!, id: 'not-in-the-index', title: '不存在' }
    await expect(write(db, () => putCaseDocs(db, [{ ...saved[0]!, title: '先改的' }, stray]))).rejects.toThrow(
      '案件索引与案件不一致',
    )
    expect(await stored(db)).toEqual(before)
  })
})
