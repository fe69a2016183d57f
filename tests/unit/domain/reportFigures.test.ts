/**
 * The one-pass figures (reportFigures.ts: every table fed from a single pass, paused every few thousand
 * cases) against a plain reference written here: each table, row and column counted on its own by
 * filtering the cases with the column's definition (statistics.ts `selects`/`weight`, as the case list
 * does), 环比/同比 and the trend month by month. Exactly equal, over random cases, periods and scopes.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { CASES_PER_STEP, figureSteps, reportFigures, type FiguresRequest } from '../../../src/domain/reportFigures'
import { reportFactsOf, type ReportFacts } from '../../../src/domain/reportFacts'
import {
  monthPeriod,
  previousPeriod,
  quarterPeriod,
  samePeriodLastYear,
  yearPeriod,
  type ReportPeriod,
} from '../../../src/domain/reportPeriod'
import { REPORT_COLUMNS, type ReportColumn, type ReportScope } from '../../../src/domain/statistics'
import { CASE_SOURCES } from '../../../src/domain/sources'
import { addDays } from '../../../src/domain/dates'
import { isoDateArb } from './arbitraries'
import { reportCaseArb, scopeArb } from './reportArbitraries'

// ---------------------------------------------------------------------------------------------------
// The reference: one filter per number

const inRefScope = (c: ReportFacts, s: ReportScope): boolean =>
  s.kind === 'committee' || (s.kind === 'room' ? c.roomId === s.roomId : c.mediatorIds.includes(s.mediatorId))

/** A column's number over `cases`: the sum of its weights over the cases it selects; a rate: s / (s + f). */
function refCell(col: ReportColumn, cases: readonly ReportFacts[], period: ReportPeriod, today: string): number | null {
  const x = { period, today }
  if (col.unit === 'rate') {
    const s = refCell(
      REPORT_COLUMNS.find((c) => c.key === 'succeeded')!,
      cases,
      period,
      today,
    )!
    const f = refCell(
      REPORT_COLUMNS.find((c) => c.key === 'failed')!,
      cases,
      period,
      today,
    )!
    return s + f === 0 ? null : s / (s + f)
  }
  let sum = 0
  for (const c of cases) if (col.selects(c, x)) sum += col.weight ? col.weight(c) : 1
  return sum
}

function refCells<K extends string>(
  keys: readonly K[],
  cases: readonly ReportFacts[],
  period: ReportPeriod,
  today: string,
): Record<K, number | null> {
  const out = {} as Record<K, number | null>
  for (const k of keys)
    out[k] = refCell(
      REPORT_COLUMNS.find((c) => c.key === k)!,
      cases,
      period,
      today,
    )
  return out
}

const ALL_KEYS = REPORT_COLUMNS.map((c) => c.key)
const BREAKDOWN_KEYS = [
  'accepted',
  'succeeded',
  'failed',
  'successRate',
  'amountYuan',
  'people',
  'withinDeadline',
  'overdue',
  'criminalCases',
] as const

const GROUP_LABEL = { 申请: '当事人申请', 主动: '主动调解', 委托移送: '委托移送' } as const

function reference(all: readonly ReportFacts[], r: FiguresRequest) {
  const cases = all.filter((c) => inRefScope(c, r.scope))
  const { period, today } = r
  // a case the period counts at all (its room or mediator then has a row, even when no longer configured)
  const counts = (c: ReportFacts) =>
    REPORT_COLUMNS.some((col) => col.unit !== 'rate' && col.selects(c, { period, today }))
  const counted = cases.filter(counts)

  // main table
  const retired = [...new Set(counted.map((c) => c.category))].filter((k) => !r.categories.includes(k)).sort()
  const rows = [...r.categories, ...retired].map((category) => ({
    category,
    label: r.categories.includes(category) ? category : `${category}（已停用）`,
    retired: !r.categories.includes(category),
    cells: refCells(
      ALL_KEYS,
      cases.filter((c) => c.category === category),
      period,
      today,
    ),
  }))
  const total = refCells(ALL_KEYS, cases, period, today)
  const report = { period, scope: r.scope, rows, total: { category: '', label: '合计', retired: false, cells: total } }

  // 环比 / 同比
  const prev = refCells(ALL_KEYS, cases, previousPeriod(period), today)
  const last = refCells(ALL_KEYS, cases, samePeriodLastYear(period), today)
  const change = (key: string, now: number | null, before: number | null) => {
    if (now === null || before === null) return null
    if (key === 'successRate') return now - before
    return before === 0 ? null : (now - before) / before
  }
  const comparison = Object.fromEntries(
    ALL_KEYS.map((k) => [
      k,
      {
        current: total[k],
        previous: prev[k],
        lastYear: last[k],
        periodOnPeriod: change(k, total[k], prev[k]),
        yearOnYear: change(k, total[k], last[k]),
      },
    ]),
  )

  // breakdowns
  const bRow = (key: object, label: string, members: readonly ReportFacts[], extra = {}) => ({
    key,
    label,
    subtotal: false,
    retired: false,
    cells: refCells(BREAKDOWN_KEYS, members, period, today),
    ...extra,
  })
  const bTotal = refCells(BREAKDOWN_KEYS, cases, period, today)
  const sourceRows = (['申请', '主动', '委托移送'] as const).flatMap((group) => [
    bRow(
      { kind: 'sourceGroup', value: group },
      GROUP_LABEL[group],
      cases.filter((c) => CASE_SOURCES.find((s) => s.source === c.source)!.group === group),
      { subtotal: true },
    ),
    ...CASE_SOURCES.filter((s) => s.group === group).map((s) =>
      bRow(
        { kind: 'source', value: s.source },
        s.label,
        cases.filter((c) => c.source === s.source),
      ),
    ),
  ])
  const roomIds = [...new Set(counted.map((c) => c.roomId))]
  const roomRows = [
    ...r.names.rooms.map((n) =>
      bRow(
        { kind: 'room', value: n.id },
        n.name,
        cases.filter((c) => c.roomId === n.id),
      ),
    ),
    ...roomIds
      .filter((id) => id !== '' && !r.names.rooms.some((n) => n.id === id))
      .sort()
      .map((id, i, others) =>
        bRow(
          { kind: 'room', value: id },
          // another PC's room, numbered when there are several
          others.length === 1 ? '其他电脑的调解室' : `其他电脑的调解室（${i + 1}）`,
          cases.filter((c) => c.roomId === id),
          {
            retired: true,
          },
        ),
      ),
  ]
  const mediatorIds = [...new Set(counted.flatMap((c) => c.mediatorIds))]
  const byMediator = (id: string) => cases.filter((c) => c.mediatorIds.includes(id))
  const unassigned = cases.filter((c) => c.mediatorIds.length === 0)
  const mediatorRows = [
    ...r.names.mediators.map((n) => bRow({ kind: 'mediator', value: n.id }, n.name, byMediator(n.id))),
    ...mediatorIds
      .filter((id) => !r.names.mediators.some((n) => n.id === id))
      .sort()
      .map((id, i, others) =>
        bRow(
          { kind: 'mediator', value: id },
          others.length === 1 ? '其他电脑的调解员' : `其他电脑的调解员（${i + 1}）`,
          byMediator(id),
          { retired: true },
        ),
      ),
    ...(unassigned.some(counts) ? [bRow({ kind: 'mediator', value: '' }, '未指派', unassigned)] : []),
  ]
  const breakdowns = [
    { kind: 'source', rows: sourceRows, total: bTotal },
    { kind: 'room', rows: roomRows, total: bTotal },
    { kind: 'mediator', rows: mediatorRows, total: bTotal },
  ]

  // the trend: twelve months ending with the period's last month, or this month while it runs
  const end = (today >= period.from && today < period.to ? today : period.to).slice(0, 7)
  const endIndex = Number(end.slice(0, 4)) * 12 + Number(end.slice(5, 7)) - 1
  const trend = Array.from({ length: 12 }, (_, i) => {
    const n = endIndex - 11 + i
    const month = monthPeriod(Math.floor(n / 12), (n % 12) + 1)
    const cells = refCells(['accepted', 'succeeded', 'failed', 'successRate'] as const, cases, month, today)
    return {
      month: month.from.slice(0, 7),
      period: month,
      accepted: cells.accepted,
      succeeded: cells.succeeded,
      failed: cells.failed,
      rate: cells.successRate,
    }
  })
  return { report, comparison, breakdowns, trend }
}

// ---------------------------------------------------------------------------------------------------

const periodArb: fc.Arbitrary<ReportPeriod> = fc.oneof(
  fc
    .record({ y: fc.integer({ min: 2025, max: 2026 }), m: fc.integer({ min: 1, max: 12 }) })
    .map(({ y, m }) => monthPeriod(y, m)),
  fc
    .record({ y: fc.integer({ min: 2025, max: 2026 }), q: fc.integer({ min: 1, max: 4 }) })
    .map(({ y, q }) => quarterPeriod(y, q)),
  fc.integer({ min: 2025, max: 2026 }).map(yearPeriod),
  fc
    .record({ from: isoDateArb(2025, 2026), days: fc.integer({ min: 0, max: 200 }) })
    .map(({ from, days }): ReportPeriod => ({ kind: 'custom', from, to: addDays(from, days) })),
)

const requestArb: fc.Arbitrary<FiguresRequest> = fc.record({
  period: periodArb,
  scope: scopeArb,
  categories: fc.subarray(['婚姻家庭', '邻里', '合同']),
  names: fc.record({
    rooms: fc.subarray([
      { id: 'r1', name: '一室' },
      { id: 'r3', name: '三室' },
    ]),
    mediators: fc.subarray([
      { id: 'm1', name: '张三' },
      { id: 'm2', name: '李四' },
    ]),
  }),
  today: isoDateArb(2025, 2027),
})

/** The figures as the reference spells them (breakdowns without their fixed titles and notes). */
function comparable(f: ReturnType<typeof reportFigures>) {
  return {
    ...f,
    breakdowns: f.breakdowns.map((b) => ({ kind: b.kind, rows: b.rows, total: b.total })),
  }
}

describe('the one-pass figures', () => {
  it('equal a plain per-table reference: main table, 环比/同比, breakdowns and trend', () => {
    fc.assert(
      fc.property(fc.array(reportCaseArb, { maxLength: 40 }), requestArb, fc.boolean(), (records, request, twice) => {
        // a mediator named twice on a case (as an old record may) still counts it once
        const cases = records
          .map(reportFactsOf)
          .map((c, i) => (twice && i % 3 === 0 ? { ...c, mediatorIds: [...c.mediatorIds, ...c.mediatorIds] } : c))
        expect(comparable(reportFigures(cases, request))).toStrictEqual(reference(cases, request))
      }),
      { numRuns: 150 },
    )
  })

  it('pause every CASES_PER_STEP cases and still count every case once', () => {
    fc.assert(
      fc.property(fc.array(reportCaseArb, { minLength: 1, maxLength: 6 }), requestArb, (records, request) => {
        const few = records.map(reportFactsOf)
        // more cases than one step holds, so the pass is split: the same facts repeated
        const cases = Array.from({ length: CASES_PER_STEP * 2 + 7 }, (_, i) => few[i % few.length]!)
        const steps = figureSteps(cases, request)
        let pauses = 0
        let next = steps.next()
        while (!next.done) {
          pauses++
          next = steps.next()
        }
        expect(pauses).toBeGreaterThanOrEqual(3)
        expect(comparable(next.value)).toStrictEqual(reference(cases, request))
      }),
      { numRuns: 5 },
    )
  })
})
