// @vitest-environment happy-dom
/**
 * The charts hand ECharts the numbers of their series unchanged, worded and sized as written out here
 * by hand, and say the same numbers in words (aria-label) and in a table (查看数据).
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, type PropType } from 'vue'
import { flushPromises } from '@vue/test-utils'
import type { ChartOption } from '../../../../src/components/charts/chartOption'
import type { ChartSeries } from '../../../../src/domain/chartSeries'
import type { CaseRecord } from '../../../../src/domain/types'
import { clickButton, freshPinia, mountInApp, type Mounted } from '../mountInApp'
import { makeCase } from '../../domain/arbitraries'
import { reportFactsOf } from '../../../../src/domain/reportFacts'

// ECharts cannot draw in happy-dom: the stand-in keeps every option it is given.
const drawn = vi.hoisted(() => [] as ChartOption[])
vi.mock('vue-echarts', () => ({
  default: defineComponent({
    props: { option: { type: Object as PropType<ChartOption>, required: true }, autoresize: Boolean },
    setup(props) {
      drawn.push(props.option)
      return () => h('div', { class: 'chart-stand-in' })
    },
  }),
}))
vi.mock('../../../../src/components/charts/echartsSetup', () => ({}))

const { default: ReportCharts } = await import('../../../../src/components/charts/ReportCharts.vue')
const { buildReportCharts } = await import('../../../../src/components/charts/reportCharts')
const { default: DashboardCharts } = await import('../../../../src/components/dashboard/DashboardCharts.vue')
const { useUiStore } = await import('../../../../src/stores/ui')
const { useSettingsStore } = await import('../../../../src/stores/settings')
const { useStatisticsStore } = await import('../../../../src/stores/statistics')

let mounted: Mounted | undefined
afterEach(() => {
  mounted?.wrapper.unmount()
  drawn.length = 0
  localStorage.clear()
})

const MONTHS = [
  '2025-04',
  '2025-05',
  '2025-06',
  '2025-07',
  '2025-08',
  '2025-09',
  '2025-10',
  '2025-11',
  '2025-12',
  '2026-01',
  '2026-02',
  '2026-03',
]
const ACCEPTED = [0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 2, 1]
const SUCCEEDED = [1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0]
const RATES = [1, null, null, null, null, null, null, null, null, 2 / 3, 1, null]

const SERIES: ChartSeries = {
  trend: MONTHS.map((month, i) => ({
    month,
    accepted: ACCEPTED[i]!,
    succeeded: SUCCEEDED[i]!,
    rate: RATES[i]!,
  })),
  byCategory: [
    { category: '邻里', label: '邻里', accepted: 3 },
    { category: '物业', label: '物业（已停用）', accepted: 1 },
  ],
  overdueByMediator: [
    { mediatorId: 'm2', overdue: 2 },
    { mediatorId: null, overdue: 1 },
  ],
}
const NAMES: Record<string, string> = { m2: '李淑珺' }
const WORDS = { categoryPeriod: '2026年', overdueAsOf: '截至今日' }

async function show(series: ChartSeries, largeText = false): Promise<Mounted> {
  const pinia = freshPinia()
  useUiStore().largeText = largeText
  const charts = buildReportCharts(series, (id) => NAMES[id] ?? '?', WORDS)
  mounted = await mountInApp(() => h(ReportCharts, { charts }), { pinia })
  // ECharts' component is loaded on demand: let the import settle
  await vi.waitFor(() => expect(drawn).toHaveLength(4), { timeout: 15_000 })
  return mounted
}

const region = (name: string): HTMLElement => {
  const found = [...document.querySelectorAll<HTMLElement>('[role="region"]')].find((r) =>
    (r.getAttribute('aria-label') ?? '').startsWith(name),
  )
  if (!found) throw new Error(`no region ${name}`)
  return found
}

const regionTitles = (): string[] =>
  [...document.querySelectorAll('[role="region"]')].map((r) => r.getAttribute('aria-label') ?? '')

describe('ReportCharts', () => {
  it('gives ECharts the months, the counts and the rates as percentages', async () => {
    await show(SERIES)
    const [trend, rate, category, overdue] = drawn
    expect(trend!.xAxis).toMatchObject({
      type: 'category',
      data: [
        '2025年4月',
        '2025年5月',
        '2025年6月',
        '2025年7月',
        '2025年8月',
        '2025年9月',
        '2025年10月',
        '2025年11月',
        '2025年12月',
        '2026年1月',
        '2026年2月',
        '2026年3月',
      ],
    })
    // the axis draws the months only; the title says the years
    const axisLabel = (trend!.xAxis as { axisLabel: { formatter: (v: string, i: number) => string } }).axisLabel
    expect([0, 8, 9, 11].map((i) => axisLabel.formatter('', i))).toEqual(['4月', '12月', '1月', '3月'])
    expect(regionTitles()).toContain('每月受理与调解成功（2025年4月至2026年3月）')
    expect(trend!.series).toMatchObject([
      { type: 'bar', name: '受理', data: [0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 2, 1], color: '#1f6f5c' },
      { type: 'bar', name: '调解成功', data: [1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0], color: '#a85100' },
    ])
    expect(trend!.yAxis).toMatchObject({ type: 'value', minInterval: 1 })
    expect(trend!.legend).toBeDefined()

    expect(rate!.series).toMatchObject([
      { type: 'line', name: '成功率', data: [100, null, null, null, null, null, null, null, null, 66.7, 100, null] },
    ])
    expect(rate!.yAxis).toMatchObject({ min: 0, max: 100, axisLabel: { formatter: '{value}%' } })
    expect(rate!.legend).toBeUndefined()

    // long names: bars along the vertical axis, first at the top
    expect(category!.yAxis).toMatchObject({ type: 'category', data: ['邻里', '物业（已停用）'], inverse: true })
    expect(category!.series).toMatchObject([{ type: 'bar', name: '受理', data: [3, 1] }])
    expect(overdue!.yAxis).toMatchObject({ data: ['李淑珺', '未指派调解员'] })
    expect(overdue!.series).toMatchObject([{ type: 'bar', name: '超期', data: [2, 1], color: '#b42318' }])
  })

  it('draws its text at the page size, larger in 大字模式', async () => {
    await show(SERIES)
    expect(drawn[0]!.xAxis).toMatchObject({ axisLabel: { fontSize: 13 } })
    mounted!.wrapper.unmount()
    mounted = undefined
    drawn.length = 0
    await show(SERIES, true)
    expect(drawn[0]!.xAxis).toMatchObject({ axisLabel: { fontSize: 16 } })
    expect(drawn[0]!.textStyle).toMatchObject({ fontSize: 16 })
  })

  it('says each chart in words and shows its numbers as a table on request', async () => {
    await show(SERIES)
    const overdue = region('各调解员超期案件')
    expect(overdue.querySelector('[role="img"]')?.getAttribute('aria-label')).toBe(
      '各调解员超期案件（截至今日）：李淑珺超期2件；未指派调解员超期1件。',
    )
    const rate = region('调解成功率')
    expect(rate.querySelector('[role="img"]')?.getAttribute('aria-label')).toContain(
      '2025年4月成功率100%；2025年5月成功率无；',
    )
    expect(overdue.querySelector('table')).toBeNull()
    await clickButton('查看数据', overdue)
    const cells = [...overdue.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.children].map((c) => c.textContent?.trim()),
    )
    expect(cells).toEqual([
      ['李淑珺', '2件'],
      ['未指派调解员', '1件'],
    ])
    await clickButton('收起数据', overdue)
    expect(overdue.querySelector('table')).toBeNull()
  })

  it('says so instead of drawing an empty chart', async () => {
    const none: ChartSeries = {
      trend: SERIES.trend.map((p) => ({ ...p, accepted: 0, succeeded: 0, rate: null })),
      byCategory: [],
      overdueByMediator: [],
    }
    const pinia = freshPinia()
    const charts = buildReportCharts(none, () => '?', WORDS)
    mounted = await mountInApp(() => h(ReportCharts, { charts }), { pinia })
    await flushPromises()
    expect(drawn).toHaveLength(0)
    expect(region('各调解员超期案件').textContent).toContain('没有超期案件')
    expect(region('各类纠纷受理数').textContent).toContain('这期间没有受理案件')
  })
})

describe('DashboardCharts', () => {
  it('charts the cases the statistics store holds, without waiting for a new read', async () => {
    const pinia = freshPinia()
    const statistics = useStatisticsStore()
    const load = vi.fn(async () => undefined)
    statistics.load = load
    const cases: CaseRecord[] = [
      // 受理 January, 调解成功 March (10:00 China time)
      makeCase({
        category: '邻里',
        status: 'effective',
        acceptedOn: '2026-01-05',
        mediatorIds: ['m1'],
        outcome: { kind: 'oral', at: '2026-03-02T02:00:00.000Z', content: '' },
      }),
      // 受理 March, overdue since 10 March
      makeCase({
        category: '合同',
        status: 'mediating',
        acceptedOn: '2026-03-01',
        dueOn: '2026-03-10',
        mediatorIds: ['m1'],
      }),
    ]
    statistics.cases = cases.map(reportFactsOf)
    useSettingsStore().mediators = [
      {
        id: 'm1',
        createdAt: '',
        updatedAt: '',
        name: '赵建国',
        gender: '男',
        phone: '',
        certificateNo: '',
        role: '调解员',
        active: true,
        roomIds: [],
      },
    ]
    mounted = await mountInApp(() => h(DashboardCharts, { today: '2026-03-15' }), { pinia })
    await vi.waitFor(() => expect(drawn).toHaveLength(4), { timeout: 15_000 })
    expect(load).toHaveBeenCalledTimes(1)
    expect(drawn[0]!.series).toMatchObject([
      { name: '受理', data: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1] },
      { name: '调解成功', data: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1] },
    ])
    expect(drawn[1]!.series).toMatchObject([
      { data: [null, null, null, null, null, null, null, null, null, null, null, 100] },
    ])
    // no categories configured: both show as no longer offered
    expect(drawn[2]!.yAxis).toMatchObject({ data: ['合同（已停用）', '邻里（已停用）'] })
    expect(drawn[3]!.yAxis).toMatchObject({ data: ['赵建国'] })
    expect(drawn[3]!.series).toMatchObject([{ data: [1] }])
  })
})
