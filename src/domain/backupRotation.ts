/**
 * Which backups to keep: the last 3 of today, the newest of each of the 7 most recent earlier days,
 * of the 4 most recent weeks and of the 12 most recent months. Pure; times are local (the file names
 * are local time too). Backups dated in the future (the clock was turned back) are always kept.
 */
export interface RotationItem {
  name: string
  createdAt: Date
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

export function selectBackupsToKeep(list: readonly RotationItem[], now: Date): Set<string> {
  const sorted = [...list].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.name.localeCompare(a.name))
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
  return keep
}
