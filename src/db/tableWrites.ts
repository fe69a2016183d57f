/**
 * Told when a write to some tables commits in this page (Dexie's `storagemutated`, fired once per
 * committed transaction, whoever wrote: a screen, an action, live sync taking in another PC's change).
 * Cheaper than a liveQuery for "something of this case may have changed": the caller reads again, once.
 */
import Dexie, { RangeSet, rangesOverlap, type IntervalTree, type ObservabilitySet } from 'dexie'

/** Calls `written` after each committed transaction that wrote to one of `tables`; returns the unsubscribe. */
export function onTableWrites(db: Dexie, tables: readonly string[], written: () => void): () => void {
  const prefixes = tables.map((t) => `idb://${db.name}/${t}/`)
  const listener = (parts: ObservabilitySet): void => {
    if (Object.keys(parts).some((k) => prefixes.some((p) => k.startsWith(p)))) written()
  }
  Dexie.on('storagemutated', listener)
  return () => Dexie.on.storagemutated.unsubscribe(listener)
}

/** One case's records as a page holds them: the case's id and, per table, the keys of its records there. */
export interface CaseRecordKeys {
  caseId: string
  /** the case document's table lists the case's id; the others their records' ids (each has a caseId index) */
  keys: Readonly<Record<string, readonly string[]>>
  /**
   * Tables whose records name the case only through another record, with no caseId index (a signature
   * names its agreement): the index that names the owner, and the owners' ids. A record added there is
   * told by that index, as one added elsewhere is by `caseId`.
   */
  through?: Readonly<Record<string, { index: string; ids: readonly string[] }>>
}

function overlaps(part: IntervalTree | undefined, keys: readonly string[]): boolean {
  return part !== undefined && keys.length > 0 && rangesOverlap(part, new RangeSet().addKeys([...keys]))
}

/**
 * As `onTableWrites`, for the writes that may touch one case: a record of it written or deleted (its key),
 * or a record added to it (the table's `caseId` index, or the owner's index named in `through`). Dexie names every key and index value a write
 * touches, or the whole range when it does not know them (a bulk write of 50 or more), so nothing of the
 * case is missed; a live sync pull writing other cases no longer makes the open case be read again.
 * `watched` is asked at each write: the page's case and records as they are then (undefined: none open).
 */
export function onCaseWrites(db: Dexie, watched: () => CaseRecordKeys | undefined, written: () => void): () => void {
  const listener = (parts: ObservabilitySet): void => {
    const open = watched()
    if (!open) return
    for (const table of new Set([...Object.keys(open.keys), ...Object.keys(open.through ?? {})])) {
      const base = `idb://${db.name}/${table}/`
      const keys = open.keys[table] ?? []
      const owner = open.through?.[table] ?? { index: 'caseId', ids: [open.caseId] }
      if (
        overlaps(parts[base], keys) ||
        overlaps(parts[`${base}:dels`], keys) ||
        overlaps(parts[`${base}${owner.index}`], owner.ids)
      ) {
        written()
        return
      }
    }
  }
  Dexie.on('storagemutated', listener)
  return () => Dexie.on.storagemutated.unsubscribe(listener)
}
