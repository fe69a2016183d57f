/**
 * A change of a case's status (lifecycle.ts's table): validates the action's input with its schema,
 * returns the next record and the names of the fields that changed (for the audit log: names only, never
 * values), or the Chinese message why nothing changed. Kept apart from the table: the schemas need zod,
 * which only the code that writes a case loads, not the first screen.
 */
import type { CaseRecord } from './types'
import { applyExtension, dueDate, extensionProblem, MAX_DEADLINE_DAYS, MIN_DEADLINE_DAYS } from './deadlines'
import { isIsoDate, localDate } from './dates'
import {
  judicialConfirmationBasis,
  judicialConfirmationProblem,
  judicialConfirmationRecord,
} from './judicialConfirmation'
import { JUDICIAL_CONFIRMATION_SCHEMA } from './judicialConfirmationSchema'
import {
  findRule,
  STATUS_LABELS,
  TRANSITIONS,
  withdrawalRefusal,
  type ActionInputs,
  type CaseAction,
} from './lifecycle'
import { z } from 'zod'

const DEADLINE_DAYS_MESSAGE = `办理期限应为${MIN_DEADLINE_DAYS}至${MAX_DEADLINE_DAYS}天`

export type TransitionResult = { ok: true; next: CaseRecord; changedFields: string[] } | { ok: false; message: string }

/** A required text field: blank (or not a string) gets `message`; the value is trimmed. */
const text = (message: string) => z.string({ error: message }).trim().min(1, { error: message })
/** An action's input object; anything else (missing, a list …) is answered in Chinese too. */
const form = <S extends z.ZodRawShape>(shape: S) => z.object(shape, { error: '操作信息不完整，请重新填写' })
const noInput = form({})

/** What a mediation prevented (防止民转刑 …: people per kind) and the 非正常死亡纠纷 flag. */
const PREVENTION_SCHEMA = z
  .object(
    {
      people: z.partialRecord(
        z.enum(['criminal', 'suicide', 'petition', 'fight']),
        z.number().int({ error: '人数应为整数' }).min(0, { error: '人数不能为负数' }),
      ),
      abnormalDeath: z.boolean(),
    },
    { error: '防止纠纷激化的情况不完整' },
  )
  .optional()

/**
 * The shape of each action's input, with the Chinese message for each wrong field. Exported so that forms
 * and IPC handlers validate with the same rules; `transition` applies them before anything else.
 */
export const ACTION_INPUT_SCHEMAS = {
  accept: form({
    caseNo: text('受理时必须生成案件编号'),
    acceptedOn: z.string({ error: '受理日期不正确' }).refine(isIsoDate, { error: '受理日期不正确' }),
    deadlineDays: z
      .number({ error: DEADLINE_DAYS_MESSAGE })
      .int({ error: DEADLINE_DAYS_MESSAGE })
      .min(MIN_DEADLINE_DAYS, { error: DEADLINE_DAYS_MESSAGE })
      .max(MAX_DEADLINE_DAYS, { error: DEADLINE_DAYS_MESSAGE }),
    mediatorIds: z
      .array(z.string({ error: '调解员选择不正确' }), { error: '受理时请指派至少一名调解员' })
      .min(1, { error: '受理时请指派至少一名调解员' }),
    recorderId: z.string({ error: '记录人选择不正确' }).optional(),
  }),
  reject: form({ reason: text('请填写不予受理的理由'), routes: text('请填写告知当事人的其他解决途径') }),
  investigate: noInput,
  mediate: noInput,
  draftAgreement: noInput,
  resumeMediation: form({ reason: text('请填写退回继续调解的原因') }),
  finalizeAgreement: noInput,
  registerOralAgreement: form({ content: text('请填写口头协议的内容') }),
  terminate: form({
    reason: text('请填写终止调解的原因'),
    routesTold: text('请填写已告知当事人的其他解决途径（仲裁、行政、诉讼等）'),
    escalationWarning: z.boolean({ error: '请选择是否存在激化风险' }),
  }),
  withdraw: form({ note: text('请填写撤回申请的情况说明') }),
  refer: form({ department: text('请选择转办部门'), matter: text('请填写转办事项') }),
  // the extension's rules (once only, consent, range) live in deadlines.ts; here only the shape
  extendDeadline: form({
    days: z.number({ error: '请填写延长天数' }),
    reason: z.string({ error: '请填写延长期限的理由' }),
    partiesConsent: z.boolean({ error: '延长期限须经双方当事人同意' }),
  }),
  recordPerformance: form({
    status: z.enum(['full', 'partial', 'none'], { error: '请选择履行情况' }),
    note: z.string({ error: '履行情况说明应为文字' }).trim(),
    receiptIds: z.array(z.string({ error: '凭证附件不正确' }), { error: '凭证附件不正确' }),
  }),
  close: form({
    summary: text('请填写结案情况'),
    prevention: PREVENTION_SCHEMA,
  }),
  recordPrevention: form({ prevention: PREVENTION_SCHEMA }),
  recordJudicialConfirmation: form({ judicialConfirmation: JUDICIAL_CONFIRMATION_SCHEMA.optional() }),
  archive: noInput,
  reopen: form({ reason: text('重新打开已归档案件须填写理由') }),
} satisfies { [A in CaseAction]: z.ZodType<ActionInputs[A]> }

/** The same schemas, typed per action so that a generic lookup keeps its input type. */
const SCHEMA_BY_ACTION: { [A in CaseAction]: z.ZodType<ActionInputs[A]> } = ACTION_INPUT_SCHEMAS

type Patch = Partial<CaseRecord>
/** Builds the change from validated (trimmed) input, or returns a Chinese message for a rule it breaks. */
type Apply<A extends CaseAction> = (c: CaseRecord, input: ActionInputs[A], now: string) => Patch | string

/** Per action: the fields to change besides status, or why the action is refused for this case. */
const APPLY: { [A in CaseAction]: Apply<A> } = {
  accept: (c, input, now) => {
    if (input.acceptedOn < c.receivedOn) return '受理日期不能早于登记日期'
    return {
      caseNo: input.caseNo,
      acceptedOn: input.acceptedOn,
      dueOn: dueDate(input.acceptedOn, input.deadlineDays),
      rightsNoticeGivenAt: now,
      mediatorIds: [...new Set(input.mediatorIds)],
      ...(input.recorderId === undefined ? {} : { recorderId: input.recorderId }),
    }
  },
  reject: (_c, input, now) => ({ rejection: { reason: input.reason, routes: input.routes, at: now } }),
  investigate: () => ({}),
  mediate: () => ({}),
  draftAgreement: () => ({}),
  resumeMediation: () => ({}),
  finalizeAgreement: (_c, _input, now) => ({ outcome: { kind: 'written', at: now, content: '' } }),
  registerOralAgreement: (_c, input, now) => ({ outcome: { kind: 'oral', at: now, content: input.content } }),
  terminate: (_c, input, now) => ({
    outcome: {
      kind: 'terminated',
      at: now,
      content: input.reason,
      routesTold: input.routesTold,
      escalationWarning: input.escalationWarning,
    },
  }),
  withdraw: (_c, input, now) => ({ outcome: { kind: 'withdrawn', at: now, content: input.note } }),
  refer: (_c, input, now) => ({
    outcome: { kind: 'referred', at: now, content: `转${input.department}：${input.matter}` },
  }),
  extendDeadline: (c, input, now) => {
    const problem = extensionProblem(c, input)
    if (problem !== undefined) return problem
    return applyExtension(c.dueOn ?? '', input, now)
  },
  recordPerformance: (c, input, now) => ({
    performance: [
      ...c.performance,
      { status: input.status, at: now, note: input.note, receiptIds: [...input.receiptIds] },
    ],
  }),
  close: (_c, input, now) => ({
    closedAt: now,
    closingSummary: input.summary,
    ...(input.prevention === undefined ? {} : { prevention: input.prevention }),
  }),
  recordPrevention: (_c, input) => ({ prevention: input.prevention }),
  recordJudicialConfirmation: (c, input, now) => {
    const basis = judicialConfirmationBasis(c)
    if (!basis.ok) return basis.message
    if (input.judicialConfirmation === undefined) return { judicialConfirmation: undefined }
    const record = judicialConfirmationRecord(input.judicialConfirmation)
    const problem = judicialConfirmationProblem(record, localDate(basis.effectiveAt), localDate(now))
    return problem ?? { judicialConfirmation: record }
  },
  archive: (_c, _input, now) => ({ archivedAt: now }),
  reopen: (c, input, now) => ({
    archivedAt: undefined,
    reopenings: [...(c.reopenings ?? []), { at: now, reason: input.reason }],
  }),
}

/** First Chinese message of a failed parse, or the validated input. */
function parseInput<A extends CaseAction>(
  action: A,
  input: unknown,
): { ok: true; value: ActionInputs[A] } | { ok: false; message: string } {
  const schema: z.ZodType<ActionInputs[A]> = SCHEMA_BY_ACTION[action]
  const parsed = schema.safeParse(input)
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? '输入不完整' }
  return { ok: true, value: parsed.data }
}

/**
 * Applies `action` to the case. Nothing is changed when the action is not allowed from the case's status
 * or the input is incomplete: the result carries the Chinese message instead.
 */
export function transition<A extends CaseAction>(
  c: CaseRecord,
  action: A,
  input: ActionInputs[A],
  now: string,
): TransitionResult {
  const rule = findRule(c.status, action)
  if (rule === undefined) {
    const label = TRANSITIONS.find((t) => t.action === action)?.label ?? action
    return { ok: false, message: `案件当前状态为“${STATUS_LABELS[c.status]}”，不能${label}` }
  }
  const refusal = action === 'withdraw' ? withdrawalRefusal(c) : undefined
  if (refusal !== undefined) return { ok: false, message: refusal }
  const parsed = parseInput(action, input)
  if (!parsed.ok) return parsed
  const apply: Apply<A> = APPLY[action]
  const patch = apply(c, parsed.value, now)
  if (typeof patch === 'string') return { ok: false, message: patch }

  const next: CaseRecord = { ...c, ...patch, status: rule.to, updatedAt: now }
  // an optional field set to undefined is removed, so that records stay plain and comparable
  for (const key of Object.keys(next) as (keyof CaseRecord)[]) if (next[key] === undefined) delete next[key]
  return { ok: true, next, changedFields: changedFieldNames(c, next) }
}

/** Names of the top-level fields whose values differ (updatedAt excluded: it always changes). */
export function changedFieldNames<T extends object>(before: T, after: T): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  keys.delete('updatedAt')
  const b = before as Record<string, unknown>
  const a = after as Record<string, unknown>
  return [...keys].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).sort()
}
