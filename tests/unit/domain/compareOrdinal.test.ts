/**
 * compareOrdinal orders stored ISO dates and times, ids and file names: the dates' own order, and the same
 * answer on every PC (no locale's collator). Held to a written-out table and to the instants the texts name.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { compareOrdinal } from '../../../src/domain/text'

describe('compareOrdinal', () => {
  // written out: which comes first
  it.each([
    ['2026-01-09', '2026-01-10', -1],
    ['2026-12-03T07:00:00.000Z', '2026-12-03T07:00:00.000Z', 0],
    ['2026-12-03T07:00:01.000Z', '2026-12-03T07:00:00.999Z', 1],
    ['2025-12-31', '2026-01-01', -1],
    ['', '2026-01-01', -1],
    ['0f3a', '9b21', -1],
    ['9b21', 'a000', -1],
    // by code unit, not as a collator would (it puts a before B): the same on a PC in any language
    ['B', 'a', -1],
    ['mediation-2026-12-03.mrbak', 'mediation-2026-12-03-2.mrbak', 1],
  ])('%s against %s: %d', (a, b, expected) => {
    expect(compareOrdinal(a, b)).toBe(expected)
    expect(compareOrdinal(b, a)).toBe(-expected || 0)
  })

  it('orders ISO instants as the instants they name', () => {
    const instant = fc.date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2099-12-31T23:59:59Z'),
      noInvalidDate: true,
    })
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        expect(compareOrdinal(a.toISOString(), b.toISOString())).toBe(Math.sign(a.getTime() - b.getTime()) || 0)
      }),
    )
  })
})
