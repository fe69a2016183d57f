/**
 * Rooms and mediators as the roster replication (rosterReplication.ts) sees this PC's store. A version
 * taken from the server is written with its audit entry ('sync-pull' by 同步) in one transaction, and only
 * over the copy the decision was made against: an edit made here meanwhile stands until the next pass.
 */
import type { Table } from 'dexie'
import { canonicalJson } from '../../domain/canonical'
import { differingFields } from '../../domain/conflicts'
import { rosterFingerprint, type RosterRecord } from '../../domain/laterChange'
import { appendAudit } from '../audit'
import type { MediationDb } from '../schema'
import { SYNC_ACTOR } from './dexieReplica'
import type { RosterStore, RosterTake, RosterType } from './rosterReplication'

const sameAs = (a: RosterRecord | undefined, b: RosterRecord | undefined): boolean =>
  (a === undefined ? '' : canonicalJson(a)) === (b === undefined ? '' : canonicalJson(b))

/** This PC's rooms and mediators in a few bytes (compared with what the last pass left). */
export async function localRosterFingerprint(db: MediationDb): Promise<string> {
  const [rooms, mediators] = await Promise.all([db.rooms.toArray(), db.mediators.toArray()])
  return rosterFingerprint([...rooms, ...mediators])
}

export function dexieRoster(db: MediationDb): RosterStore {
  // one table type for both: the records are put as they came, whichever kind they are
  const tableOf = (type: RosterType): Table<RosterRecord, string> =>
    (type === 'room' ? db.rooms : db.mediators) as unknown as Table<RosterRecord, string>
  return {
    async list(type) {
      return tableOf(type).toArray()
    },
    async take(type: RosterType, takes: readonly RosterTake[]) {
      if (!takes.length) return []
      const table = tableOf(type)
      return db.transaction('rw', [table, db.audit], async () => {
        const stored = await table.bulkGet(takes.map((t) => t.next.id))
        const kept = takes.filter((t, i) => sameAs(stored[i], t.before))
        await table.bulkPut(kept.map((t) => t.next))
        for (const t of kept) {
          await appendAudit(db, {
            actor: SYNC_ACTOR,
            action: 'sync-pull',
            entity: type,
            entityId: t.next.id,
            fields: differingFields(t.before ?? {}, t.next),
          })
        }
        return kept.map((t) => t.next)
      })
    },
  }
}
