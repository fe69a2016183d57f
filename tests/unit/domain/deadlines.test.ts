import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addDays, daysBetween, isIsoDate } from '../../../src/domain/dates'
import {
  applyExtension,
  daysLeft,
  deadlineLabel,
  deadlineState,
  dueDate,
  extensionProblem,
  finishedWithinDeadline,
} from '../../../src/domain/deadlines'
import { isoDateArb, makeCase } from './arbitraries'

describe('calendar arithmetic', () => {
  it.each([
    ['2026-01-31', 30, '2026-03-02'],
    ['2028-01-31', 30, '2028-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2026-12-15', 30, '2027-01-14'],
    ['2026-03-01', 30, '2026-03-31'],
  ])('%s + %i days = %s (acceptance day not counted)', (from, days, expected) => {
    expect(dueDate(from, days)).toBe(expected)
  })

  it('rejects impossible dates', () => {
    for (const d of ['2026-02-29', '2026-13-01', '2026-04-31', '26-01-01', '2026-1-1']) expect(isIsoDate(d)).toBe(false)
    expect(isIsoDate('2028-02-29')).toBe(true)
  })

  it('addDays and daysBetween are inverse and additive', () => {
    fc.assert(
      fc.property(
        isoDateArb(1950, 2100),
        fc.integer({ min: -2000, max: 2000 }),
        fc.integer({ min: -2000, max: 2000 }),
        (d, a, b) => {
          const moved = addDays(d, a)
          expect(isIsoDate(moved)).toBe(true)
          expect(daysBetween(d, moved)).toBe(a)
          expect(addDays(moved, b)).toBe(addDays(d, a + b))
        },
      ),
    )
  })

  it('moving one day forward always gives the next calendar day', () => {
    fc.assert(
      fc.property(isoDateArb(1950, 2100), (d) => {
        const next = addDays(d, 1)
        expect(next > d).toBe(true)
        const [y, m, day] = d.split('-').map(Number)
        const [ny, nm, nd] = next.split('-').map(Number)
        if (nd !== 1) expect([ny, nm, nd]).toEqual([y, m, day + 1])
        else expect(isIsoDate(`${y}-${String(m).padStart(2, '0')}-${String(day + 1).padStart(2, '0')}`)).toBe(false)
      }),
    )
  })
})

describe('deadline state', () => {
  const running = makeCase({ status: 'mediating', acceptedOn: '2026-11-01', dueOn: '2026-12-01' })

  it('counts days left, due soon within 3 days, overdue after the due day', () => {
    expect(daysLeft(running, '2026-11-22')).toBe(9)
    expect(deadlineState(running, '2026-11-22')).toBe('ok')
    expect(deadlineState(running, '2026-11-27')).toBe('ok')
    expect(deadlineState(running, '2026-11-28')).toBe('due-soon')
    expect(deadlineState(running, '2026-12-01')).toBe('due-soon')
    expect(deadlineLabel(running, '2026-12-01')).toBe('今天到期')
    expect(deadlineState(running, '2026-12-02')).toBe('overdue')
    expect(deadlineLabel(running, '2026-12-03')).toBe('已超期2天')
    expect(deadlineLabel(running, '2026-11-30')).toBe('剩余1天')
  })

  it('is stopped for cases not yet accepted or already finished', () => {
    for (const status of [
      'intake',
      'rejected',
      'effective',
      'terminated',
      'withdrawn',
      'referred',
      'closed',
      'archived',
    ] as const) {
      expect(deadlineState({ ...running, status }, '2027-01-01')).toBe('stopped')
      expect(deadlineLabel({ ...running, status }, '2027-01-01')).toBe('')
    }
  })

  it('agrees with days left for any running case and any day', () => {
    fc.assert(
      fc.property(
        isoDateArb(2020, 2030),
        fc.integer({ min: 1, max: 90 }),
        fc.integer({ min: -200, max: 200 }),
        (accepted, days, offset) => {
          const c = { status: 'accepted' as const, dueOn: dueDate(accepted, days) }
          const today = addDays(accepted, offset)
          const left = days - offset
          expect(daysLeft(c, today)).toBe(left)
          expect(deadlineState(c, today)).toBe(left < 0 ? 'overdue' : left <= 3 ? 'due-soon' : 'ok')
        },
      ),
    )
  })

  it('finished within deadline compares the outcome date with the due day', () => {
    const onTime = {
      dueOn: '2026-12-01',
      outcome: { kind: 'oral' as const, at: '2026-12-01T15:00:00.000Z', content: 'x' },
    }
    expect(finishedWithinDeadline(onTime)).toBe(true)
    expect(finishedWithinDeadline({ ...onTime, outcome: { ...onTime.outcome, at: '2026-12-02T01:00:00.000Z' } })).toBe(
      false,
    )
    expect(finishedWithinDeadline({ dueOn: '2026-12-01' })).toBeUndefined()
  })
})

describe('extension', () => {
  const c = makeCase({ status: 'mediating', dueOn: '2026-12-01' })
  const good = { days: 15, reason: '需等待伤情鉴定结果', partiesConsent: true }

  it('moves the due date once, with reason and consent', () => {
    expect(extensionProblem(c, good)).toBeUndefined()
    expect(applyExtension('2026-12-01', good, '2026-11-22T09:00:00.000Z')).toEqual({
      dueOn: '2026-12-16',
      extension: { days: 15, reason: '需等待伤情鉴定结果', partiesConsent: true, at: '2026-11-22T09:00:00.000Z' },
    })
  })

  it.each([
    [{ ...good, reason: '  ' }, '请填写延长期限的理由'],
    [{ ...good, partiesConsent: false }, '延长期限须经双方当事人同意'],
    [{ ...good, days: 0 }, '延长天数应为1至90之间的整数'],
    [{ ...good, days: 2.5 }, '延长天数应为1至90之间的整数'],
  ])('refuses %o', (input, message) => {
    expect(extensionProblem(c, input)).toBe(message)
  })

  it('refuses a second extension and one on a finished case', () => {
    const extended = { ...c, extension: { days: 10, reason: 'x', partiesConsent: true as const, at: '2026-11-20' } }
    expect(extensionProblem(extended, good)).toBe('办理期限只能延长一次，本案已延长过')
    expect(extensionProblem({ ...c, status: 'effective' }, good)).toBe('只有已受理、尚未办结的案件才能延长期限')
  })
})

describe('deadline judged on China time', () => {
  it('an outcome at 00:30 Beijing time on the day after the due date is late', () => {
    // 2026-12-01T16:30Z is 2026-12-02 00:30 in China
    expect(
      finishedWithinDeadline({
        dueOn: '2026-12-01',
        outcome: { kind: 'oral', at: '2026-12-01T16:30:00.000Z', content: 'x' },
      }),
    ).toBe(false)
    expect(
      finishedWithinDeadline({
        dueOn: '2026-12-01',
        outcome: { kind: 'oral', at: '2026-12-01T15:59:00.000Z', content: 'x' },
      }),
    ).toBe(true)
  })
})
