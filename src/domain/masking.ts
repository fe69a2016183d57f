/**
 * Masking of ID and phone numbers for lists, search results, exports and logs (PIPL Art. 51:
 * de-identification). A reveal is a UI decision, logged elsewhere; these functions only hide.
 */
import { normalizeIdNumber } from './idNumber'
import { parsePhone } from './phone'
import { findPersonalNumbers, tailMaskHidden, type FoundNumber } from './personalNumbers'
import type { IdDocumentType } from './types'

const MASK = '*'

/**
 * `110105199001011234` -> `110105********1234`: the region code and the last 4 stay visible, the birth
 * date is hidden. A 15-digit old ID (`110105900101123`) hides its 6-digit birth date the same way and
 * shows its 3-digit sequence: `110105******123`.
 */
export function maskIdNumber(idNumber: string): string {
  const id = normalizeIdNumber(idNumber)
  // Read by its shape, so a masked export, which has no document type beside the number, masks each right.
  if (!isResidentShaped(id)) return maskTail(id)
  if (id.length === 15) return id.slice(0, 6) + MASK.repeat(6) + id.slice(-3)
  return id.slice(0, 6) + MASK.repeat(id.length - 10) + id.slice(-4)
}

/** 18 or 15 digits not starting with 9 (a 9 is a 外国人永久居留身份证): a 身份证 or one mistyped. */
function isResidentShaped(id: string): boolean {
  return /^[1-8]\d{16}[\dX]$/.test(id) || /^\d{15}$/.test(id)
}

/**
 * A party's document number masked for its type: a 身份证 as `maskIdNumber`; any other keeps only the
 * letters it starts with and a short tail (`港澳通行证 H12345678` -> `H*****678`, `护照 E12345678` ->
 * `E*****678`, `台胞证 12345678` -> `*****678`).
 */
export function maskDocumentNumber(number: string, type: IdDocumentType = 'resident'): string {
  return type === 'resident' ? maskIdNumber(number) : maskTail(normalizeIdNumber(number))
}

function maskTail(n: string): string {
  const chars = n.split('')
  for (const i of tailMaskHidden(n)) chars[i] = MASK
  return chars.join('')
}

/**
 * What a masked export says of a birth date: the decade only ('1990-05-12' -> '1990年代'). A year
 * would leave about 33 candidates for a masked ID (366 days, 1 in 11 passing the visible check
 * character); a decade leaves about 330. Anything not a date says nothing.
 */
export function maskedBirth(birthDate: string): string {
  // '1990年代' is already masked: masking twice changes nothing
  const year = /^(\d{3})\d(?:-\d{2}-\d{2})?$/.exec(birthDate.trim()) ?? /^(\d{3})0年代$/.exec(birthDate.trim())
  return year ? `${year[1]}0年代` : ''
}

/**
 * How a masked export writes one field of a record: ID and phone fields by their own shape, a birth
 * date as its decade, anything else as free text with the numbers in it masked. Conflicts compare
 * with the same rule, so a number hidden by a masked file is never taken for a change.
 */
export function maskedFieldValue(field: string, value: string): string {
  // masked already (masking twice must change nothing): only numbers still whole in it are masked
  if ((field === 'idNumber' || field === 'phone') && value.includes(MASK)) return maskPersonalNumbersInText(value)
  if (field === 'idNumber') return maskIdNumber(value)
  if (field === 'phone') return maskPhone(value)
  if (field === 'birthDate') return maskedBirth(value)
  return maskPersonalNumbersInText(value)
}

/**
 * Whether a field's value is one a masked export wrote and so incomplete (stars in an ID or phone
 * number, a decade for a birth date): it must never replace the full value here.
 */
export function isMaskedFieldValue(field: string, value: string): boolean {
  if (field === 'idNumber' || field === 'phone') return value.includes(MASK)
  if (field === 'birthDate') return /^\d{3}0年代$/.test(value)
  return false
}

/**
 * Mobile `13812345678` -> `138****5678`; landline `0571-88888888` -> `0571-****8888` (the area code is
 * not personal); outside the mainland `+85291234567` -> `+852****4567`. Anything unrecognised keeps only
 * its last 4 digits.
 */
export function maskPhone(phone: string): string {
  const parsed = parsePhone(phone)
  if (parsed.ok && parsed.kind === 'mobile') {
    return parsed.normalized.slice(0, 3) + MASK.repeat(4) + parsed.normalized.slice(-4)
  }
  if (parsed.ok && parsed.kind === 'international') {
    // + and the first 3 digits (the country or region code, or most of it) and the last 4 stay
    const digits = parsed.normalized.slice(1)
    return `+${digits.slice(0, 3)}${MASK.repeat(digits.length - 7)}${digits.slice(-4)}`
  }
  if (parsed.ok) {
    const [area, local, ext] = parsed.normalized.split('-')
    const masked = `${area}-${MASK.repeat(local.length - 4)}${local.slice(-4)}`
    return ext === undefined ? masked : `${masked}-${ext}`
  }
  const digits = phone.replace(/\D/g, '')
  if (digits.length <= 4) return MASK.repeat(digits.length)
  return MASK.repeat(digits.length - 4) + digits.slice(-4)
}

/**
 * Every personal number in `text` that is not (fully) masked, as typed: for exports, logs and the last
 * scan before a masked file is written. The spellings recognised are those of ./personalNumbers.
 */
export function findUnmaskedPersonalNumbers(text: string): string[] {
  const unmasked = findPersonalNumbers(text).filter((n) => n.hidden.some((i) => text[i] !== MASK))
  // "+86 137 0000 0005" is also found as "137 0000 0005": report the longest reading once
  const outermost = unmasked.filter(
    (n) => !unmasked.some((o) => o !== n && o.start <= n.start && o.end >= n.end && o.end - o.start > n.end - n.start),
  )
  return [...new Set(outermost.map((n) => `${n.start}:${n.end}`))].map((key) => {
    const [start, end] = key.split(':').map(Number) as [number, number]
    return text.slice(start, end)
  })
}

export function containsUnmaskedPersonalNumber(text: string): boolean {
  return findUnmaskedPersonalNumbers(text).length > 0
}

/**
 * Free text with every personal number in it masked in place: each hidden digit becomes `*`, the
 * visible digits and the separators stay as typed ("电话137 0000 0005" -> "电话137 **** 0005",
 * "身份证110105199001011234" -> "身份证110105********1234"). What a masked export does to facts,
 * notes and addresses.
 */
export function maskPersonalNumbersInText(text: string): string {
  let masked = text
  // A masked number's visible tail can form a new number with digits after it; mask until none is left.
  // Each round turns at least one more character into `*`, so this ends.
  for (let round = 0; round <= text.length; round++) {
    const found = findPersonalNumbers(masked).filter((n) => n.hidden.some((i) => masked[i] !== MASK))
    if (found.length === 0) return masked
    masked = hide(masked, found)
  }
  return masked
}

function hide(text: string, found: readonly FoundNumber[]): string {
  const chars = text.split('')
  for (const n of found) for (const i of n.hidden) chars[i] = MASK
  return chars.join('')
}
