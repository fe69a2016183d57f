/**
 * What a push the server took leaves behind, for cases and the other shared records alike: the server's
 * revision of each is recorded, and its outbox row removed only if the record stored now still equals
 * what was sent. One transaction over the records' own tables, `syncRevs` and `syncOutbox`, and no record
 * written: an edit lands before or after it, never in between, and is never undone by it.
 */
import type { Table } from 'dexie'
import { canonicalJson } from '../../domain/canonical'
import type { MediationDb } from '../schema'
import type { SyncRevRow } from './outbox'

export interface PushTaken {
  /** the record's outbox id (and `syncRevs` id) */
  id: string
  /** the server's new revision */
  rev: string
  /** the record as it was sent */
  sent: unknown
}

/**
 * Records the revisions of `taken`; `storedNow` reads the records as stored now (undefined when gone:
 * a record removed meanwhile has no revision to keep), as comparable to what was sent. Returns each
 * record's outbox mark after it, '' when it left the outbox, for the store's next comparison.
 */
export async function confirmPushedIn(
  db: MediationDb,
  tables: readonly Table[],
  taken: readonly PushTaken[],
  storedNow: () => Promise<readonly unknown[]>,
): Promise<Map<string, string>> {
  if (!taken.length) return new Map()
  const ids = taken.map((t) => t.id)
  // the records' tables are in the transaction so that no edit lands between the comparison and the writes
  return db.transaction('rw', [...tables, db.syncRevs, db.syncOutbox], async () => {
    const [now, queued] = await Promise.all([storedNow(), db.syncOutbox.bulkGet(ids)])
    const revs: SyncRevRow[] = []
    const settled = new Set<string>()
    for (const [i, { id, rev, sent }] of taken.entries()) {
      if (now[i] === undefined) continue
      revs.push({ id, rev })
      if (queued[i] && canonicalJson(now[i]) === canonicalJson(sent)) settled.add(id)
    }
    await db.syncRevs.bulkPut(revs)
    await db.syncOutbox.bulkDelete([...settled])
    return new Map(ids.map((id, i) => [id, settled.has(id) ? '' : (queued[i]?.mark ?? '')]))
  })
}
