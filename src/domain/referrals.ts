/**
 * 转办 (referrals): part or all of a case handed to a department and tracked until 已办结, so nothing
 * handed on is silently dropped. Which status may follow which, what a new referral needs, when one is
 * still open or overdue, and which the dashboard raises.
 */
import type { CollaboratorRole, Referral, ReferralStatus } from './types'
import { addDays, isIsoDate } from './dates'
import { DUE_SOON_DAYS } from './deadlines'
import { readTypedDate } from './typedDate'
import { compareOrdinal } from './text'

/** Which referral statuses may follow which: 退回 goes back to 已转办, only 已办结 ends a referral. */
export const REFERRAL_TRANSITIONS: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  已转办: ['已接收', '退回'],
  已接收: ['已办结', '退回'],
  已办结: [],
  退回: ['已转办'],
}

/** Days a new referral is given by default before it counts as overdue. */
export const DEFAULT_REFERRAL_DAYS = 15

export function nextReferralStatuses(status: ReferralStatus): readonly ReferralStatus[] {
  return REFERRAL_TRANSITIONS[status]
}

/** Still to be followed up: every status but 已办结 (a returned referral is open until sent again and done). */
export function isReferralOpen(r: Pick<Referral, 'status'>): boolean {
  return r.status !== '已办结'
}

/** Open and its due date has passed. */
export function isReferralOverdue(r: Pick<Referral, 'status' | 'dueOn'>, today: string): boolean {
  return isReferralOpen(r) && r.dueOn < today
}

/** The due date a new referral starts with. */
export function defaultReferralDueOn(today: string): string {
  return addDays(today, DEFAULT_REFERRAL_DAYS)
}

/** Referrals still open whose due date is past or within the due-soon window, most urgent first. */
export function referralsNeedingAttention<R extends Pick<Referral, 'status' | 'dueOn'>>(
  all: readonly R[],
  today: string,
): R[] {
  const soon = addDays(today, DUE_SOON_DAYS)
  return all.filter((r) => isReferralOpen(r) && r.dueOn <= soon).sort((a, b) => compareOrdinal(a.dueOn, b.dueOn))
}

/** What the user gives for a new referral (helperId: only where referralHelperRoles names roles). */
export type ReferralInput = Pick<Referral, 'department' | 'scope' | 'matter' | 'dueOn'> & { helperId?: string }

/**
 * The roster roles of the person a referral to this department may name: a counsellor for 心理服务 (or any
 * department whose name says 心理), a lawyer or a 法律明白人 for 法律援助; none for other departments.
 */
export function referralHelperRoles(department: string | null | undefined): readonly CollaboratorRole[] {
  const d = department ?? ''
  if (d.includes('心理')) return ['心理咨询师']
  if (d.includes('法律援助')) return ['律师/法律工作者', '法律明白人']
  return []
}

/** The first problem with a new referral's input, in Chinese; undefined when it may be stored. */
export function referralInputProblem(
  input: {
    department: string | null | undefined
    matter: string
    dueOn: string
  },
  /** what a 办理期限 that is not a date is told, when the form knows better (readReferralForm) */
  notADate = '办理期限应为日期，如 2026-12-08',
): string | undefined {
  if (!input.department?.trim()) return '请选择转办部门'
  if (!input.matter.trim()) return '请填写转办事项'
  if (!isIsoDate(input.dueOn)) return notADate
  return undefined
}

/**
 * A referral as a form holds it (the case's 转办, the desk's): its 办理期限 as typed read as the date it names
 * (./typedDate.ts; the text trimmed when it does not read), and the first problem, with a typed date's own words.
 */
export function readTypedReferral(input: { department: string | null | undefined; matter: string; dueOn: string }): {
  dueOn: string
  problem?: string
} {
  const due = readTypedDate(input.dueOn)
  const dueOn = due.ok && due.date ? due.date : input.dueOn.trim()
  const problem = referralInputProblem({ ...input, dueOn }, due.ok ? undefined : `办理期限：${due.message}`)
  return problem === undefined ? { dueOn } : { dueOn, problem }
}

/** Why a referral may not move from its status to `next` (with this note), or undefined when it may. */
export function referralStatusProblem(current: ReferralStatus, next: ReferralStatus, note: string): string | undefined {
  if (!REFERRAL_TRANSITIONS[current].includes(next)) return `转办状态为“${current}”，不能改为“${next}”。`
  if (next === '退回' && !note.trim()) return '退回时请填写原因。'
  return undefined
}

/** The referral form as a department, a trimmed matter and a due date, or the first problem with it. */
export function readReferralForm(form: {
  department: string | null
  matter: string
  dueOn: string
  helperId?: string
}):
  | { ok: true; value: { department: string; matter: string; dueOn: string; helperId?: string } }
  | { ok: false; message: string } {
  const { dueOn, problem } = readTypedReferral(form)
  if (problem !== undefined || form.department === null) return { ok: false, message: problem ?? '请选择转办部门' }
  // a person is named only where the department takes one (the form may still hold an earlier choice)
  const helperId = referralHelperRoles(form.department).length > 0 && form.helperId ? form.helperId : undefined
  return {
    ok: true,
    value: {
      department: form.department,
      matter: form.matter.trim(),
      dueOn,
      ...(helperId ? { helperId } : {}),
    },
  }
}

/** A new referral (not yet stored): 已转办 from `at`, with that first step in its history. */
export function newReferral<T extends Pick<Referral, 'department' | 'matter' | 'dueOn'>>(
  input: T,
  at: string,
): T & Pick<Referral, 'status' | 'history'> {
  return { ...input, status: '已转办', history: [{ status: '已转办', at, note: '' }] }
}

/** The referral after moving to `next` at `at`; the caller checks `referralStatusProblem` first. */
export function referralMovedTo<R extends Pick<Referral, 'status' | 'history' | 'updatedAt'>>(
  current: R,
  next: ReferralStatus,
  note: string,
  at: string,
): R {
  return {
    ...current,
    status: next,
    history: [...current.history, { status: next, at, note: note.trim() }],
    updatedAt: at,
  }
}
