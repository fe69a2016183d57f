/**
 * Date pickers on a PC set to any time zone: the date a picker shows for a stored date is that date, and
 * the date read back from a picked value is the one the picker showed. What a picker shows is read with
 * Intl in the zone (not with the Date methods the code uses), over the zones of TIME_ZONES.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { dateOfPickerValue, pickerValueOf } from '../../../src/domain/dates'
import { inTimeZone, TIME_ZONES, wallDate } from '../setup/timeZones'

/** Days that trip date code: the 履行期限, leap days, year ends, daylight-saving changes. */
const DATES = [
  '2027-01-10',
  '2024-02-29',
  '2026-12-31',
  '2027-01-01',
  '2026-03-08', // US clocks go forward
  '2026-11-01', // US clocks go back
  '2026-09-06', // Santiago skips midnight
  '2026-04-05', // Santiago repeats an hour
  '2026-06-15',
]

describe.each(TIME_ZONES)('date pickers on a PC set to %s', (zone) => {
  it('show the stored date, and give it back unchanged', async () => {
    await inTimeZone(zone, () => {
      for (const date of DATES) {
        const value = pickerValueOf(date)
        expect(value, date).not.toBeNull()
        expect(wallDate(value ?? NaN, zone), date).toBe(date)
        expect(dateOfPickerValue(value), date).toBe(date)
      }
    })
  })

  it('read a picked instant as the date the PC shows for it', async () => {
    await inTimeZone(zone, () => {
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
          expect(dateOfPickerValue(ms)).toBe(wallDate(ms, zone))
        }),
      )
    })
  })

  it('an empty or invalid date is an empty field, and back', async () => {
    await inTimeZone(zone, () => {
      for (const nothing of [undefined, '', '2026-02-30', '2026-1-5', '明天']) expect(pickerValueOf(nothing)).toBeNull()
      expect(dateOfPickerValue(null)).toBeUndefined()
      expect(dateOfPickerValue(undefined)).toBeUndefined()
    })
  })
})
