/**
 * Bulk reads whose records are opened after their transaction, with WebCrypto (far faster than the
 * synchronous cipher the middleware must use inside transactions): the case index's batches, a list
 * page's cases, the facts search's chunks. Called inside another transaction, the records come opened by
 * the middleware as usual (marking a shared transaction would change what its other reads return).
 */
import Dexie, { type Table } from 'dexie'
import type { MediationDb } from './schema'
import { readSealedInTransaction } from './sealing'
import { openRecordAsync, openRecordIfAsync } from './sealedRecords'

/** Runs `read` in a read-only transaction of its own whose reads return the records as stored. */
export function readStored<R>(db: MediationDb, tables: Table[], read: () => Promise<R>): Promise<R> {
  const outer = Dexie.currentTransaction
  return db.transaction('r', tables, (tx) => {
    if (!outer) readSealedInTransaction(tx.idbtrans)
    return read()
  })
}

/** Records opened by WebCrypto at a time: a whole table (a backup) is not asked of it at once. */
const OPEN_SLICE = 2000

/** The records read by `readStored`, opened (records already open, or from before sealing, as they are). */
export async function openStored<T>(db: MediationDb, table: Table, stored: readonly unknown[]): Promise<T[]> {
  const key = db.sealKey
  const open = (slice: readonly unknown[]) => Promise.all(slice.map((s) => openRecordAsync(key, table.name, s)))
  if (stored.length <= OPEN_SLICE) return (await open(stored)) as T[]
  const out: unknown[] = []
  for (let at = 0; at < stored.length; at += OPEN_SLICE) out.push(...(await open(stored.slice(at, at + OPEN_SLICE))))
  return out as T[]
}

/** `table.bulkGet(keys)`, opened after the read. */
export async function bulkGetOpened<T, I>(
  db: MediationDb,
  table: Table<T, string, I>,
  keys: readonly string[],
): Promise<(T | undefined)[]> {
  return openStored<T | undefined>(db, table, await bulkGetStored(db, table, keys))
}

/** `table.bulkGet(keys)` as stored, in a read transaction of its own. */
function bulkGetStored<T, I>(db: MediationDb, table: Table<T, string, I>, keys: readonly string[]): Promise<unknown[]> {
  // nothing to read opens no transaction: it would wait behind any write over the table (a load's last batch)
  if (keys.length === 0) return Promise.resolve([])
  return readStored(db, [table], () => table.bulkGet([...keys]))
}

/**
 * As `bulkGetOpened`, but a sealed record whose JSON text `mayMatch` rejects is not parsed: undefined, as
 * if absent. `mayMatch` must accept the text of every record the caller could keep (a necessary test).
 */
export async function bulkGetOpenedIf<T, I>(
  db: MediationDb,
  table: Table<T, string, I>,
  keys: readonly string[],
  mayMatch: (json: string) => boolean,
): Promise<(T | undefined)[]> {
  const stored = await bulkGetStored(db, table, keys)
  const key = db.sealKey
  return (await Promise.all(stored.map((s) => openRecordIfAsync(key, table.name, s, mayMatch)))) as (T | undefined)[]
}
