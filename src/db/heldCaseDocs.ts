/**
 * The cases this window read or wrote lately, opened and held (at most HELD_LIMIT), so that a page of the
 * case list can be shown while this window's own write of cases runs without waiting for it (see
 * src/db/caseWrites.ts): each held case is as this window last read it or committed it. When no such write
 * runs, cases are read from the store, as before, and what is held is refreshed with them.
 */
import type { MediationDb } from './schema'
import type { CaseDoc } from './records'
import { bulkGetOpened } from './sealedReads'
import { caseWriteRunning, onCaseWrite, type CommittedCaseWrite } from './caseWrites'

/**
 * Cases held per database: the first pages of a few hundred lists and the last sync batches. About 4.5 KB
 * each (27 MB for 6,000 of the bench's generated cases, measured in Node); with 3,000 the bench's 648 queries
 * during a pull still waited for a read one time in ten (tests/bench/RESULTS.md, session 24).
 */
export const HELD_LIMIT = 6000

interface Held {
  /** by id, least recently used first (a Map keeps insertion order) */
  docs: Map<string, CaseDoc>
  /** raised by every write this window commits: a read that spans one is not held (it may be older) */
  commits: number
}

const helds = new WeakMap<MediationDb, Held>()

function heldOf(db: MediationDb): Held {
  let held = helds.get(db)
  if (!held) {
    const fresh: Held = { docs: new Map(), commits: 0 }
    onCaseWrite(db, (write) => followWrite(fresh, write))
    helds.set(db, fresh)
    held = fresh
  }
  return held
}

function keep(held: Held, doc: CaseDoc): void {
  held.docs.delete(doc.id)
  held.docs.set(doc.id, structuredClone(doc))
  if (held.docs.size > HELD_LIMIT) held.docs.delete(held.docs.keys().next().value!)
}

function followWrite(held: Held, write: CommittedCaseWrite | undefined): void {
  held.commits++
  if (!write || write.rebuilt) held.docs.clear()
  else for (const doc of write.docs) keep(held, doc)
}

/**
 * The stored cases with these ids, in the order asked (ids not stored are left out). While this window's
 * own write of cases runs, the held ones are not read again.
 */
export async function readCaseDocs(db: MediationDb, ids: readonly string[]): Promise<CaseDoc[]> {
  const held = heldOf(db)
  const found = new Map<string, CaseDoc>()
  if (caseWriteRunning(db))
    for (const id of ids) {
      const doc = held.docs.get(id)
      if (doc) found.set(id, structuredClone(doc))
    }
  const missing = ids.filter((id) => !found.has(id))
  if (missing.length > 0) {
    const commits = held.commits
    const read = (await bulkGetOpened(db, db.caseDocs, missing)).filter((d): d is CaseDoc => d !== undefined)
    for (const doc of read) {
      found.set(doc.id, doc)
      if (held.commits === commits) keep(held, doc)
    }
  }
  return ids.map((id) => found.get(id)).filter((d): d is CaseDoc => d !== undefined)
}
