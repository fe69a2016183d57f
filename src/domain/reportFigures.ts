/**
 * Everything the 统计 page, the Excel workbook and the PDF show for one period and scope: the main
 * table, 环比/同比, the breakdowns and the 12-month trend, each summed by its own module (statistics.ts,
 * reportBreakdowns.ts, reportTrend.ts) and fed here from a single pass over the cases.
 */
import type { ReportFacts } from './reportFacts'
import {
  comparedPeriods,
  comparison,
  inScope,
  ReportSums,
  type Comparison,
  type Report,
  type ReportColumnKey,
  type ReportScope,
} from './statistics'
import { BreakdownSums, type Breakdown, type Named } from './reportBreakdowns'
import { TrendSums, trendEndMonth, type TrendPoint } from './reportTrend'
import type { ReportPeriod } from './reportPeriod'
import { copyFacts, factsScratch } from './factsCopy'

export interface FiguresRequest {
  period: ReportPeriod
  scope: ReportScope
  /** the committee's categories, in its order */
  categories: readonly string[]
  names: { rooms: readonly Named[]; mediators: readonly Named[] }
  /** today's China date */
  today: string
}

export interface ReportFigures {
  report: Report
  comparison: Record<ReportColumnKey, Comparison>
  breakdowns: Breakdown[]
  trend: TrendPoint[]
}

/** Cases counted between two pauses: a few milliseconds of work, however many cases there are. */
export const CASES_PER_STEP = 5_000

/**
 * The figures in ONE pass over the cases: each case in scope is counted once for the period (feeding the
 * main table and the breakdowns with the same adds), once for the period before and a year earlier
 * (环比, 同比; once when they are the same period, as for a year) and once for the trend. The generator
 * pauses (yields) every CASES_PER_STEP cases, so that a caller on the UI thread can let the window paint
 * and answer input in between; its return value is the whole.
 */
export function* figureSteps(cases: readonly ReportFacts[], r: FiguresRequest): Generator<void, ReportFigures> {
  const { previous, lastYear } = comparedPeriods(r.period)
  const main = new ReportSums(r.period, r.today, r.categories)
  const breakdowns = new BreakdownSums()
  const prev = new ReportSums(previous, r.today)
  const sameAsPrev = lastYear.from === previous.from && lastYear.to === previous.to
  const last = sameAsPrev ? prev : new ReportSums(lastYear, r.today)
  const trend = new TrendSums(trendEndMonth(r.period, r.today), r.today)
  const scope = r.scope
  const facts = factsScratch()
  for (let start = 0; start < cases.length; start += CASES_PER_STEP) {
    if (start > 0) yield
    const end = Math.min(cases.length, start + CASES_PER_STEP)
    for (let i = start; i < end; i++) {
      const stored = cases[i]!
      if (!inScope(stored, scope)) continue
      const c = copyFacts(stored, facts)
      const adds = main.count(c)
      if (adds !== undefined) breakdowns.add(c, adds)
      prev.count(c)
      if (!sameAsPrev) last.count(c)
      trend.add(c)
    }
  }
  yield
  const report = main.report(scope)
  return {
    report,
    comparison: comparison(report.total.cells, prev.totals(), last.totals()),
    breakdowns: breakdowns.breakdowns(r.names),
    trend: trend.points(),
  }
}

/** All the figures at once (tests, the bench). */
export function reportFigures(cases: readonly ReportFacts[], r: FiguresRequest): ReportFigures {
  const steps = figureSteps(cases, r)
  for (;;) {
    const next = steps.next()
    if (next.done) return next.value
  }
}
