/**
 * This window's writes of cases, as seen by what it holds in memory (src/db/caseIndex.ts, heldCaseDocs.ts):
 * whether a read-write transaction over the case tables is running now, and what each write of cases
 * changed once its transaction has committed.
 *
 * Why: a read of `caseDocs` or `caseIndex` waits for every read-write transaction over them created before
 * it. While a long write runs (a sync pull writes 100 cases at a time, back to back), the case list would
 * wait for each. Instead it shows what this window knows the store holds: what it last read, brought up to
 * date by the writes this window committed since (announced here), the same answer it would have got had it
 * asked a moment before the write began. When no such write runs, it reads the store as before.
 */
import Dexie from 'dexie'
import {
  announced,
  tell,
  watchIfAny,
  watchOf,
  type CaseWriteListener,
  type CommittedCaseWrite,
} from './caseWritesWatch'

/**
 * Whether a read-write transaction over the case tables, created by this database object, has not yet ended,
 * or a series of such writes is going on (`inCaseWriteSeries`).
 */
export function caseWriteRunning(db: object): boolean {
  const watch = watchIfAny(db)
  return watch !== undefined && (watch.running > 0 || watch.series > 0)
}

/**
 * Whether a read of the case tables asked now should be answered from what is held: a write of this window is
 * running (or a series), and the read is not itself part of a transaction (whose reads see its own writes).
 */
export function answerFromHeld(db: object): boolean {
  return caseWriteRunning(db) && !Dexie.currentTransaction
}

/**
 * Runs `work`, a series of writes of cases with gaps between them (a sync pull), as if one write ran all
 * along: what is held is used in the gaps too, not read again before each (a read there would soon wait
 * for the next write anyway). Writes of another window are seen once the series ends.
 */
export async function inCaseWriteSeries<T>(db: object, work: () => Promise<T>): Promise<T> {
  const watch = watchOf(db)
  watch.series++
  try {
    return await work()
  } finally {
    watch.series--
  }
}

export function onCaseWrite(db: object, listener: CaseWriteListener): void {
  watchOf(db).listeners.push(listener)
}

/** Tells the listeners that the store changed in a way this window did not follow (another window wrote). */
export function noticeUnfollowedCaseWrite(db: object): void {
  tell(db, undefined)
}

/**
 * Called by every write of cases (src/db/caseDocs.ts) inside its transaction: the listeners hear of it when
 * the transaction commits (not at all if it aborts), before the code that awaited the transaction goes on.
 * Outside a transaction, they are told at once that what they hold must be read again.
 */
export function announceCaseWrite(db: object, write: CommittedCaseWrite): void {
  const idb = Dexie.currentTransaction?.idbtrans as IDBTransaction | undefined
  const pending = idb && announced.get(idb)
  if (pending) pending.push(write)
  else if (idb?.addEventListener) idb.addEventListener('complete', () => tell(db, write))
  else tell(db, undefined)
}
