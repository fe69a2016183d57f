import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { monthlyTrend, trendEndMonth, trendMonths } from '../../../src/domain/reportTrend'
import { monthPeriod, quarterPeriod, yearPeriod } from '../../../src/domain/reportPeriod'
import { buildReport, type ReportScope } from '../../../src/domain/statistics'
import { cellCases } from '../../../src/domain/reportCell'
import { FIXTURE, TODAY } from './statisticsFixture'
import { reportCaseArb, scopeArb } from './reportArbitraries'
import { reportFactsOf } from '../../../src/domain/reportFacts'

const COMMITTEE: ReportScope = { kind: 'committee' }
const row = (p: { month: string; accepted: number; succeeded: number; failed: number; rate: number | null }) => [
  p.month,
  p.accepted,
  p.succeeded,
  p.failed,
  p.rate,
]

describe('the 12-month trend of the fixture committee, by hand', () => {
  it('ending February 2026: March 2025 … February 2026 across the year boundary', () => {
    // prettier-ignore
    expect(monthlyTrend(FIXTURE.map(reportFactsOf), '2026-02', COMMITTEE, TODAY).map(row)).toEqual([
      ['2025-03', 0, 0, 0, null],
      ['2025-04', 0, 0, 0, null],
      ['2025-05', 0, 0, 0, null],
      ['2025-06', 0, 0, 0, null],
      ['2025-07', 0, 0, 0, null],
      ['2025-08', 0, 0, 0, null],
      ['2025-09', 0, 0, 0, null],
      ['2025-10', 0, 0, 0, null],
      ['2025-11', 1, 0, 0, null], // c36
      ['2025-12', 8, 2, 1, 2 / 3], // c01 c05 succeeded, c34 terminated; c02's 01:00 agreement is January's
      ['2026-01', 19, 8, 3, 8 / 11],
      ['2026-02', 6, 3, 2, 3 / 5], // c13 (00:30 on 02-01), c12, c26; c22, c28
    ])
  })

  it('ending February 2025: January 2025 holds c31–c33, February c33’s oral agreement', () => {
    const t = monthlyTrend(FIXTURE.map(reportFactsOf), '2025-02', COMMITTEE, TODAY)
    expect(t.map((p) => p.month)).toEqual([
      '2024-03',
      '2024-04',
      '2024-05',
      '2024-06',
      '2024-07',
      '2024-08',
      '2024-09',
      '2024-10',
      '2024-11',
      '2024-12',
      '2025-01',
      '2025-02',
    ])
    expect(t.slice(10).map(row)).toEqual([
      ['2025-01', 3, 1, 1, 0.5],
      ['2025-02', 0, 1, 0, 1],
    ])
  })

  it('one room: r2 in January 2026', () => {
    const jan = monthlyTrend(FIXTURE.map(reportFactsOf), '2026-01', { kind: 'room', roomId: 'r2' }, TODAY).at(-1)!
    expect(row(jan)).toEqual(['2026-01', 5, 1, 1, 0.5])
  })

  it('ends with the month the chosen period ends in', () => {
    expect(trendEndMonth(monthPeriod(2026, 3), '2027-06-01')).toBe('2026-03')
    expect(trendEndMonth(quarterPeriod(2026, 4), '2027-06-01')).toBe('2026-12')
    expect(trendEndMonth(yearPeriod(2025), '2027-06-01')).toBe('2025-12')
    expect(trendMonths('2026-01', 3).map((p) => [p.from, p.to])).toEqual([
      ['2025-11-01', '2025-11-30'],
      ['2025-12-01', '2025-12-31'],
      ['2026-01-01', '2026-01-31'],
    ])
  })
})

describe('trend properties', () => {
  it('each month equals that month’s report and the case lists its numbers link to', () => {
    fc.assert(
      fc.property(
        fc.array(reportCaseArb, { maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }),
        scopeArb,
        (cases, m, scope) => {
          const today = '2026-12-31'
          const trend = monthlyTrend(cases.map(reportFactsOf), `2026-${String(m).padStart(2, '0')}`, scope, today)
          for (const p of trend) {
            const [y, mm] = [Number(p.month.slice(0, 4)), Number(p.month.slice(5, 7))]
            expect(p.period).toEqual(monthPeriod(y, mm))
            // a plain reference: acceptance dates by month string
            expect(p.accepted).toBe(
              cases.filter(
                (c) =>
                  c.acceptedOn?.slice(0, 7) === p.month &&
                  (scope.kind !== 'room' || c.roomId === scope.roomId) &&
                  (scope.kind !== 'mediator' || c.mediatorIds.includes(scope.mediatorId)),
              ).length,
            )
            const t = buildReport(cases.map(reportFactsOf), p.period, scope, [], today).total.cells
            expect([p.accepted, p.succeeded, p.failed, p.rate]).toEqual([
              t.accepted,
              t.succeeded,
              t.failed,
              t.successRate,
            ])
            expect(
              cellCases(cases.map(reportFactsOf), { period: p.period, scope, column: 'succeeded' }, today).length,
            ).toBe(p.succeeded)
          }
        },
      ),
      { numRuns: 40 },
    )
  })
})
