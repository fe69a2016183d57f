/**
 * Cases carrying every one of several dated index keys, newest first, read a window of days at a time.
 * Every filter and search key ends in SEP + receivedOn (src/domain/caseKeys.ts), so the cases of one key
 * received within [start, end] are one short range. Reading each key's range for the same window with
 * key-only reads (getAllKeys: no records, no cursor) and intersecting them finds the newest common cases
 * without reading a big range whole (status 已结案 + category 邻里) or walking records of a common key that
 * mostly lack the others (长兴 + 永兴).
 */
import type { KeyRange } from '../domain/caseKeys'
import { addDays, daysBetween } from '../domain/dates'
import type { MediationDb } from './schema'

/** One key's cases, as a range of one of the two dated multiEntry indexes, for any window of days. */
export interface DatedKey {
  index: 'facets' | 'searchTokens'
  /** the key's range for cases received within [from, to] (inclusive; open when undefined) */
  range(from?: string, to?: string): KeyRange
}

/**
 * firstDays: the first window (then doubling: a sparse combination is found in a few reads);
 * fewEnough: once this few candidates are left, the remaining keys are checked on the records
 * the caller reads anyway; recordCost: a record read costs about as much as this many keys (in
 * Chromium ~8 µs a key, several times that a record), so a key expected to hold more keys than that
 * per candidate is checked on the records instead. Exported so that tests can cross every boundary.
 */
export const windowWalk = { firstDays: 16, fewEnough: 64, recordCost: 20 }

const DATE_LENGTH = 'YYYY-MM-DD'.length

function between(db: MediationDb, key: DatedKey, from?: string, to?: string) {
  const r = key.range(from, to)
  return db.cases.where(key.index).between(r.lower, r.upper, true, true)
}

/** The received dates of the oldest and newest case carrying `key`, or undefined when none does. */
async function dateBounds(db: MediationDb, key: DatedKey, from?: string, to?: string): Promise<{ oldest: string; newest: string } | undefined> {
  const [first] = (await between(db, key, from, to).limit(1).keys()) as string[]
  if (first === undefined) return undefined
  const [last] = (await between(db, key, from, to).reverse().limit(1).keys()) as string[]
  return { oldest: first.slice(-DATE_LENGTH), newest: (last ?? first).slice(-DATE_LENGTH) }
}

/** What the last window read of a key: how many cases carried it over how many days. */
interface KeyStats {
  key: DatedKey
  seen?: number
  days: number
}

/**
 * Yields the ids of cases that carry every key, one window at a time, newest first ((receivedOn, id)
 * descending, as every list); when few candidates are left or the next key's window would cost more
 * than checking them, only the keys read so far are guaranteed and the caller checks every key on the
 * records. The caller stops when it has enough.
 */
export async function* newestCarryingAll(db: MediationDb, keys: readonly DatedKey[], from?: string, to?: string): AsyncGenerator<string[]> {
  if (keys.length === 0) return
  let oldest = from ?? ''
  let newest: string | undefined
  for (const key of keys) {
    const bounds = await dateBounds(db, key, from, to)
    if (!bounds) return // a key no case carries: nothing carries all of them
    if (bounds.oldest > oldest) oldest = bounds.oldest
    if (newest === undefined || bounds.newest < newest) newest = bounds.newest
  }
  if (newest === undefined || oldest > newest) return
  // Rarest first: the keys read in the last window, by how many cases they held.
  let order: KeyStats[] = keys.map((key) => ({ key, days: 1 }))
  for (let end = newest, days = windowWalk.firstDays; end >= oldest; days *= 2) {
    const start = maxDate(oldest, addDays(end, -(days - 1)))
    const span = daysBetween(start, end) + 1
    let ids: string[] | undefined
    for (const entry of order) {
      if (ids !== undefined && isCheaperOnRecords(entry, span, ids.length)) break
      const found = (await between(db, entry.key, start, end).primaryKeys()) as string[]
      Object.assign(entry, { seen: found.length, days: span })
      if (ids === undefined) ids = found
      else {
        const carried = new Set(found)
        ids = ids.filter((id) => carried.has(id))
      }
    }
    if (ids && ids.length > 0) yield ids.reverse()
    order = [...order].sort((a, b) => density(a) - density(b))
    if (start <= oldest) return
    end = addDays(start, -1)
  }
}

/** Keys a day, as last read; a key not read yet sorts last. */
function density(entry: KeyStats): number {
  return entry.seen === undefined ? Number.POSITIVE_INFINITY : entry.seen / entry.days
}

/** Whether checking the remaining candidates on their records beats reading this key's window. */
function isCheaperOnRecords(entry: KeyStats, days: number, candidates: number): boolean {
  if (candidates <= windowWalk.fewEnough) return true
  return entry.seen !== undefined && density(entry) * days > windowWalk.recordCost * candidates
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b
}
