/**
 * One record sealed and opened. A sealed record keeps in clear only what IndexedDB needs to find it (its
 * primary key and the fields its table indexes, none of them personal data: see README.md) and the whole
 * value, sealed, in `sealed`. The clear fields and the table name are the additional data of the seal, so a
 * sealed value moved onto another record, or a changed clear field, does not open.
 *
 * A record written before sealing (no `sealed` field) is read as it is (the v5 upgrade seals them).
 */
import { openBytes, openBytesAsync, sealBytes, sealBytesAsync } from './sealCipher'
import { decodeJsonText, decodeValue, encodeValue, jsonLayout, jsonTextOf } from './sealCodec'
import { unreadableRecord } from './errors'
import { CASE_STORES } from './caseStores'

export interface SealedRecord {
  sealed: Uint8Array
  [clearField: string]: unknown
}

/** A value ready to be sealed: its clear fields, the additional data as text, and the plain bytes. */
export interface Sealing {
  clear: Record<string, unknown>
  /** the additional data (table and clear fields), as text: it also names the record (src/db/presealed.ts) */
  context: string
  plain: Uint8Array<ArrayBuffer>
  /** a JSON-only table's value: its JSON text, of which `plain` is the layout-0 bytes */
  json?: string
}

/** A JSON-only table's value as the middleware first takes it: its text, not encoded yet (see `jsonSealingOf`). */
export interface JsonSealing {
  clear: Record<string, unknown>
  context: string
  json: string
}

/** Tables whose records hold JSON data only (src/db/records.ts): the hot ones, encoded without a replacer. */
const JSON_ONLY_TABLES: ReadonlySet<string> = new Set(CASE_STORES)

const encoder = new TextEncoder()

export function isSealed(stored: unknown): stored is SealedRecord {
  return typeof stored === 'object' && stored !== null && ArrayBuffer.isView((stored as { sealed?: unknown }).sealed)
}

/** The additional data: the table and the clear fields in a fixed (sorted) order. */
function contextText(table: string, clear: Record<string, unknown>): string {
  const fields = Object.keys(clear)
    .filter((k) => k !== 'sealed')
    .sort()
    .map((k) => [k, clear[k]])
  return `${table}\u0000${JSON.stringify(fields)}`
}

/** Whether a sealing's additional data names `table` (its text starts with the table's name). */
export function isSealingOfTable(sealing: Pick<Sealing, 'context'>, table: string): boolean {
  return sealing.context.startsWith(`${table}\u0000`)
}

export function contextBytes(sealing: Pick<Sealing, 'context'>): Uint8Array<ArrayBuffer> {
  return encoder.encode(sealing.context)
}

function clearOf(clearFields: readonly string[], value: object): Record<string, unknown> {
  const clear: Record<string, unknown> = {}
  for (const field of clearFields) if (field in value) clear[field] = (value as Record<string, unknown>)[field]
  return clear
}

/**
 * For a table of JSON-only records (case documents, digest batches): the clear fields, the additional data
 * and the JSON text, without the bytes, so that the middleware finds a seal made ahead by comparing texts
 * (`sealingOfJson` makes the bytes when it has to seal). Undefined for any other table.
 */
export function jsonSealingOf(table: string, clearFields: readonly string[], value: object): JsonSealing | undefined {
  if (!JSON_ONLY_TABLES.has(table)) return undefined
  const clear = clearOf(clearFields, value)
  return { clear, context: contextText(table, clear), json: JSON.stringify(value) }
}

/** The full sealing of a `jsonSealingOf` result: exactly what `sealingOf` gives for the same value. */
export function sealingOfJson(s: JsonSealing): Sealing {
  return { ...s, plain: jsonLayout(s.json) }
}

/** What sealing `value` in `table` takes: `clearFields` (primary key and indexed fields) and the value as bytes. */
export function sealingOf(table: string, clearFields: readonly string[], value: object): Sealing {
  const json = jsonSealingOf(table, clearFields, value)
  if (json) return sealingOfJson(json)
  const clear = clearOf(clearFields, value)
  return { clear, context: contextText(table, clear), plain: encodeValue(value) }
}

/** The stored form: the clear fields and the sealed bytes of the value. */
export function sealedRecordOf(sealing: Pick<Sealing, 'clear'>, sealed: Uint8Array): SealedRecord {
  return { ...sealing.clear, sealed }
}

/** The stored form of `value`, sealed now with the synchronous cipher (inside a transaction). */
export function sealRecord(
  key: Uint8Array,
  table: string,
  clearFields: readonly string[],
  value: object,
): SealedRecord {
  const sealing = sealingOf(table, clearFields, value)
  return sealedRecordOf(sealing, sealBytes(key, contextBytes(sealing), sealing.plain))
}

/** As `sealRecord`, with WebCrypto. */
export async function sealRecordAsync(
  key: Uint8Array,
  table: string,
  clearFields: readonly string[],
  value: object,
): Promise<SealedRecord> {
  const sealing = sealingOf(table, clearFields, value)
  return sealedRecordOf(sealing, await sealBytesAsync(key, contextBytes(sealing), sealing.plain))
}

/**
 * The value as written; a record from before sealing as it is. Throws StorageError('unreadable').
 * `knownText` may give the JSON text of a seal the caller made itself (sealedLately.ts), which needs no opening.
 */
export function openRecord(
  key: Uint8Array,
  table: string,
  stored: unknown,
  knownText?: (context: string, sealed: Uint8Array) => string | undefined,
): unknown {
  if (!isSealed(stored)) return stored
  const context = contextText(table, stored)
  const known = knownText?.(context, stored.sealed)
  if (known !== undefined) return decodeJsonText(known)
  let plain: Uint8Array
  try {
    plain = openBytes(key, encoder.encode(context), stored.sealed)
  } catch {
    throw unreadableRecord()
  }
  return decodeOrFail(plain)
}

/** As `openRecord`, with WebCrypto: for bulk reads opened after their transaction. */
export async function openRecordAsync(key: Uint8Array, table: string, stored: unknown): Promise<unknown> {
  return openRecordIfAsync(key, table, stored, () => true)
}

/**
 * As `openRecordAsync`, but a sealed JSON record whose text `mayMatch` rejects is not parsed: undefined.
 * For a reader that tests every record (the facts search): `mayMatch` must accept every text whose value
 * the reader would keep. Records from before sealing and records with binary parts are opened whole.
 */
export async function openRecordIfAsync(
  key: Uint8Array,
  table: string,
  stored: unknown,
  mayMatch: (json: string) => boolean,
): Promise<unknown> {
  if (!isSealed(stored)) return stored
  let plain: Uint8Array
  try {
    plain = await openBytesAsync(key, encoder.encode(contextText(table, stored)), stored.sealed)
  } catch {
    throw unreadableRecord()
  }
  try {
    const json = jsonTextOf(plain)
    if (json === undefined) return decodeValue(plain)
    return mayMatch(json) ? decodeJsonText(json) : undefined
  } catch {
    throw unreadableRecord()
  }
}

function decodeOrFail(plain: Uint8Array): unknown {
  try {
    return decodeValue(plain)
  } catch {
    throw unreadableRecord()
  }
}
