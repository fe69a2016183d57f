/** How two records about people are compared: the same normalisation for recusal and repeat-party checks. */
import { stripSpaces, toHalfWidth } from './text'

export function sameName(a: string | undefined, b: string | undefined): boolean {
  const x = normalizeName(a)
  return x !== '' && x === normalizeName(b)
}

/** ID numbers and credit codes: case and spaces ignored. */
export function sameCode(a: string | undefined, b: string | undefined): boolean {
  const x = normalizeCode(a)
  return x !== '' && x === normalizeCode(b)
}

/** Phones compared by their digits, a leading +86 ignored. */
export function samePhone(a: string | undefined, b: string | undefined): boolean {
  const x = normalizePhone(a)
  return x !== '' && x === normalizePhone(b)
}

/** Addresses compared without spaces and punctuation, full-width digits as half-width. */
export function sameAddress(a: string | undefined, b: string | undefined): boolean {
  const x = normalizeAddress(a)
  return x !== '' && x === normalizeAddress(b)
}

function normalizeName(s: string | undefined): string {
  return s === undefined ? '' : stripSpaces(toHalfWidth(s)).replace(/[·•．.]/g, '·')
}

function normalizeCode(s: string | undefined): string {
  return s === undefined ? '' : stripSpaces(toHalfWidth(s)).toUpperCase()
}

function normalizePhone(s: string | undefined): string {
  const digits = s === undefined ? '' : toHalfWidth(s).replace(/\D/g, '')
  return digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits
}

function normalizeAddress(s: string | undefined): string {
  return s === undefined ? '' : stripSpaces(toHalfWidth(s)).replace(/[\p{P}\p{S}]/gu, '')
}
