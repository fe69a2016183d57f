/**
 * What an agreement draft (人民调解协议书) holds and may hold: the editable content, its limits (checked on
 * every save, with a Chinese message for the first problem), the first draft taken from the case, and a
 * new version copied from the agreement it replaces.
 */
import { z } from 'zod'
import type { Agreement, CaseRecord, Party, UUID } from './types'
import { isIsoDate } from './dates'
import { MAX_FEN } from './money'

/** What the editor changes; parties are never part of it (they are the case's). */
export type AgreementDraftInput = Pick<Agreement, 'facts' | 'disputes' | 'clauses' | 'performanceTerms' | 'copies'> & {
  template?: string
}

/** A new agreement, not yet stored (no id or stamps). */
export type NewAgreement = Omit<Agreement, 'id' | 'createdAt' | 'updatedAt'>

const fen = z
  .number({ error: '金额应为数字' })
  .int({ error: '金额最多两位小数' })
  .min(0, { error: '金额不能为负数' })
  .max(MAX_FEN, { error: '金额超过 999,999,999.99 元的上限' })
const date = z.string({ error: '日期不正确' }).refine(isIsoDate, { error: '日期不正确，应为“年-月-日”' })

const clauseSchema = z.object(
  {
    id: z.string({ error: '条款编号缺失' }).min(1, { error: '条款编号缺失' }),
    kind: z.enum(['payment', 'action', 'free'], { error: '条款类型不正确' }),
    obligorIds: z.array(z.string(), { error: '履行人选择不正确' }),
    obligeeIds: z.array(z.string(), { error: '权利人选择不正确' }),
    action: z.string({ error: '条款事项应为文字' }),
    amountFen: fen.optional(),
    dueOn: date.optional(),
    method: z.enum(['现金', '银行转账', '分期', '其他'], { error: '履行方式不正确' }).optional(),
    installments: z
      .array(z.object({ dueOn: date, amountFen: fen }), { error: '分期计划不正确' })
      .max(120, { error: '分期不能超过120期' })
      .optional(),
    text: z.string({ error: '条款内容应为文字' }).optional(),
  },
  { error: '条款内容不完整' },
)

export const agreementDraftSchema = z.object(
  {
    facts: z.string({ error: '纠纷主要事实应为文字' }).max(20_000, { error: '纠纷主要事实过长（超过2万字）' }),
    disputes: z.string({ error: '争议事项应为文字' }).max(10_000, { error: '争议事项过长（超过1万字）' }),
    clauses: z.array(clauseSchema, { error: '条款不正确' }).max(60, { error: '条款不能超过60条' }),
    performanceTerms: z.string({ error: '履行方式、时限应为文字' }).max(10_000, { error: '履行方式、时限过长' }),
    copies: z
      .number({ error: '份数应为数字' })
      .int({ error: '份数应为整数' })
      .min(1, { error: '协议至少一式一份' })
      .max(50, { error: '份数不能超过50份' }),
    template: z.string().optional(),
  },
  { error: '协议内容不完整' },
)

/** The draft content checked against its limits, or the first problem in Chinese. */
export function readAgreementDraft(
  input: unknown,
): { ok: true; draft: AgreementDraftInput } | { ok: false; message: string } {
  const parsed = agreementDraftSchema.safeParse(input)
  return parsed.success
    ? { ok: true, draft: parsed.data }
    : { ok: false, message: parsed.error.issues[0]?.message ?? '协议内容不完整' }
}

/** The first draft's text: facts from the case, the disputes from its 申请事项, parties + 1 copies. */
export function firstDraftOf(
  c: Pick<CaseRecord, 'facts' | 'requests'>,
  parties: readonly Party[],
): AgreementDraftInput {
  return {
    facts: c.facts,
    disputes: c.requests.filter((r) => r.trim() !== '').join('；'),
    clauses: [],
    performanceTerms: '',
    copies: parties.length + 1,
  }
}

/** The first version of a case's agreement: a draft from the case. */
export function newAgreementDraft(
  c: Pick<CaseRecord, 'id' | 'facts' | 'requests'>,
  parties: readonly Party[],
): NewAgreement {
  return { caseId: c.id, version: 1, status: 'draft', ...firstDraftOf(c, parties) }
}

/** The editable part of an agreement, as the editor holds it (a copy: editing it leaves `a` alone). */
export function editableOf(a: Agreement): AgreementDraftInput {
  return {
    facts: a.facts,
    disputes: a.disputes,
    clauses: structuredClone(a.clauses),
    performanceTerms: a.performanceTerms,
    copies: a.copies,
    ...(a.template ? { template: a.template } : {}),
  }
}

/**
 * The editable part with every field present (no template is ''), so that a form can compare it field by
 * field with the stored draft (src/domain/formFollow.ts).
 */
export type AgreementDraftFields = Required<AgreementDraftInput>

export function draftFields(a: AgreementDraftInput): AgreementDraftFields {
  return {
    facts: a.facts,
    disputes: a.disputes,
    clauses: a.clauses,
    performanceTerms: a.performanceTerms,
    copies: a.copies,
    template: a.template ?? '',
  }
}

/** 修改协议: a draft after every existing version, copied from `source` and naming it as the one it replaces. */
export function newAgreementVersion(
  source: Agreement,
  versions: readonly Pick<Agreement, 'version'>[],
): NewAgreement & { replacesId: UUID } {
  return {
    caseId: source.caseId,
    version: Math.max(source.version, ...versions.map((a) => a.version)) + 1,
    replacesId: source.id,
    status: 'draft',
    ...editableOf(source),
  }
}
