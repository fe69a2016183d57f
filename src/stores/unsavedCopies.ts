import { dropUnsaved, keepUnsaved, keptUnsaved } from '../db/autosaveRescue'

/** What an autosave keeps of a record when the page goes away before its write ended (src/db/autosaveRescue.ts). */
export interface UnsavedCopy<T> {
  /** synchronously keeps the value (pagehide) */
  keep(value: T): void
  /** the value kept when the page last went away, if any */
  kept(): T | undefined
  /** the value is stored: drops the copy */
  drop(): void
}

export function unsavedCopyOf<T>(kind: 'session' | 'agreement', id: string): UnsavedCopy<T> {
  return {
    keep: (value) => void keepUnsaved(kind, id, value),
    kept: () => keptUnsaved(kind, id) as T | undefined,
    drop: () => dropUnsaved(kind, id),
  }
}
