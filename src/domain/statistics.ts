/**
 * The monthly figures a room reports, as pure functions over the cases. Months are 'YYYY-MM'; instants
 * count on their China Standard Time date.
 *
 * Definitions (a case counts in a month when the named event falls in it):
 * - received: registered (receivedOn); accepted: acceptedOn; rejected: rejection date;
 * - succeeded: written or oral agreement took effect; failed: mediation terminated;
 *   success rate = succeeded / (succeeded + failed), withdrawn and referred cases left out;
 * - within deadline: outcomes of the month reached on or before the due date;
 * - overdue: accepted cases still without an outcome at the end of the month (or today, if earlier)
 *   whose due date had passed;
 * - amount: 涉及金额 of the cases that succeeded; people: 涉及人数 of the cases received;
 * - performed: cases whose performance was recorded as full in the month;
 * - 防止民转刑: cases flagged 激化风险 that succeeded.
 */
import type { CaseRecord } from './types'
import { addDays, localDate } from './dates'
import { finishedWithinDeadline, isDeadlineRunning } from './deadlines'
import { sourceInfo } from './sources'

export interface MonthlyFigures {
  month: string
  received: number
  accepted: number
  rejected: number
  succeeded: number
  failed: number
  withdrawn: number
  referred: number
  /** 0..1, or null when nothing concluded */
  successRate: number | null
  withinDeadline: number
  overdue: number
  amountFen: number
  people: number
  performed: number
  escalationPrevented: number
  groupCases: number
  byCategory: Record<string, number>
  bySource: Record<string, number>
  bySourceGroup: Record<string, number>
  /** mediator id -> cases accepted and cases succeeded */
  byMediator: Record<string, { accepted: number; succeeded: number }>
}

const monthOf = (dateOrInstant: string | undefined): string | undefined =>
  dateOrInstant === undefined ? undefined : localDate(dateOrInstant).slice(0, 7)

/** The last calendar day of a 'YYYY-MM' month. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number)
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
  return addDays(next, -1)
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number)
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

export function sameMonthLastYear(month: string): string {
  return `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`
}

function bump(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1
}

const SUCCESS = new Set(['written', 'oral'])

export function monthlyFigures(cases: readonly CaseRecord[], month: string, today: string): MonthlyFigures {
  const asOf = monthEnd(month) < today ? monthEnd(month) : today
  const f: MonthlyFigures = {
    month,
    received: 0,
    accepted: 0,
    rejected: 0,
    succeeded: 0,
    failed: 0,
    withdrawn: 0,
    referred: 0,
    successRate: null,
    withinDeadline: 0,
    overdue: 0,
    amountFen: 0,
    people: 0,
    performed: 0,
    escalationPrevented: 0,
    groupCases: 0,
    byCategory: {},
    bySource: {},
    bySourceGroup: {},
    byMediator: {},
  }
  const mediator = (id: string): { accepted: number; succeeded: number } =>
    (f.byMediator[id] ??= { accepted: 0, succeeded: 0 })

  for (const c of cases) {
    if (monthOf(c.receivedOn) === month) {
      f.received++
      f.people += c.peopleCount
      if (c.flags.includes('群体性')) f.groupCases++
      bump(f.byCategory, c.category)
      bump(f.bySource, c.source)
      bump(f.bySourceGroup, sourceInfo(c.source).group)
    }
    if (monthOf(c.acceptedOn) === month) {
      f.accepted++
      for (const id of c.mediatorIds) mediator(id).accepted++
    }
    if (monthOf(c.rejection?.at) === month) f.rejected++
    if (c.outcome !== undefined && monthOf(c.outcome.at) === month) {
      const kind = c.outcome.kind
      if (SUCCESS.has(kind)) {
        f.succeeded++
        f.amountFen += c.amountFen
        if (c.flags.includes('激化风险')) f.escalationPrevented++
        for (const id of c.mediatorIds) mediator(id).succeeded++
      } else if (kind === 'terminated') f.failed++
      else if (kind === 'withdrawn') f.withdrawn++
      else f.referred++
      if (finishedWithinDeadline(c) === true) f.withinDeadline++
    }
    if (c.performance.some((p) => p.status === 'full' && monthOf(p.at) === month)) f.performed++
    if (isOverdueOn(c, asOf)) f.overdue++
  }
  const concluded = f.succeeded + f.failed
  f.successRate = concluded === 0 ? null : f.succeeded / concluded
  return f
}

/** Accepted by `date`, no outcome by `date` (or still running), and past its due date on `date`. */
function isOverdueOn(c: CaseRecord, date: string): boolean {
  if (c.acceptedOn === undefined || c.dueOn === undefined || c.acceptedOn > date) return false
  const outcomeDate = c.outcome === undefined ? undefined : localDate(c.outcome.at)
  const unfinished = outcomeDate === undefined ? isDeadlineRunning(c.status) : outcomeDate > date
  return unfinished && c.dueOn < date
}

/** Change from `before` to `now` as a fraction (0.25 = +25%), null when there is nothing to compare with. */
export function change(now: number, before: number): number | null {
  return before === 0 ? null : (now - before) / before
}

export type NumericFigure =
  'received' | 'accepted' | 'succeeded' | 'failed' | 'withinDeadline' | 'overdue' | 'amountFen' | 'people' | 'performed'

const COMPARED: readonly NumericFigure[] = [
  'received',
  'accepted',
  'succeeded',
  'failed',
  'withinDeadline',
  'overdue',
  'amountFen',
  'people',
  'performed',
]

export interface MonthlyReport {
  current: MonthlyFigures
  previous: MonthlyFigures
  lastYear: MonthlyFigures
  /** 环比 (month on month) and 同比 (year on year) per figure */
  changes: Record<NumericFigure, { monthOnMonth: number | null; yearOnYear: number | null }>
}

export function monthlyReport(cases: readonly CaseRecord[], month: string, today: string): MonthlyReport {
  const current = monthlyFigures(cases, month, today)
  const previous = monthlyFigures(cases, previousMonth(month), today)
  const lastYear = monthlyFigures(cases, sameMonthLastYear(month), today)
  const changes = Object.fromEntries(
    COMPARED.map((k) => [
      k,
      { monthOnMonth: change(current[k], previous[k]), yearOnYear: change(current[k], lastYear[k]) },
    ]),
  ) as MonthlyReport['changes'] // built from COMPARED, which lists every NumericFigure
  return { current, previous, lastYear, changes }
}
