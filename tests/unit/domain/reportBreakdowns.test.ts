import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  BREAKDOWN_COLUMN_KEYS,
  buildBreakdowns,
  type Breakdown,
  type BreakdownRow,
} from '../../../src/domain/reportBreakdowns'
import { buildReport, type ReportScope } from '../../../src/domain/statistics'
import { monthPeriod } from '../../../src/domain/reportPeriod'
import { cellCases, cellTitle, decodeCell, encodeCell, type ReportCell } from '../../../src/domain/reportCell'
import { FIXTURE, TODAY } from './statisticsFixture'
import { monthArb, reportCaseArb, scopeArb } from './reportArbitraries'
import { reportFactsOf } from '../../../src/domain/reportFacts'

const COMMITTEE: ReportScope = { kind: 'committee' }
const JAN = monthPeriod(2026, 1)
const NAMES = {
  rooms: [
    { id: 'r1', name: '一室' },
    { id: 'r2', name: '二室' },
  ],
  mediators: [
    { id: 'm1', name: '张调解' },
    { id: 'm2', name: '李调解' },
  ],
}

/** The column order the expected rows are written in, spelled out here. */
const KEYS = [
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

const asRow = (r: BreakdownRow) => [r.label, ...KEYS.map((k) => r.cells[k])]
const byKind = (bs: Breakdown[], kind: Breakdown['kind']) => bs.find((b) => b.kind === kind)!

describe('the January 2026 breakdowns of the fixture committee, every cell by hand', () => {
  const bs = buildBreakdowns(FIXTURE.map(reportFactsOf), JAN, COMMITTEE, NAMES, TODAY)

  it('shows the columns in the order written here', () => {
    expect([...BREAKDOWN_COLUMN_KEYS]).toEqual([...KEYS])
  })

  it('by source: the three groups as subtotals of their sources', () => {
    const source = byKind(bs, 'source')
    // prettier-ignore
    expect(source.rows.map(asRow)).toEqual([
      //                                  受理 成功 不成 成功率 金额(分)   人数 按期 超期 民转刑
      ['当事人申请',                        9,  6,  0,  1,     3_584_617, 22,  7,  1,  2], // c36 overdue; c08 c20
      ['当事人申请（书面或口头）',          9,  6,  0,  1,     3_584_617, 22,  7,  1,  2],
      ['主动调解',                          4,  1,  1,  0.5,           0, 12,  3,  1,  0], // c02 c10, c07; c17
      ['调委会主动调解（排查发现）',        2,  1,  1,  0.5,           0,  4,  2,  0,  0],
      ['网格员上报',                        1,  0,  0,  null,          0,  6,  1,  0,  0],
      ['其他',                              1,  0,  0,  null,          0,  2,  0,  1,  0],
      ['委托移送',                          6,  1,  2,  1 / 3,   600_000, 20,  2,  1,  1], // c24; c03 c14; c04
      ['公安机关移交',                      2,  1,  2,  1 / 3,   600_000,  4,  1,  0,  1],
      ['人民法院委派、委托（诉前调解）',    2,  0,  0,  null,          0,  4,  1,  1,  0],
      ['政府部门交办',                      1,  0,  0,  null,          0,  2,  0,  0,  0],
      ['信访或12345热线转办',               1,  0,  0,  null,          0, 10,  0,  0,  0],
    ])
    expect(source.rows.map((r) => r.subtotal)).toEqual([
      true,
      false,
      true,
      false,
      false,
      false,
      true,
      false,
      false,
      false,
      false,
    ])
  })

  it('by room and by mediator (c21 has both mediators and counts for each)', () => {
    // prettier-ignore
    expect(byKind(bs, 'room').rows.map(asRow)).toEqual([
      ['一室', 14, 7, 2, 7 / 9, 2_950_050, 30, 11, 2, 3],
      ['二室',  5, 1, 1, 0.5,   1_234_567, 24,  1, 1, 0],
    ])
    // prettier-ignore
    expect(byKind(bs, 'mediator').rows.map(asRow)).toEqual([
      ['张调解', 15, 7, 2, 7 / 9, 3_884_567, 37, 11, 2, 3],
      ['李调解',  5, 2, 1, 2 / 3, 1_534_617, 21,  2, 1, 0],
    ])
  })

  it('合计 is the main table’s', () => {
    const total = buildReport(FIXTURE.map(reportFactsOf), JAN, COMMITTEE, [], TODAY).total.cells
    for (const b of bs) expect(b.total).toEqual(Object.fromEntries(KEYS.map((k) => [k, total[k]])))
    // prettier-ignore
    expect(KEYS.map((k) => bs[0]!.total[k])).toEqual([19, 8, 3, 8 / 11, 4_184_617, 54, 12, 3, 3])
  })

  it("a room not in this PC's settings (another PC's) keeps its row; a case without mediator is 未指派", () => {
    const cases = [...FIXTURE, { ...FIXTURE.find((c) => c.id === 'c25')!, id: 'c99', mediatorIds: [] }]
    const b = buildBreakdowns(
      cases.map(reportFactsOf),
      JAN,
      COMMITTEE,
      { rooms: [NAMES.rooms[0]!], mediators: NAMES.mediators },
      TODAY,
    )
    expect(byKind(b, 'room').rows.map((r) => [r.label, r.retired, r.cells.accepted])).toEqual([
      ['一室', false, 15],
      ['其他电脑的调解室', true, 5],
    ])
    expect(byKind(b, 'mediator').rows.map((r) => [r.label, r.cells.accepted])).toEqual([
      ['张调解', 15],
      ['李调解', 5],
      ['未指派', 1],
    ])
  })

  it('a breakdown row’s link lists its cases and names them', () => {
    const cell: ReportCell = {
      period: JAN,
      scope: COMMITTEE,
      column: 'failed',
      row: { kind: 'source', value: '公安移交' },
    }
    const decoded = decodeCell(encodeCell(cell))
    expect(decoded).toEqual(cell)
    expect(
      cellCases(FIXTURE.map(reportFactsOf), decoded!, TODAY)
        .map((c) => c.id)
        .sort(),
    ).toEqual(['c03', 'c14'])
    expect(cellTitle(cell, '')).toBe('2026年1月 · 公安机关移交 · 调解不成')
    const room: ReportCell = { ...cell, column: 'accepted', row: { kind: 'room', value: 'r2' } }
    expect(cellTitle(room, '', () => '二室')).toBe('2026年1月 · 二室 · 受理 合计')
    expect(decodeCell({ ...encodeCell(cell), rby: 'source', rval: '不存在' })).toBeUndefined()
    expect(decodeCell({ ...encodeCell(cell), rby: 'nope' })).toBeUndefined()
  })
})

describe('breakdown properties', () => {
  const counted = KEYS.filter((k) => k !== 'successRate')
  const sum = (rows: BreakdownRow[], k: (typeof KEYS)[number]) => rows.reduce((s, r) => s + r.cells[k]!, 0)

  it('sources and rooms add up to 合计, groups to their sources; mediators add each case once per mediator', () => {
    fc.assert(
      fc.property(fc.array(reportCaseArb, { maxLength: 40 }), monthArb, scopeArb, (cases, { y, m }, scope) => {
        const period = monthPeriod(y, m)
        const today = '2026-12-31'
        const [source, room, mediator] = buildBreakdowns(cases.map(reportFactsOf), period, scope, NAMES, today)
        const total = buildReport(cases.map(reportFactsOf), period, scope, [], today).total.cells
        for (const k of counted) {
          expect(source!.total[k]).toBe(total[k])
          expect(
            sum(
              source!.rows.filter((r) => !r.subtotal),
              k,
            ),
          ).toBe(total[k])
          expect(
            sum(
              source!.rows.filter((r) => r.subtotal),
              k,
            ),
          ).toBe(total[k])
          expect(sum(room!.rows, k)).toBe(total[k])
          // a plain reference: each case's share of the column, times its number of mediators (at least 1)
          const perCase = cases
            .filter((c) => scope.kind !== 'room' || c.roomId === scope.roomId)
            .filter((c) => scope.kind !== 'mediator' || c.mediatorIds.includes(scope.mediatorId))
            .map((c) => {
              const one = buildReport([c].map(reportFactsOf), period, { kind: 'committee' }, [], today).total.cells[k]!
              return one * Math.max(1, new Set(c.mediatorIds).size)
            })
          expect(sum(mediator!.rows, k)).toBe(perCase.reduce((s, x) => s + x, 0))
        }
        for (const r of [...source!.rows, ...room!.rows, ...mediator!.rows]) {
          const { succeeded: s, failed: f } = r.cells
          expect(r.cells.successRate).toBe(s! + f! === 0 ? null : s! / (s! + f!))
        }
      }),
      { numRuns: 60 },
    )
  })

  it('every breakdown number equals the count (or sum) of the case list it links to', () => {
    fc.assert(
      fc.property(fc.array(reportCaseArb, { maxLength: 40 }), monthArb, scopeArb, (cases, { y, m }, scope) => {
        const period = monthPeriod(y, m)
        const today = '2026-06-30'
        for (const b of buildBreakdowns(cases.map(reportFactsOf), period, scope, NAMES, today))
          for (const r of b.rows)
            for (const k of counted) {
              const cell = decodeCell(encodeCell({ period, scope, column: k, row: r.key }))!
              const ids = new Set(cellCases(cases.map(reportFactsOf), cell, today).map((c) => c.id))
              const listed = cases.filter((c) => ids.has(c.id))
              const expected =
                k === 'amountYuan'
                  ? listed.reduce((s, c) => s + c.amountFen, 0)
                  : k === 'people'
                    ? listed.reduce((s, c) => s + c.peopleCount, 0)
                    : listed.length
              expect(r.cells[k]).toBe(expected)
            }
      }),
      { numRuns: 40 },
    )
  })
})
