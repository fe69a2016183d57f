/**
 * What 工作台 shows first, kept as a small summary of every case (src/db/dashboardSummary.ts keeps it up to
 * date in the transaction of each case write): the count of cases by status, how many were received and
 * closed on each day, and each case whose deadline clock runs with the few fields its row in 已超期 /
 * 3日内到期 shows. The due-soon window moves with today, so the rows are every running case, not a list
 * cut for one day: at 100,000 cases (3,154 running in the bench's data) about 500 KB. They are kept by
 * the day they are due (`dueDayOf`), with a count per day in the small rest, so that the first screen
 * reads only the days its lists can show (`daysShown`) and a write rewrites only the days its cases were
 * and are due on.
 *
 * The lists and counts read from it are the ones the case list's queries give (caseQueries.ts over the
 * digests): the deadline rule of caseDigest.ts `matchesFilter`, the order of `mostUrgentFirst`.
 */
import type { CaseRecord, CaseStatus } from './types'
import { addDays, localDate } from './dates'
import { DUE_SOON_DAYS, isDeadlineRunning } from './deadlines'

/**
 * Raised whenever what the summary holds, or how it is stored, changes: a stored summary of another version
 * is rebuilt. 2: the rows are stored by the day they are due.
 */
export const DASHBOARD_SUMMARY_VERSION = 2

/** Rows a deadline list shows at most (its title then says "50+"). */
export const DEADLINE_LIST_LIMIT = 50

/** 本月结案 counts cases received within this many days before the month began (a case stays open a few months). */
const CLOSED_RECEIVED_WITHIN_DAYS = 365

/** What a deadline list shows of a case, and what orders it. */
export type DeadlineRow = Pick<CaseRecord, 'id' | 'caseNo' | 'title' | 'status' | 'dueOn' | 'receivedOn'>

/** The fields of a case the summary reads; `closedOn` is the day (China's date) it was closed. */
export type SummaryCase = Pick<CaseRecord, 'id' | 'status' | 'receivedOn' | 'dueOn' | 'caseNo' | 'title'> & {
  closedOn?: string
}

/** What the summary reads of a case record. */
export function summaryCaseOf(c: SummaryCase & Pick<CaseRecord, 'closedAt'>): SummaryCase {
  const { id, status, receivedOn, dueOn, caseNo, title, closedAt } = c
  return {
    id,
    status,
    receivedOn,
    title,
    ...(dueOn !== undefined ? { dueOn } : {}),
    ...(caseNo !== undefined ? { caseNo } : {}),
    ...(closedAt !== undefined ? { closedOn: localDate(closedAt) } : {}),
  }
}

/** One case's share of the summary. */
export interface Contribution {
  status: CaseStatus
  receivedOn: string
  /** the day it was closed, when 本月结案 of that day's month counts it */
  closedOn?: string
  /** while its deadline clock runs */
  row?: DeadlineRow
}

export interface DashboardSummary {
  /** cases by status */
  statuses: Partial<Record<CaseStatus, number>>
  /** cases by day received ('YYYY-MM-DD') */
  received: Record<string, number>
  /** cases counted by 本月结案, by day closed (China's date) */
  closed: Record<string, number>
  /** every case whose deadline runs, in no particular order */
  running: DeadlineRow[]
}

export function emptySummary(): DashboardSummary {
  return { statuses: {}, received: {}, closed: {}, running: [] }
}

const monthStartOf = (day: string): string => `${day.slice(0, 8)}01`

/**
 * Whether 本月结案 of the month `closedOn` falls in counts a case closed (or archived) that day: received
 * within CLOSED_RECEIVED_WITHIN_DAYS before that month began.
 */
function countsAsClosedInMonth(c: Pick<CaseRecord, 'status' | 'receivedOn'>, closedOn: string): boolean {
  return (
    (c.status === 'closed' || c.status === 'archived') &&
    c.receivedOn >= addDays(monthStartOf(closedOn), -CLOSED_RECEIVED_WITHIN_DAYS)
  )
}

export function contributionOf(c: SummaryCase): Contribution {
  const closedOn = c.closedOn
  const running = c.dueOn !== undefined && isDeadlineRunning(c.status)
  return {
    status: c.status,
    receivedOn: c.receivedOn,
    ...(closedOn !== undefined && countsAsClosedInMonth(c, closedOn) ? { closedOn } : {}),
    ...(running
      ? {
          row: {
            id: c.id,
            ...(c.caseNo !== undefined ? { caseNo: c.caseNo } : {}),
            title: c.title,
            status: c.status,
            dueOn: c.dueOn,
            receivedOn: c.receivedOn,
          },
        }
      : {}),
  }
}

/** Whether two shares are the same (a write that changes neither leaves the summary as it is). */
export function sameContribution(a: Contribution | undefined, b: Contribution | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** A case replaced: its share before (none when it is new) and after (none when it is deleted). */
export interface SummaryChange {
  id: string
  before?: Contribution
  after?: Contribution
}

function bump(counts: Record<string, number>, key: string, by: number): void {
  const n = (counts[key] ?? 0) + by
  if (n === 0) delete counts[key]
  else counts[key] = n
}

/** The summary after `changes`, in order (`summary` is not changed). */
export function withChanges(summary: DashboardSummary, changes: readonly SummaryChange[]): DashboardSummary {
  const statuses: Record<string, number> = { ...summary.statuses }
  const received = { ...summary.received }
  const closed = { ...summary.closed }
  const running = new Map(summary.running.map((r) => [r.id, r]))
  const apply = (c: Contribution, by: number): void => {
    bump(statuses, c.status, by)
    bump(received, c.receivedOn, by)
    if (c.closedOn !== undefined) bump(closed, c.closedOn, by)
  }
  for (const { id, before, after } of changes) {
    if (before) apply(before, -1)
    running.delete(id)
    if (after) {
      apply(after, 1)
      if (after.row) running.set(id, after.row)
    }
  }
  return { statuses, received, closed, running: [...running.values()] }
}

/** The summary of these cases. */
export function summaryOf(cases: Iterable<Contribution & { id: string }>): DashboardSummary {
  const changes: SummaryChange[] = []
  for (const c of cases) changes.push({ id: c.id, after: c })
  return withChanges(emptySummary(), changes)
}

/** Most urgent first: earliest last day, then oldest intake, then id (caseDigest.ts `mostUrgentFirst`). */
function mostUrgentFirst(a: DeadlineRow, b: DeadlineRow): number {
  const da = a.dueOn ?? ''
  const db = b.dueOn ?? ''
  if (da !== db) return da < db ? -1 : 1
  if (a.receivedOn !== b.receivedOn) return a.receivedOn < b.receivedOn ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** 已超期 and 3日内到期 on `today`, most urgent first, DEADLINE_LIST_LIMIT each at most. */
export function deadlineLists(
  summary: DashboardSummary,
  today: string,
): { overdue: DeadlineRow[]; dueSoon: DeadlineRow[] } {
  const soonEnd = addDays(today, DUE_SOON_DAYS)
  const sorted = summary.running.filter((r) => r.dueOn !== undefined && r.dueOn <= soonEnd).sort(mostUrgentFirst)
  return {
    overdue: sorted.filter((r) => r.dueOn! < today).slice(0, DEADLINE_LIST_LIMIT),
    dueSoon: sorted.filter((r) => r.dueOn! >= today).slice(0, DEADLINE_LIST_LIMIT),
  }
}

function sumWithin(counts: Record<string, number>, from: string, to: string): number {
  let n = 0
  for (const [day, count] of Object.entries(counts)) if (day >= from && day <= to) n += count
  return n
}

/** 本月登记 and 本月结案 on `today`: from the first of the month to today. */
export function monthCounts(summary: DashboardSummary, today: string): { received: number; closed: number } {
  const from = monthStartOf(today)
  return { received: sumWithin(summary.received, from, today), closed: sumWithin(summary.closed, from, today) }
}

// ---------------------------------------------------------------------------------------------------
// By the day of the deadline

/** The day ('YYYY-MM-DD') a running case's row is kept under: its last day. */
export const dueDayOf = (row: Pick<DeadlineRow, 'dueOn'>): string => row.dueOn ?? ''

/** The summary without its rows: the counts, and how many rows each day holds. */
export interface SummaryHead {
  statuses: DashboardSummary['statuses']
  received: DashboardSummary['received']
  closed: DashboardSummary['closed']
  /** running cases by the day they are due; days without any are left out */
  due: Record<string, number>
}

/** Rows by the day they are due. */
export function rowsByDay(rows: Iterable<DeadlineRow>): Map<string, DeadlineRow[]> {
  const days = new Map<string, DeadlineRow[]>()
  for (const r of rows) {
    const day = dueDayOf(r)
    const list = days.get(day)
    if (list) list.push(r)
    else days.set(day, [r])
  }
  return days
}

export function headOf(summary: DashboardSummary): SummaryHead {
  const due: Record<string, number> = {}
  for (const [day, rows] of rowsByDay(summary.running)) due[day] = rows.length
  return { statuses: summary.statuses, received: summary.received, closed: summary.closed, due }
}

/**
 * The days whose rows 已超期 and 3日内到期 can show on `today`: from the earliest, the days before today
 * until they hold DEADLINE_LIST_LIMIT rows (all of them overdue, and ahead of any later row in the lists'
 * order), then the days of the window, today to DUE_SOON_DAYS on.
 */
export function daysShown(head: Pick<SummaryHead, 'due'>, today: string): string[] {
  const soonEnd = addDays(today, DUE_SOON_DAYS)
  const shown: string[] = []
  let before = 0
  for (const day of Object.keys(head.due).sort()) {
    if (day < today) {
      if (before >= DEADLINE_LIST_LIMIT) continue
      before += head.due[day]!
      shown.push(day)
    } else if (day <= soonEnd) shown.push(day)
    else break
  }
  return shown
}

/** The days whose rows `changes` remove or add. */
export function daysChanged(changes: readonly SummaryChange[]): Set<string> {
  const days = new Set<string>()
  for (const { before, after } of changes) {
    if (before?.row) days.add(dueDayOf(before.row))
    if (after?.row) days.add(dueDayOf(after.row))
  }
  return days
}

/**
 * `head` and the rows of `days` (every day `changes` touches, as stored) after `changes`: the new head,
 * and each of those days' rows (empty when none is left).
 */
export function withChangesByDay(
  head: SummaryHead,
  days: ReadonlyMap<string, readonly DeadlineRow[]>,
  changes: readonly SummaryChange[],
): { head: SummaryHead; days: Map<string, DeadlineRow[]> } {
  const rows: DeadlineRow[] = []
  for (const list of days.values()) rows.push(...list)
  const next = withChanges(
    { statuses: head.statuses, received: head.received, closed: head.closed, running: rows },
    changes,
  )
  const byDay = rowsByDay(next.running)
  const due = { ...head.due }
  const out = new Map<string, DeadlineRow[]>()
  for (const day of days.keys()) {
    const list = byDay.get(day) ?? []
    out.set(day, list)
    if (list.length) due[day] = list.length
    else delete due[day]
  }
  return { head: { statuses: next.statuses, received: next.received, closed: next.closed, due }, days: out }
}
