import { localDate } from '../domain/dates'

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
