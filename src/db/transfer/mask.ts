/**
 * Masking of the rows a masked export carries (PIPL Art. 51: de-identification), and the last scan
 * that refuses a masked file in which a personal number survived. Every string of every row is
 * masked by the one rule in src/domain/masking.ts (`maskedFieldValue`): ID and phone fields by their
 * shape, birth dates as their decade, everything else as free text. A field added later is masked
 * without anyone remembering to list it here.
 */
import { findUnmaskedPersonalNumbers, maskedFieldValue } from '../../domain/masking'
import { AGREEMENT_DIGESTED_FIELDS } from '../../domain/syncFields'
import type { TransferTable } from './recordSchemas'
import type { TransferFile } from './format'

/** Keys whose values are identifiers, hashes, signatures or binary data: written by the app, never typed. */
const NOT_TEXT = /^(id|.*Id|.*Ids|hash|prevHash|.*Hash|signature|keyId|verifyCode|chainHead|image|dataBase64|sha256)$/

/**
 * An agreement's digests of its content as it was before masking: the hash, the committee's signature of
 * it and the code printed from it. Each confirms a guess of the digits a mask hid (a birth date has 3,653
 * days in its decade) offline, so a masked file leaves them out; it cannot be verified anyway.
 */
const DIGESTS_OF_UNMASKED: ReadonlySet<string> = new Set(AGREEMENT_DIGESTED_FIELDS)

/**
 * Pictures with which whoever holds a plain file could forge a paper: the committee's seal is left out, and
 * a signature keeps its record (who signed which version, when) without the signer's handwriting.
 */
const SEAL_PICTURE = 'sealImage'
const HANDWRITING = 'image'

/**
 * Every string in a row (facts, notes, addresses, statements, names…) masked by its field's rule.
 * Identifiers, hashes and data URLs are left alone, but digests of the unmasked content and the pictures a
 * paper could be forged with are left out; so is a field whose masked value says nothing (a birth date that
 * is no date).
 */
export function maskFreeText<T>(row: T): T {
  return maskValue(row, '') as T
}

function maskValue(value: unknown, key: string): unknown {
  if (NOT_TEXT.test(key)) return value
  if (typeof value === 'string') return value.startsWith('data:') ? value : maskedFieldValue(key, value)
  if (Array.isArray(value)) return value.map((v) => maskValue(v, ''))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .map(([k, v]) => [k, k === HANDWRITING ? '' : maskValue(v, k)] as const)
        .filter(([k, v]) => !(k === 'birthDate' && v === '') && !DIGESTS_OF_UNMASKED.has(k) && k !== SEAL_PICTURE),
    )
  }
  return value
}

/** Every table of a case file masked (a masked file carries no attachments: src/db/transfer/export.ts). */
export function maskTables(tables: TransferFile['tables']): TransferFile['tables'] {
  const masked = { ...tables }
  for (const table of Object.keys(tables) as TransferTable[]) {
    ;(masked[table] as unknown[]) = (tables[table] as unknown[]).map(maskFreeText)
  }
  return masked
}

/** How many personal numbers survive in the typed text of these rows (the same strings masking reads). */
export function countUnmaskedNumbers(rows: unknown): number {
  return typedStrings(rows, '').reduce((n, s) => n + findUnmaskedPersonalNumbers(s).length, 0)
}

function typedStrings(value: unknown, key: string): string[] {
  if (NOT_TEXT.test(key)) return []
  if (typeof value === 'string') return value.startsWith('data:') ? [] : [value]
  if (Array.isArray(value)) return value.flatMap((v) => typedStrings(v, ''))
  if (value instanceof Blob) return []
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => typedStrings(v, k))
  return []
}

/**
 * The last check before a masked file is written: if any personal number survived masking (a field
 * or a spelling the masking missed), the export stops and nothing is written.
 */
export function refuseUnmasked(rows: unknown): void {
  const count = countUnmaskedNumbers(rows)
  if (count > 0) throw new Error(`导出已停止：文件中仍有未遮盖的号码（${count}处），请联系维护人员`)
}
