import { describe, expect, it } from 'vitest'
import { JUDICIAL_CONFIRMATION_DAYS, judicialConfirmationLastDay } from '../../../src/domain/judicialConfirmation'

describe('judicialConfirmationLastDay (人民调解法 Art. 33: thirty days, the effective day not counted)', () => {
  it('the window is thirty days', () => {
    expect(JUDICIAL_CONFIRMATION_DAYS).toBe(30)
  })

  it.each([
    // finalizedAt (stored UTC instant)   last day to apply (China date)
    ['2026-03-01T02:00:00.000Z', '2026-03-31'],
    ['2026-02-01T09:30:00.000Z', '2026-03-03'],
    ['2028-02-01T09:30:00.000Z', '2028-03-02'], // leap year
    ['2026-12-15T00:00:00.000Z', '2027-01-14'], // across the year
    // 20:00 UTC on 11-30 is already 12-01 in China: the window counts from the China date
    ['2026-11-30T20:00:00.000Z', '2026-12-31'],
    ['2026-11-30T15:59:59.000Z', '2026-12-30'],
  ])('effective %s -> until %s', (finalizedAt, lastDay) => {
    expect(judicialConfirmationLastDay(finalizedAt)).toBe(lastDay)
  })
})
