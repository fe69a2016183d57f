/**
 * The wrong-PIN pause is kept in the database, so closing and reopening the app (a reload) does not
 * give a guesser a fresh set of attempts.
 */
import 'fake-indexeddb/auto'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { getDatabase } from '../../../src/db/connection'
import { hashSecret, loadAttempts, saveLockConfig } from '../../../src/db/lockRepo'
import { useLockStore } from '../../../src/stores/lock'

const T0 = new Date('2026-12-03T08:00:00Z').getTime()
let mediator = 0

afterAll(async () => (await getDatabase()).db.close())
beforeEach(() => vi.useFakeTimers({ toFake: ['Date'], now: T0 }))
afterEach(() => vi.useRealTimers())

/** A mediator with a secret stored as the app stores it (fewer iterations: a test needs no slowness). */
async function mediatorWithSecret(secret: string): Promise<string> {
  const { db } = await getDatabase()
  const id = `m${++mediator}`
  const secrets = ((await db.settings.get('lock.secrets'))?.value as Record<string, unknown> | undefined) ?? {}
  await db.settings.put({
    key: 'lock.secrets',
    value: { ...secrets, [id]: await hashSecret(secret, 1000) },
    updatedAt: new Date().toISOString(),
  })
  await saveLockConfig(db, { enabled: true, idleMinutes: 10 }, '测试')
  return id
}

/** What a reload does to the stores: every one starts again from the database. */
async function freshStart() {
  setActivePinia(createPinia())
  const lock = useLockStore()
  await lock.load()
  return lock
}

describe('wrong attempts across a reload', () => {
  it('keeps the pause after a reload, and lets the right secret in once it is over', async () => {
    const id = await mediatorWithSecret('lao-li-2026')
    let lock = await freshStart()
    expect(lock.locked).toBe(true)
    for (let i = 0; i < 5; i++) expect(await lock.unlock(id, 'wrong-guess')).toBe('密码不正确')
    expect(await lock.unlock(id, 'lao-li-2026')).toBe('错误次数过多，请 30 秒后再试')

    lock = await freshStart()
    expect(await lock.unlock(id, 'lao-li-2026')).toBe('错误次数过多，请 30 秒后再试')
    expect(lock.locked).toBe(true)

    vi.setSystemTime(T0 + 30_000)
    lock = await freshStart()
    expect(await lock.unlock(id, 'lao-li-2026')).toBeUndefined()
    expect(lock.locked).toBe(false)
    const { db } = await getDatabase()
    expect(await loadAttempts(db, id)).toEqual({ failures: 0, pausedUntil: 0 })
  })

  it('counts failures across reloads: the second round pauses a minute', async () => {
    const id = await mediatorWithSecret('zhang-2026')
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 5; i++) {
        const lock = await freshStart()
        expect(await lock.unlock(id, `wrong-${round}-${i}`)).toBe('密码不正确')
      }
      if (round === 0) vi.setSystemTime(Date.now() + 30_000)
    }
    const lock = await freshStart()
    expect(await lock.unlock(id, 'zhang-2026')).toBe('错误次数过多，请 60 秒后再试')
    const { db } = await getDatabase()
    expect(await loadAttempts(db, id)).toMatchObject({ failures: 10 })
  })

  it('keeps each mediator’s attempts apart, and a new secret set in 设置 clears its owner’s pause', async () => {
    const a = await mediatorWithSecret('wang-2026')
    const b = await mediatorWithSecret('zhao-2026')
    let lock = await freshStart()
    for (let i = 0; i < 5; i++) await lock.unlock(a, 'wrong-guess')
    expect(await lock.unlock(b, 'zhao-2026')).toBeUndefined()
    expect(await lock.setSecret(a, 'wang-2027', 'wang-2027')).toBeUndefined()
    lock = await freshStart()
    expect(await lock.unlock(a, 'wang-2027')).toBeUndefined()
  })
})

describe('secrets set under the old rule', () => {
  it('still unlock with 4 digits, and are then marked to be changed until a new one is set', async () => {
    const id = await mediatorWithSecret('2580')
    let lock = await freshStart()
    expect(lock.secretsToChange.has(id)).toBe(false)
    expect(await lock.unlock(id, '2580')).toBeUndefined()
    expect(lock.secretsToChange.has(id)).toBe(true)
    lock = await freshStart()
    expect(lock.secretsToChange.has(id)).toBe(true)
    expect(await lock.setSecret(id, '2580', '2580')).toContain('6至12位')
    expect(await lock.setSecret(id, '258013', '258013')).toBeUndefined()
    expect(lock.secretsToChange.has(id)).toBe(false)
    lock = await freshStart()
    expect(lock.secretsToChange.has(id)).toBe(false)
  })

  it('are not marked when they meet the rule', async () => {
    const id = await mediatorWithSecret('258013')
    const lock = await freshStart()
    expect(await lock.unlock(id, '258013')).toBeUndefined()
    expect(lock.secretsToChange.has(id)).toBe(false)
  })
})

describe('a pause written under a wrong clock', () => {
  it('ends at most an hour after the clock is put right', async () => {
    const id = await mediatorWithSecret('liu-2026')
    vi.setSystemTime(T0 + 365 * 24 * 3_600_000)
    let lock = await freshStart()
    for (let i = 0; i < 5; i++) await lock.unlock(id, 'wrong-guess')
    vi.setSystemTime(T0)
    lock = await freshStart()
    expect(await lock.unlock(id, 'liu-2026')).toBe('错误次数过多，请 60 分钟后再试')
    vi.setSystemTime(T0 + 3_600_000)
    lock = await freshStart()
    expect(await lock.unlock(id, 'liu-2026')).toBeUndefined()
  })
})
