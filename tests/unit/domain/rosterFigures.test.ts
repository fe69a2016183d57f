/**
 * The 协同人员 figures of a period, against a small hand-counted example: which cases, sessions and visits
 * fall in the period, and that a case counts once however many sessions had a 法律明白人.
 */
import { describe, expect, it } from 'vitest'
import { rosterFigures, type RosterFigureFacts } from '../../../src/domain/rosterFigures'
import type { Visit } from '../../../src/domain/types'

const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' }
const roster = [
  { id: 'fl1', role: '法律明白人' as const },
  { id: 'fl2', role: '法律明白人' as const },
  { id: 'g1', role: '网格员' as const },
  { id: 'p1', role: '心理咨询师' as const },
]

const facts: RosterFigureFacts = {
  cases: [
    { id: 'a', source: '网格员上报', receivedOn: '2026-11-01' }, // counted: first day
    { id: 'b', source: '网格员上报', receivedOn: '2026-11-30' }, // counted: last day
    { id: 'c', source: '网格员上报', receivedOn: '2026-10-31' }, // October
    { id: 'd', source: '当事人申请', receivedOn: '2026-11-10' },
    { id: 'e', source: '当事人申请', receivedOn: '2026-09-01' },
  ],
  sessions: [
    // d: two sessions with a 法律明白人 in November → one case
    { caseId: 'd', invitedIds: ['fl1'], startedAt: '2026-11-12T02:00:00.000Z' },
    { caseId: 'd', invitedIds: ['fl2', 'g1'], startedAt: '2026-11-20T02:00:00.000Z' },
    // e: registered in September, a 法律明白人 at a session on 1 November (00:30 China time) → counted
    { caseId: 'e', invitedIds: ['fl1'], startedAt: '2026-10-31T16:30:00.000Z' },
    // a: only a grid worker and a counsellor invited → not counted
    { caseId: 'a', invitedIds: ['g1', 'p1'], startedAt: '2026-11-02T02:00:00.000Z' },
    // c: a 法律明白人, but on 30 November 23:59 China → counted; b: on 1 December China time → not
    { caseId: 'c', invitedIds: ['fl2'], startedAt: '2026-11-30T15:59:00.000Z' },
    { caseId: 'b', invitedIds: ['fl2'], startedAt: '2026-11-30T16:00:00.000Z' },
  ],
}

const visit = (visitedAt: string, route: Visit['route'], people = 1) => ({ visitedAt, route, people })
const visits = [
  visit('2026-11-03T02:00:00.000Z', 'psych', 3),
  visit('2026-11-04T02:00:00.000Z', 'psych'),
  visit('2026-10-31T15:00:00.000Z', 'psych'), // 23:00 on 31 October China time
  visit('2026-11-04T02:00:00.000Z', 'legal_aid'),
]

describe('rosterFigures', () => {
  it('counts a hand-checked November', () => {
    expect(rosterFigures(facts, roster, visits, NOVEMBER)).toEqual({
      gridReported: 2,
      withLegalHelper: 3,
      psychVisits: 2,
    })
  })

  it('a person no longer on the roster is not counted as a 法律明白人', () => {
    expect(rosterFigures(facts, [], visits, NOVEMBER).withLegalHelper).toBe(0)
  })

  it('an empty period counts nothing', () => {
    expect(rosterFigures(facts, roster, visits, { from: '2027-01-01', to: '2027-01-31' })).toEqual({
      gridReported: 0,
      withLegalHelper: 0,
      psychVisits: 0,
    })
  })
})
