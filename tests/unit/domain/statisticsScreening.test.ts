/**
 * 统计's 矛盾纠纷排查 figures (排查次数, 排查发现纠纷, 其中转为案件): a hand-made example written out, and over
 * random rounds against a plain reimplementation of the rule (a round counts in the period holding its
 * date; for a mediator when they took part; for a room when one of its mediators did). The 排查 page a
 * figure links to lists exactly the rounds counted.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  decodeScreeningLink,
  encodeScreeningLink,
  screeningFigures,
  screeningsOfReport,
  type ReportScope,
} from '../../../src/domain/statistics'
import { monthPeriod } from '../../../src/domain/reportPeriod'
import type { ScreeningRound } from '../../../src/domain/types'

const round = (id: string, heldOn: string, mediatorIds: string[], found: number): ScreeningRound => ({
  id,
  heldOn,
  mediatorIds,
  found,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  area: '东村',
  kind: 'regular',
  participants: [],
  note: '',
})

const mediators = [
  { id: 'm1', roomIds: ['r1'] },
  { id: 'm2', roomIds: ['r1', 'r2'] },
  { id: 'm3', roomIds: ['r2'] },
  { id: 'm4', roomIds: [] },
]

describe('screening figures, by hand', () => {
  const rounds = [
    round('a', '2026-10-31', ['m1'], 4), // October
    round('b', '2026-11-01', ['m1', 'm3'], 2),
    round('c', '2026-11-15', [], 0), // others only: the committee's figure alone
    round('d', '2026-11-30', ['m3'], 5),
    round('e', '2026-12-01', ['m2'], 1), // December
  ]
  const cases = [{ screeningId: 'b' }, { screeningId: 'b' }, { screeningId: 'd' }, { screeningId: 'a' }, {}]
  const nov = monthPeriod(2026, 11)
  const table: [string, ReportScope, { rounds: number; found: number; turnedIntoCases: number }][] = [
    ['committee', { kind: 'committee' }, { rounds: 3, found: 7, turnedIntoCases: 3 }],
    ['mediator m1', { kind: 'mediator', mediatorId: 'm1' }, { rounds: 1, found: 2, turnedIntoCases: 2 }],
    ['mediator m3', { kind: 'mediator', mediatorId: 'm3' }, { rounds: 2, found: 7, turnedIntoCases: 3 }],
    ['mediator m2', { kind: 'mediator', mediatorId: 'm2' }, { rounds: 0, found: 0, turnedIntoCases: 0 }],
    ['room r1', { kind: 'room', roomId: 'r1' }, { rounds: 1, found: 2, turnedIntoCases: 2 }],
    ['room r2', { kind: 'room', roomId: 'r2' }, { rounds: 2, found: 7, turnedIntoCases: 3 }],
    ['room nobody is in', { kind: 'room', roomId: 'r9' }, { rounds: 0, found: 0, turnedIntoCases: 0 }],
  ]
  for (const [name, scope, expected] of table) {
    it(`November, ${name}`, () => {
      expect(screeningFigures(rounds, cases, nov, scope, mediators)).toEqual(expected)
    })
  }
  it('counts nothing in a month without rounds, and nothing with no rounds at all', () => {
    const none = { rounds: 0, found: 0, turnedIntoCases: 0 }
    expect(screeningFigures(rounds, cases, monthPeriod(2026, 9), { kind: 'committee' }, mediators)).toEqual(none)
    expect(screeningFigures([], cases, nov, { kind: 'committee' }, mediators)).toEqual(none)
  })
})

const dayArb = fc
  .integer({ min: 0, max: 729 })
  .map((n) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10))
const roundsArb = fc.uniqueArray(
  fc.record({
    id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'),
    heldOn: dayArb,
    mediatorIds: fc.subarray(['m1', 'm2', 'm3', 'm4']),
    found: fc.nat({ max: 30 }),
  }),
  { selector: (r) => r.id, maxLength: 10 },
)
const casesArb = fc.array(
  fc.record({ screeningId: fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'x'), { nil: undefined }) }),
  { maxLength: 15 },
)
const scopeArb: fc.Arbitrary<ReportScope> = fc.oneof(
  fc.constant({ kind: 'committee' as const }),
  fc.constantFrom('m1', 'm2', 'm3', 'm4', 'm5').map((mediatorId) => ({ kind: 'mediator' as const, mediatorId })),
  fc.constantFrom('r1', 'r2', 'r3').map((roomId) => ({ kind: 'room' as const, roomId })),
)
const periodArb = fc.tuple(dayArb, dayArb).map(([x, y]) => (x <= y ? { from: x, to: y } : { from: y, to: x }))

/** The rule, written plainly. */
function reference(
  rounds: readonly ScreeningRound[],
  cases: readonly { screeningId?: string }[],
  period: { from: string; to: string },
  scope: ReportScope,
) {
  let count = 0
  let found = 0
  const counted: string[] = []
  for (const r of rounds) {
    if (r.heldOn < period.from || r.heldOn > period.to) continue
    let inScope = true
    if (scope.kind === 'mediator') inScope = r.mediatorIds.indexOf(scope.mediatorId) >= 0
    if (scope.kind === 'room') {
      inScope = false
      for (const id of r.mediatorIds) {
        const m = mediators.find((x) => x.id === id)
        if (m && m.roomIds.indexOf(scope.roomId) >= 0) inScope = true
      }
    }
    if (!inScope) continue
    count += 1
    found += r.found
    counted.push(r.id)
  }
  let linked = 0
  for (const c of cases) if (c.screeningId !== undefined && counted.indexOf(c.screeningId) >= 0) linked += 1
  return { figures: { rounds: count, found, turnedIntoCases: linked }, counted }
}

describe('screening figures over random rounds', () => {
  it('equal a plain reimplementation, and the linked 排查 list holds exactly the rounds counted', () => {
    fc.assert(
      fc.property(roundsArb, casesArb, periodArb, scopeArb, (shapes, cases, period, scope) => {
        const rounds = shapes.map((s) => round(s.id, s.heldOn, s.mediatorIds, s.found))
        const expected = reference(rounds, cases, period, scope)
        expect(screeningFigures(rounds, cases, period, scope, mediators)).toEqual(expected.figures)

        // the number is a link: the page decodes the same period and scope and lists the same rounds
        const link = decodeScreeningLink(encodeScreeningLink(period, scope))
        expect(link).toBeDefined()
        const listed = screeningsOfReport(rounds, link!.period, link!.scope, mediators)
        expect(listed.map((r) => r.id).sort()).toEqual([...expected.counted].sort())
        expect(listed).toHaveLength(expected.figures.rounds)
      }),
      { numRuns: 300 },
    )
  })
})

describe('the 排查 link', () => {
  it('reads back its period and scope; a broken query names none', () => {
    expect(decodeScreeningLink({ from: '2026-11-01', to: '2026-11-30', mediator: 'm1' })).toEqual({
      period: monthPeriod(2026, 11),
      scope: { kind: 'mediator', mediatorId: 'm1' },
    })
    expect(decodeScreeningLink({ from: '2026-11-01' })).toBeUndefined()
    expect(decodeScreeningLink({ from: '2026-11-30', to: '2026-11-01' })).toBeUndefined()
    expect(decodeScreeningLink({ from: 'x', to: 'y' })).toBeUndefined()
    expect(decodeScreeningLink({})).toBeUndefined()
  })
})
