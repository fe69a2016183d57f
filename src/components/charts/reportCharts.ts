/**
 * The four charts of 工作台 and 统计, worded and coloured, from the series src/domain/chartSeries.ts
 * computes. Only words and colours here: every number comes from the domain unchanged (a rate turned
 * into a percentage with one decimal).
 */
import { monthWords, type ChartSeries, type MonthPoint } from '../../domain/chartSeries'
import type { UUID } from '../../domain/types'
import { CHART_COLORS, type ChartData } from './chartData'

export interface ReportChartWords {
  /** what the category chart covers, e.g. 2026年 */
  categoryPeriod: string
  /** what the overdue chart is as of, e.g. 截至今日 */
  overdueAsOf: string
}

/** Along the axis only the month (12月, 1月, 2月 …): twelve labels must fit; the title names the years. */
function axisMonths(trend: readonly MonthPoint[]): string[] {
  return trend.map((p) => `${Number(p.month.slice(5, 7))}月`)
}

function span(trend: readonly MonthPoint[]): string {
  const first = trend[0]
  const last = trend.at(-1)
  return first && last ? `${monthWords(first.month)}至${monthWords(last.month)}` : ''
}

export function trendChart(trend: readonly MonthPoint[]): ChartData {
  return {
    title: `每月受理与调解成功（${span(trend)}）`,
    labels: trend.map((p) => monthWords(p.month)),
    axisLabels: axisMonths(trend),
    unit: 'cases',
    series: [
      { name: '受理', kind: 'bar', values: trend.map((p) => p.accepted), color: CHART_COLORS.teal },
      { name: '调解成功', kind: 'bar', values: trend.map((p) => p.succeeded), color: CHART_COLORS.amber },
    ],
    emptyText: '这12个月没有受理或调解成功的案件',
  }
}

/** A rate 0..1 as a percentage with one decimal (2/3 → 66.7). */
export function percent(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 1000) / 10
}

export function rateChart(trend: readonly MonthPoint[]): ChartData {
  return {
    title: `调解成功率（${span(trend)}）`,
    labels: trend.map((p) => monthWords(p.month)),
    axisLabels: axisMonths(trend),
    unit: 'percent',
    series: [{ name: '成功率', kind: 'line', values: trend.map((p) => percent(p.rate)), color: CHART_COLORS.blue }],
    emptyText: '这12个月没有调解成功或调解不成的案件',
  }
}

export function categoryChart(series: ChartSeries['byCategory'], period: string): ChartData {
  return {
    title: `各类纠纷受理数（${period}）`,
    labels: series.map((p) => p.label),
    unit: 'cases',
    horizontal: true,
    series: [{ name: '受理', kind: 'bar', values: series.map((p) => p.accepted), color: CHART_COLORS.teal }],
    emptyText: '这期间没有受理案件',
  }
}

export function overdueChart(
  series: ChartSeries['overdueByMediator'],
  mediatorName: (id: UUID) => string,
  asOf: string,
): ChartData {
  return {
    title: `各调解员超期案件（${asOf}）`,
    labels: series.map((p) => (p.mediatorId === null ? '未指派调解员' : mediatorName(p.mediatorId))),
    unit: 'cases',
    horizontal: true,
    series: [{ name: '超期', kind: 'bar', values: series.map((p) => p.overdue), color: CHART_COLORS.red }],
    emptyText: '没有超期案件',
  }
}

/** The four charts, in the order they are shown. */
export function buildReportCharts(
  series: ChartSeries,
  mediatorName: (id: UUID) => string,
  words: ReportChartWords,
): ChartData[] {
  return [
    trendChart(series.trend),
    rateChart(series.trend),
    categoryChart(series.byCategory, words.categoryPeriod),
    overdueChart(series.overdueByMediator, mediatorName, words.overdueAsOf),
  ]
}
