import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  clockInChina,
  dateInChina,
  instantFromChinaMinute,
  minuteInChina,
  todayInChina,
} from '../../../src/domain/dates'

describe('China-time display of stored instants', () => {
  it('late evening UTC is already the next day in China', () => {
    expect(todayInChina(new Date('2026-11-22T19:41:00Z'))).toBe('2026-11-23')
    expect(dateInChina('2026-11-30T16:00:00.000Z')).toBe('2026-12-01')
    expect(clockInChina(new Date('2026-11-22T19:41:05Z'))).toBe('03:41:05')
  })

  it('a typed China time round-trips through the stored instant', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
        (d) => {
          const minute = new Date(Math.floor(d.getTime() / 60_000) * 60_000).toISOString()
          expect(instantFromChinaMinute(minuteInChina(minute))).toBe(minute)
        },
      ),
    )
  })

  it('refuses times that are not real', () => {
    for (const bad of ['2026-11-23', '2026-02-30 10:00', '2026-11-23 24:00', '2026-11-23 9:60', '明天上午'])
      expect(instantFromChinaMinute(bad)).toBeUndefined()
    expect(instantFromChinaMinute('2026-11-23 9:05')).toBe('2026-11-23T01:05:00.000Z')
  })
})

describe('China time, written out', () => {
  it.each([
    // stored instant (UTC)          China minute
    ['2026-11-22T19:41:05.000Z', '2026-11-23 03:41'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01 00:00'],
    ['2026-12-31T15:59:59.999Z', '2026-12-31 23:59'],
    ['2028-02-28T16:30:00.000Z', '2028-02-29 00:30'],
  ])('minuteInChina(%s) is %s', (instant, minute) => {
    expect(minuteInChina(instant)).toBe(minute)
  })

  it.each([
    ['2027-01-01 00:00', '2026-12-31T16:00:00.000Z'],
    ['2027-01-01T07:59', '2026-12-31T23:59:00.000Z'],
    [' 2026-03-01 8:00 ', '2026-03-01T00:00:00.000Z'],
    ['2028-02-29 12:00', '2028-02-29T04:00:00.000Z'],
  ])('instantFromChinaMinute(%j) is %s', (text, instant) => {
    expect(instantFromChinaMinute(text)).toBe(instant)
  })

  it.each([
    ['2026-11-22T15:59:59Z', '23:59:59', '2026-11-22'],
    ['2026-11-22T16:00:00Z', '00:00:00', '2026-11-23'],
  ])('at %s the China clock reads %s on %s', (instant, clock, day) => {
    expect(clockInChina(new Date(instant))).toBe(clock)
    expect(todayInChina(new Date(instant))).toBe(day)
  })

  it('no instant shows as no date', () => {
    expect(dateInChina(undefined)).toBe('')
    expect(dateInChina('2026-05-01')).toBe('2026-05-01')
  })
})
