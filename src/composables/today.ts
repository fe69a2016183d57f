import { isIsoDate, localDate } from '../domain/dates'

/** Today's date in the offices' time zone (China Standard Time), 'YYYY-MM-DD'. */
export function todayInChina(now = new Date()): string {
  return localDate(now.toISOString())
}

/** 'HH:mm:ss' in China Standard Time, for "已保存 10:02:33". */
export function clockInChina(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(11, 19)
}

/** The China calendar date of a stored instant (instants are UTC), for display. */
export function dateInChina(isoInstant: string | undefined): string {
  return isoInstant ? localDate(isoInstant) : ''
}

/** 'YYYY-MM-DD HH:mm' in China Standard Time of a stored instant. */
export function minuteInChina(isoInstant: string): string {
  return new Date(Date.parse(isoInstant) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')
}

/** 'YYYY-MM-DD HH:mm' typed as China time -> the ISO instant stored; undefined when it is not a real time. */
export function instantFromChinaMinute(text: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})$/.exec(text.trim())
  if (!m || !isIsoDate(m[1]!) || Number(m[2]) > 23 || Number(m[3]) > 59) return undefined
  const ms = Date.parse(`${m[1]}T${m[2]!.padStart(2, '0')}:${m[3]}:00.000+08:00`)
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString()
}
