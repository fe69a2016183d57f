/**
 * The series the charts on 工作台 and 统计 draw. Nothing here decides when a case counts: every count
 * comes from the definitions in statistics.ts (acceptedIn, succeededIn, failedIn, overdueIn, and the
 * report's rows), so a chart always agrees with the table and the case list behind it.
 */
import type { CaseRecord, UUID } from './types'
import { monthPeriod, yearPeriod, type ReportPeriod } from './reportPeriod'
import {
  acceptedIn,
  buildReport,
  failedIn,
  inScope,
  overdueIn,
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
  const contexts: CountContext[] = months.map((m) => ({ period: periodOfMonth(m), today }))
  const sums = months.map(() => ({ accepted: 0, succeeded: 0, failed: 0 }))
  // the whole span first: a case with no event inside it is passed over with three checks, not 36
  const span: CountContext = { period: { from: contexts[0]!.period.from, to: contexts.at(-1)!.period.to }, today }
  for (const c of cases) {
    if (!inScope(c, scope)) continue
    const accepted = acceptedIn(c, span)
    const succeeded = succeededIn(c, span)
    const failed = failedIn(c, span)
    if (!accepted && !succeeded && !failed) continue
    contexts.forEach((x, i) => {
      if (accepted && acceptedIn(c, x)) sums[i]!.accepted++
      if (succeeded && succeededIn(c, x)) sums[i]!.succeeded++
      if (failed && failedIn(c, x)) sums[i]!.failed++
    })
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
  return reportChartSeries(cases, buildReport(cases, thisYear, { kind: 'committee' }, categories, today), today)
}

/** 'YYYY-MM' as words: 2026年1月. */
export function monthWords(month: string): string {
  return `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`
}
