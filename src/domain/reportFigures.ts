/**
 * Everything the 统计 page, the Excel workbook and the PDF show for one period and scope: the main
 * table, 环比/同比, the breakdowns and the 12-month trend, each from its own module.
 */
import type { ReportFacts } from './reportFacts'
import {
  buildReport,
  compareTotals,
  type Comparison,
  type Report,
  type ReportColumnKey,
  type ReportScope,
} from './statistics'
import { buildBreakdowns, type Breakdown, type Named } from './reportBreakdowns'
import { monthlyTrend, trendEndMonth, type TrendPoint } from './reportTrend'
import type { ReportPeriod } from './reportPeriod'

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

/**
 * The figures a table at a time: the generator pauses (yields) after each table, so that a caller on
 * the UI thread can let the window paint and answer input between them; its return value is the whole.
 */
export function* figureSteps(cases: readonly ReportFacts[], r: FiguresRequest): Generator<void, ReportFigures> {
  const report = buildReport(cases, r.period, r.scope, r.categories, r.today)
  yield
  const comparison = compareTotals(cases, r.period, r.scope, r.today)
  yield
  const breakdowns = buildBreakdowns(cases, r.period, r.scope, r.names, r.today)
  yield
  const trend = monthlyTrend(cases, trendEndMonth(r.period, r.today), r.scope, r.today)
  return { report, comparison, breakdowns, trend }
}

/** All the figures at once (tests, the bench). */
export function reportFigures(cases: readonly ReportFacts[], r: FiguresRequest): ReportFigures {
  const steps = figureSteps(cases, r)
  for (;;) {
    const next = steps.next()
    if (next.done) return next.value
  }
}
