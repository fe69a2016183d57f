/**
 * What must be installed when the database opens, for src/db/caseWrites.ts: the middleware that counts this
 * window's read-write transactions over the case tables and tells, when one commits, the writes announced in
 * it. Apart from the rest so that only this goes with the first screen (issue #16's start-up budget); the
 * rest loads with the case code that uses it.
 */
import type { DBCore, Middleware } from 'dexie'
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

export interface Watch {
  running: number
  /** series of writes going on (a sync pull): between their transactions the store is not read either */
  series: number
  listeners: CaseWriteListener[]
}

const watches = new WeakMap<object, Watch>()

export function watchOf(db: object): Watch {
  let watch = watches.get(db)
  if (!watch) {
    watch = { running: 0, series: 0, listeners: [] }
    watches.set(db, watch)
  }
  return watch
}

/** The watch of `db`, if anything has watched it yet. */
export function watchIfAny(db: object): Watch | undefined {
  return watches.get(db)
}

export function tell(db: object, write: CommittedCaseWrite | undefined): void {
  for (const listener of watches.get(db)?.listeners ?? []) listener(write)
}

/** The writes announced in each running transaction counted by the middleware, told when it commits. */
export const announced = new WeakMap<object, CommittedCaseWrite[]>()

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
