import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { localDate } from '../../../src/domain/dates'

/** The plain reference: the instant moved by eight hours, read as a UTC date. */
const reference = (iso: string): string => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10)

describe('localDate of stored instants (read by their text on days 1–27)', () => {
  it('agrees with Date arithmetic on any instant, month ends and leap days included', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const iso = new Date(ms).toISOString()
        expect(localDate(iso)).toBe(reference(iso))
      }),
      { numRuns: 5000 },
    )
  })

  it('the edges by hand', () => {
    expect(localDate('2026-01-31T15:59:59.999Z')).toBe('2026-01-31')
    expect(localDate('2026-01-31T16:00:00.000Z')).toBe('2026-02-01')
    expect(localDate('2026-01-28T16:00:00.000Z')).toBe('2026-01-29')
    expect(localDate('2024-02-28T16:00:00.000Z')).toBe('2024-02-29')
    expect(localDate('2025-02-28T16:00:00.000Z')).toBe('2025-03-01')
    expect(localDate('2025-12-31T17:00:00.000Z')).toBe('2026-01-01')
    expect(localDate('2026-03-05T02:00:00Z')).toBe('2026-03-05')
    expect(() => localDate('2026-13-05T02:00:00.000Z')).toThrow(RangeError)
  })
})
