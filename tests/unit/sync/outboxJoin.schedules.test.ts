/**
 * The outbox kept only once a PC has joined a server (src/db/sync/outbox.ts, join.ts), over random
 * schedules of case writes, joins, rounds that send what the outbox holds, and sharing switched off and on.
 * Held to a plain model of the PC: a case changed since the server last took it must go up in the next
 * round, so once the PC has joined it is in the outbox (a round after the first sends only the outbox),
 * and before that the join of the first round finds it.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { MediationDb } from '../../../src/db/schema'
import { createCase, updateCase } from '../../../src/db/casesRepo'
import { joinServer } from '../../../src/db/sync/join'
import { intake, setUpCommittee } from '../db/caseFixtures'

type Step =
  | { kind: 'create' }
  | { kind: 'edit'; which: number }
  | { kind: 'join' }
  /** a round after the first: the server takes what the outbox holds, nothing else */
  | { kind: 'round' }
  /** sharing switched off, then on again later: nothing of this PC's store changes */
  | { kind: 'pause' }

const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'create' as const }), weight: 3 },
  { arbitrary: fc.nat(20).map((which) => ({ kind: 'edit' as const, which })), weight: 4 },
  { arbitrary: fc.constant({ kind: 'join' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'round' as const }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'pause' as const }), weight: 1 },
)

let runs = 0

/** What a push leaves in this PC's store for the cases it sent: their revisions, no outbox row. */
async function serverTakesOutbox(db: MediationDb): Promise<string[]> {
  return db.transaction('rw', [db.syncOutbox, db.syncRevs], async () => {
    const ids = (await db.syncOutbox.toCollection().primaryKeys()).filter((id) => !id.includes(':'))
    await db.syncRevs.bulkPut(ids.map((id) => ({ id, rev: `${runs}-${id.slice(0, 6)}` })))
    await db.syncOutbox.bulkDelete(ids)
    return ids
  })
}

describe('the outbox over random schedules of writes, joins and rounds', () => {
  it('a case changed since the server took it is in the outbox once the PC has joined, or found by the join', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        const db = new MediationDb(`outbox-schedule-${runs++}`, { indexedDB: new IDBFactory(), IDBKeyRange })
        const { committee, roomId } = await setUpCommittee(db)
        // the model: every case, and the ones changed since the server last took them
        const cases: string[] = []
        const titles = new Map<string, string>()
        const changed = new Set<string>()
        let joined = false
        for (const s of steps) {
          if (s.kind === 'create') {
            const c = await createCase(db, intake(roomId), committee, '测试')
            cases.push(c.id)
            titles.set(c.id, c.title)
            changed.add(c.id)
          } else if (s.kind === 'edit' && cases.length > 0) {
            const id = cases[s.which % cases.length]!
            const title = `改${s.which}`
            await updateCase(db, id, { title }, '测试')
            // the title it already had is no change: nothing is written, nothing is to go up
            if (titles.get(id) !== title) changed.add(id)
            titles.set(id, title)
          } else if (s.kind === 'join') {
            await joinServer(db)
            joined = true
          } else if (s.kind === 'round' && joined) {
            for (const id of await serverTakesOutbox(db)) changed.delete(id)
          }
          const queued = new Set(await db.syncOutbox.toCollection().primaryKeys())
          if (joined) for (const id of changed) expect(queued.has(id), `changed case ${id} not queued`).toBe(true)
          // a PC that has never joined writes no outbox row at all
          else expect(queued.size).toBe(0)
        }
        // sharing (again): the first round's join queues whatever is still to go up
        await joinServer(db)
        const queued = new Set(await db.syncOutbox.toCollection().primaryKeys())
        for (const id of changed) expect(queued.has(id)).toBe(true)
        db.close()
      }),
      { numRuns: 60 },
    )
  }, 120_000)
})
