/**
 * The series the charts on 工作台 and 统计 draw. Nothing here decides when a case counts: every count
 * comes from the definitions in statistics.ts (acceptedIn, succeededIn, failedIn, overdueIn, and the
 * report's rows), so a chart always agrees with the table and the case list behind it.
 */
import type { CaseRecord, UUID } from './types'
import { monthPeriod, yearPeriod, type ReportPeriod } from './reportPeriod'
import {
  acceptedIn,
  failedIn,
  inScope,
  overdueIn,
  retiredCategoryLabel,
  succeededIn,
  successRate,
  type CountContext,
  type Report,
  type ReportScope,
} from './statistics'

/** One month of the trend: 受理, 调解成功 and 成功率 (null when nothing concluded that month). */
export interface MonthPoint {
  /** 'YYYY-MM' */
  month: string
  accepted: number
  succeeded: number
  rate: number | null
}

/** 受理 of one category in the period (label as the report shows it, 已停用 included). */
export interface CategoryPoint {
  category: string
  label: string
  accepted: number
}

/** Cases overdue (超期) for one mediator; mediatorId null for overdue cases no mediator is assigned to. */
export interface MediatorPoint {
  mediatorId: UUID | null
  overdue: number
}

export interface ChartSeries {
  trend: MonthPoint[]
  byCategory: CategoryPoint[]
  overdueByMediator: MediatorPoint[]
}

/** How many months the trend covers. */
export const TREND_MONTHS = 12

/** The `count` months ending with `endMonth` ('YYYY-MM'), oldest first. */
export function monthsEndingAt(endMonth: string, count = TREND_MONTHS): string[] {
  const [y, m] = [Number(endMonth.slice(0, 4)), Number(endMonth.slice(5, 7))]
  return Array.from({ length: count }, (_, i) => {
    const index = y * 12 + (m - 1) - (count - 1 - i)
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
  })
}

function periodOfMonth(month: string): ReportPeriod {
  return monthPeriod(Number(month.slice(0, 4)), Number(month.slice(5, 7)))
}

type Event = (c: CaseRecord, x: CountContext) => boolean

/**
 * The index of the month (of consecutive `months`) in which `event` counts the case, or -1. 受理, 调解成功
 * and 调解不成 are each tied to one date, so a case counts in at most one month: found by asking the
 * definition about halves of the span (at most five questions instead of twelve, over 100,000 cases).
 */
function monthIndex(event: Event, c: CaseRecord, months: readonly ReportPeriod[], today: string): number {
  let [lo, hi] = [0, months.length - 1]
  const counts = (from: number, to: number) =>
    event(c, { period: { from: months[from]!.from, to: months[to]!.to }, today })
  if (!counts(lo, hi)) return -1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (counts(lo, mid)) hi = mid
    else lo = mid + 1
  }
  return lo
}

/**
 * 受理, 调解成功 and 成功率 of each of the 12 months ending with `endMonth`, for the cases in `scope`:
 * a case accepted in March and settled in April adds to March's 受理 and April's 调解成功.
 */
export function monthlyTrend(
  cases: readonly CaseRecord[],
  endMonth: string,
  scope: ReportScope,
  today: string,
): MonthPoint[] {
  const months = monthsEndingAt(endMonth)
  const periods = months.map(periodOfMonth)
  const sums = months.map(() => ({ accepted: 0, succeeded: 0, failed: 0 }))
  for (const c of cases) {
    if (!inScope(c, scope)) continue
    const accepted = monthIndex(acceptedIn, c, periods, today)
    if (accepted >= 0) sums[accepted]!.accepted++
    const succeeded = monthIndex(succeededIn, c, periods, today)
    if (succeeded >= 0) sums[succeeded]!.succeeded++
    const failed = monthIndex(failedIn, c, periods, today)
    if (failed >= 0) sums[failed]!.failed++
  }
  return months.map((month, i) => ({
    month,
    accepted: sums[i]!.accepted,
    succeeded: sums[i]!.succeeded,
    rate: successRate(sums[i]!.succeeded, sums[i]!.failed),
  }))
}

/**
 * The last month a trend for `period` shows: the period's last month, or this month while the period
 * is still running (a trend of this year ends now, not in December).
 */
export function trendEndMonth(period: Pick<ReportPeriod, 'from' | 'to'>, today: string): string {
  return (today >= period.from && today < period.to ? today : period.to).slice(0, 7)
}

/** 受理 per category, as the report's rows count it, in the report's order; categories with none left out. */
export function categorySeries(report: Report): CategoryPoint[] {
  return report.rows
    .filter((r) => (r.cells.accepted ?? 0) > 0)
    .map((r) => ({ category: r.category, label: r.label, accepted: r.cells.accepted ?? 0 }))
}

/**
 * The same as categorySeries(buildReport(…)) without the report's other thirty columns (工作台 needs only
 * 受理): the committee's categories in its order, then those no longer offered, in code-point order.
 */
export function acceptedByCategory(
  cases: readonly CaseRecord[],
  period: Pick<ReportPeriod, 'from' | 'to'>,
  scope: ReportScope,
  categories: readonly string[],
  today: string,
): CategoryPoint[] {
  const x: CountContext = { period, today }
  const counts = new Map<string, number>()
  for (const c of cases) {
    if (inScope(c, scope) && acceptedIn(c, x)) counts.set(c.category, (counts.get(c.category) ?? 0) + 1)
  }
  const configured = new Set(categories)
  const retired = [...counts.keys()].filter((k) => !configured.has(k)).sort()
  return [...categories, ...retired].flatMap((category) => {
    const accepted = counts.get(category) ?? 0
    const label = configured.has(category) ? category : retiredCategoryLabel(category)
    return accepted > 0 ? [{ category, label, accepted }] : []
  })
}

/**
 * 超期 per mediator at the end of the period (today, while it runs), as overdueIn decides: a case with two
 * mediators counts for each. Most first; equal counts in the order the mediators were first met.
 */
export function overdueByMediator(
  cases: readonly CaseRecord[],
  period: Pick<ReportPeriod, 'from' | 'to'>,
  scope: ReportScope,
  today: string,
): MediatorPoint[] {
  const x: CountContext = { period, today }
  const counts = new Map<UUID | null, number>()
  for (const c of cases) {
    if (!inScope(c, scope) || !overdueIn(c, x)) continue
    const ids = c.mediatorIds.length > 0 ? c.mediatorIds : [null]
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1)
  }
  return [...counts].map(([mediatorId, overdue]) => ({ mediatorId, overdue })).sort((a, b) => b.overdue - a.overdue)
}

/** The three series for a report's period and scope (统计): the categories come from its rows. */
export function reportChartSeries(cases: readonly CaseRecord[], report: Report, today: string): ChartSeries {
  return {
    trend: monthlyTrend(cases, trendEndMonth(report.period, today), report.scope, today),
    byCategory: categorySeries(report),
    overdueByMediator: overdueByMediator(cases, report.period, report.scope, today),
  }
}

/**
 * 工作台: the whole committee, this year's categories, the 12 months ending this month and who has
 * cases overdue today.
 */
export function dashboardChartSeries(
  cases: readonly CaseRecord[],
  categories: readonly string[],
  today: string,
): ChartSeries {
  const thisYear = yearPeriod(Number(today.slice(0, 4)))
  const committee: ReportScope = { kind: 'committee' }
  return {
    trend: monthlyTrend(cases, trendEndMonth(thisYear, today), committee, today),
    byCategory: acceptedByCategory(cases, thisYear, committee, categories, today),
    overdueByMediator: overdueByMediator(cases, thisYear, committee, today),
  }
}

/** 'YYYY-MM' as words: 2026年1月. */
export function monthWords(month: string): string {
  return `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`
}
