/**
 * The cases this window read or wrote lately, held (HELD_SHOWN and HELD_WRITTEN), so that a page of the case list can
 * be shown while this window's own write of cases runs without waiting for it (see src/db/caseWrites.ts):
 * each held case is as this window last read it or committed it. When no such write runs, cases are read
 * from the store, as before, and what is held is refreshed with them.
 *
 * A case read is held as read (sealed: its bytes, opened again with WebCrypto when served), so that holding
 * it costs an idle read nothing; a case written is held as a copy of what was written.
 */
import type { MediationDb } from './schema'
import type { CaseDoc } from './records'
import { openStored, readStored } from './sealedReads'
import { isSealed } from './sealedRecords'
import { answerFromHeld, onCaseWrite } from './caseWrites'
import type { CommittedCaseWrite } from './caseWritesWatch'

/**
 * Cases held per database, about 4.6 KB each as stored (~28 MB in all when full, for the bench's generated
 * cases): those lists showed, the first pages of a few hundred lists, most recently shown kept; and those this
 * window wrote lately and no list has shown yet (a sync pull's last batches), apart, so that a pull's stream
 * of new cases does not push out the pages being looked at. With 3,000 in one, the bench's 648 queries during
 * a pull still waited for a read one time in ten (tests/bench/RESULTS.md, session 24).
 */
export const HELD_SHOWN = 5000
export const HELD_WRITTEN = 1000

/** A case as held: its sealed record as stored, or an opened copy (written by this window, or stored unsealed). */
type HeldCase = { sealed: unknown } | { doc: CaseDoc }

interface Held {
  /** by id, least recently used first (a Map keeps insertion order) */
  shown: Map<string, HeldCase>
  /** by id, oldest write first */
  written: Map<string, HeldCase>
  /** raised by every write this window commits: a read that spans one is not held (it may be older) */
  commits: number
}

const helds = new WeakMap<MediationDb, Held>()

function heldOf(db: MediationDb): Held {
  let held = helds.get(db)
  if (!held) {
    const fresh: Held = { shown: new Map(), written: new Map(), commits: 0 }
    onCaseWrite(db, (write) => followWrite(fresh, write))
    helds.set(db, fresh)
    held = fresh
  }
  return held
}

/** Puts `value` last in `cases`, the first one going when there are more than `limit`. */
function putLast(cases: Map<string, HeldCase>, id: string, value: HeldCase, limit: number): void {
  cases.delete(id)
  cases.set(id, value)
  if (cases.size > limit) cases.delete(cases.keys().next().value!)
}

/** A case shown now: held as most recently shown. */
function keepShown(held: Held, id: string, value: HeldCase): void {
  held.written.delete(id)
  putLast(held.shown, id, value, HELD_SHOWN)
}

/** The held case with this id, then held as most recently shown. */
function takeHeld(held: Held, id: string): HeldCase | undefined {
  const value = held.shown.get(id) ?? held.written.get(id)
  if (value) keepShown(held, id, value)
  return value
}

function followWrite(held: Held, write: CommittedCaseWrite | undefined): void {
  held.commits++
  if (!write || write.rebuilt) {
    held.shown.clear()
    held.written.clear()
    return
  }
  for (const doc of write.docs) {
    const value = { doc: structuredClone(doc) }
    // a case shown keeps its place; one not shown yet waits apart
    if (held.shown.has(doc.id)) held.shown.set(doc.id, value)
    else putLast(held.written, doc.id, value, HELD_WRITTEN)
  }
}

/** Held cases opened: sealed ones opened afresh, copies copied (the caller may change what it gets). */
async function served(db: MediationDb, cases: readonly HeldCase[]): Promise<CaseDoc[]> {
  const sealed = cases.flatMap((c) => ('sealed' in c ? [c.sealed] : []))
  const opened = await openStored<CaseDoc>(db, db.caseDocs, sealed)
  let next = 0
  return cases.map((c) => ('sealed' in c ? opened[next++]! : structuredClone(c.doc)))
}

/**
 * The stored cases with these ids, in the order asked (ids not stored are left out). While this window's
 * own write of cases runs, the held ones are not read again.
 */
export async function readCaseDocs(db: MediationDb, ids: readonly string[]): Promise<CaseDoc[]> {
  const held = heldOf(db)
  const found = new Map<string, CaseDoc>()
  if (answerFromHeld(db)) {
    const hits = ids.flatMap((id) => {
      const c = takeHeld(held, id)
      return c ? [{ id, c }] : []
    })
    const docs = await served(
      db,
      hits.map((h) => h.c),
    )
    hits.forEach((h, i) => found.set(h.id, docs[i]!))
  }
  const missing = ids.filter((id) => !found.has(id))
  if (missing.length > 0) {
    const commits = held.commits
    const stored = await readStored(db, [db.caseDocs], () => db.caseDocs.bulkGet(missing))
    const docs = await openStored<CaseDoc | undefined>(db, db.caseDocs, stored)
    const holds = held.commits === commits
    docs.forEach((doc, i) => {
      if (!doc) return
      found.set(doc.id, doc)
      if (holds) keepShown(held, doc.id, isSealed(stored[i]) ? { sealed: stored[i] } : { doc: structuredClone(doc) })
    })
  }
  return ids.map((id) => found.get(id)).filter((d): d is CaseDoc => d !== undefined)
}
