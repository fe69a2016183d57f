/**
 * What the committee key may sign: the canonical content of a finalised agreement (canonical.ts), never
 * a bare hash. The signer (the main process, or the browser preview) checks the content against this
 * shape and computes the hash itself, so a page cannot have an arbitrary digest signed.
 */
import { z } from 'zod'
import { canonicalJson, sha256Hex, type CanonicalAgreement } from './canonical'
import { hasInvisibleCharacter } from './text'

const text = (max: number) => z.string().max(max)
const position = z.number().int().min(0).max(99)
const fen = z.number().int().min(0)

const partySchema = z.strictObject({
  role: z.enum(['申请人', '被申请人', '第三人']),
  kind: z.enum(['person', 'org']),
  name: z.string().trim().min(1).max(200),
  gender: z.enum(['男', '女']).optional(),
  ethnicity: text(40).optional(),
  birthDate: text(20).optional(),
  idType: z.enum(['resident', 'passport', 'hkmo', 'tw', 'foreignPR', 'other']).optional(),
  idNumber: text(40).optional(),
  occupation: text(200).optional(),
  address: text(500).optional(),
  phone: text(60).optional(),
  creditCode: text(40).optional(),
  legalRep: text(200).optional(),
  agents: z
    .array(
      z.strictObject({
        name: text(200),
        kind: text(40),
        relationship: text(40).optional(),
        phone: text(60).optional(),
        idType: z.enum(['resident', 'passport', 'hkmo', 'tw', 'foreignPR', 'other']).optional(),
        idNumber: text(40).optional(),
      }),
    )
    .max(20),
})

const clauseSchema = z.strictObject({
  kind: z.enum(['payment', 'action', 'free']),
  obligors: z.array(position).max(100),
  obligees: z.array(position).max(100),
  action: text(2_000),
  amountFen: fen.optional(),
  dueOn: text(20).optional(),
  method: text(20).optional(),
  installments: z
    .array(z.strictObject({ dueOn: text(20), amountFen: fen }))
    .max(120)
    .optional(),
  text: text(10_000).optional(),
})

/** The longest case number the signer signs, looks up or vouches for. */
export const CASE_NO_MAX_LENGTH = 80

/**
 * A case number the signer signs, looks up in its ledger or vouches for, refused before the ledger is read
 * when it cannot be one: not text, blank, longer than any case number signed, holding a control character
 * (the ledger keys its lines by case number and version joined with U+0000) or an invisible one (zero-width,
 * bidi: the app makes case numbers from a pattern that holds none, ./numbering.ts, so one is a forged or
 * pasted value that would look like another case's number). Every signing
 * request that names a case number checks it with this (src/shared/ipc/signing.ts), and so does the content
 * the signer signs.
 */
export const signingCaseNoSchema = z
  .string({ error: (issue) => (issue.input === undefined ? '缺少案号' : '案号必须是文字') })
  .max(CASE_NO_MAX_LENGTH, { error: `案号过长（最多 ${CASE_NO_MAX_LENGTH} 个字符）`, abort: true })
  .regex(/\S/u, { error: '案号不能为空', abort: true })
  .regex(/^\P{Cc}*$/u, '案号不能含控制字符')
  .refine((caseNo) => !hasInvisibleCharacter(caseNo), '案号不能含不可见字符')

/** A finalised agreement as it is hashed: both sides named, facts written, at least one clause. */
export const finalisedAgreementSchema = z
  .strictObject({
    schema: z.literal('mediation-room/agreement@1'),
    // trimmed after the checks, as it always was before hashing
    caseNo: signingCaseNoSchema.trim(),
    committee: z.string().trim().min(1).max(200),
    version: z.number().int().min(1).max(10_000),
    parties: z.array(partySchema).min(2).max(100),
    facts: z.string().trim().min(1).max(20_000),
    disputes: text(10_000),
    clauses: z.array(clauseSchema).min(1).max(60),
    performanceTerms: text(10_000),
    copies: z.number().int().min(1).max(50),
  })
  .superRefine((a, ctx) => {
    const roles = new Set(a.parties.map((p) => p.role))
    if (!roles.has('申请人') || !roles.has('被申请人'))
      ctx.addIssue({ code: 'custom', message: '协议须有申请人和被申请人', path: ['parties'] })
    a.clauses.forEach((c, i) => {
      if ([...c.obligors, ...c.obligees].some((p) => p >= a.parties.length))
        ctx.addIssue({ code: 'custom', message: '条款中的履行人或权利人不是本案当事人', path: ['clauses', i] })
    })
  })

export type FinalisedAgreementContent = z.infer<typeof finalisedAgreementSchema>

/** The content as sent to the signer: the canonical object without undefined members (plain JSON). */
export function signableContent(content: CanonicalAgreement): FinalisedAgreementContent {
  return JSON.parse(canonicalJson(content)) as FinalisedAgreementContent
}

export const NOT_AN_AGREEMENT_MESSAGE = '签发内容不是一份完整的已定稿协议，已拒绝签发'

/** The content checked and its SHA-256 (the same canonical JSON the page hashes), or why it is refused. */
export function readSignableAgreement(
  input: unknown,
): { ok: true; content: FinalisedAgreementContent; hashHex: string } | { ok: false; message: string } {
  const parsed = finalisedAgreementSchema.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    // the case number's own messages name what is wrong with it (案号过长…); other shapes are not spelled out
    const detail = issue?.code === 'custom' || issue?.path[0] === 'caseNo' ? `：${issue.message}` : ''
    return { ok: false, message: `${NOT_AN_AGREEMENT_MESSAGE}${detail}` }
  }
  return { ok: true, content: parsed.data, hashHex: sha256Hex(canonicalJson(parsed.data)) }
}
