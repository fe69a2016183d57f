/**
 * 居民身份证号码 (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit sequence (odd = male),
 * and a check character computed with ISO 7064 MOD 11-2.
 */
import type { Gender } from './types'
import { isCalendarDate } from './dates'
import { stripSpaces, toHalfWidth } from './text'

export type IdNumberResult =
  { ok: true; idNumber: string; birthDate: string; gender: Gender; regionCode: string } | { ok: false; message: string }

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
/** check character for (weighted sum mod 11) = index */
const CHECK_CHARS = '10X98765432'

/** First two digits of the region code: provinces, plus 71/81/82/83 (台湾、香港、澳门 residents' permits). */
const PROVINCE_PREFIXES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
])

const SHAPE = /^\d{17}[\dX]$/
const EARLIEST_BIRTH_YEAR = 1900

/** The check character the first 17 digits call for. */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('need exactly 17 digits')
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK_CHARS[sum % 11]
}

/** Spaces removed, full-width digits and a lower-case x accepted, as people type them. */
export function normalizeIdNumber(input: string): string {
  return stripSpaces(toHalfWidth(input)).toUpperCase()
}

/**
 * Validates a 18-character ID number and reads the birth date and gender from it.
 * `today` ('YYYY-MM-DD'), when given, also rejects birth dates in the future.
 */
export function parseIdNumber(input: string, today?: string): IdNumberResult {
  const id = normalizeIdNumber(input)
  if (id === '') return { ok: false, message: '请填写身份证号' }
  if (id.length !== 18) return { ok: false, message: `身份证号应为18位，现在是${id.length}位，请核对` }
  if (!SHAPE.test(id)) return { ok: false, message: '身份证号只能是数字，最后一位可以是X，请核对' }
  const regionCode = id.slice(0, 6)
  if (!PROVINCE_PREFIXES.has(regionCode.slice(0, 2)))
    return { ok: false, message: '身份证号开头6位（地区）不对，请核对' }

  const year = Number(id.slice(6, 10))
  const month = Number(id.slice(10, 12))
  const day = Number(id.slice(12, 14))
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
  if (year < EARLIEST_BIRTH_YEAR || !isCalendarDate(year, month, day)) {
    return { ok: false, message: '身份证号里的出生日期不对，请核对' }
  }
  if (today !== undefined && birthDate > today) return { ok: false, message: '身份证号里的出生日期晚于今天，请核对' }

  if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, message: '身份证号最后一位不对，请核对' }

  const gender: Gender = Number(id[16]) % 2 === 1 ? '男' : '女'
  return { ok: true, idNumber: id, birthDate, gender, regionCode }
}

/** Age in whole years on `today` for a birth date, both 'YYYY-MM-DD'. */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4))
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years
}
