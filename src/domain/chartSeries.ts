/**
 * The series the charts on 工作台 and 统计 draw. Nothing here decides when a case counts: every count
 * comes from the definitions in statistics.ts (acceptedIn, succeededIn, failedIn, overdueIn, and the
 * report's rows), so a chart always agrees with the table and the case list behind it.
 */
import type { UUID } from './types'
import type { ReportFacts } from './reportFacts'
import { yearPeriod, type ReportPeriod } from './reportPeriod'
import {
  acceptedIn,
  inScope,
  overdueIn,
  retiredCategoryLabel,
  type CountContext,
  type Report,
  type ReportScope,
} from './statistics'
import { monthlyTrend, trendEndMonth, type TrendPoint } from './reportTrend'

/** One month of the trend as the charts draw it: 受理, 调解成功 and 成功率 (reportTrend.ts counts them). */
export type MonthPoint = Pick<TrendPoint, 'month' | 'accepted' | 'succeeded' | 'rate'>

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
  cases: readonly ReportFacts[],
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
  cases: readonly ReportFacts[],
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
export function reportChartSeries(cases: readonly ReportFacts[], report: Report, today: string): ChartSeries {
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
  cases: readonly ReportFacts[],
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
