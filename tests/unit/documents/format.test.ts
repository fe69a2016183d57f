import { describe, expect, it } from 'vitest'
import { dateOrBlank } from '../../../src/documents/format'

describe('dates printed on documents', () => {
  it('are the China calendar date of an instant: an agreement signed at 01:00 in Beijing bears that day', () => {
    expect(dateOrBlank('2026-11-22T17:00:00.000Z')).toBe('2026年11月23日')
    expect(dateOrBlank('2026-11-22T15:59:59.000Z')).toBe('2026年11月22日')
  })
  it('keep a plain calendar date as it is, and leave blanks to fill by hand when there is none', () => {
    expect(dateOrBlank('2026-03-01')).toBe('2026年3月1日')
    expect(dateOrBlank(undefined)).toMatch(/年\s*月\s*日/)
  })
})
