/**
 * A date as a person types or pastes it into a plain text box (the case list's 登记起/止, 统计's 自定义 range):
 * 2026-11-01 and also 2026-1-1, 2026/1/1, 2026.1.1, 2026年1月1日 or 20261101, with full-width digits and spaces
 * anywhere. Read as the ISO date it names, or refused with what to write instead; nothing is guessed (a two-digit
 * year, a day before the month).
 */
import { isCalendarDate } from './dates'
import { toHalfWidth } from './text'

export type TypedDate = { ok: true; date: string } | { ok: false; message: string }

/** What an unreadable date is told: the form to write, and the others accepted. */
export const TYPED_DATE_FORMAT = '日期请写成 2026-01-01 这样（也可写 2026/1/1、2026.1.1 或 2026年1月1日）'

const SEPARATED = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/

/** The ISO date `text` names; an empty box is `{ ok: true, date: '' }` (no date given). */
export function readTypedDate(text: string): TypedDate {
  const compact = toHalfWidth(text).replace(/\s+/g, '')
  if (compact === '') return { ok: true, date: '' }
  const m = SEPARATED.exec(compact) ?? COMPACT.exec(compact)
  if (!m) return { ok: false, message: TYPED_DATE_FORMAT }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (!isCalendarDate(year, month, day)) return { ok: false, message: `没有${year}年${month}月${day}日这一天，请检查` }
  return { ok: true, date: `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` }
}

/**
 * Two typed dates bounding a list (登记起/止, a screening's 从/到, the reception log's 起/止), as the list filters
 * by them: each box that reads bounds it ('' when empty or unreadable), and `problem` says, with the box's name,
 * why a box does not filter as typed, or that the end comes before the start (which finds nothing).
 */
export function readDateRange(
  from: string,
  to: string,
  names: { from: string; to: string },
): { from: string; to: string; problem?: string } {
  const start = readTypedDate(from)
  const end = readTypedDate(to)
  const range = { from: start.ok ? start.date : '', to: end.ok ? end.date : '' }
  if (!start.ok) return { ...range, problem: `${names.from}：${start.message}` }
  if (!end.ok) return { ...range, problem: `${names.to}：${end.message}` }
  if (range.from && range.to && range.to < range.from) return { ...range, problem: `${names.to}不能早于${names.from}` }
  return range
}

/** The ISO date `text` names when it reads, else the text trimmed, for a check that words its own refusal. */
export function asTypedDate(text: string): string {
  const read = readTypedDate(text)
  return read.ok ? read.date : text.trim()
}
