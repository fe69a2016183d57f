/**
 * The period a report covers: a month, a quarter, a year or a custom range of China calendar dates,
 * both ends included. Instants (outcome, closing …) count on their China Standard Time date.
 * 环比 compares with the period just before, of the same kind (the month, quarter or year before; a
 * custom range: the same number of days ending the day before it starts); 同比 with the same dates a
 * year earlier (02-29 becomes 02-28).
 */
import { addDays, daysBetween, daysInMonth, isIsoDate } from './dates'
import { safeFileName } from './fileName'
import { readTypedDate } from './typedDate'

export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom'

export interface ReportPeriod {
  kind: PeriodKind
  /** first and last day, 'YYYY-MM-DD', both included */
  from: string
  to: string
}

export type PeriodResult = { ok: true; period: ReportPeriod } | { ok: false; message: string }

const pad = (n: number): string => String(n).padStart(2, '0')
const validYear = (year: number): boolean => Number.isInteger(year) && year >= 1900 && year <= 2999

export function monthPeriod(year: number, month: number): ReportPeriod {
  return {
    kind: 'month',
    from: `${year}-${pad(month)}-01`,
    to: `${year}-${pad(month)}-${pad(daysInMonth(year, month))}`,
  }
}

/** Quarter 1..4. */
export function quarterPeriod(year: number, quarter: number): ReportPeriod {
  const first = (quarter - 1) * 3 + 1
  return { kind: 'quarter', from: `${year}-${pad(first)}-01`, to: monthPeriod(year, first + 2).to }
}

export function yearPeriod(year: number): ReportPeriod {
  return { kind: 'year', from: `${year}-01-01`, to: `${year}-12-31` }
}

/** What the period picker gives, checked: a clear Chinese message instead of a period that cannot be. */
export function readPeriod(input: {
  kind: PeriodKind
  year?: number | null
  /** month 1..12 or quarter 1..4 */
  part?: number | null
  from?: string
  to?: string
}): PeriodResult {
  if (input.kind === 'custom') {
    const typedFrom = readTypedDate(input.from ?? '')
    const typedTo = readTypedDate(input.to ?? '')
    if (!typedFrom.ok) return { ok: false, message: `开始日期：${typedFrom.message}` }
    if (!typedTo.ok) return { ok: false, message: `结束日期：${typedTo.message}` }
    const [from, to] = [typedFrom.date, typedTo.date]
    if (from === '' || to === '') return { ok: false, message: '请填写统计的起止日期' }
    if (to < from) return { ok: false, message: '结束日期不能早于开始日期' }
    return { ok: true, period: { kind: 'custom', from, to } }
  }
  const year = input.year ?? NaN
  if (!validYear(year)) return { ok: false, message: '请选择统计年份' }
  if (input.kind === 'year') return { ok: true, period: yearPeriod(year) }
  const part = input.part ?? NaN
  if (input.kind === 'quarter') {
    if (!Number.isInteger(part) || part < 1 || part > 4) return { ok: false, message: '请选择季度' }
    return { ok: true, period: quarterPeriod(year, part) }
  }
  if (!Number.isInteger(part) || part < 1 || part > 12) return { ok: false, message: '请选择月份' }
  return { ok: true, period: monthPeriod(year, part) }
}

/** The period for a stored pair of dates (a link's query): the kind is recognised, otherwise custom. */
export function periodOf(from: string, to: string): PeriodResult {
  const read = readPeriod({ kind: 'custom', from, to })
  if (!read.ok) return read
  const { from: start, to: end } = read.period
  const [y, m] = [Number(start.slice(0, 4)), Number(start.slice(5, 7))]
  const candidates = [monthPeriod(y, m), yearPeriod(y), ...(m % 3 === 1 ? [quarterPeriod(y, (m + 2) / 3)] : [])]
  return { ok: true, period: candidates.find((p) => p.from === start && p.to === end) ?? read.period }
}

/** 环比: the period just before, of the same kind and length. */
export function previousPeriod(p: ReportPeriod): ReportPeriod {
  const [y, m] = [Number(p.from.slice(0, 4)), Number(p.from.slice(5, 7))]
  switch (p.kind) {
    case 'month':
      return m === 1 ? monthPeriod(y - 1, 12) : monthPeriod(y, m - 1)
    case 'quarter': {
      const q = (m + 2) / 3
      return q === 1 ? quarterPeriod(y - 1, 4) : quarterPeriod(y, q - 1)
    }
    case 'year':
      return yearPeriod(y - 1)
    case 'custom': {
      const length = daysBetween(p.from, p.to) + 1
      return { kind: 'custom', from: addDays(p.from, -length), to: addDays(p.from, -1) }
    }
  }
}

/** The same calendar date a year earlier; 02-29 becomes 02-28. */
function yearEarlier(date: string): string {
  const y = Number(date.slice(0, 4)) - 1
  const shifted = `${y}${date.slice(4)}`
  return isIsoDate(shifted) ? shifted : `${y}-02-28`
}

/** 同比: the same period one year earlier. */
export function samePeriodLastYear(p: ReportPeriod): ReportPeriod {
  const from = yearEarlier(p.from)
  // a month or quarter ending on 02-29 ends on 02-28 a year earlier (the month's last day)
  return { kind: p.kind, from, to: yearEarlier(p.to) }
}

/** The period as a title says it: 2026年11月, 2026年第四季度, 2026年, 2026年11月3日至2026年12月2日. */
export function periodLabel(p: ReportPeriod): string {
  const [y, m] = [Number(p.from.slice(0, 4)), Number(p.from.slice(5, 7))]
  switch (p.kind) {
    case 'month':
      return `${y}年${m}月`
    case 'quarter':
      return `${y}年第${'一二三四'[(m - 1) / 3]}季度`
    case 'year':
      return `${y}年`
    case 'custom':
      return `${dateWords(p.from)}至${dateWords(p.to)}`
  }
}

function dateWords(d: string): string {
  return `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`
}

/** Whether a China date falls in the period. */
export function inPeriod(date: string | undefined, p: Pick<ReportPeriod, 'from' | 'to'>): boolean {
  return date !== undefined && date >= p.from && date <= p.to
}

/** The name a report is saved under: 沙湾镇人民调解委员会-2026年11月-调解工作统计表.xlsx. */
export function reportFileName(committeeName: string, p: ReportPeriod, extension: 'xlsx' | 'pdf'): string {
  return safeFileName(`${committeeName}-${periodLabel(p)}-${REPORT_TITLE}.${extension}`)
}

export const REPORT_TITLE = '调解工作统计表'
