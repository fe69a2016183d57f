import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { highWaterBackup, selectBackupsToKeep, type RotationItem } from '../../../src/domain/backupRotation'

const now = new Date(2026, 10, 22, 15, 30, 0)
const HOUR = 3_600_000
const DAY = 24 * HOUR

/**
 * The rule, written out plainly: among the backups that say how many cases they hold, newest first
 * (ties: the name sorting last first), the first holding at least `accepted` cases; when there is none
 * (or nothing was accepted), the first holding the largest count.
 */
function referenceHighWater(items: readonly RotationItem[], accepted: number | undefined): string | undefined {
  let newestReaching: RotationItem | undefined
  let newestLargest: RotationItem | undefined
  const isNewer = (a: RotationItem, b: RotationItem) =>
    a.createdAt.getTime() > b.createdAt.getTime() ||
    (a.createdAt.getTime() === b.createdAt.getTime() && a.name > b.name)
  for (const item of items) {
    if (item.cases === undefined) continue
    if (accepted !== undefined && item.cases >= accepted) {
      if (newestReaching === undefined || isNewer(item, newestReaching)) newestReaching = item
    }
    if (
      newestLargest === undefined ||
      item.cases > (newestLargest.cases ?? 0) ||
      (item.cases === newestLargest.cases && isNewer(item, newestLargest))
    )
      newestLargest = item
  }
  return (newestReaching ?? newestLargest)?.name
}

const itemsArb = fc
  .uniqueArray(fc.integer({ min: 0, max: 400 * DAY }), { maxLength: 60 })
  .chain((offsets) =>
    fc.tuple(
      fc.constant(offsets),
      fc.array(fc.option(fc.nat({ max: 30 }), { nil: undefined }), {
        minLength: offsets.length,
        maxLength: offsets.length,
      }),
    ),
  )
  .map(([offsets, cases]) =>
    offsets.map((ms, i): RotationItem => ({
      name: `b${String(i).padStart(4, '0')}`,
      createdAt: new Date(now.getTime() - ms),
      ...(cases[i] === undefined ? {} : { cases: cases[i] }),
    })),
  )

describe('the high-water backup (written out)', () => {
  const real = { name: 'real', createdAt: new Date(2026, 10, 22, 8, 0), cases: 50 }
  const empties = [9, 10, 11].map((hour) => ({
    name: `empty${hour}`,
    createdAt: new Date(2026, 10, 22, hour),
    cases: 0,
  }))

  it("keeps today's real backup when three empty snapshots come after it", () => {
    expect(selectBackupsToKeep([real, ...empties], now, 50)).toEqual(new Set(['real', 'empty9', 'empty10', 'empty11']))
  })

  it('keeps it also when no sentinel says how many cases were accepted (the largest is kept)', () => {
    expect(selectBackupsToKeep([real, ...empties], now).has('real')).toBe(true)
  })

  it('lets it go the normal way once the user confirmed the drop to 0 cases', () => {
    expect(selectBackupsToKeep([real, ...empties], now, 0)).toEqual(new Set(['empty9', 'empty10', 'empty11']))
  })

  it('keeps the newest backup reaching the accepted count, not an older larger one', () => {
    const older = { name: 'older', createdAt: new Date(2026, 10, 20, 8), cases: 80 }
    const confirmed = { name: 'confirmed', createdAt: new Date(2026, 10, 22, 7), cases: 30 }
    expect(highWaterBackup([older, confirmed, real, ...empties], 30)).toBe('real')
    expect(highWaterBackup([older, confirmed, ...empties], 30)).toBe('confirmed')
    expect(highWaterBackup([older, confirmed, ...empties], 90)).toBe('older')
    expect(highWaterBackup([{ name: 'x', createdAt: now }])).toBeUndefined()
  })
})

describe('selectBackupsToKeep with case counts', () => {
  it('keeps exactly what the calendar rule keeps, plus the high-water backup', () => {
    fc.assert(
      fc.property(itemsArb, fc.option(fc.nat({ max: 35 }), { nil: undefined }), (items, accepted) => {
        const keep = selectBackupsToKeep(items, now, accepted)
        const calendar = selectBackupsToKeep(
          items.map(({ name, createdAt }) => ({ name, createdAt })),
          now,
        )
        const expected = new Set(calendar)
        const highWater = referenceHighWater(items, accepted)
        if (highWater !== undefined) expected.add(highWater)
        expect([...keep].sort()).toEqual([...expected].sort())
      }),
      { numRuns: 500 },
    )
  })

  it('across any sequence of writes, never removes the newest backup holding the accepted count', () => {
    // Each write: hours since the previous one, its cases, and whether the user confirmed a drop.
    const writesArb = fc.array(
      fc.record({ gapHours: fc.integer({ min: 0, max: 60 }), cases: fc.nat({ max: 20 }), confirmed: fc.boolean() }),
      { minLength: 1, maxLength: 80 },
    )
    fc.assert(
      fc.property(writesArb, (writes) => {
        let at = new Date(2026, 0, 1, 8).getTime()
        let accepted: number | undefined
        const history: Required<RotationItem>[] = []
        let onDisk: RotationItem[] = []
        writes.forEach((write, index) => {
          at += write.gapHours * HOUR + 1000
          const item = { name: `w${String(index).padStart(3, '0')}`, createdAt: new Date(at), cases: write.cases }
          history.push(item)
          onDisk.push(item)
          // The sentinel: raised by any larger backup, lowered only by a confirmed smaller one.
          if (accepted === undefined || write.cases >= accepted || write.confirmed) accepted = write.cases
          const keep = selectBackupsToKeep(onDisk, new Date(at), accepted)
          onDisk = onDisk.filter((kept) => keep.has(kept.name))
          // From the whole history (not from what is on disk): the newest write holding the accepted count.
          const mustStay = [...history].reverse().find((written) => written.cases >= (accepted ?? 0))
          expect(onDisk.map((kept) => kept.name)).toContain(mustStay?.name)
          expect(onDisk.map((kept) => kept.name)).toContain(item.name)
        })
      }),
      { numRuns: 300 },
    )
  })

  it('without a confirmed drop, the newest backup holding the most cases ever written survives', () => {
    const casesArb = fc.array(fc.nat({ max: 20 }), { minLength: 1, maxLength: 60 })
    fc.assert(
      fc.property(casesArb, fc.integer({ min: 1, max: 30 }), (counts, gapHours) => {
        let onDisk: RotationItem[] = []
        let most = 0
        let newestMost = ''
        counts.forEach((cases, index) => {
          const createdAt = new Date(new Date(2026, 0, 1, 8).getTime() + index * gapHours * HOUR)
          const name = `w${String(index).padStart(3, '0')}`
          onDisk.push({ name, createdAt, cases })
          if (cases >= most) [most, newestMost] = [cases, name]
          const keep = selectBackupsToKeep(onDisk, createdAt, most)
          onDisk = onDisk.filter((kept) => keep.has(kept.name))
          expect(onDisk.some((kept) => kept.name === newestMost)).toBe(true)
        })
      }),
      { numRuns: 300 },
    )
  })
})
