import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  buildReport,
  change,
  compareTotals,
  eventsIn,
  formatCell,
  hasEvent,
  formatChange,
  isEmptyReport,
  preventionRecord,
  REPORT_COLUMNS,
  reportColumn,
  type Report,
  type ReportColumnKey,
  type ReportScope,
} from '../../../src/domain/statistics'
import { monthPeriod, quarterPeriod, type ReportPeriod } from '../../../src/domain/reportPeriod'
import { cellCases, decodeCell, encodeCell } from '../../../src/domain/reportCell'
import { transition } from '../../../src/domain/transition'
import type { CaseRecord } from '../../../src/domain/types'
import { makeCase } from './arbitraries'
import { CATEGORIES, FIXTURE, TODAY } from './statisticsFixture'
import { monthArb, reportCaseArb, scopeArb } from './reportArbitraries'
import { reportFactsOf } from '../../../src/domain/reportFacts'

const COMMITTEE: ReportScope = { kind: 'committee' }
const JAN = monthPeriod(2026, 1)

/** The column order the expected rows below are written in (the table's order, spelled out here). */
const KEYS: ReportColumnKey[] = [
  'accepted',
  'acceptedApplied',
  'acceptedActive',
  'acceptedGrid',
  'acceptedReferred',
  'acceptedPolice',
  'acceptedCourt',
  'acceptedPetition',
  'acceptedGovernment',
  'succeeded',
  'succeededWritten',
  'succeededOral',
  'failed',
  'successRate',
  'amountYuan',
  'amountWan',
  'people',
  'performedFull',
  'performedPartial',
  'performedNone',
  'judicialApplied',
  'judicialConfirmed',
  'withinDeadline',
  'overdue',
  'criminalCases',
  'criminalPeople',
  'suicideCases',
  'suicidePeople',
  'petitionCases',
  'petitionPeople',
  'fightCases',
  'fightPeople',
  'abnormalDeath',
]

const asRow = (r: Report['total']) => [r.label, ...KEYS.map((k) => r.cells[k])]

describe('the January 2026 report of the fixture committee, every cell by hand', () => {
  const report = buildReport(FIXTURE.map(reportFactsOf), JAN, COMMITTEE, CATEGORIES, TODAY)

  it('lists every column once, in the order of the table', () => {
    expect(REPORT_COLUMNS.map((c) => c.key)).toEqual(KEYS)
  })

  it('rows: the configured categories in order, then the retired one, then 合计', () => {
    // prettier-ignore
    const expected = [
      //                 受理: 合 申 主 网 委 公 法 信 政 | 成 书 口 | 不成 | 成功率 | 金额(分)             | 人 | 履: 全 部 未 | 司法确认: 申 确 | 按期 超期 | 民转刑 自杀 上访 械斗 | 死亡
      ['婚姻家庭',           8, 4, 2, 0, 2, 1, 1, 0, 0,   5, 3, 2,   1,   5 / 6,   2_900_050, 2_900_050, 17,  1, 1, 1,   1, 1,   6, 1,   3, 7, 1, 1, 0, 0, 0, 0,   1],
      ['邻里',               6, 3, 2, 1, 1, 0, 0, 1, 0,   2, 1, 1,   0,   1,          50_000,    50_000, 24,  0, 0, 0,   0, 0,   4, 0,   0, 0, 0, 0, 0, 0, 0, 0,   0],
      ['合同',               4, 1, 0, 0, 3, 1, 1, 0, 1,   1, 0, 1,   2,   1 / 3,   1_234_567, 1_234_567, 10,  0, 0, 0,   0, 0,   2, 2,   0, 0, 0, 0, 0, 0, 0, 0,   0],
      ['物业纠纷（已停用）', 1, 1, 0, 0, 0, 0, 0, 0, 0,   0, 0, 0,   0,   null,            0,         0,  3,  1, 0, 0,   0, 0,   0, 0,   0, 0, 0, 0, 0, 0, 1, 5,   0],
    ]
    expect(report.rows.map(asRow)).toEqual(expected)
    expect(report.rows.map((r) => r.retired)).toEqual([false, false, false, true])
  })

  it('合计', () => {
    // prettier-ignore
    expect(asRow(report.total)).toEqual(
      ['合计',                19, 9, 4, 1, 6, 2, 2, 1, 1,   8, 4, 4,   3,   8 / 11,  4_184_617, 4_184_617, 54,  2, 1, 1,   1, 1,  12, 3,   3, 7, 1, 1, 0, 0, 1, 5,   1],
    )
  })

  it('shows amounts in 元 and 万元, rates in per cent, nothing as —', () => {
    const col = (k: ReportColumnKey) => reportColumn(k)!
    expect(formatCell(col('amountYuan'), report.total.cells.amountYuan)).toBe('41,846.17')
    expect(formatCell(col('amountWan'), report.total.cells.amountWan)).toBe('4.18')
    expect(formatCell(col('successRate'), report.total.cells.successRate)).toBe('72.7%')
    expect(formatCell(col('successRate'), report.rows[3]!.cells.successRate)).toBe('—')
    expect(formatCell(col('accepted'), 19)).toBe('19')
  })

  it('one room, one mediator (a case with two mediators counts for each)', () => {
    const r2 = buildReport(FIXTURE.map(reportFactsOf), JAN, { kind: 'room', roomId: 'r2' }, CATEGORIES, TODAY).total
      .cells
    expect([r2.accepted, r2.succeeded, r2.failed, r2.overdue, r2.people]).toEqual([5, 1, 1, 1, 6 + 10 + 2 + 4 + 2])
    const m2 = buildReport(FIXTURE.map(reportFactsOf), JAN, { kind: 'mediator', mediatorId: 'm2' }, CATEGORIES, TODAY)
      .total.cells
    expect([m2.accepted, m2.succeeded, m2.succeededOral, m2.failed]).toEqual([5, 2, 2, 1])
    const m1 = buildReport(FIXTURE.map(reportFactsOf), JAN, { kind: 'mediator', mediatorId: 'm1' }, CATEGORIES, TODAY)
      .total.cells
    expect(m1.accepted).toBe(15)
  })
})

describe('the other months of the fixture', () => {
  it('February: the reopened case is not counted again; the 00:30 agreement counts here', () => {
    const t = buildReport(FIXTURE.map(reportFactsOf), monthPeriod(2026, 2), COMMITTEE, CATEGORIES, TODAY).total.cells
    expect(t).toMatchObject({
      accepted: 6,
      succeeded: 3, // c12, c13 (02-01 00:30), c26
      succeededWritten: 3,
      failed: 2, // c22, c28
      amountYuan: 1_000_000,
      withinDeadline: 7, // c12, c13, c22, c26, c28, c29, c30
      overdue: 6, // c04, c11, c17, c23, c36, c40
      criminalCases: 0,
      petitionCases: 1,
      petitionPeople: 10,
      abnormalDeath: 0,
      performedFull: 0,
      judicialApplied: 0,
      judicialConfirmed: 1, // c20, applied in January
    })
  })

  it('December 2025: the agreement at 01:00 on New Year’s Day is not December’s', () => {
    const t = buildReport(FIXTURE.map(reportFactsOf), monthPeriod(2025, 12), COMMITTEE, CATEGORIES, TODAY).total.cells
    expect(t).toMatchObject({
      accepted: 8,
      succeeded: 2,
      failed: 1,
      successRate: 2 / 3,
      judicialApplied: 1, // c01, confirmed in January
      judicialConfirmed: 0,
      amountYuan: 1_500_000,
      performedPartial: 1,
      overdue: 1, // c36 only: c04 is due 01-19
      suicideCases: 1,
      suicidePeople: 2,
    })
  })

  it('the first quarter of 2026', () => {
    const t = buildReport(FIXTURE.map(reportFactsOf), quarterPeriod(2026, 1), COMMITTEE, CATEGORIES, TODAY).total.cells
    expect([t.accepted, t.succeeded, t.failed, t.criminalCases, t.criminalPeople]).toEqual([25, 11, 5, 3, 7])
    // c05's last record of the quarter is 全部; c09 部分; c08 全部; c24 未履行
    expect([t.performedFull, t.performedPartial, t.performedNone]).toEqual([2, 1, 1])
  })

  it('环比 with December 2025 and 同比 with January 2025', () => {
    const c = compareTotals(FIXTURE.map(reportFactsOf), JAN, COMMITTEE, TODAY)
    expect(c.accepted).toEqual({ current: 19, previous: 8, lastYear: 3, periodOnPeriod: 11 / 8, yearOnYear: 16 / 3 })
    expect(c.succeeded).toEqual({ current: 8, previous: 2, lastYear: 1, periodOnPeriod: 3, yearOnYear: 7 })
    expect(c.failed).toEqual({ current: 3, previous: 1, lastYear: 1, periodOnPeriod: 2, yearOnYear: 2 })
    expect(c.successRate.previous).toBe(2 / 3)
    expect(c.successRate.periodOnPeriod).toBeCloseTo(2 / 33, 12)
    expect(c.successRate.yearOnYear).toBeCloseTo(5 / 22, 12)
    expect(c.suicidePeople).toMatchObject({ current: 1, previous: 2, periodOnPeriod: -0.5 })
    expect(c.petitionCases).toMatchObject({ current: 0, previous: 0, periodOnPeriod: null, yearOnYear: null })
    expect(formatChange(reportColumn('accepted')!, c.accepted.periodOnPeriod)).toBe('↑137.5%')
    expect(formatChange(reportColumn('suicidePeople')!, -0.5)).toBe('↓50.0%')
    expect(formatChange(reportColumn('successRate')!, 0.05)).toBe('↑5.0个百分点')
    expect(formatChange(reportColumn('failed')!, 0)).toBe('持平')
    expect(formatChange(reportColumn('failed')!, null)).toBe('—')
    expect(change(5, 4)).toBe(0.25)
  })
})

describe('no cases, no categories', () => {
  it('a zero table, no rate, never NaN', () => {
    const r = buildReport([].map(reportFactsOf), JAN, COMMITTEE, CATEGORIES, TODAY)
    expect(isEmptyReport(r)).toBe(true)
    expect(r.rows.map((x) => x.label)).toEqual(CATEGORIES)
    for (const row of [...r.rows, r.total])
      for (const col of REPORT_COLUMNS) {
        const text = formatCell(col, row.cells[col.key])
        expect(text).not.toContain('NaN')
        expect(text).toBe(col.unit === 'rate' ? '—' : col.unit === 'yuan' || col.unit === 'wan' ? '0.00' : '0')
      }
    expect(buildReport(FIXTURE.map(reportFactsOf), JAN, COMMITTEE, [], TODAY).rows.map((x) => x.label)).toEqual([
      '合同（已停用）',
      '婚姻家庭（已停用）',
      '物业纠纷（已停用）',
      '邻里（已停用）',
    ])
    expect(isEmptyReport(buildReport(FIXTURE.map(reportFactsOf), JAN, COMMITTEE, CATEGORIES, TODAY))).toBe(false)
  })
})

// ---------------------------------------------------------------------------------------------------
// Properties over random cases

const caseArb = reportCaseArb
const NOT_RATE = REPORT_COLUMNS.filter((c) => c.unit !== 'rate')

describe('properties', () => {
  it('a column counts a case only when the event it is tied to falls in the period (the engine asks no other)', () => {
    // the events written out plainly from the case record, not from the facts the engine uses
    const inP = (d: string | undefined, p: ReportPeriod) => d !== undefined && d >= p.from && d <= p.to
    const chinaDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10)
    fc.assert(
      fc.property(reportCaseArb, monthArb, fc.boolean(), (c, { y, m }, quarter) => {
        const period = quarter ? quarterPeriod(y, Math.ceil(m / 3)) : monthPeriod(y, m)
        const x = { period, today: '2026-08-15' }
        const f = reportFactsOf(c)
        const bits = eventsIn(f, x)
        expect(hasEvent(bits, 'accepted')).toBe(inP(c.acceptedOn, period))
        expect(hasEvent(bits, 'outcome')).toBe(c.outcome !== undefined && inP(chinaDate(c.outcome.at), period))
        expect(hasEvent(bits, 'closed')).toBe(c.closedAt !== undefined && inP(chinaDate(c.closedAt), period))
        expect(hasEvent(bits, 'performance')).toBe(c.performance.some((p) => inP(chinaDate(p.at), period)))
        for (const col of REPORT_COLUMNS) if (col.selects(f, x)) expect(hasEvent(bits, col.event)).toBe(true)
      }),
      { numRuns: 400 },
    )
  })

  it('合计 is the sum of the rows; each breakdown adds up to its total', () => {
    fc.assert(
      fc.property(fc.array(caseArb, { maxLength: 40 }), monthArb, scopeArb, (cases, { y, m }, scope) => {
        const r = buildReport(cases.map(reportFactsOf), monthPeriod(y, m), scope, ['婚姻家庭', '邻里'], '2026-12-31')
        for (const col of NOT_RATE)
          expect(r.rows.reduce((s, row) => s + row.cells[col.key]!, 0)).toBe(r.total.cells[col.key])
        for (const { cells: c } of [...r.rows, r.total]) {
          expect(c.acceptedApplied! + c.acceptedActive! + c.acceptedReferred!).toBe(c.accepted)
          expect(c.acceptedPolice! + c.acceptedCourt! + c.acceptedPetition! + c.acceptedGovernment!).toBe(
            c.acceptedReferred,
          )
          expect(c.acceptedGrid!).toBeLessThanOrEqual(c.acceptedActive!)
          expect(c.succeededWritten! + c.succeededOral!).toBe(c.succeeded)
          expect(c.amountYuan).toBe(c.amountWan)
          const rate = c.successRate
          if (c.succeeded! + c.failed! === 0) expect(rate).toBeNull()
          else expect(rate).toBe(c.succeeded! / (c.succeeded! + c.failed!))
        }
      }),
    )
  })

  it('over twelve months, each accepted case is 受理 exactly once and each outcome counted once', () => {
    fc.assert(
      fc.property(fc.array(caseArb, { maxLength: 30 }), (cases) => {
        const months = Array.from({ length: 12 }, (_, i) =>
          buildReport(cases.map(reportFactsOf), monthPeriod(2025, i + 1), COMMITTEE, [], '2027-01-01'),
        )
        const year = buildReport(
          cases.map(reportFactsOf),
          { kind: 'year', from: '2025-01-01', to: '2025-12-31' },
          COMMITTEE,
          [],
          '2027-01-01',
        )
        for (const key of [
          'accepted',
          'succeeded',
          'failed',
          'amountYuan',
          'criminalPeople',
          'withinDeadline',
        ] as const)
          expect(months.reduce((s, r) => s + r.total.cells[key]!, 0)).toBe(year.total.cells[key])
        expect(year.total.cells.accepted).toBe(cases.filter((c) => c.acceptedOn?.startsWith('2025')).length)
      }),
    )
  })

  it('环比 and 同比 against a plain reference (counted by month strings)', () => {
    const plainAccepted = (cases: CaseRecord[], month: string) =>
      cases.filter((c) => c.acceptedOn?.slice(0, 7) === month).length
    const plainChange = (now: number, before: number) => (before === 0 ? null : (now - before) / before)
    fc.assert(
      fc.property(fc.array(caseArb, { maxLength: 40 }), fc.integer({ min: 1, max: 12 }), (cases, m) => {
        const month = `2026-${String(m).padStart(2, '0')}`
        const previous = m === 1 ? '2025-12' : `2026-${String(m - 1).padStart(2, '0')}`
        const lastYear = `2025-${String(m).padStart(2, '0')}`
        const c = compareTotals(cases.map(reportFactsOf), monthPeriod(2026, m), COMMITTEE, '2027-01-01').accepted
        const [now, prev, last] = [month, previous, lastYear].map((x) => plainAccepted(cases, x)) as [
          number,
          number,
          number,
        ]
        expect(c).toEqual({
          current: now,
          previous: prev,
          lastYear: last,
          periodOnPeriod: plainChange(now, prev),
          yearOnYear: plainChange(now, last),
        })
      }),
    )
  })

  it('every number equals the count of the cases its link selects (件 columns), and links survive the route', () => {
    fc.assert(
      fc.property(
        fc.array(caseArb, { maxLength: 40 }),
        monthArb,
        scopeArb,
        fc.constantFrom(...NOT_RATE.filter((c) => c.unit === 'cases')),
        (cases, { y, m }, scope, col) => {
          const period: ReportPeriod = monthPeriod(y, m)
          const today = '2026-06-30'
          const r = buildReport(cases.map(reportFactsOf), period, scope, ['婚姻家庭', '邻里'], today)
          for (const row of [...r.rows, r.total]) {
            const cell = { period, scope, column: col.key, ...(row === r.total ? {} : { category: row.category }) }
            const decoded = decodeCell(encodeCell(cell))
            expect(decoded).toEqual(cell)
            expect(cellCases(cases.map(reportFactsOf), decoded!, today).length).toBe(row.cells[col.key])
          }
        },
      ),
    )
  })
})

describe('recording prevention outcomes at 结案', () => {
  it('keeps the kinds with people, drops empty ones, and records nothing when nothing was prevented', () => {
    expect(preventionRecord({ criminal: 2, suicide: null, petition: 0 }, false)).toEqual({
      people: { criminal: 2 },
      abnormalDeath: false,
    })
    expect(preventionRecord({ criminal: null, fight: 0 }, false)).toBeUndefined()
    expect(preventionRecord({}, true)).toEqual({ people: {}, abnormalDeath: true })
  })

  it('the close action stores it; a case closed without one carries none', () => {
    const c = makeCase({ status: 'effective' })
    const prevention = { people: { criminal: 3 }, abnormalDeath: true }
    const closed = transition(c, 'close', { summary: '已履行', prevention }, '2026-01-31T02:00:00.000Z')
    expect(closed.ok && closed.next.prevention).toEqual(prevention)
    expect(closed.ok && closed.changedFields).toContain('prevention')
    const plain = transition(c, 'close', { summary: '已履行' }, '2026-01-31T02:00:00.000Z')
    expect(plain.ok && 'prevention' in plain.next).toBe(false)
    const bad = transition(
      c,
      'close',
      { summary: 'x', prevention: { people: { criminal: -1 }, abnormalDeath: false } },
      '2026-01-31T02:00:00.000Z',
    )
    expect(bad).toEqual({ ok: false, message: '人数不能为负数' })
  })
})

describe('correcting prevention outcomes after 结案', () => {
  const closed = makeCase({ status: 'closed', prevention: { people: { criminal: 3 }, abnormalDeath: false } })
  const NOW = '2026-02-01T02:00:00.000Z'

  it('changes or clears the record while the case is closed', () => {
    const changed = transition(
      closed,
      'recordPrevention',
      { prevention: { people: { suicide: 1 }, abnormalDeath: true } },
      NOW,
    )
    expect(changed.ok && changed.next.prevention).toEqual({ people: { suicide: 1 }, abnormalDeath: true })
    expect(changed.ok && changed.next.status).toBe('closed')
    const cleared = transition(closed, 'recordPrevention', {}, NOW)
    expect(cleared.ok && 'prevention' in cleared.next).toBe(false)
    expect(cleared.ok && cleared.changedFields).toEqual(['prevention'])
  })

  it('is refused once archived', () => {
    expect(transition({ ...closed, status: 'archived' }, 'recordPrevention', {}, NOW)).toEqual({
      ok: false,
      message: '案件当前状态为“已归档”，不能修改防止激化情况',
    })
  })
})
