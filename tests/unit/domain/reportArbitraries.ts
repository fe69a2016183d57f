/**
 * Random cases for the report's property tests: every source, outcome, performance and prevention,
 * dates over 2025–2026 with outcomes at any hour (so China-date boundaries are crossed), three rooms
 * and three mediators (a case may have none, one or several).
 */
import fc from 'fast-check'
import { addDays } from '../../../src/domain/dates'
import type { ReportScope } from '../../../src/domain/statistics'
import type { CaseRecord, CaseSource, OutcomeKind, PerformanceStatus } from '../../../src/domain/types'
import { isoDateArb, makeCase } from './arbitraries'

const SOURCES: CaseSource[] = [
  '当事人申请',
  '主动排查',
  '公安移交',
  '法院委派委托',
  '政府部门交办',
  '网格员上报',
  '信访12345转办',
  '其他',
]
const KINDS: OutcomeKind[] = ['written', 'oral', 'terminated', 'withdrawn', 'referred']
const PERF: PerformanceStatus[] = ['full', 'partial', 'none']

export const reportCaseArb: fc.Arbitrary<CaseRecord> = fc
  .record({
    accepted: fc.option(isoDateArb(2025, 2026), { nil: undefined }),
    days: fc.integer({ min: 1, max: 60 }),
    kind: fc.option(fc.constantFrom(...KINDS), { nil: undefined }),
    lag: fc.integer({ min: 0, max: 90 }),
    hour: fc.integer({ min: 0, max: 23 }),
    source: fc.constantFrom(...SOURCES),
    category: fc.constantFrom('婚姻家庭', '邻里', '旧类别'),
    amount: fc.integer({ min: 0, max: 10_000_000 }),
    people: fc.integer({ min: 1, max: 50 }),
    perf: fc.array(fc.tuple(fc.constantFrom(...PERF), fc.integer({ min: 0, max: 120 })), { maxLength: 3 }),
    closeLag: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
    prevention: fc.option(
      fc.record({
        criminal: fc.integer({ min: 0, max: 5 }),
        suicide: fc.integer({ min: 0, max: 3 }),
        petition: fc.integer({ min: 0, max: 30 }),
        fight: fc.integer({ min: 0, max: 9 }),
        death: fc.boolean(),
      }),
      { nil: undefined },
    ),
    room: fc.constantFrom('r1', 'r2', 'r3'),
    mediators: fc.subarray(['m1', 'm2', 'm3']),
  })
  .map((g) => {
    const start = g.accepted ?? '2026-01-01'
    const outAt = g.kind ? `${addDays(start, g.lag)}T${String(g.hour).padStart(2, '0')}:30:00.000Z` : undefined
    const base: Partial<CaseRecord> = {
      category: g.category,
      source: g.source,
      amountFen: g.amount,
      peopleCount: g.people,
      roomId: g.room,
      mediatorIds: g.mediators,
      receivedOn: start,
      status: g.kind === undefined ? (g.accepted ? 'mediating' : 'intake') : 'closed',
      performance: g.perf.map(([status, d]) => ({
        status,
        at: `${addDays(start, d)}T05:00:00.000Z`,
        note: '',
        receiptIds: [],
      })),
    }
    return makeCase({
      ...base,
      ...(g.accepted ? { acceptedOn: g.accepted, dueOn: addDays(g.accepted, g.days) } : {}),
      ...(outAt && g.kind ? { outcome: { kind: g.kind, at: outAt, content: '' } } : {}),
      ...(g.closeLag !== undefined && outAt
        ? { closedAt: `${addDays(outAt.slice(0, 10), g.closeLag)}T06:00:00.000Z` }
        : {}),
      ...(g.prevention
        ? {
            prevention: {
              people: {
                criminal: g.prevention.criminal,
                suicide: g.prevention.suicide,
                petition: g.prevention.petition,
                fight: g.prevention.fight,
              },
              abnormalDeath: g.prevention.death,
            },
          }
        : {}),
    })
  })

export const monthArb = fc.record({ y: fc.integer({ min: 2025, max: 2026 }), m: fc.integer({ min: 1, max: 12 }) })
export const scopeArb: fc.Arbitrary<ReportScope> = fc.constantFrom(
  { kind: 'committee' } as const,
  { kind: 'room', roomId: 'r2' } as const,
  { kind: 'mediator', mediatorId: 'm1' } as const,
)
