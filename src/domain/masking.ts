/**
 * Masking of ID and phone numbers for lists, search results, exports and logs (PIPL Art. 51:
 * de-identification). A reveal is a UI decision, logged elsewhere; these functions only hide.
 */
import { normalizeIdNumber } from './idNumber'
import { parsePhone } from './phone'

const MASK = '*'

/** `110105199001011234` -> `110105********1234`: the first 6 and the last 4 stay visible. */
export function maskIdNumber(idNumber: string): string {
  const id = normalizeIdNumber(idNumber)
  if (id.length <= 10) return MASK.repeat(id.length)
  return id.slice(0, 6) + MASK.repeat(id.length - 10) + id.slice(-4)
}

/**
 * Mobile `13812345678` -> `138****5678`; landline `0571-88888888` -> `0571-****8888` (the area code is
 * not personal). Anything unrecognised keeps only its last 4 digits.
 */
export function maskPhone(phone: string): string {
  const parsed = parsePhone(phone)
  if (parsed.ok && parsed.kind === 'mobile') {
    return parsed.normalized.slice(0, 3) + MASK.repeat(4) + parsed.normalized.slice(-4)
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

/** 18-character ID numbers and 11-digit mobiles standing alone (not part of a longer digit run). */
const UNMASKED_PATTERNS: readonly RegExp[] = [/(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g, /(?<!\d)1[3-9]\d{9}(?!\d)/g]

/**
 * Every unmasked personal number found in `text`, for tests of exports and logs. The check is
 * deliberately wider than a valid checksum: a leaked mistyped ID is still a leak.
 */
export function findUnmaskedPersonalNumbers(text: string): string[] {
  const found: string[] = []
  for (const pattern of UNMASKED_PATTERNS) {
    for (const match of text.matchAll(pattern)) found.push(match[0])
  }
  return found
}

export function containsUnmaskedPersonalNumber(text: string): boolean {
  return findUnmaskedPersonalNumbers(text).length > 0
}

/**
 * Free text with every ID number and mobile in it masked ("申请人电话13912345678" ->
 * "申请人电话139****5678"): what a masked export does to facts, notes and addresses.
 */
export function maskPersonalNumbersInText(text: string): string {
  const [idPattern, mobilePattern] = UNMASKED_PATTERNS as [RegExp, RegExp]
  return text.replace(idPattern, (id) => maskIdNumber(id)).replace(mobilePattern, (phone) => maskPhone(phone))
}
