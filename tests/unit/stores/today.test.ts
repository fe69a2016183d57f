import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { clockInChina, dateInChina, instantFromChinaMinute, minuteInChina, todayInChina } from '../../../src/composables/today'

describe('China-time display of stored instants', () => {
  it('late evening UTC is already the next day in China', () => {
    expect(todayInChina(new Date('2026-11-22T19:41:00Z'))).toBe('2026-11-23')
    expect(dateInChina('2026-11-30T16:00:00.000Z')).toBe('2026-12-01')
    expect(clockInChina(new Date('2026-11-22T19:41:05Z'))).toBe('03:41:05')
  })

  it('a typed China time round-trips through the stored instant', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const minute = new Date(Math.floor(d.getTime() / 60_000) * 60_000).toISOString()
        expect(instantFromChinaMinute(minuteInChina(minute))).toBe(minute)
      }),
    )
  })

  it('refuses times that are not real', () => {
    for (const bad of ['2026-11-23', '2026-02-30 10:00', '2026-11-23 24:00', '2026-11-23 9:60', '明天上午']) expect(instantFromChinaMinute(bad)).toBeUndefined()
    expect(instantFromChinaMinute('2026-11-23 9:05')).toBe('2026-11-23T01:05:00.000Z')
  })
})
