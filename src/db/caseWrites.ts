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
import Dexie, { type DBCore, type Middleware } from 'dexie'
import type { CaseDoc, IndexMeta, IndexShard } from './records'
import { CASE_STORES } from './caseStores'

/** What one committed write of cases changed. */
export interface CommittedCaseWrite {
  /** the documents as written */
  docs: readonly CaseDoc[]
  /** the index records written, with the `meta` revision they were written after; absent: the index is as it was */
  index?: { before: number; meta: IndexMeta; shards: readonly IndexShard[] }
  /** every document and batch was written afresh (a restore or a rebuild): nothing held before still holds */
  rebuilt?: boolean
}

/**
 * Told of each write of cases: what it committed, or `undefined` when what it changed is not known (written
 * outside a transaction of the caller's): what is held must be read again.
 */
export type CaseWriteListener = (write: CommittedCaseWrite | undefined) => void

interface Watch {
  running: number
  /** series of writes going on (a sync pull): between their transactions the store is not read either */
  series: number
  listeners: CaseWriteListener[]
}

const watches = new WeakMap<object, Watch>()

function watchOf(db: object): Watch {
  let watch = watches.get(db)
  if (!watch) {
    watch = { running: 0, series: 0, listeners: [] }
    watches.set(db, watch)
  }
  return watch
}

/**
 * Whether a read-write transaction over the case tables, created by this database object, has not yet ended,
 * or a series of such writes is going on (`inCaseWriteSeries`).
 */
export function caseWriteRunning(db: object): boolean {
  const watch = watches.get(db)
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

function tell(db: object, write: CommittedCaseWrite | undefined): void {
  for (const listener of watches.get(db)?.listeners ?? []) listener(write)
}

/** Tells the listeners that the store changed in a way this window did not follow (another window wrote). */
export function noticeUnfollowedCaseWrite(db: object): void {
  tell(db, undefined)
}

/** The writes announced in each running transaction counted by the middleware, told when it commits. */
const announced = new WeakMap<object, CommittedCaseWrite[]>()

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

/**
 * Counts, for `db`, the read-write transactions over the case tables from their creation to their end, and
 * tells the writes announced in one when it commits. Its listeners are added before Dexie's own: the
 * count is down and the held state told before the code awaiting the transaction goes on.
 */
export function caseWritesMiddleware(db: object): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'caseWrites',
    create(down) {
      return {
        ...down,
        transaction(stores, mode, options) {
          const tx = down.transaction(stores, mode, options) as unknown as Partial<IDBTransaction>
          if (mode === 'readwrite' && stores.some((s) => CASE_STORES.includes(s)) && tx.addEventListener) {
            const watch = watchOf(db)
            const writes: CommittedCaseWrite[] = []
            announced.set(tx, writes)
            watch.running++
            // a transaction ends with exactly one of the two events
            const end = (committed: boolean): void => {
              watch.running--
              if (committed) for (const write of writes) tell(db, write)
            }
            tx.addEventListener('complete', () => end(true))
            tx.addEventListener('abort', () => end(false))
          }
          return tx as unknown as ReturnType<typeof down.transaction>
        },
      }
    },
  }
}
