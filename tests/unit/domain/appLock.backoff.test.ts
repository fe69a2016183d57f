/**
 * Wrong-PIN throttling grows with each round of failures, so guessing even a short PIN at the office PC
 * takes days, while a mediator who mistypes waits half a minute.
 */
import { describe, expect, it } from 'vitest'
import {
  afterAttempt,
  attemptRefusal,
  boundedPause,
  NO_ATTEMPTS,
  secretNeedsChange,
  secretProblem,
  type AttemptState,
} from '../../../src/domain/appLock'

/** Failures in a row → the pause (seconds) that failure starts; every other failure starts none. */
const PAUSE_AFTER_FAILURE: Record<number, number> = {
  5: 30,
  10: 60,
  15: 5 * 60,
  20: 15 * 60,
  25: 60 * 60,
  30: 60 * 60,
  35: 60 * 60,
}

describe('wrong-attempt back-off', () => {
  it('pauses 30 s, 1 min, 5 min, 15 min, then 1 hour after each 5 failures in a row', () => {
    let state: AttemptState = NO_ATTEMPTS
    let now = 1_700_000_000_000
    for (let failure = 1; failure <= 35; failure++) {
      expect(attemptRefusal(state, now), `attempt ${failure}`).toBeUndefined()
      state = afterAttempt(state, false, now)
      const pause = PAUSE_AFTER_FAILURE[failure]
      if (pause === undefined) {
        expect(state.pausedUntil <= now, `no pause after failure ${failure}`).toBe(true)
      } else {
        expect(state.pausedUntil, `pause after failure ${failure}`).toBe(now + pause * 1000)
        expect(attemptRefusal(state, now + pause * 1000 - 1), `still paused after failure ${failure}`).toBeTruthy()
        now += pause * 1000
      }
      now += 1000
    }
  })

  it('forgets the failures after a success', () => {
    let state: AttemptState = NO_ATTEMPTS
    const now = 1_700_000_000_000
    for (let i = 0; i < 12; i++) state = afterAttempt(state, false, now + i * 3_600_000)
    expect(afterAttempt(state, true, now + 100 * 3_600_000)).toEqual(NO_ATTEMPTS)
  })

  it('says the wait in seconds, then in minutes', () => {
    const now = 1_700_000_000_000
    expect(attemptRefusal({ ...NO_ATTEMPTS, failures: 5, pausedUntil: now + 30_000 }, now)).toBe(
      '错误次数过多，请 30 秒后再试',
    )
    expect(attemptRefusal({ ...NO_ATTEMPTS, failures: 5, pausedUntil: now + 59_001 }, now)).toBe(
      '错误次数过多，请 60 秒后再试',
    )
    expect(attemptRefusal({ ...NO_ATTEMPTS, failures: 15, pausedUntil: now + 300_000 }, now)).toBe(
      '错误次数过多，请 5 分钟后再试',
    )
    expect(attemptRefusal({ ...NO_ATTEMPTS, failures: 15, pausedUntil: now + 240_500 }, now)).toBe(
      '错误次数过多，请 5 分钟后再试',
    )
    expect(attemptRefusal({ ...NO_ATTEMPTS, failures: 25, pausedUntil: now + 3_600_000 }, now)).toBe(
      '错误次数过多，请 60 分钟后再试',
    )
  })

  it('keeps a pause when the clock is set back', () => {
    const now = 1_700_000_000_000
    let state: AttemptState = NO_ATTEMPTS
    for (let i = 0; i < 5; i++) state = afterAttempt(state, false, now)
    // set back a day: still refused (the pause counts from the last failure, never from a later "now")
    expect(attemptRefusal(state, now - 86_400_000)).toBeTruthy()
  })
})

describe('PIN length', () => {
  it('asks new PINs for 6 to 12 digits; passwords stay 6 to 64 characters', () => {
    expect(secretProblem('258013', '258013')).toBeUndefined()
    expect(secretProblem('2580', '2580')).toContain('6至12位')
    expect(secretProblem('25801', '25801')).toContain('6至12位')
    expect(secretProblem('1234567890123', '1234567890123')).toContain('6至12位')
    expect(secretProblem('123456', '123456')).toContain('过于简单')
    expect(secretProblem('888888', '888888')).toContain('过于简单')
    expect(secretProblem('lao-li', 'lao-li')).toBeUndefined()
  })

  it('marks a secret set under the old rule (4–5 digits, or trivial) as one to change', () => {
    expect(secretNeedsChange('2580')).toBe(true)
    expect(secretNeedsChange('25801')).toBe(true)
    expect(secretNeedsChange('1111')).toBe(true)
    expect(secretNeedsChange('258013')).toBe(false)
    expect(secretNeedsChange('lao-li-2026')).toBe(false)
  })
})

describe('a pause under a wrong clock', () => {
  it('never lasts longer than the longest step from now, so a clock that was set back locks nobody out for years', () => {
    const now = 1_700_000_000_000
    const hour = 3_600_000
    // written while the clock said a year later
    const state: AttemptState = { failures: 5, pausedUntil: now + 365 * 24 * hour + 30_000 }
    const bounded = boundedPause(state, now)
    expect(bounded).toEqual({ failures: 5, pausedUntil: now + hour })
    expect(attemptRefusal(bounded, now)).toBe('错误次数过多，请 60 分钟后再试')
    expect(attemptRefusal(bounded, now + hour)).toBeUndefined()
    // an ordinary pause is left as it is
    const ordinary: AttemptState = { failures: 10, pausedUntil: now + 60_000 }
    expect(boundedPause(ordinary, now)).toBe(ordinary)
    expect(boundedPause(NO_ATTEMPTS, now)).toBe(NO_ATTEMPTS)
  })
})
