/**
 * A page's case followed in the database: after writes that may touch it commit (a screen, another window,
 * live sync taking in another PC's change; src/db/tableWrites.ts `onCaseWrites`), the store reads it again,
 * once per burst: a pull writes in batches.
 */
import type Dexie from 'dexie'
import { onCaseWrites, type CaseRecordKeys } from '../db/tableWrites'

/** How long after the last write of a burst the case is read again. */
export const REFRESH_AFTER_MS = 150

export interface CaseWritesFollower {
  /** Starts following (once: a second call changes nothing). */
  start(db: Dexie): void
  /** Stops following; a re-read not started yet is dropped. */
  stop(): void
}

/**
 * Calls `refresh` `afterMs` after the last of a burst of writes to what `watched` names (asked at each
 * write; undefined: nothing open). A failed re-read is dropped: the next write or load reads again.
 */
export function followCaseWrites(
  watched: () => CaseRecordKeys | undefined,
  refresh: () => Promise<void>,
  afterMs = REFRESH_AFTER_MS,
): CaseWritesFollower {
  let timer: ReturnType<typeof setTimeout> | undefined
  let unsubscribe: (() => void) | undefined
  const reRead = (): void => void refresh().catch(() => undefined)
  return {
    start(db) {
      unsubscribe ??= onCaseWrites(db, watched, () => {
        clearTimeout(timer)
        timer = setTimeout(reRead, afterMs)
      })
    },
    stop() {
      unsubscribe?.()
      unsubscribe = undefined
      clearTimeout(timer)
      timer = undefined
    },
  }
}
