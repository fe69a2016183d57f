/**
 * 司法确认: when the parties may still ask a court to confirm their agreement, when a mediator may record
 * that they did and what the court decided, and which cases count as 申请 / 确认 in a period. Which
 * categories may apply at all is decided by `judicialConfirmationLimit` in categories.ts (it shares their
 * keywords). Recording goes through the lifecycle action `recordJudicialConfirmation` (lifecycle.ts).
 *
 * 人民调解法 Art. 33: the parties apply jointly "自调解协议生效之日起三十日内". The day the agreement
 * takes effect is not counted (民事诉讼法 Art. 85), so an agreement effective 03-01 may be brought until 03-31.
 * Only a written agreement can be confirmed: a court confirms a 调解协议书, and an oral agreement has none.
 * The input's schema is in judicialConfirmationSchema.ts (zod, off the first screen).
 */
import { addDays, localDate } from './dates'
import type { CaseRecord, JudicialConfirmation, JudicialConfirmationResult } from './types'
import { asTypedDate } from './typedDate'

export const JUDICIAL_CONFIRMATION_DAYS = 30

/** The last day to apply, for an agreement that took effect at the stored instant `finalizedAt` (China date). */
export function judicialConfirmationLastDay(finalizedAt: string): string {
  return addDays(localDate(finalizedAt), JUDICIAL_CONFIRMATION_DAYS)
}

export const JUDICIAL_CONFIRMATION_RESULTS = [
  'confirmed',
  'rejected',
  'withdrawn',
] as const satisfies readonly JudicialConfirmationResult[]

type OutcomeOf = Pick<CaseRecord, 'outcome'>

/**
 * The instant the case's written agreement took effect (its first version's 确认生效: the case's outcome),
 * or undefined when the case has no written agreement in force. A later 修改协议 does not move it.
 */
export function writtenAgreementEffectiveAt(c: OutcomeOf): string | undefined {
  return c.outcome?.kind === 'written' ? c.outcome.at : undefined
}

/**
 * Whether 司法确认 may be recorded on this case as far as its outcome goes (the status is the lifecycle's:
 * 协议已生效 or 已结案, until archived): the instant its written agreement took effect, or why not.
 */
export function judicialConfirmationBasis(
  c: OutcomeOf,
): { ok: true; effectiveAt: string } | { ok: false; message: string } {
  const effectiveAt = writtenAgreementEffectiveAt(c)
  if (effectiveAt !== undefined) return { ok: true, effectiveAt }
  if (c.outcome?.kind === 'oral')
    return { ok: false, message: '口头协议不能申请司法确认：只有生效的书面调解协议才能登记司法确认。' }
  return { ok: false, message: '只有生效的书面调解协议才能登记司法确认。' }
}

/** Why 司法确认 cannot be recorded on this case (its outcome), or undefined when it can. */
export function judicialConfirmationRefusal(c: OutcomeOf): string | undefined {
  const basis = judicialConfirmationBasis(c)
  return basis.ok ? undefined : basis.message
}

/** The record as stored: optional members left empty are left out, so records stay plain and comparable. */
export function judicialConfirmationRecord(input: JudicialConfirmation): JudicialConfirmation {
  return {
    appliedOn: input.appliedOn,
    court: input.court,
    ...(input.result ? { result: input.result } : {}),
    ...(input.decidedOn ? { decidedOn: input.decidedOn } : {}),
    ...(input.rulingNo ? { rulingNo: input.rulingNo } : {}),
  }
}

/**
 * Why this (shape-checked, stored-form) record cannot be kept for an agreement effective on `effectiveOn`,
 * judged on `today` (China dates), or undefined. Applying after the 30-day last day is allowed: the
 * court decides whether to accept it (see `judicialConfirmationLateWarning`).
 */
export function judicialConfirmationProblem(
  jc: JudicialConfirmation,
  effectiveOn: string,
  today: string,
): string | undefined {
  if (jc.appliedOn < effectiveOn) return `申请日期不能早于协议生效日期（${effectiveOn}）`
  if (jc.appliedOn > today) return '申请日期不能晚于今天'
  if (jc.result === undefined) {
    if (jc.decidedOn !== undefined || jc.rulingNo !== undefined) return '请先选择法院的处理结果，再填写裁定日期和文号'
    return undefined
  }
  if (jc.decidedOn === undefined) return '请填写裁定日期'
  if (jc.decidedOn < jc.appliedOn) return '裁定日期不能早于申请日期'
  if (jc.decidedOn > today) return '裁定日期不能晚于今天'
  return undefined
}

/**
 * The warning shown beside a record applied after the last day (已超过申请期限), or undefined when it was
 * in time or nothing is recorded.
 */
export function judicialConfirmationLateWarning(
  c: Pick<CaseRecord, 'outcome' | 'judicialConfirmation'>,
): string | undefined {
  const at = writtenAgreementEffectiveAt(c)
  const applied = c.judicialConfirmation?.appliedOn
  if (at === undefined || applied === undefined) return undefined
  const last = judicialConfirmationLastDay(at)
  return applied > last ? `已超过申请期限：应在 ${last} 前申请，法院可能不予受理。` : undefined
}

// ---------------------------------------------------------------------------------------------------
// Counting (the monthly report's 司法确认 columns)

/**
 * 司法确认申请: the China date on which the case counts as applied for, or undefined when it does not:
 * the parties applied (any result, or none yet) for the case's written agreement.
 */
export function judicialConfirmationAppliedOn(
  c: Pick<CaseRecord, 'outcome' | 'judicialConfirmation'>,
): string | undefined {
  return writtenAgreementEffectiveAt(c) === undefined ? undefined : c.judicialConfirmation?.appliedOn
}

/**
 * 司法确认 (确认有效): the China date on which the case counts as confirmed, or undefined when it does not:
 * the court confirmed the agreement (result 已确认), counted on the ruling's date. 不予确认 and 撤回申请 never count.
 */
export function judicialConfirmationConfirmedOn(
  c: Pick<CaseRecord, 'outcome' | 'judicialConfirmation'>,
): string | undefined {
  const jc = c.judicialConfirmation
  if (writtenAgreementEffectiveAt(c) === undefined || jc?.result !== 'confirmed') return undefined
  return jc.decidedOn
}

// ---------------------------------------------------------------------------------------------------
// The form (登记司法确认 dialog)

/** What the dialog edits: every field as typed; no result chosen yet is null (尚未裁定). */
export interface JudicialConfirmationForm {
  appliedOn: string
  court: string
  result: JudicialConfirmationResult | null
  decidedOn: string
  rulingNo: string
}

/** The dialog's starting state: the record as stored, or a new application dated `today`. */
export function judicialConfirmationForm(
  jc: JudicialConfirmation | undefined,
  today: string,
): JudicialConfirmationForm {
  return {
    appliedOn: jc?.appliedOn ?? today,
    court: jc?.court ?? '',
    result: jc?.result ?? null,
    decidedOn: jc?.decidedOn ?? '',
    rulingNo: jc?.rulingNo ?? '',
  }
}

/** The action's input from the dialog (trimmed, empties left out); the lifecycle checks it. */
export function judicialConfirmationOfForm(f: JudicialConfirmationForm): JudicialConfirmation {
  return judicialConfirmationRecord({
    // the dates as typed (2026/11/5, 2026年11月5日: ./typedDate.ts), stored as the dates they name
    appliedOn: asTypedDate(f.appliedOn),
    court: f.court.trim(),
    ...(f.result ? { result: f.result } : {}),
    decidedOn: asTypedDate(f.decidedOn),
    rulingNo: f.rulingNo.trim(),
  })
}
