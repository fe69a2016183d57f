import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  afterAttempt,
  attemptRefusal,
  MAX_ATTEMPTS,
  NO_ATTEMPTS,
  secretProblem,
  idleMinutesProblem,
} from '../../../src/domain/appLock'
import {
  hashSecret,
  secretMatches,
  loadLockConfig,
  saveLockConfig,
  setSecret,
  loadSecrets,
} from '../../../src/db/lockRepo'
import { freshDb } from '../db/helpers'

describe('app lock rules', () => {
  it('accepts 6–12 digit PINs and 6+ character passwords, refuses trivial ones and mismatches', () => {
    expect(secretProblem('258013', '258013')).toBeUndefined()
    expect(secretProblem('lao-li-2026', 'lao-li-2026')).toBeUndefined()
    expect(secretProblem('123', '123')).toContain('6至12位')
    expect(secretProblem('2580', '2580')).toContain('6至12位')
    expect(secretProblem('111111', '111111')).toContain('过于简单')
    expect(secretProblem('654321', '654321')).toContain('过于简单')
    expect(secretProblem('abc', 'abc')).toContain('6至64')
    expect(secretProblem('258013', '258014')).toContain('不一致')
    expect(idleMinutesProblem(0)).toBeTruthy()
    expect(idleMinutesProblem(10)).toBeUndefined()
  })

  it('pauses after too many wrong attempts, longer each round, and forgets failures on success', () => {
    // 30 s, 1 min, 5 min, 15 min, then 1 hour for every further round (tests/unit/lock/backoff.test.ts has the table)
    const pauseOfRound = (round: number) => [30, 60, 300, 900, 3600][Math.min(round, 5) - 1]!
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 30 }), (outcomes) => {
        let state = NO_ATTEMPTS
        let now = 1_000_000
        let failuresInRow = 0
        for (const ok of outcomes) {
          now += 1000
          if (attemptRefusal(state, now)) {
            now = state.pausedUntil
            expect(attemptRefusal(state, now)).toBeUndefined()
          }
          state = afterAttempt(state, ok, now)
          failuresInRow = ok ? 0 : failuresInRow + 1
          if (!ok && failuresInRow % MAX_ATTEMPTS === 0) {
            expect(state.pausedUntil).toBe(now + pauseOfRound(failuresInRow / MAX_ATTEMPTS) * 1000)
            expect(attemptRefusal(state, now + 1)).toMatch(/(秒|分钟)后再试/)
          }
          if (ok) expect(state).toEqual(NO_ATTEMPTS)
        }
      }),
    )
  })
})

describe('lock storage', () => {
  it('stores only a salted hash and checks secrets against it', async () => {
    const stored = await hashSecret('2580', 1000)
    expect(JSON.stringify(stored)).not.toContain('2580')
    expect(await secretMatches('2580', stored)).toBe(true)
    expect(await secretMatches('2581', stored)).toBe(false)
    expect((await hashSecret('2580', 1000)).salt).not.toBe(stored.salt)
  })

  it('keeps config and secrets in settings, audited without the secret', async () => {
    const db = freshDb()
    expect(await loadLockConfig(db)).toEqual({ enabled: false, idleMinutes: 10 })
    await setSecret(db, 'm1', 'lao-li-2026', '测试')
    await saveLockConfig(db, { enabled: true, idleMinutes: 5 }, '测试')
    expect(await loadLockConfig(db)).toEqual({ enabled: true, idleMinutes: 5 })
    expect(Object.keys(await loadSecrets(db))).toEqual(['m1'])
    expect(JSON.stringify(await db.audit.toArray())).not.toContain('lao-li-2026')
    await setSecret(db, 'm1', undefined, '测试')
    expect(await loadSecrets(db)).toEqual({})
  })
})
