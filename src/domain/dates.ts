/**
 * Calendar arithmetic on 'YYYY-MM-DD' strings. Everything is done in UTC so that the answer never depends
 * on the machine's time zone or on daylight-saving changes.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const MS_PER_DAY = 86_400_000

/** True when `s` is a real calendar date written as YYYY-MM-DD (2026-02-29 is not). */
export function isIsoDate(s: string): boolean {
  return toEpochDay(s) !== undefined
}

/** Whole days since 1970-01-01 for a valid YYYY-MM-DD, or undefined. */
export function toEpochDay(s: string): number | undefined {
  const m = ISO_DATE.exec(s)
  if (!m) return undefined
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (!isCalendarDate(year, month, day)) return undefined
  return Date.UTC(year, month - 1, day) / MS_PER_DAY
}

export function fromEpochDay(epochDay: number): string {
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10)
}

/** `date` moved by `days` (negative goes back). Throws on an invalid date: callers validate input first. */
export function addDays(date: string, days: number): string {
  return fromEpochDay(requireEpochDay(date) + days)
}

/** Days from `from` to `to`: 0 for the same day, positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return requireEpochDay(to) - requireEpochDay(from)
}

export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false
  if (year < 1 || month < 1 || month > 12 || day < 1) return false
  return day <= daysInMonth(year, month)
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function requireEpochDay(date: string): number {
  const day = toEpochDay(date)
  if (day === undefined) throw new RangeError(`not a YYYY-MM-DD date: ${date}`)
  return day
}

/** China Standard Time (UTC+8, no daylight saving): the offices' local time. */
export const CHINA_UTC_OFFSET_MINUTES = 480

/**
 * The last China date worked out: the statistics ask for the same case's instant many times in a row
 * (one column or month after another), and parsing it is most of their cost over 100,000 cases.
 */
let lastChina: { instant: string; date: string } | undefined

/** The local calendar date of an ISO instant ('2026-11-30T20:00:00Z' is 2026-12-01 in China). */
export function localDate(isoInstant: string, offsetMinutes = CHINA_UTC_OFFSET_MINUTES): string {
  const china = offsetMinutes === CHINA_UTC_OFFSET_MINUTES
  if (china && lastChina?.instant === isoInstant) return lastChina.date
  if (isIsoDate(isoInstant)) return isoInstant
  const ms = Date.parse(isoInstant)
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO instant: ${isoInstant}`)
  const date = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10)
  if (china) lastChina = { instant: isoInstant, date }
  return date
}

/** The ISO text of the instant `ms` read on a China wall clock ('YYYY-MM-DDTHH:mm:ss.sssZ', the Z meaning nothing). */
function chinaWallClock(ms: number): string {
  return new Date(ms + CHINA_UTC_OFFSET_MINUTES * 60_000).toISOString()
}

/** Today's date in the offices' time zone, 'YYYY-MM-DD'. */
export function todayInChina(now = new Date()): string {
  return localDate(now.toISOString())
}

/** The China calendar date of a stored instant (instants are UTC), for display; '' when there is none. */
export function dateInChina(isoInstant: string | undefined): string {
  return isoInstant ? localDate(isoInstant) : ''
}

/** 'HH:mm:ss' in China Standard Time, for "已保存 10:02:33". */
export function clockInChina(at: Date): string {
  return chinaWallClock(at.getTime()).slice(11, 19)
}

/** 'YYYY-MM-DD HH:mm' in China Standard Time of a stored instant. */
export function minuteInChina(isoInstant: string): string {
  return chinaWallClock(Date.parse(isoInstant)).slice(0, 16).replace('T', ' ')
}

/** 'YYYY-MM-DD HH:mm' typed as China time -> the ISO instant stored; undefined when it is not a real time. */
export function instantFromChinaMinute(text: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})$/.exec(text.trim())
  if (!m || !isIsoDate(m[1]!) || Number(m[2]) > 23 || Number(m[3]) > 59) return undefined
  const wallClock = Date.parse(`${m[1]}T${m[2]!.padStart(2, '0')}:${m[3]}:00.000Z`)
  return new Date(wallClock - CHINA_UTC_OFFSET_MINUTES * 60_000).toISOString()
}
