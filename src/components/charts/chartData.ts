/**
 * What one chart shows, apart from how it is drawn: the chart's title, the labels along its axis and
 * its series. The same data gives the ECharts option (chartOption.ts), the sentence screen readers
 * read (chartSummary) and the 查看数据 table, so the three can never disagree.
 */

export type ChartUnit = 'cases' | 'percent'

export interface ChartSeriesData {
  name: string
  kind: 'bar' | 'line'
  /** one value per axis label; null: nothing to show (a rate with nothing concluded) */
  values: (number | null)[]
  color: string
}

export interface ChartData {
  title: string
  /** the axis labels in full words (the table and the summary use these) */
  labels: string[]
  /** shorter labels drawn along the axis, when the full ones would crowd it */
  axisLabels?: string[]
  unit: ChartUnit
  /** bars along the vertical axis (long category or mediator names) */
  horizontal?: boolean
  series: ChartSeriesData[]
  /** shown instead of the chart when no value is above 0 */
  emptyText: string
}

/**
 * Colours for series on a white card: each has a contrast of at least 4.5:1 against white (WCAG 1.4.11
 * asks 3:1 for graphics), and teal, amber and blue stay apart for red-green colour blindness.
 */
export const CHART_COLORS = {
  teal: '#1f6f5c',
  amber: '#a85100',
  blue: '#1d4ed8',
  red: '#b42318',
} as const

/** The text colour of axes and legends (#333 on white: 12.6:1). */
export const CHART_TEXT_COLOR = '#333333'

export function isEmptyChart(data: ChartData): boolean {
  return data.series.every((s) => s.values.every((v) => v === null || v === 0))
}

/** A value as the table shows it: 3件, 66.7%, — when there is none. */
export function formatValue(unit: ChartUnit, value: number | null): string {
  if (value === null) return '—'
  return unit === 'percent' ? `${value}%` : `${value}件`
}

/** The chart in one sentence for screen readers: its title, then each label's values. */
export function chartSummary(data: ChartData): string {
  if (isEmptyChart(data)) return `${data.title}：${data.emptyText}`
  const parts = data.labels.map((label, i) => {
    const values = data.series.map((s) => `${s.name}${spoken(data.unit, s.values[i] ?? null)}`)
    return `${label}${values.join('，')}`
  })
  return `${data.title}：${parts.join('；')}。`
}

function spoken(unit: ChartUnit, value: number | null): string {
  return value === null ? '无' : formatValue(unit, value)
}
