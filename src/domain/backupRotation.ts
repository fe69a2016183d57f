/**
 * Which backups to keep: the last 3 of today, the newest of each of the 7 most recent earlier days,
 * of the 4 most recent weeks and of the 12 most recent months, and the high-water backup (below).
 * Pure; times are local (the file names are local time too). Backups dated in the future (the clock
 * was turned back) are always kept.
 */
import { compareOrdinal } from './text'
export interface RotationItem {
  name: string
  createdAt: Date
  /** the cases the backup holds; items without it take no part in the high-water rule */
  cases?: number
}

export const KEEP = { today: 3, daily: 7, weekly: 4, monthly: 12 } as const

const pad = (n: number) => String(n).padStart(2, '0')
function dayKey(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}
function monthKey(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`
}
/** The Monday that starts the week (China's weeks start on Monday), as a day key. */
function weekKey(d: Date): string {
  const monday = new Date(d.getFullYear(), d.getMonth(), d.getDate() - ((d.getDay() + 6) % 7))
  return dayKey(monday)
}

/** The newest item of each of the `limit` most recent buckets. */
function newestPerBucket(
  sortedNewestFirst: readonly RotationItem[],
  key: (d: Date) => string,
  limit: number,
): RotationItem[] {
  const seen = new Set<string>()
  const kept: RotationItem[] = []
  for (const item of sortedNewestFirst) {
    const bucket = key(item.createdAt)
    if (seen.has(bucket)) continue
    if (seen.size === limit) break
    seen.add(bucket)
    kept.push(item)
  }
  return kept
}

function newestFirst(list: readonly RotationItem[]): RotationItem[] {
  return [...list].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || compareOrdinal(b.name, a.name))
}

/**
 * The high-water backup: the newest backup holding at least `acceptedCases` cases (the sentinel's count,
 * the most cases the user has not agreed to lose), or, when none holds that many or nothing was accepted
 * yet, the newest of those holding the most cases. The sentinel's count only drops when the user confirms
 * a smaller restore or backup, so until then this is the last backup before the case count fell, and no
 * number of smaller backups sent afterwards (a page sending empty snapshots) can rotate it out.
 */
export function highWaterBackup(list: readonly RotationItem[], acceptedCases?: number): string | undefined {
  const counted = newestFirst(list).filter((item) => item.cases !== undefined)
  const reaching = acceptedCases === undefined ? undefined : counted.find((item) => (item.cases ?? 0) >= acceptedCases)
  if (reaching) return reaching.name
  const most = Math.max(...counted.map((item) => item.cases ?? 0))
  return counted.find((item) => item.cases === most)?.name
}

export function selectBackupsToKeep(list: readonly RotationItem[], now: Date, acceptedCases?: number): Set<string> {
  const sorted = newestFirst(list)
  const today = dayKey(now)
  const keep = new Set<string>()
  const past: RotationItem[] = []
  for (const item of sorted) {
    if (item.createdAt.getTime() > now.getTime()) keep.add(item.name)
    else past.push(item)
  }
  past
    .filter((item) => dayKey(item.createdAt) === today)
    .slice(0, KEEP.today)
    .forEach((item) => keep.add(item.name))
  const earlier = past.filter((item) => dayKey(item.createdAt) !== today)
  newestPerBucket(earlier, dayKey, KEEP.daily).forEach((item) => keep.add(item.name))
  newestPerBucket(past, weekKey, KEEP.weekly).forEach((item) => keep.add(item.name))
  newestPerBucket(past, monthKey, KEEP.monthly).forEach((item) => keep.add(item.name))
  const highWater = highWaterBackup(list, acceptedCases)
  if (highWater !== undefined) keep.add(highWater)
  return keep
}
