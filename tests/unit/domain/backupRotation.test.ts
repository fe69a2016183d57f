import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { KEEP, selectBackupsToKeep, type RotationItem } from '../../../src/domain/backupRotation'

const now = new Date(2026, 10, 22, 15, 30, 0)
const DAY = 86_400_000
const itemsArb = fc.uniqueArray(fc.integer({ min: 0, max: 800 * DAY }), { maxLength: 120 }).map((offsets) =>
  offsets.map((ms, i): RotationItem => ({
    name: `b${String(i).padStart(4, '0')}`,
    createdAt: new Date(now.getTime() - ms),
  })),
)
const sameDay = (a: Date, b: Date) => a.toDateString() === b.toDateString()

describe('selectBackupsToKeep', () => {
  it('keeps the newest, at most 3+7+4+12, only listed names, and is stable when run again', () => {
    fc.assert(
      fc.property(itemsArb, (items) => {
        const keep = selectBackupsToKeep(items, now)
        expect(keep.size).toBeLessThanOrEqual(KEEP.today + KEEP.daily + KEEP.weekly + KEEP.monthly)
        for (const name of keep) expect(items.some((i) => i.name === name)).toBe(true)
        if (items.length > 0) {
          const newest = items.reduce((a, b) => (a.createdAt > b.createdAt ? a : b))
          expect(keep.has(newest.name)).toBe(true)
        }
        const again = selectBackupsToKeep(
          items.filter((i) => keep.has(i.name)),
          now,
        )
        expect([...again].sort()).toEqual([...keep].sort())
      }),
      { numRuns: 1000 },
    )
  })

  it('keeps the last 3 of today and the newest of each of the 7 latest earlier days', () => {
    fc.assert(
      fc.property(itemsArb, (items) => {
        const keep = selectBackupsToKeep(items, now)
        const todays = items.filter((i) => sameDay(i.createdAt, now)).sort((a, b) => +b.createdAt - +a.createdAt)
        todays.slice(0, 3).forEach((i) => expect(keep.has(i.name)).toBe(true))
        const earlierDays = [
          ...new Set(items.filter((i) => !sameDay(i.createdAt, now)).map((i) => i.createdAt.toDateString())),
        ]
          .map(
            (d) => items.filter((i) => i.createdAt.toDateString() === d).sort((a, b) => +b.createdAt - +a.createdAt)[0],
          )
          .sort((a, b) => +b.createdAt - +a.createdAt)
        earlierDays.slice(0, 7).forEach((i) => expect(keep.has(i.name)).toBe(true))
        // a 4th backup of today is never kept for "today" (only as a week's or month's newest, which is the 1st)
        todays.slice(3).forEach((i) => expect(keep.has(i.name)).toBe(false))
      }),
      { numRuns: 1000 },
    )
  })

  it('keeps a year of monthly history and anything dated in the future', () => {
    const monthly = Array.from({ length: 24 }, (_, m): RotationItem => ({
      name: `m${m}`,
      createdAt: new Date(2026, 10 - m, 1, 9),
    }))
    const future = { name: 'future', createdAt: new Date(2027, 0, 1) }
    const keep = selectBackupsToKeep([...monthly, future], now)
    expect(keep.has('future')).toBe(true)
    for (let m = 0; m < 12; m++) expect(keep.has(`m${m}`)).toBe(true)
    for (let m = 12; m < 24; m++) expect(keep.has(`m${m}`)).toBe(false)
  })
})
