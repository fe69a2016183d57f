/**
 * The 12-month trend of the report: 受理, 调解成功 and 成功率 for each of the twelve months ending with
 * the month the chosen period ends in. Each month counts exactly as the report's own columns do for a
 * one-month period (statistics.ts: 受理 by acceptance date, 调解成功/调解不成 by outcome date), so a
 * month's number here equals that month's report and its case list (reportCell.ts, period = the month).
 */
import type { ReportFacts } from './reportFacts'
import { inScope, reportColumn, successRate, type CountContext, type ReportScope } from './statistics'
import { monthPeriod, type ReportPeriod } from './reportPeriod'

export const TREND_MONTHS = 12

export interface TrendPoint {
  /** 'YYYY-MM' */
  month: string
  /** the month's period, for links to its cases */
  period: ReportPeriod
  accepted: number
  succeeded: number
  /** 调解不成: the other half of the rate */
  failed: number
  /** 成功率 0..1, null when nothing concluded that month */
  rate: number | null
}

/**
 * The month ('YYYY-MM') a trend for `period` ends with: the month of its last day, or this month while
 * the period is still running (a trend of this year ends now, not with empty months up to December).
 */
export function trendEndMonth(period: Pick<ReportPeriod, 'from' | 'to'>, today: string): string {
  return (today >= period.from && today < period.to ? today : period.to).slice(0, 7)
}

/** The `count` month periods ending with `endMonth` ('YYYY-MM'), oldest first. */
export function trendMonths(endMonth: string, count = TREND_MONTHS): ReportPeriod[] {
  const end = Number(endMonth.slice(0, 4)) * 12 + Number(endMonth.slice(5, 7)) - 1
  return Array.from({ length: count }, (_, i) => {
    const n = end - (count - 1) + i
    return monthPeriod(Math.floor(n / 12), (n % 12) + 1)
  })
}

// the report's own definitions, not rules of their own
const ACCEPTED = reportColumn('accepted')!.selects
const SUCCEEDED = reportColumn('succeeded')!.selects
const FAILED = reportColumn('failed')!.selects

/**
 * 受理 / 调解成功 / 调解不成 / 成功率 per month, oldest first. One pass: a case is first tested against
 * the whole twelve months and, only if it counts there, against each month to find its own.
 */
export function monthlyTrend(
  cases: readonly ReportFacts[],
  endMonth: string,
  scope: ReportScope,
  today: string,
): TrendPoint[] {
  const months = trendMonths(endMonth)
  const points = months.map((period) => ({
    month: period.from.slice(0, 7),
    period,
    accepted: 0,
    succeeded: 0,
    failed: 0,
  }))
  const whole: CountContext = { period: { from: months[0]!.from, to: months.at(-1)!.to }, today }
  const contexts: CountContext[] = months.map((period) => ({ period, today }))
  const monthOf = (selects: typeof ACCEPTED, c: ReportFacts): number => contexts.findIndex((x) => selects(c, x))
  for (const c of cases) {
    if (!inScope(c, scope)) continue
    if (ACCEPTED(c, whole)) points[monthOf(ACCEPTED, c)]!.accepted++
    if (SUCCEEDED(c, whole)) points[monthOf(SUCCEEDED, c)]!.succeeded++
    else if (FAILED(c, whole)) points[monthOf(FAILED, c)]!.failed++
  }
  return points.map((p) => ({ ...p, rate: successRate(p.succeeded, p.failed) }))
}

/** A trend month as tables and charts label it: 2026年3月. */
export function trendMonthLabel(month: string): string {
  return `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`
}
