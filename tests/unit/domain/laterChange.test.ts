/**
 * Which copy of a room or mediator stands (src/domain/laterChange.ts): the later change, and for two
 * versions stamped the same instant the same one on every PC.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  fileChangeDecision,
  isStampFromFuture,
  laterChangeDecision,
  syncWouldChangeFinalAgreement,
  finalisedElsewhere,
} from '../../../src/domain/laterChange'
import type { Agreement, Room } from '../../../src/domain/types'

const room = (name: string, updatedAt: string): Room => ({
  id: 'r1',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt,
  committeeId: 'c1',
  name,
  active: true,
})

const EARLY = '2026-12-01T02:00:00.000Z'
const LATE = '2026-12-01T09:30:00.000Z'
/** this PC's clock in every comparison below */
const NOW = new Date('2026-12-01T10:00:00.000Z')
/** 9 minutes ahead: a PC whose clock is a little fast is still believed */
const SOON = '2026-12-01T10:09:00.000Z'
/** 11 minutes ahead and far ahead: not believed */
const AHEAD = '2026-12-01T10:11:00.000Z'
const FAR = '2099-01-01T00:00:00.000Z'

describe("isStampFromFuture: more than 10 minutes past this PC's clock", () => {
  it.each([
    [LATE, false],
    ['2026-12-01T10:00:00.000Z', false],
    [SOON, false],
    ['2026-12-01T10:10:00.000Z', false],
    ['2026-12-01T10:10:00.001Z', true],
    [AHEAD, true],
    [FAR, true],
    ['not a time', true],
  ])('%s -> %s', (stamp, expected) => {
    expect(isStampFromFuture(stamp, NOW)).toBe(expected)
  })
})

describe('laterChangeDecision', () => {
  it.each([
    ['nothing on either side', undefined, undefined, 'none'],
    ['only on the server: taken', undefined, room('第一调解室', EARLY), 'take'],
    ['only here: sent', room('第一调解室', EARLY), undefined, 'push'],
    ['the same on both: nothing', room('第一调解室', EARLY), room('第一调解室', EARLY), 'none'],
    ['ours later: sent', room('婚姻家庭调解室', LATE), room('第一调解室', EARLY), 'push'],
    ['theirs later: taken', room('第一调解室', EARLY), room('婚姻家庭调解室', LATE), 'take'],
    // the same instant: the larger canonical text ('第二…' > '第一…' by code point) stands on both PCs
    ['same instant, ours larger: sent', room('第二调解室', EARLY), room('第一调解室', EARLY), 'push'],
    ['same instant, theirs larger: taken', room('第一调解室', EARLY), room('第二调解室', EARLY), 'take'],
    [
      'theirs a little ahead of our clock: still the later, taken',
      room('第一调解室', LATE),
      room('第二调解室', SOON),
      'take',
    ],
    ['theirs from the future: ours goes up over it', room('第一调解室', EARLY), room('假调解室', FAR), 'push'],
    ['theirs 11 minutes ahead: ours goes up over it', room('第一调解室', LATE), room('假调解室', AHEAD), 'push'],
    [
      'ours from the future (taken before): the believable one is taken',
      room('假调解室', FAR),
      room('第一调解室', EARLY),
      'take',
    ],
    ['both from the future: the later stamp', room('假调解室', AHEAD), room('第一调解室', FAR), 'take'],
    ['only on the server, from the future: taken (it replaces nothing)', undefined, room('假调解室', FAR), 'take'],
  ] as const)('%s', (_, local, remote, expected) => {
    expect(laterChangeDecision(local, remote, NOW)).toBe(expected)
  })

  it('two PCs comparing the same two versions agree on which stands (one sends, the other takes)', () => {
    const stamp = fc.constantFrom(EARLY, LATE, SOON, AHEAD, FAR)
    const name = fc.constantFrom('第一调解室', '第二调解室', '婚姻家庭调解室')
    fc.assert(
      fc.property(name, stamp, name, stamp, (n1, t1, n2, t2) => {
        const a = room(n1, t1)
        const b = room(n2, t2)
        const onA = laterChangeDecision(a, b, NOW)
        const onB = laterChangeDecision(b, a, NOW)
        if (n1 === n2 && t1 === t2) expect([onA, onB]).toEqual(['none', 'none'])
        else expect([onA, onB].sort()).toEqual(['push', 'take'])
        // the one that stands is the believable one, else the later one, whichever PC holds it
        const standing = onA === 'push' ? a : b
        const other = standing === a ? b : a
        const believed = (r: Room) => Date.parse(r.updatedAt) <= NOW.getTime() + 10 * 60 * 1000
        if (believed(standing) !== believed(other)) expect(believed(standing)).toBe(true)
        else expect(standing.updatedAt >= other.updatedAt).toBe(true)
      }),
    )
  })
})

describe('syncWouldChangeFinalAgreement: a finalised agreement here is never changed by sync', () => {
  const base: Agreement = {
    id: 'ag',
    createdAt: EARLY,
    updatedAt: EARLY,
    caseId: 'c',
    version: 1,
    status: 'final',
    facts: '事实',
    disputes: '争议',
    clauses: [],
    performanceTerms: '即时履行',
    copies: 3,
    contentHash: 'ab',
  }
  it.each([
    ['a draft here: anything may come', { ...base, status: 'draft' }, { ...base, status: 'draft', facts: '改' }, false],
    ['final here, the same final there', base, { ...base }, false],
    [
      'final here, marked 已被替代 there (a newer version elsewhere)',
      base,
      { ...base, status: 'superseded', updatedAt: LATE },
      false,
    ],
    ['final here, its text changed there', base, { ...base, facts: '被改过的事实' }, true],
    ['final here, its hash changed there', base, { ...base, contentHash: 'cd' }, true],
    ['final here, back to a draft there', base, { ...base, status: 'draft' }, true],
    ['已被替代 here, final again there', { ...base, status: 'superseded' }, base, true],
  ] as const)('%s', (_, local, remote, expected) => {
    expect(syncWouldChangeFinalAgreement(local as Agreement, remote as Agreement)).toBe(expected)
  })
})

describe('finalisedElsewhere: a draft here gives way to the same agreement finalised on another PC', () => {
  const draft = { status: 'draft' } as Agreement
  const final = { status: 'final' } as Agreement
  const superseded = { status: 'superseded' } as Agreement
  it.each([
    ['draft here, final there', draft, final, true],
    ['draft here, superseded there (finalised, then replaced by a newer version)', draft, superseded, true],
    ['draft here, draft there: the later change decides', draft, draft, false],
    ['final here, draft there: never taken (syncWouldChangeFinalAgreement)', final, draft, false],
    ['final here, final there', final, final, false],
  ] as const)('%s', (_, local, remote, expected) => {
    expect(finalisedElsewhere(local, remote)).toBe(expected)
  })
})

describe('fileChangeDecision', () => {
  const file = (kind: string, updatedAt: string) => ({ id: 'f1', updatedAt, kind })
  it.each([
    ['not changed here: theirs taken', undefined, file('evidence', EARLY), 'take'],
    ['not changed here, removed there: removed here', undefined, 'removed', 'take'],
    ['removed here, kept there: the removal goes up', 'removed', file('evidence', LATE), 'push'],
    ['removed on both: nothing', 'removed', 'removed', 'none'],
    ['changed here, removed there: removed here', file('evidence', LATE), 'removed', 'take'],
    ['changed on both, ours later: sent', file('receipt', LATE), file('evidence', EARLY), 'push'],
    ['changed on both, theirs later: taken', file('receipt', EARLY), file('evidence', LATE), 'take'],
    ['the same on both: nothing', file('evidence', EARLY), file('evidence', EARLY), 'none'],
    ['changed on both, theirs from the future: sent', file('receipt', EARLY), file('evidence', FAR), 'push'],
  ] as const)('%s', (_, local, remote, expected) => {
    expect(fileChangeDecision(local, remote, NOW)).toBe(expected)
  })
})
