/**
 * The ECharts option for a chart's data. Only bar and line series, a grid, a tooltip and a legend:
 * exactly the modules echartsSetup.ts registers. Text is drawn on the canvas, which does not inherit
 * the page's CSS, so the font and its size (大字模式) are passed in here.
 */
import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts'
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components'
import { CHART_TEXT_COLOR, formatValue, type ChartData } from './chartData'

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>

/** The app's font (src/styles.css): the canvas draws Chinese in the same face as the page. */
export const CHART_FONT = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', 'Source Han Sans SC', sans-serif"

const GRID_LINE = '#e0e0e0'

/** `fontSize` is the page's base size (15, or 18 in 大字模式); axis text is drawn a little smaller. */
export function chartOption(data: ChartData, fontSize: number): ChartOption {
  const small = fontSize - 2
  const text = { color: CHART_TEXT_COLOR, fontSize: small, fontFamily: CHART_FONT }
  const categoryAxis = {
    type: 'category' as const,
    // the full labels are the data (the tooltip shows them); the axis may draw shorter ones
    data: data.labels,
    axisLabel: {
      ...text,
      interval: 0,
      hideOverlap: true,
      ...(data.axisLabels ? { formatter: (_: string, i: number) => data.axisLabels?.[i] ?? '' } : {}),
    },
    axisLine: { lineStyle: { color: CHART_TEXT_COLOR } },
    axisTick: { alignWithLabel: true },
    ...(data.horizontal ? { inverse: true } : {}),
  }
  const valueAxis = {
    type: 'value' as const,
    minInterval: 1,
    ...(data.unit === 'percent' ? { min: 0, max: 100 } : {}),
    axisLabel: { ...text, formatter: data.unit === 'percent' ? '{value}%' : '{value}' },
    splitLine: { lineStyle: { color: GRID_LINE } },
  }
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT, fontSize: small, color: CHART_TEXT_COLOR },
    grid: {
      left: 12,
      right: 24,
      top: data.series.length > 1 ? fontSize * 2.5 : fontSize,
      bottom: 8,
      containLabel: true,
    },
    ...(data.series.length > 1 ? { legend: { top: 0, textStyle: text, itemGap: 20 } } : {}),
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: data.series.some((s) => s.kind === 'line') ? 'line' : 'shadow' },
      textStyle: { fontSize: small, fontFamily: CHART_FONT },
      valueFormatter: (v) => formatValue(data.unit, typeof v === 'number' ? v : null),
    },
    xAxis: data.horizontal ? valueAxis : categoryAxis,
    yAxis: data.horizontal ? categoryAxis : valueAxis,
    series: data.series.map((s) =>
      s.kind === 'line'
        ? {
            type: 'line',
            name: s.name,
            data: s.values,
            color: s.color,
            symbolSize: 8,
            lineStyle: { width: 3 },
            connectNulls: false,
            label: { show: true, position: 'top', ...text, formatter: '{c}%' },
          }
        : {
            type: 'bar',
            name: s.name,
            data: s.values,
            color: s.color,
            barMaxWidth: 28,
            // a row of 0 labels along the axis would only hide the bars that matter
            label: {
              show: true,
              position: data.horizontal ? 'right' : 'top',
              ...text,
              formatter: ({ value }) => (value === 0 ? '' : String(value)),
            },
          },
    ),
  }
}

/** Room for the chart: bars along the vertical axis need a row each. */
export function chartHeight(data: ChartData, fontSize: number): number {
  if (!data.horizontal) return Math.round(fontSize * 18)
  return Math.max(fontSize * 12, data.labels.length * (fontSize + 16) + fontSize * 3)
}
