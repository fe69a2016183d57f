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
import { OWN_COMMITTEE_SETTING } from '../settingsRepo'
import { SYNC_ACTOR } from './dexieReplica'
import type { RosterStore, RosterTake, RosterType } from './rosterReplication'

const sameAs = (a: RosterRecord | undefined, b: RosterRecord | undefined): boolean =>
  (a === undefined ? '' : canonicalJson(a)) === (b === undefined ? '' : canonicalJson(b))

/** This PC's rooms and mediators in a few bytes (compared with what the last pass left). */
export async function localRosterFingerprint(db: MediationDb): Promise<string> {
  const [committees, rooms, mediators] = await Promise.all([
    db.committees.toArray(),
    db.rooms.toArray(),
    db.mediators.toArray(),
  ])
  return rosterFingerprint([...committees, ...rooms, ...mediators])
}

async function ownCommitteeId(db: MediationDb): Promise<string | undefined> {
  const value = (await db.settings.get(OWN_COMMITTEE_SETTING))?.value
  return typeof value === 'string' ? value : undefined
}

export function dexieRoster(db: MediationDb): RosterStore {
  // one table type for both: the records are put as they came, whichever kind they are
  const tableOf = (type: RosterType): Table<RosterRecord, string> =>
    ({ committee: db.committees, room: db.rooms, mediator: db.mediators })[type] as unknown as Table<
      RosterRecord,
      string
    >
  return {
    async list(type) {
      const all = await tableOf(type).toArray()
      if (type !== 'committee') return all
      // only this PC's own committee is the committee's to share (another one came with an imported case)
      const own = await ownCommitteeId(db)
      return all.filter((c) => c.id === own)
    },
    async take(type: RosterType, takes: readonly RosterTake[]) {
      const own = type === 'committee' ? await ownCommitteeId(db) : undefined
      const wanted = type === 'committee' ? takes.filter((t) => own !== undefined && t.next.id === own) : takes
      if (!wanted.length) return []
      const table = tableOf(type)
      return db.transaction('rw', [table, db.audit], async () => {
        const stored = await table.bulkGet(wanted.map((t) => t.next.id))
        const kept = wanted.filter((t, i) => sameAs(stored[i], t.before))
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
    async restamp(type: RosterType, restamps: readonly RosterTake[]) {
      if (!restamps.length) return []
      const table = tableOf(type)
      // no audit entry: only the time of the change is corrected, the change itself was logged when made
      return db.transaction('rw', table, async () => {
        const stored = await table.bulkGet(restamps.map((t) => t.next.id))
        const kept = restamps.filter((t, i) => sameAs(stored[i], t.before))
        await table.bulkPut(kept.map((t) => t.next))
        return kept.map((t) => t.next)
      })
    },
  }
}
