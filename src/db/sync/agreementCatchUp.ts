/**
 * Agreements this PC may have passed over while it ran a version before the keyed digest (seal.ts): that
 * version cannot open an agreement a newer PC pushed (its clear fields differ), says 该条未导入 and moves
 * its checkpoint on, so the agreement would stay missing here until it changed on the server again. Once,
 * after the upgrade, every agreement on the server is read again and taken in as a pull would take it
 * (pullRecords: one already here at that revision is left alone).
 *
 * A PC that has never pulled has nothing to catch up: its first pull reads everything.
 */
import type { MediationDb } from '../schema'
import { couchJson, type RemoteDb } from './couchHttp'
import { CHECKPOINT_SETTING } from './dexieReplica'
import { emptyRecordsResult, pullRecords, type RecordStore, type RecordsResult } from './recordReplication'
import type { CommitteeKey, ServerDoc } from './seal'

/** Set once the agreements have been read again (its value: when). */
export const AGREEMENT_CATCH_UP_SETTING = 'sync.agreementsReadUnderDigest'

const PAGE = 200
const FIRST = 'agreement:'
/** after every agreement id (ids are ASCII) */
const LAST = 'agreement:\uffff'

/** Whether this PC still has to read the agreements again; a PC that never pulled is marked done. */
export async function agreementCatchUpDue(db: MediationDb, now = new Date()): Promise<boolean> {
  if (await db.settings.get(AGREEMENT_CATCH_UP_SETTING)) return false
  if (await db.settings.get(CHECKPOINT_SETTING)) return true
  await markCaughtUp(db, now)
  return false
}

async function markCaughtUp(db: MediationDb, now: Date): Promise<void> {
  const at = now.toISOString()
  await db.settings.put({ key: AGREEMENT_CATCH_UP_SETTING, value: at, updatedAt: at })
}

/** Every agreement on the server, a page at a time, taken in as the feed would; then marked done. */
export async function catchUpAgreements(
  db: MediationDb,
  remote: RemoteDb,
  store: RecordStore,
  key: CommitteeKey,
  { now = new Date(), pageSize = PAGE }: { now?: Date; pageSize?: number } = {},
): Promise<RecordsResult> {
  const result = emptyRecordsResult()
  let after: string | undefined
  for (;;) {
    const range = after === undefined ? `startkey=${q(FIRST)}` : `startkey=${q(after)}&skip=1`
    const page = (await couchJson(
      remote,
      'GET',
      `${remote.url}/_all_docs?include_docs=true&limit=${pageSize}&${range}&endkey=${q(LAST)}`,
    )) as { rows?: unknown } | null
    // a server that answers out of shape, out of range or without moving on ends the reading (no endless loop)
    const rows = (Array.isArray(page?.rows) ? page.rows : []) as { id?: unknown; doc?: ServerDoc }[]
    const fresh = rows.filter(
      (row) => typeof row.id === 'string' && row.id.startsWith(FIRST) && (after === undefined || row.id > after),
    )
    const docs = fresh.flatMap((row) => (row.doc && row.doc._id === row.id ? [row.doc] : []))
    if (docs.length) await pullRecords(store, key, docs, result)
    const last = fresh.at(-1)?.id as string | undefined
    if (rows.length < pageSize || last === undefined || last === after) break
    after = last
  }
  await markCaughtUp(db, now)
  return result
}

function q(id: string): string {
  return encodeURIComponent(JSON.stringify(id))
}
