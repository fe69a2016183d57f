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
 * 受理 / 调解成功 / 调解不成 per month, a case at a time (the caller leaves out cases outside the scope).
 * A case is first tested against the whole twelve months and, only if it counts there, against each
 * month to find its own.
 */
export class TrendSums {
  private readonly months: ReportPeriod[]
  private readonly whole: CountContext
  /** the first halves the search for a case's month asks about, by lo * TREND_MONTHS + mid */
  private readonly halves: CountContext[] = []
  private readonly accepted = new Array<number>(TREND_MONTHS).fill(0)
  private readonly succeeded = new Array<number>(TREND_MONTHS).fill(0)
  private readonly failed = new Array<number>(TREND_MONTHS).fill(0)

  constructor(endMonth: string, today: string) {
    this.months = trendMonths(endMonth)
    this.whole = { period: { from: this.months[0]!.from, to: this.months.at(-1)!.to }, today }
    for (let lo = 0; lo < TREND_MONTHS; lo++)
      for (let mid = lo; mid < TREND_MONTHS; mid++)
        this.halves[lo * TREND_MONTHS + mid] = {
          period: { from: this.months[lo]!.from, to: this.months[mid]!.to },
          today,
        }
  }

  add(c: ReportFacts): void {
    if (ACCEPTED(c, this.whole)) this.accepted[this.monthOf(ACCEPTED, c)]!++
    if (SUCCEEDED(c, this.whole)) this.succeeded[this.monthOf(SUCCEEDED, c)]!++
    else if (FAILED(c, this.whole)) this.failed[this.monthOf(FAILED, c)]!++
  }

  /** The month a case counted over the whole twelve counts in: months are consecutive, so halve. */
  private monthOf(selects: typeof ACCEPTED, c: ReportFacts): number {
    let lo = 0
    let hi = TREND_MONTHS - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (selects(c, this.halves[lo * TREND_MONTHS + mid]!)) hi = mid
      else lo = mid + 1
    }
    return lo
  }

  points(): TrendPoint[] {
    return this.months.map((period, i) => {
      const succeeded = this.succeeded[i]!
      const failed = this.failed[i]!
      return {
        month: period.from.slice(0, 7),
        period,
        accepted: this.accepted[i]!,
        succeeded,
        failed,
        rate: successRate(succeeded, failed),
      }
    })
  }
}

/** 受理 / 调解成功 / 调解不成 / 成功率 per month, oldest first. */
export function monthlyTrend(
  cases: readonly ReportFacts[],
  endMonth: string,
  scope: ReportScope,
  today: string,
): TrendPoint[] {
  const sums = new TrendSums(endMonth, today)
  for (const c of cases) if (inScope(c, scope)) sums.add(c)
  return sums.points()
}

/** A trend month as tables and charts label it: 2026年3月. */
export function trendMonthLabel(month: string): string {
  return `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`
}
