/**
 * The case list's filters written out plainly, as a reference for tests: an independent reading of
 * what each filter means, not the production predicate (src/domain/caseDigest.ts `matchesFilter`).
 */
import type { CaseFilter } from '../../../src/domain/caseDigest'
import type { CaseRecord, CaseStatus } from '../../../src/domain/types'

/** The deadline clock runs from acceptance until an outcome (若干规定 Art. 33). */
const CLOCK_RUNS: readonly CaseStatus[] = ['accepted', 'investigating', 'mediating', 'drafting']
/** Finished cases: left out of the default (open) list. */
const DONE: readonly CaseStatus[] = ['closed', 'archived', 'rejected']
/** "Due soon": the last day is today or within the next three days. */
const SOON_DAYS = 3

function plusDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number)
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10)
}

type Filtered = Pick<
  CaseRecord,
  'status' | 'category' | 'roomId' | 'source' | 'mediatorIds' | 'flags' | 'receivedOn' | 'dueOn'
>

export function plainCaseFilter(c: Filtered, q: CaseFilter): boolean {
  const checks: boolean[] = []
  if (q.status) checks.push(c.status === q.status)
  if (q.stage === 'done') checks.push(DONE.includes(c.status))
  if (q.stage === 'open') checks.push(!DONE.includes(c.status))
  if (q.category) checks.push(c.category === q.category)
  if (q.roomId) checks.push(c.roomId === q.roomId)
  if (q.source) checks.push(c.source === q.source)
  if (q.mediatorId) checks.push(c.mediatorIds.includes(q.mediatorId))
  if (q.flag) checks.push(c.flags.includes(q.flag))
  if (q.from) checks.push(c.receivedOn >= q.from)
  if (q.to) checks.push(c.receivedOn <= q.to)
  if (q.deadline && q.today) {
    const running = CLOCK_RUNS.includes(c.status) && c.dueOn !== undefined
    if (q.deadline === 'overdue') checks.push(running && c.dueOn! < q.today)
    else checks.push(running && c.dueOn! >= q.today && c.dueOn! <= plusDays(q.today, SOON_DAYS))
  }
  return checks.every(Boolean)
}
