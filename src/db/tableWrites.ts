/**
 * Told when a write to some tables commits in this page (Dexie's `storagemutated`, fired once per
 * committed transaction, whoever wrote: a screen, an action, live sync taking in another PC's change).
 * Cheaper than a liveQuery for "something of this case may have changed": the caller reads again, once.
 */
import Dexie, { type ObservabilitySet } from 'dexie'

/** Calls `written` after each committed transaction that wrote to one of `tables`; returns the unsubscribe. */
export function onTableWrites(db: Dexie, tables: readonly string[], written: () => void): () => void {
  const prefixes = tables.map((t) => `idb://${db.name}/${t}/`)
  const listener = (parts: ObservabilitySet): void => {
    if (Object.keys(parts).some((k) => prefixes.some((p) => k.startsWith(p)))) written()
  }
  Dexie.on('storagemutated', listener)
  return () => Dexie.on.storagemutated.unsubscribe(listener)
}
