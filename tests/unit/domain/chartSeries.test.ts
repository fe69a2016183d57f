import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  acceptedByCategory,
  categorySeries,
  dashboardChartSeries,
  overdueByMediator,
  reportChartSeries,
  type MonthPoint,
} from '../../../src/domain/chartSeries'
import { monthlyTrend, trendEndMonth, trendMonths } from '../../../src/domain/reportTrend'
import { buildReport } from '../../../src/domain/statistics'
import { monthPeriod, yearPeriod } from '../../../src/domain/reportPeriod'
import { addDays } from '../../../src/domain/dates'
import type { CaseRecord, CaseStatus, OutcomeKind } from '../../../src/domain/types'
import type { ReportScope } from '../../../src/domain/statistics'
import { isoDateArb, makeCase } from './arbitraries'
import { reportFactsOf } from '../../../src/domain/reportFacts'

const TODAY = '2026-03-15'
const CATEGORIES = ['婚姻家庭', '邻里', '合同']

interface Spec {
  cat: string
  status: CaseStatus
  acc?: string
  due?: string
  /** outcome kind and its instant (UTC) */
  out?: [OutcomeKind, string]
  room?: string
  mediators?: string[]
}

const k = (id: string, s: Spec): CaseRecord =>
  makeCase({
    id,
    category: s.cat,
    status: s.status,
    receivedOn: s.acc ?? '2026-03-01',
    ...(s.acc ? { acceptedOn: s.acc, caseNo: id } : {}),
    ...(s.due ? { dueOn: s.due } : {}),
    ...(s.out ? { outcome: { kind: s.out[0], at: s.out[1], content: '' } } : {}),
    roomId: s.room ?? 'r1',
    mediatorIds: s.mediators ?? ['m1'],
  })

/** Ten hand-made cases; the comment on each says where it counts. */
const CASES: CaseRecord[] = [
  // 受理 Dec 2025; 调解成功 (written) Jan 2026
  k('a', { cat: '婚姻家庭', status: 'effective', acc: '2025-12-05', out: ['written', '2026-01-10T02:00:00.000Z'] }),
  // 受理 Jan; 调解不成 (terminated) Jan
  k('b', { cat: '邻里', status: 'terminated', acc: '2026-01-03', out: ['terminated', '2026-01-20T02:00:00.000Z'] }),
  // 受理 Jan; oral agreement at 01:00 on 1 February China time: 调解成功 in February
  k('c', { cat: '合同', status: 'effective', acc: '2026-01-31', out: ['oral', '2026-01-31T17:00:00.000Z'] }),
  // 受理 Mar; withdrawn: neither success nor failure
  k('d', { cat: '邻里', status: 'withdrawn', acc: '2026-03-02', out: ['withdrawn', '2026-03-05T02:00:00.000Z'] }),
  // 受理 March 2025 (before the 12 months); 调解成功 April 2025, the trend's first month
  k('e', { cat: '合同', status: 'closed', acc: '2025-03-20', out: ['written', '2025-04-02T02:00:00.000Z'] }),
  // registered, never accepted: counts nowhere
  k('f', { cat: '邻里', status: 'intake' }),
  // another room: 受理 Feb (committee only)
  k('g', {
    cat: '邻里',
    status: 'referred',
    acc: '2026-02-10',
    out: ['referred', '2026-02-12T02:00:00.000Z'],
    room: 'r2',
  }),
  // 受理 Feb, a category no longer configured; overdue since 1 March (m2)
  k('h', { cat: '物业', status: 'mediating', acc: '2026-02-11', due: '2026-03-01', mediators: ['m2'] }),
  // 受理 Jan; overdue since 4 February, two mediators (counts for each)
  k('i', { cat: '合同', status: 'mediating', acc: '2026-01-05', due: '2026-02-04', mediators: ['m2', 'm1'] }),
  // 受理 Dec 2025; overdue since 19 January, no mediator assigned
  k('j', { cat: '婚姻家庭', status: 'accepted', acc: '2025-12-20', due: '2026-01-19', mediators: [] }),
]

const COMMITTEE = { kind: 'committee' } as const

/** [month, 受理, 调解成功, 成功率] written out by hand. */
type Row = [string, number, number, number | null]
const rows = (table: Row[]): MonthPoint[] =>
  table.map(([month, accepted, succeeded, rate]) => ({ month, accepted, succeeded, rate }))

const COMMITTEE_TREND: Row[] = [
  ['2025-04', 0, 1, 1], // e succeeded
  ['2025-05', 0, 0, null],
  ['2025-06', 0, 0, null],
  ['2025-07', 0, 0, null],
  ['2025-08', 0, 0, null],
  ['2025-09', 0, 0, null],
  ['2025-10', 0, 0, null],
  ['2025-11', 0, 0, null],
  ['2025-12', 2, 0, null], // a, j accepted
  ['2026-01', 3, 1, 0.5], // b, c, i accepted; a succeeded, b failed
  ['2026-02', 2, 1, 1], // g, h accepted; c succeeded
  ['2026-03', 1, 0, null], // d accepted (withdrawn: no rate)
]

const monthsEndingAt = (end: string, count?: number) => trendMonths(end, count).map((p) => p.from.slice(0, 7))

describe('trendMonths', () => {
  it('counts back across a year boundary', () => {
    expect(monthsEndingAt('2026-02', 3)).toEqual(['2025-12', '2026-01', '2026-02'])
    expect(monthsEndingAt('2026-12')).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ])
  })
})

describe('monthlyTrend', () => {
  it('counts 受理, 调解成功 and 成功率 per month as the report defines them', () => {
    expect(monthlyTrend(CASES.map(reportFactsOf), '2026-03', COMMITTEE, TODAY)).toMatchObject(rows(COMMITTEE_TREND))
  })

  it('leaves out the cases outside the scope', () => {
    const room = monthlyTrend(CASES.map(reportFactsOf), '2026-03', { kind: 'room', roomId: 'r1' }, TODAY)
    expect(room.find((p) => p.month === '2026-02')).toMatchObject({
      month: '2026-02',
      accepted: 1,
      succeeded: 1,
      rate: 1,
    })
    const m2 = monthlyTrend(CASES.map(reportFactsOf), '2026-03', { kind: 'mediator', mediatorId: 'm2' }, TODAY)
    expect(m2.filter((p) => p.accepted > 0 || p.succeeded > 0)).toMatchObject(
      rows([
        ['2026-01', 1, 0, null], // i
        ['2026-02', 1, 0, null], // h
      ]),
    )
  })

  it('gives twelve empty months for no cases', () => {
    const empty = monthlyTrend([].map(reportFactsOf), '2026-03', COMMITTEE, TODAY)
    expect(empty).toHaveLength(12)
    expect(empty.every((p) => p.accepted === 0 && p.succeeded === 0 && p.rate === null)).toBe(true)
  })
})

describe('trendEndMonth', () => {
  it('ends a running period this month, any other at its last month', () => {
    expect(trendEndMonth(yearPeriod(2026), TODAY)).toBe('2026-03')
    expect(trendEndMonth(yearPeriod(2025), TODAY)).toBe('2025-12')
    expect(trendEndMonth(monthPeriod(2026, 3), TODAY)).toBe('2026-03')
    expect(trendEndMonth(monthPeriod(2025, 11), TODAY)).toBe('2025-11')
    expect(trendEndMonth(yearPeriod(2027), TODAY)).toBe('2027-12')
  })
})

describe('categorySeries', () => {
  it('takes 受理 from the report rows, in their order, without the categories that have none', () => {
    const report = buildReport(CASES.map(reportFactsOf), yearPeriod(2026), COMMITTEE, CATEGORIES, TODAY)
    // 2026: 邻里 b, d, g; 合同 c, i; 婚姻家庭 none; 物业 (no longer configured) h
    expect(categorySeries(report)).toEqual([
      { category: '邻里', label: '邻里', accepted: 3 },
      { category: '合同', label: '合同', accepted: 2 },
      { category: '物业', label: '物业（已停用）', accepted: 1 },
    ])
  })
})

describe('acceptedByCategory', () => {
  it('counts 受理 per category in the committee’s order, then the categories no longer offered', () => {
    expect(acceptedByCategory(CASES.map(reportFactsOf), yearPeriod(2026), COMMITTEE, CATEGORIES, TODAY)).toEqual([
      { category: '邻里', label: '邻里', accepted: 3 },
      { category: '合同', label: '合同', accepted: 2 },
      { category: '物业', label: '物业（已停用）', accepted: 1 },
    ])
    // December 2025: a (婚姻家庭) and j (婚姻家庭)
    expect(acceptedByCategory(CASES.map(reportFactsOf), monthPeriod(2025, 12), COMMITTEE, CATEGORIES, TODAY)).toEqual([
      { category: '婚姻家庭', label: '婚姻家庭', accepted: 2 },
    ])
  })
})

describe('overdueByMediator', () => {
  it('counts the cases overdue today for each of their mediators, most first', () => {
    expect(overdueByMediator(CASES.map(reportFactsOf), yearPeriod(2026), COMMITTEE, TODAY)).toEqual([
      { mediatorId: 'm2', overdue: 2 }, // h, i
      { mediatorId: 'm1', overdue: 1 }, // i
      { mediatorId: null, overdue: 1 }, // j
    ])
  })

  it('judges a past period at its last day', () => {
    // on 31 January only j was past its due date; i was due 4 February, h not yet accepted
    expect(overdueByMediator(CASES.map(reportFactsOf), monthPeriod(2026, 1), COMMITTEE, TODAY)).toEqual([
      { mediatorId: null, overdue: 1 },
    ])
  })

  it('keeps to the scope', () => {
    expect(
      overdueByMediator(CASES.map(reportFactsOf), yearPeriod(2026), { kind: 'mediator', mediatorId: 'm1' }, TODAY),
    ).toEqual([
      { mediatorId: 'm2', overdue: 1 },
      { mediatorId: 'm1', overdue: 1 },
    ])
  })
})

describe('the series of a page', () => {
  it('工作台: this year, the 12 months ending this month, overdue today', () => {
    expect(dashboardChartSeries(CASES.map(reportFactsOf), CATEGORIES, TODAY)).toMatchObject({
      trend: rows(COMMITTEE_TREND),
      byCategory: [
        { category: '邻里', label: '邻里', accepted: 3 },
        { category: '合同', label: '合同', accepted: 2 },
        { category: '物业', label: '物业（已停用）', accepted: 1 },
      ],
      overdueByMediator: [
        { mediatorId: 'm2', overdue: 2 },
        { mediatorId: 'm1', overdue: 1 },
        { mediatorId: null, overdue: 1 },
      ],
    })
  })

  it('统计: the report’s period and scope', () => {
    const report = buildReport(
      CASES.map(reportFactsOf),
      monthPeriod(2026, 1),
      { kind: 'room', roomId: 'r1' },
      CATEGORIES,
      TODAY,
    )
    const series = reportChartSeries(CASES.map(reportFactsOf), report, TODAY)
    expect(series.trend.at(-1)).toMatchObject({ month: '2026-01', accepted: 3, succeeded: 1, rate: 0.5 })
    expect(series.trend[0]!.month).toBe('2025-02')
    // January: 邻里 b, 合同 c and i
    expect(series.byCategory).toEqual([
      { category: '邻里', label: '邻里', accepted: 1 },
      { category: '合同', label: '合同', accepted: 2 },
    ])
    expect(series.overdueByMediator).toEqual([{ mediatorId: null, overdue: 1 }])
  })
})

// ---------------------------------------------------------------------------------------------------
// Random case sets: the series agree with the report (statistics.ts), month by month

const KINDS: OutcomeKind[] = ['written', 'oral', 'terminated', 'withdrawn', 'referred']
const randomCase: fc.Arbitrary<CaseRecord> = fc
  .record({
    accepted: fc.option(isoDateArb(2025, 2026), { nil: undefined }),
    kind: fc.option(fc.constantFrom(...KINDS), { nil: undefined }),
    lag: fc.integer({ min: 0, max: 90 }),
    // hours 16..23 UTC fall on the next China date
    hour: fc.integer({ min: 0, max: 23 }),
    category: fc.constantFrom('婚姻家庭', '邻里', '旧类别', '合同'),
    room: fc.constantFrom('r1', 'r2'),
    mediators: fc.subarray(['m1', 'm2']),
  })
  .map((g) => {
    const start = g.accepted ?? '2026-01-01'
    return makeCase({
      category: g.category,
      roomId: g.room,
      mediatorIds: g.mediators,
      receivedOn: start,
      status: g.kind === undefined ? (g.accepted ? 'mediating' : 'intake') : 'closed',
      ...(g.accepted ? { acceptedOn: g.accepted, dueOn: addDays(g.accepted, 30) } : {}),
      ...(g.kind
        ? {
            outcome: {
              kind: g.kind,
              at: `${addDays(start, g.lag)}T${String(g.hour).padStart(2, '0')}:30:00.000Z`,
              content: '',
            },
          }
        : {}),
    })
  })
const scopes = fc.constantFrom<ReportScope[]>(
  { kind: 'committee' },
  { kind: 'room', roomId: 'r2' },
  { kind: 'mediator', mediatorId: 'm1' },
)

describe('against the report', () => {
  it('each month of the trend is that month’s report total', () => {
    fc.assert(
      fc.property(
        fc.array(randomCase, { maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }),
        scopes,
        (cases, m, scope) => {
          const end = `2026-${String(m).padStart(2, '0')}`
          const trend = monthlyTrend(cases.map(reportFactsOf), end, scope, '2027-01-01')
          expect(trend.map((p) => p.month)).toEqual(monthsEndingAt(end))
          for (const p of trend) {
            const [y, mm] = [Number(p.month.slice(0, 4)), Number(p.month.slice(5, 7))]
            const total = buildReport(cases.map(reportFactsOf), monthPeriod(y, mm), scope, [], '2027-01-01').total.cells
            expect(p).toMatchObject({
              month: p.month,
              accepted: total.accepted,
              succeeded: total.succeeded,
              rate: total.successRate,
            })
          }
        },
      ),
      { numRuns: 60 },
    )
  })

  it('受理 by category is the report’s rows, without its other columns', () => {
    fc.assert(
      fc.property(fc.array(randomCase, { maxLength: 40 }), scopes, (cases, scope) => {
        const period = yearPeriod(2026)
        expect(acceptedByCategory(cases.map(reportFactsOf), period, scope, CATEGORIES, TODAY)).toEqual(
          categorySeries(buildReport(cases.map(reportFactsOf), period, scope, CATEGORIES, TODAY)),
        )
      }),
      { numRuns: 100 },
    )
  })

  it('超期 per mediator adds up to the report’s 超期 counted once per mediator', () => {
    fc.assert(
      fc.property(fc.array(randomCase, { maxLength: 40 }), fc.integer({ min: 1, max: 12 }), (cases, m) => {
        const period = monthPeriod(2026, m)
        const points = overdueByMediator(cases.map(reportFactsOf), period, COMMITTEE, '2026-07-15')
        for (const id of ['m1', 'm2']) {
          const own = buildReport(
            cases.map(reportFactsOf),
            period,
            { kind: 'mediator', mediatorId: id },
            [],
            '2026-07-15',
          ).total.cells
          expect(points.find((p) => p.mediatorId === id)?.overdue ?? 0).toBe(own.overdue)
        }
        const all = buildReport(cases.map(reportFactsOf), period, COMMITTEE, [], '2026-07-15').total.cells.overdue!
        const unassigned = points.find((p) => p.mediatorId === null)?.overdue ?? 0
        const assigned = cases.filter(
          (c) =>
            c.mediatorIds.length > 0 &&
            buildReport([c].map(reportFactsOf), period, COMMITTEE, [], '2026-07-15').total.cells.overdue,
        ).length
        expect(unassigned).toBe(all - assigned)
      }),
      { numRuns: 60 },
    )
  })
})
