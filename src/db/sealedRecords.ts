/**
 * One record sealed and opened. A sealed record keeps in clear only what IndexedDB needs to find it (its
 * primary key and the fields its table indexes, none of them personal data: see README.md) and the whole
 * value, sealed, in `sealed`. The clear fields and the table name are the additional data of the seal, so a
 * sealed value moved onto another record, or a changed clear field, does not open.
 *
 * A record written before sealing (no `sealed` field) is read as it is (the v5 upgrade seals them).
 */
import { openBytes, openBytesAsync, sealBytes } from './sealCipher'
import { decodeValue, encodeJsonValue, encodeValue } from './sealCodec'
import { unreadableRecord } from './errors'

export interface SealedRecord {
  sealed: Uint8Array
  [clearField: string]: unknown
}

/** Tables whose records hold JSON data only (src/db/records.ts): the hot ones, encoded without a replacer. */
const JSON_ONLY_TABLES: ReadonlySet<string> = new Set(['caseDocs', 'caseIndex'])

export function isSealed(stored: unknown): stored is SealedRecord {
  return typeof stored === 'object' && stored !== null && ArrayBuffer.isView((stored as { sealed?: unknown }).sealed)
}

/** The additional data: the table and the clear fields in a fixed (sorted) order. */
function context(table: string, clear: Record<string, unknown>): Uint8Array<ArrayBuffer> {
  const fields = Object.keys(clear)
    .filter((k) => k !== 'sealed')
    .sort()
    .map((k) => [k, clear[k]])
  return new TextEncoder().encode(`${table}\u0000${JSON.stringify(fields)}`)
}

/** The stored form of `value`: `clearFields` (primary key and indexed fields) and the sealed value. */
export function sealRecord(
  key: Uint8Array,
  table: string,
  clearFields: readonly string[],
  value: object,
): SealedRecord {
  const clear: Record<string, unknown> = {}
  for (const field of clearFields) if (field in value) clear[field] = (value as Record<string, unknown>)[field]
  const plain = JSON_ONLY_TABLES.has(table) ? encodeJsonValue(value) : encodeValue(value)
  return { ...clear, sealed: sealBytes(key, context(table, clear), plain) }
}

/** The value as written; a record from before sealing as it is. Throws StorageError('unreadable'). */
export function openRecord(key: Uint8Array, table: string, stored: unknown): unknown {
  if (!isSealed(stored)) return stored
  let plain: Uint8Array
  try {
    plain = openBytes(key, context(table, stored), stored.sealed)
  } catch {
    throw unreadableRecord()
  }
  return decodeOrFail(plain)
}

/** As `openRecord`, with WebCrypto: for bulk reads opened after their transaction. */
export async function openRecordAsync(key: Uint8Array, table: string, stored: unknown): Promise<unknown> {
  if (!isSealed(stored)) return stored
  let plain: Uint8Array
  try {
    plain = await openBytesAsync(key, context(table, stored), stored.sealed)
  } catch {
    throw unreadableRecord()
  }
  return decodeOrFail(plain)
}

function decodeOrFail(plain: Uint8Array): unknown {
  try {
    return decodeValue(plain)
  } catch {
    throw unreadableRecord()
  }
}
