import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addDays } from '../../../src/domain/dates'
import {
  change,
  monthEnd,
  monthlyFigures,
  monthlyReport,
  previousMonth,
  sameMonthLastYear,
} from '../../../src/domain/statistics'
import type { CaseRecord, CaseSource, OutcomeKind } from '../../../src/domain/types'
import { isoDateArb, makeCase } from './arbitraries'

const accepted = (overrides: Partial<CaseRecord>): CaseRecord =>
  makeCase({
    status: 'mediating',
    caseNo: 'x',
    acceptedOn: '2026-11-02',
    dueOn: '2026-12-02',
    receivedOn: '2026-11-01',
    mediatorIds: ['m1'],
    ...overrides,
  })

describe('monthly figures', () => {
  const cases: CaseRecord[] = [
    accepted({
      status: 'effective',
      amountFen: 1_200_000,
      peopleCount: 12,
      flags: ['群体性', '激化风险'],
      outcome: { kind: 'written', at: '2026-11-20T02:00:00.000Z', content: '' },
      performance: [{ status: 'full', at: '2026-11-25T02:00:00.000Z', note: '', receiptIds: [] }],
    }),
    accepted({
      status: 'effective',
      amountFen: 50_000,
      category: '邻里',
      source: '网格员上报',
      outcome: { kind: 'oral', at: '2026-12-03T02:00:00.000Z', content: 'x' },
      mediatorIds: ['m2'],
    }),
    accepted({
      status: 'terminated',
      outcome: { kind: 'terminated', at: '2026-11-30T17:00:00.000Z', content: 'x', routesTold: 'x' },
    }),
    accepted({ status: 'mediating', acceptedOn: '2026-10-20', receivedOn: '2026-10-19', dueOn: '2026-11-19' }),
    makeCase({
      status: 'rejected',
      receivedOn: '2026-11-05',
      rejection: { reason: 'x', routes: 'y', at: '2026-11-06T01:00:00.000Z' },
    }),
  ]

  it('counts each event in its month', () => {
    const f = monthlyFigures(cases, '2026-11', '2026-11-22')
    expect(f).toMatchObject({
      received: 4,
      accepted: 3,
      rejected: 1,
      succeeded: 1,
      failed: 0, // terminated at 01:00 on 12-01 China time
      successRate: 1,
      withinDeadline: 1,
      overdue: 1,
      amountFen: 1_200_000,
      people: 12 + 2 + 2 + 2,
      performed: 1,
      escalationPrevented: 1,
      groupCases: 1,
    })
    expect(f.byCategory).toEqual({ '劳动争议（含欠薪）': 3, 邻里: 1 })
    expect(f.bySourceGroup).toEqual({ 申请: 3, 主动: 1 })
    expect(f.byMediator).toEqual({ m1: { accepted: 2, succeeded: 1 }, m2: { accepted: 1, succeeded: 0 } })
  })

  it('december sees the oral agreement and the termination; success rate 1/2', () => {
    const f = monthlyFigures(cases, '2026-12', '2026-12-31')
    expect(f).toMatchObject({ succeeded: 1, failed: 1, successRate: 0.5, received: 0 })
  })

  it('compares month on month and year on year', () => {
    const r = monthlyReport(cases, '2026-11', '2026-11-22')
    expect(r.previous.month).toBe('2026-10')
    expect(r.lastYear.month).toBe('2025-11')
    expect(r.changes.received).toEqual({ monthOnMonth: 3, yearOnYear: null })
    expect(change(5, 4)).toBe(0.25)
  })
})

describe('month arithmetic and totals', () => {
  it('monthEnd is the day before the next month starts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const month = `${y}-${String(m).padStart(2, '0')}`
        const next = addDays(monthEnd(month), 1)
        expect(next.endsWith('-01')).toBe(true)
        expect(previousMonth(next.slice(0, 7))).toBe(month)
        expect(sameMonthLastYear(month)).toBe(`${y - 1}-${String(m).padStart(2, '0')}`)
      }),
    )
    expect(monthEnd('2028-02')).toBe('2028-02-29')
  })

  it('every received case is counted in exactly one month, and breakdowns add up', () => {
    const outcomeKinds: OutcomeKind[] = ['written', 'oral', 'terminated', 'withdrawn', 'referred']
    const sources: CaseSource[] = ['当事人申请', '主动排查', '公安移交', '法院委派委托', '其他']
    const caseArb = fc
      .record({
        received: isoDateArb(2026, 2026),
        kind: fc.option(fc.constantFrom(...outcomeKinds), { nil: undefined }),
        lag: fc.integer({ min: 0, max: 60 }),
        source: fc.constantFrom(...sources),
        category: fc.constantFrom('邻里', '合同', '物业'),
      })
      .map(({ received, kind, lag, source, category }) =>
        makeCase({
          receivedOn: received,
          source,
          category,
          ...(kind
            ? {
                status: 'closed' as const,
                outcome: { kind, at: `${addDays(received, lag)}T03:00:00.000Z`, content: '' },
              }
            : {}),
        }),
      )
    fc.assert(
      fc.property(fc.array(caseArb, { maxLength: 40 }), (cases) => {
        // 2026 and the months an outcome can fall in: received up to 2026-12-31, plus a lag of up to 60 days
        const months = Array.from({ length: 15 }, (_, i) =>
          i < 12 ? `2026-${String(i + 1).padStart(2, '0')}` : `2027-0${i - 11}`,
        )
        const figures = months.map((m) => monthlyFigures(cases, m, '2027-12-31'))
        expect(figures.reduce((s, f) => s + f.received, 0)).toBe(cases.length)
        expect(figures.reduce((s, f) => s + f.succeeded + f.failed + f.withdrawn + f.referred, 0)).toBe(
          cases.filter((c) => c.outcome).length,
        )
        for (const f of figures) {
          expect(Object.values(f.byCategory).reduce((a, b) => a + b, 0)).toBe(f.received)
          expect(Object.values(f.bySourceGroup).reduce((a, b) => a + b, 0)).toBe(f.received)
          if (f.successRate !== null) expect(f.successRate).toBeGreaterThanOrEqual(0)
          if (f.successRate !== null) expect(f.successRate).toBeLessThanOrEqual(1)
        }
      }),
    )
  })
})
