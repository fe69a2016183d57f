/**
 * A case's report facts, written out by hand: instants become China dates (UTC+8, whatever the PC's
 * zone), performance records are kept oldest first, zeros and absent fields are left out. And the facts
 * survive the digest's stored form (a tuple) unchanged.
 */
import { describe, expect, it } from 'vitest'
import { reportFactsOf } from '../../../src/domain/reportFacts'
import { digestOf, fromTuple, isCurrentTuple, toTuple } from '../../../src/domain/caseDigest'
import { makeCase } from './arbitraries'

describe('reportFactsOf', () => {
  it('turns the instants into China dates and keeps the due date after the clock stops', () => {
    const c = makeCase({
      id: 'k1',
      status: 'closed',
      category: '邻里纠纷',
      roomId: 'r2',
      source: '公安移交',
      mediatorIds: ['m1', 'm2'],
      acceptedOn: '2026-03-02',
      dueOn: '2026-04-01',
      // 16:30 UTC on 31 March is 00:30 on 1 April in China: on time, and an April outcome
      outcome: { kind: 'written', at: '2026-03-31T16:30:00.000Z', content: '' },
      closedAt: '2026-04-02T01:00:00.000Z',
      amountFen: 1_234_567,
      peopleCount: 3,
      performance: [
        { status: 'full', at: '2026-05-10T02:00:00.000Z', note: '', receiptIds: [] },
        { status: 'partial', at: '2026-04-30T20:00:00.000Z', note: '', receiptIds: [] },
      ],
      prevention: { people: { criminal: 2 }, abnormalDeath: false },
      screeningId: 's9',
    })
    expect(reportFactsOf(c)).toEqual({
      id: 'k1',
      status: 'closed',
      category: '邻里纠纷',
      roomId: 'r2',
      source: '公安移交',
      mediatorIds: ['m1', 'm2'],
      acceptedOn: '2026-03-02',
      outcome: 'written',
      outcomeOn: '2026-04-01',
      closedOn: '2026-04-02',
      deadline: '2026-04-01',
      inTime: true,
      amountFen: 1_234_567,
      people: 3,
      // 20:00 UTC on 30 April is 1 May in China
      performance: [
        ['2026-05-01', 'partial'],
        ['2026-05-10', 'full'],
      ],
      prevention: { people: { criminal: 2 }, abnormalDeath: false },
      screeningId: 's9',
    })
  })

  it('leaves out what a case registered only today does not have', () => {
    const c = makeCase({ id: 'k2', amountFen: 0, peopleCount: 0, dueOn: undefined })
    expect(reportFactsOf(c)).toEqual({
      id: 'k2',
      status: 'intake',
      category: '劳动争议（含欠薪）',
      roomId: 'room-1',
      source: '当事人申请',
      mediatorIds: [],
    })
  })

  it('an outcome after the due date is not in time; records at the same instant keep their order', () => {
    const c = makeCase({
      acceptedOn: '2026-03-02',
      dueOn: '2026-04-01',
      outcome: { kind: 'terminated', at: '2026-04-01T16:00:00.000Z', content: '' },
      performance: [
        { status: 'none', at: '2026-04-05T02:00:00.000Z', note: '', receiptIds: [] },
        { status: 'partial', at: '2026-04-05T02:00:00.000Z', note: '', receiptIds: [] },
      ],
    })
    const f = reportFactsOf(c)
    expect(f.outcomeOn).toBe('2026-04-02')
    expect(f.inTime).toBeUndefined()
    expect(f.performance).toEqual([
      ['2026-04-05', 'none'],
      ['2026-04-05', 'partial'],
    ])
  })
})

describe('the facts in the stored digest', () => {
  it('come back unchanged from the tuple, and a shorter (older) row is told apart', () => {
    const c = makeCase({
      acceptedOn: '2026-03-02',
      dueOn: '2026-04-01',
      outcome: { kind: 'oral', at: '2026-03-20T02:00:00.000Z', content: '' },
      amountFen: 50_000,
      performance: [{ status: 'full', at: '2026-03-21T02:00:00.000Z', note: '', receiptIds: [] }],
      prevention: { people: {}, abnormalDeath: true },
    })
    const digest = digestOf(c, [])
    const stored = JSON.parse(JSON.stringify(toTuple(digest))) as unknown[]
    expect(fromTuple(stored)).toEqual(digest)
    expect(fromTuple(stored)).toMatchObject(reportFactsOf(c))
    expect(isCurrentTuple(stored)).toBe(true)
    expect(isCurrentTuple(stored.slice(0, 19))).toBe(false)
  })
})
