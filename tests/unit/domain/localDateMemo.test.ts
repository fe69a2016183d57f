import { describe, expect, it } from 'vitest'
import { localDate } from '../../../src/domain/dates'

/** localDate remembers its last China date: asking in any order must still give each instant its own date. */
describe('localDate, asked again and again', () => {
  it('gives each instant its date whatever was asked before', () => {
    const asked: [string, number | undefined, string][] = [
      ['2026-11-30T15:59:59.999Z', undefined, '2026-11-30'],
      ['2026-11-30T16:00:00.000Z', undefined, '2026-12-01'],
      ['2026-11-30T16:00:00.000Z', undefined, '2026-12-01'],
      ['2026-11-30T16:00:00.000Z', 0, '2026-11-30'],
      ['2026-11-30T16:00:00.000Z', undefined, '2026-12-01'],
      ['2026-11-30T15:59:59.999Z', undefined, '2026-11-30'],
      ['2026-12-01', undefined, '2026-12-01'],
      ['2026-11-30T15:59:59.999Z', undefined, '2026-11-30'],
    ]
    for (const [instant, offset, date] of asked) expect(localDate(instant, offset)).toBe(date)
  })

  it('still refuses what is not an instant, also right after a good one', () => {
    expect(localDate('2026-01-01T00:00:00.000Z')).toBe('2026-01-01')
    expect(() => localDate('not a date')).toThrow(RangeError)
    expect(() => localDate('not a date')).toThrow(RangeError)
  })
})
