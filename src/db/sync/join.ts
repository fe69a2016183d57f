/**
 * What joining a committee's server does to this PC's store, in the first round of every start of sync:
 * every stored case and record the server has not seen goes in the outbox, and the PC has joined from then
 * on, so that each later write is queued as it is made (outbox.ts, JOINED_ROW). Before it, writes keep no
 * outbox: this queue finds them.
 */
import type { MediationDb } from '../schema'
import { queueUnsyncedRecords } from './dexieRecords'
import { queueUnsyncedCases } from './dexieReplica'

/** Queues what the server has not seen and marks the PC joined; returns how many were queued. */
export async function joinServer(db: MediationDb): Promise<number> {
  return (await queueUnsyncedCases(db)) + (await queueUnsyncedRecords(db))
}
