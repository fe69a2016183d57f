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

/** The local calendar date of an ISO instant ('2026-11-30T20:00:00Z' is 2026-12-01 in China). */
export function localDate(isoInstant: string, offsetMinutes = CHINA_UTC_OFFSET_MINUTES): string {
  if (offsetMinutes !== CHINA_UTC_OFFSET_MINUTES) return dateAtOffset(isoInstant, offsetMinutes)
  let date = chinaDates.get(isoInstant)
  if (date === undefined) {
    date = chinaDateByText(isoInstant) ?? dateAtOffset(isoInstant, offsetMinutes)
    if (chinaDates.size >= CHINA_DATES_KEPT) chinaDates.clear()
    chinaDates.set(isoInstant, date)
  }
  return date
}

function dateAtOffset(isoInstant: string, offsetMinutes: number): string {
  if (isIsoDate(isoInstant)) return isoInstant
  const ms = Date.parse(isoInstant)
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO instant: ${isoInstant}`)
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10)
}

/**
 * China dates already worked out, by instant: the statistics ask for the same case's dates many times
 * over (each column, each period compared) across 100,000 cases. Bounded: emptied when full.
 */
const chinaDates = new Map<string, string>()
const CHINA_DATES_KEPT = 250_000

/** How instants are stored: what Date#toISOString writes. */
const CANONICAL_INSTANT = /^\d{4}-(\d{2})-(\d{2})T(\d{2}):[0-5]\d:[0-5]\d\.\d{3}Z$/

/**
 * The China date of a stored instant on days 1–27 of a month, by the text alone (the statistics read
 * 100,000 instants many times over; parsing each into a Date cost most of the report's time). UTC+8 is
 * a whole number of hours, so the date is the UTC date, or the next day from 16:00 UTC on; a day up to
 * 27 is never the last of a month nor its next day past it. Anything else: undefined, for the general path.
 */
function chinaDateByText(s: string): string | undefined {
  const m = CANONICAL_INSTANT.exec(s)
  if (!m) return undefined
  const [month, day, hour] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (month < 1 || month > 12 || day < 1 || day > 27 || hour > 23) return undefined
  if (hour * 60 + CHINA_UTC_OFFSET_MINUTES < 24 * 60) return s.slice(0, 10)
  return `${s.slice(0, 8)}${String(day + 1).padStart(2, '0')}`
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

/*
 * Date pickers (Naive UI's n-date-picker) hold a timestamp and show the calendar date that timestamp has
 * on the PC's own clock, whatever time zone the PC is set to. So a picked date is handed over as local
 * midnight of that date and read back by its local calendar date: the date the field shows is the date
 * stored and printed, on any time zone (China midnight, shown on a PC set to UTC, is the day before).
 */

/** The picker value showing `date` ('YYYY-MM-DD'); null (an empty field) for no or an invalid date. */
export function pickerValueOf(date: string | undefined): number | null {
  if (date === undefined || !isIsoDate(date)) return null
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const midnight = new Date(2000, 0, 1)
  // setFullYear: the Date constructor reads years 0–99 as 1900–1999
  midnight.setFullYear(year, month - 1, day)
  midnight.setHours(0, 0, 0, 0)
  return midnight.getTime()
}

/** The 'YYYY-MM-DD' a picker value shows; undefined for an empty field. */
export function dateOfPickerValue(value: number | null | undefined): string | undefined {
  if (value === null || value === undefined || !Number.isFinite(value)) return undefined
  const at = new Date(value)
  const pad = (n: number, width: number) => String(n).padStart(width, '0')
  return `${pad(at.getFullYear(), 4)}-${pad(at.getMonth() + 1, 2)}-${pad(at.getDate(), 2)}`
}
