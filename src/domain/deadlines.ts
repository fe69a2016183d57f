/**
 * 限时办结: the deadline clock that starts at acceptance (若干规定 Art. 33: "一般在一个月内调结").
 *
 * Counting rule: the day of acceptance is NOT counted, as for procedural periods in Chinese law
 * (民事诉讼法 Art. 85: 期间开始的时和日，不计算在期间内). A case accepted on 03-01 with 30 days is due on
 * 03-31, and is finished in time if its outcome is reached on 03-31 or earlier. Holidays are not skipped:
 * there is no offline holiday calendar, and the rule is "generally" one month.
 */
import type { CaseRecord, CaseStatus, Extension } from './types'
import { addDays, daysBetween, isIsoDate, localDate } from './dates'

export const DEFAULT_DEADLINE_DAYS = 30
export const MIN_DEADLINE_DAYS = 1
export const MAX_DEADLINE_DAYS = 90
export const MAX_EXTENSION_DAYS = 90
/** "due soon" means at most this many days left */
export const DUE_SOON_DAYS = 3

export type DeadlineState = 'ok' | 'due-soon' | 'overdue' | 'stopped'

/** Statuses in which the clock runs: accepted and not yet at an outcome. */
const RUNNING: ReadonlySet<CaseStatus> = new Set(['accepted', 'investigating', 'mediating', 'drafting'])

export function isDeadlineRunning(status: CaseStatus): boolean {
  return RUNNING.has(status)
}

/** Last day to finish for a case accepted on `acceptedOn` with `days` days (acceptance day not counted). */
export function dueDate(acceptedOn: string, days: number): string {
  return addDays(acceptedOn, days)
}

export type ExtensionInput = { days: number; reason: string; partiesConsent: boolean }

/** Checks an extension request against the case; returns a Chinese message when it is not allowed. */
export function extensionProblem(
  c: Pick<CaseRecord, 'status' | 'dueOn' | 'extension'>,
  input: ExtensionInput,
): string | undefined {
  if (!isDeadlineRunning(c.status) || c.dueOn === undefined) return '只有已受理、尚未办结的案件才能延长期限'
  if (c.extension !== undefined) return '办理期限只能延长一次，本案已延长过'
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > MAX_EXTENSION_DAYS) {
    return `延长天数应为1至${MAX_EXTENSION_DAYS}之间的整数`
  }
  if (input.reason.trim() === '') return '请填写延长期限的理由'
  if (input.partiesConsent !== true) return '延长期限须经双方当事人同意'
  return undefined
}

/** The new due date and the extension record; call only after `extensionProblem` returned nothing. */
export function applyExtension(
  dueOn: string,
  input: ExtensionInput,
  at: string,
): { dueOn: string; extension: Extension } {
  return {
    dueOn: addDays(dueOn, input.days),
    extension: { days: input.days, reason: input.reason.trim(), partiesConsent: true, at },
  }
}

/** Days left until the due date: 0 on the due day, negative once overdue; undefined without a deadline. */
export function daysLeft(c: Pick<CaseRecord, 'dueOn'>, today: string): number | undefined {
  if (c.dueOn === undefined || !isIsoDate(c.dueOn)) return undefined
  return daysBetween(today, c.dueOn)
}

export function deadlineState(c: Pick<CaseRecord, 'status' | 'dueOn'>, today: string): DeadlineState {
  const left = daysLeft(c, today)
  if (!isDeadlineRunning(c.status) || left === undefined) return 'stopped'
  if (left < 0) return 'overdue'
  if (left <= DUE_SOON_DAYS) return 'due-soon'
  return 'ok'
}

/**
 * Whether a case reached its outcome (agreement, termination …) on or before its due date, judged by
 * the outcome's date in China Standard Time (instants are stored in UTC).
 */
export function finishedWithinDeadline(c: Pick<CaseRecord, 'dueOn' | 'outcome'>): boolean | undefined {
  if (c.dueOn === undefined || c.outcome === undefined) return undefined
  return localDate(c.outcome.at) <= c.dueOn
}

/** A short Chinese phrase for lists: "剩余5天" / "今天到期" / "已超期2天". */
export function deadlineLabel(c: Pick<CaseRecord, 'status' | 'dueOn'>, today: string): string {
  const left = daysLeft(c, today)
  if (!isDeadlineRunning(c.status) || left === undefined) return ''
  if (left < 0) return `已超期${-left}天`
  if (left === 0) return '今天到期'
  return `剩余${left}天`
}

/**
 * Extending a deadline that already ran out is allowed (the parties may still agree), but the mediator
 * is told how late it is, and that the new deadline counts from the old one, not from today.
 */
export function lateExtensionWarning(c: Pick<CaseRecord, 'status' | 'dueOn'>, today: string): string | undefined {
  const left = daysLeft(c, today)
  if (!isDeadlineRunning(c.status) || left === undefined || left >= 0) return undefined
  return `办理期限已于${c.dueOn}届满，已超期${-left}天。延长期限本应在期限届满前经双方当事人同意办理；现在延长，新的期限仍从原期限${c.dueOn}起算。请在延长理由中写明超期的原因。`
}
