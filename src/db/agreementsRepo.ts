/**
 * Agreements (人民调解协议书) and their on-screen signatures: the draft taken from the case, autosaved
 * edits, finalising (hash + signature + lock, the case becomes 协议已生效 in the same transaction),
 * new versions that name the one they replace, and verification of a printed code. Every write commits
 * with its audit entry (field names only).
 */
import { z } from 'zod'
import type { Agreement, CaseRecord, Committee, Party, SignatureRecord, SignerRole, UUID } from '../domain/types'
import { isReadOnly } from '../domain/lifecycle'
import { isIsoDate } from '../domain/dates'
import { MAX_FEN } from '../domain/money'
import { blocksPrinting, checkAgreement } from '../domain/checklist'
import { electronicSignatureLimit } from '../domain/categories'
import { agreementHash, decodeVerificationPayload, normaliseVerifyCode, verifyCodeOf, type CanonicalContext } from '../domain/canonical'
import { finaliseAgreement, verifyAgreementRecord } from '../documents/verify'
import type { AgreementSigner } from '../shared/ipc/signing'
import type { MediationDb } from './schema'
import { appendAudit, chainHead } from './audit'
import { StorageError, toStorageError } from './errors'
import { changedFields, newId, stamped } from './records'
import { plainCopy } from './plain'
import { applyAction } from './casesRepo'
import { caseDocTables, getCaseDoc, mustGetCaseDoc, partiesOf, type CaseDoc } from './caseDocs'

/** What the editor changes; parties are never part of it (they are the case's). */
export type AgreementDraftInput = Pick<Agreement, 'facts' | 'disputes' | 'clauses' | 'performanceTerms' | 'copies'> & { template?: string }

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
    installments: z.array(z.object({ dueOn: date, amountFen: fen }), { error: '分期计划不正确' }).max(120, { error: '分期不能超过120期' }).optional(),
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
    copies: z.number({ error: '份数应为数字' }).int({ error: '份数应为整数' }).min(1, { error: '协议至少一式一份' }).max(50, { error: '份数不能超过50份' }),
    template: z.string().optional(),
  },
  { error: '协议内容不完整' },
)

function parseDraft(input: unknown): AgreementDraftInput {
  const parsed = agreementDraftSchema.safeParse(input)
  if (!parsed.success) throw new StorageError('constraint', parsed.error.issues[0]?.message ?? '协议内容不完整')
  return parsed.data
}

/**
 * The case (its document: record and parties) whose agreement may still be changed. Transactions that
 * only read the case take `db.caseDocs`; those that may move its status (applyAction) take
 * `caseDocTables(db)`, so the case's digest changes with it.
 */
async function mustGetOpenCase(db: MediationDb, caseId: UUID): Promise<CaseDoc> {
  const c = await mustGetCaseDoc(db, caseId)
  if (isReadOnly(c.status)) throw new StorageError('constraint', '案件已归档，只能查看。如需修改，请先“重新打开”并说明理由。')
  return c
}

async function mustGetAgreement(db: MediationDb, id: UUID): Promise<Agreement> {
  const a = await db.agreements.get(id)
  if (!a) throw new StorageError('constraint', '协议不存在，可能已被删除。')
  return a
}

const LOCKED_MESSAGE = '协议已确认生效并锁定，不能修改。如需修改，请点“修改协议”生成新版本，原协议会保留。'

function assertDraft(a: Agreement): void {
  if (a.status !== 'draft') throw new StorageError('constraint', LOCKED_MESSAGE)
}

/** Every agreement of a case, oldest version first. */
export async function listAgreements(db: MediationDb, caseId: UUID): Promise<Agreement[]> {
  try {
    return await db.agreements.where('[caseId+version]').between([caseId, 0], [caseId, Infinity]).toArray()
  } catch (error) {
    throw toStorageError(error)
  }
}

export async function listSignatures(db: MediationDb, agreementId: UUID): Promise<SignatureRecord[]> {
  try {
    return await db.signatures.where('agreementId').equals(agreementId).sortBy('signedAt')
  } catch (error) {
    throw toStorageError(error)
  }
}

/** The first draft's text: facts from the case, the disputes from its 申请事项, parties + 1 copies. */
export function draftFromCase(c: CaseRecord, parties: readonly Party[]): AgreementDraftInput {
  return {
    facts: c.facts,
    disputes: c.requests.filter((r) => r.trim() !== '').join('；'),
    clauses: [],
    performanceTerms: '',
    copies: parties.length + 1,
  }
}

/**
 * Starts the written agreement of a case: a mediating case moves to 协议拟定中 (lifecycle
 * `draftAgreement`) in the same transaction. An existing draft is returned as it is; a case whose
 * agreement is already final gets a new version through `startNewVersion`, not here.
 */
export async function createDraft(db: MediationDb, caseId: UUID, committee: Committee, actor: string, now = new Date()): Promise<Agreement> {
  try {
    return await db.transaction('rw', [...caseDocTables(db), db.counters, db.agreements, db.audit], async () => {
      const c = await mustGetOpenCase(db, caseId)
      const existing = await db.agreements.where('caseId').equals(caseId).toArray()
      const draft = existing.find((a) => a.status === 'draft')
      if (draft) return draft
      if (existing.some((a) => a.status === 'final')) {
        throw new StorageError('constraint', '本案已有生效的协议。如需修改，请点“修改协议”生成新版本。')
      }
      if (c.status === 'mediating') await applyAction(db, caseId, 'draftAgreement', {}, committee, actor, now)
      else if (c.status !== 'drafting') {
        throw new StorageError('constraint', '案件须处于“调解中”才能拟定书面协议。请先开始调解。')
      }
      const parties = partiesOf(c)
      const record: Agreement = stamped({ caseId, version: 1, status: 'draft' as const, ...draftFromCase(c, parties) }, now)
      await db.agreements.add(record)
      await appendAudit(db, { actor, action: 'create', entity: 'agreement', entityId: record.id, caseId, fields: ['version', 'facts', 'disputes', 'copies'] }, now)
      return record
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

/**
 * Saves the editor's content to a draft (the autosave path). Consecutive saves touching the same
 * fields share one audit entry, so typing does not flood the log.
 */
export async function saveDraft(db: MediationDb, agreementId: UUID, input: AgreementDraftInput, actor: string, now = new Date()): Promise<Agreement> {
  const data = parseDraft(plainCopy(input))
  try {
    return await db.transaction('rw', [db.caseDocs, db.agreements, db.audit], async () => {
      const current = await mustGetAgreement(db, agreementId)
      assertDraft(current)
      await mustGetOpenCase(db, current.caseId)
      const next: Agreement = { ...current, ...data, updatedAt: now.toISOString() }
      if (data.template === undefined) delete next.template
      const fields = changedFields(current, next)
      if (fields.length === 0) return current
      await db.agreements.put(next)
      const last = await db.audit.orderBy('seq').last()
      const sameEdit = last?.entityId === current.id && last.action === 'update' && last.fields.join() === fields.join()
      if (!sameEdit) await appendAudit(db, { actor, action: 'update', entity: 'agreement', entityId: current.id, caseId: current.caseId, fields }, now)
      return next
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

export interface SignatureInput {
  agreementId: UUID
  signerRole: SignerRole
  signerId: UUID
  signerName: string
  /** PNG data URL from the signature pad */
  image: string
}

const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/
/** A large pad at 2x is well under this; anything bigger is not a signature. */
const MAX_SIGNATURE_CHARS = 2_000_000

/** Keeps a signer's on-screen signature for this draft version; signing again replaces the earlier one. */
export async function saveSignature(db: MediationDb, input: SignatureInput, actor: string, now = new Date()): Promise<SignatureRecord> {
  const data = plainCopy(input)
  if (!PNG_DATA_URL.test(data.image) || data.image.length > MAX_SIGNATURE_CHARS) throw new StorageError('constraint', '签名图像无效，请重新签名。')
  if (data.signerName.trim() === '') throw new StorageError('constraint', '签名人姓名缺失。')
  try {
    return await db.transaction('rw', [db.caseDocs, db.agreements, db.signatures, db.audit], async () => {
      const agreement = await mustGetAgreement(db, data.agreementId)
      assertDraft(agreement)
      const c = await mustGetOpenCase(db, agreement.caseId)
      const limit = electronicSignatureLimit(c.category)
      if (!limit.allowed) throw new StorageError('constraint', limit.notice ?? '本类纠纷不适用电子签名，请打印后签字。')
      const earlier = (await db.signatures.where('agreementId').equals(agreement.id).toArray()).filter(
        (s) => s.signerId === data.signerId && s.signerRole === data.signerRole && s.agreementVersion === agreement.version,
      )
      for (const old of earlier) await db.signatures.delete(old.id)
      const record: SignatureRecord = stamped(
        { agreementId: agreement.id, agreementVersion: agreement.version, signerRole: data.signerRole, signerId: data.signerId, signerName: data.signerName.trim(), image: data.image, signedAt: now.toISOString() },
        now,
      )
      await db.signatures.add(record)
      await appendAudit(
        db,
        { actor, action: earlier.length > 0 ? 'resign' : 'sign', entity: 'signature', entityId: record.id, caseId: agreement.caseId, fields: ['signerRole', 'signerId', 'image', 'signedAt'] },
        now,
      )
      return record
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

export async function removeSignature(db: MediationDb, signatureId: UUID, actor: string, now = new Date()): Promise<void> {
  try {
    await db.transaction('rw', [db.caseDocs, db.agreements, db.signatures, db.audit], async () => {
      const s = await db.signatures.get(signatureId)
      if (!s) return
      const agreement = await mustGetAgreement(db, s.agreementId)
      assertDraft(agreement)
      await mustGetOpenCase(db, agreement.caseId)
      await db.signatures.delete(s.id)
      await appendAudit(db, { actor, action: 'delete', entity: 'signature', entityId: s.id, caseId: agreement.caseId, fields: ['image'] }, now)
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

/** Who must sign an agreement: each party, each mediator of the case, the recorder. */
export interface RequiredSigner {
  signerRole: SignerRole
  signerId: UUID
  name: string
  /** e.g. 申请人 / 人民调解员 / 记录人 */
  label: string
}

export function requiredSigners(c: Pick<CaseRecord, 'mediatorIds' | 'recorderId'>, parties: readonly Party[], mediatorName: (id: UUID) => string): RequiredSigner[] {
  const signers: RequiredSigner[] = [...parties]
    .sort((a, b) => a.order - b.order)
    .map((p) => ({ signerRole: 'party' as const, signerId: p.id, name: p.kind === 'org' ? p.legalRep || p.agents[0]?.name || p.name : p.name, label: p.kind === 'org' ? `${p.role}（${p.name}）` : p.role }))
  for (const id of c.mediatorIds) signers.push({ signerRole: 'mediator', signerId: id, name: mediatorName(id), label: '人民调解员' })
  if (c.recorderId) signers.push({ signerRole: 'recorder', signerId: c.recorderId, name: mediatorName(c.recorderId), label: '记录人' })
  return signers
}

/** Signers still without an on-screen signature on this version. */
export function unsignedSigners(signers: readonly RequiredSigner[], agreement: Pick<Agreement, 'id' | 'version'>, signatures: readonly SignatureRecord[]): RequiredSigner[] {
  return signers.filter(
    (s) => !signatures.some((r) => r.agreementId === agreement.id && r.agreementVersion === agreement.version && r.signerId === s.signerId && r.signerRole === s.signerRole),
  )
}

export interface FinaliseRequest {
  /** 'screen': every signer has signed on screen; 'paper': printed, signed and fingerprinted by hand */
  signing: 'screen' | 'paper'
  /** 'YYYY-MM-DD' in China time, for the checklist's deadline checks */
  today: string
}

function canonicalContext(c: CaseRecord, committee: Committee): CanonicalContext {
  if (!c.caseNo) throw new StorageError('constraint', '案件尚未受理，没有案号，不能确认协议生效。')
  return { caseNo: c.caseNo, committeeName: committee.fullName }
}

/**
 * 确认生效并锁定. The checklist must have no block and, on the screen path, everyone must have signed.
 * The signature is made first (async IPC cannot run inside an IndexedDB transaction); the transaction
 * then re-checks that nothing changed meanwhile, writes the agreement as final with the audit chain
 * head, supersedes the version it replaces, and moves the case to 协议已生效.
 */
export async function finaliseDraft(
  db: MediationDb,
  agreementId: UUID,
  request: FinaliseRequest,
  committee: Committee,
  signer: Pick<AgreementSigner, 'sign'>,
  actor: string,
  now = new Date(),
): Promise<Agreement> {
  let prepared: Agreement
  try {
    const agreement = await mustGetAgreement(db, agreementId)
    assertDraft(agreement)
    const c = await mustGetOpenCase(db, agreement.caseId)
    const parties = partiesOf(c)
    const signatures = await listSignatures(db, agreement.id)
    const findings = checkAgreement({ agreement, parties, caseRecord: c, signatures, today: request.today })
    if (blocksPrinting(findings)) {
      const first = findings.find((f) => f.level === 'block')
      throw new StorageError('constraint', `协议还有必须改正的问题：${first?.message ?? ''}`)
    }
    if (request.signing === 'screen') {
      if (!electronicSignatureLimit(c.category).allowed) throw new StorageError('constraint', electronicSignatureLimit(c.category).notice ?? '本类纠纷须纸面签署。')
      const mediators = await db.mediators.bulkGet([...c.mediatorIds, ...(c.recorderId ? [c.recorderId] : [])])
      const nameOf = (id: UUID) => mediators.find((m) => m?.id === id)?.name ?? ''
      const missing = unsignedSigners(requiredSigners(c, parties, nameOf), agreement, signatures)
      if (missing.length > 0) throw new StorageError('constraint', `还有人没有签名：${missing.map((m) => `${m.label}${m.name}`).join('、')}`)
    }
    prepared = await finaliseAgreement(agreement, parties, canonicalContext(c, committee), signer, now.toISOString())
  } catch (error) {
    throw toStorageError(error)
  }
  try {
    return await db.transaction('rw', [...caseDocTables(db), db.counters, db.agreements, db.audit], async () => {
      const current = await mustGetAgreement(db, agreementId)
      const c = await mustGetOpenCase(db, current.caseId)
      const parties = partiesOf(c)
      const unchanged = current.status === 'draft' && agreementHash(current, parties, canonicalContext(c, committee)) === prepared.contentHash
      if (!unchanged) throw new StorageError('constraint', '协议或当事人信息在确认过程中被修改，没有锁定。请检查后再确认一次。')
      const head = await chainHead(db)
      const final: Agreement = { ...current, ...pick(prepared), chainHead: head.hash }
      await db.agreements.put(final)
      await appendAudit(db, { actor, action: 'finalize', entity: 'agreement', entityId: final.id, caseId: c.id, fields: ['status', 'contentHash', 'signature', 'keyId', 'verifyCode', 'chainHead', 'finalizedAt'] }, now)
      if (current.replacesId) {
        const old = await db.agreements.get(current.replacesId)
        if (old && old.status === 'final') {
          await db.agreements.put({ ...old, status: 'superseded', updatedAt: now.toISOString() })
          await appendAudit(db, { actor, action: 'supersede', entity: 'agreement', entityId: old.id, caseId: c.id, fields: ['status'] }, now)
        }
      }
      if (c.status === 'drafting') await applyAction(db, c.id, 'finalizeAgreement', {}, committee, actor, now)
      return final
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

function pick(a: Agreement): Pick<Agreement, 'status' | 'finalizedAt' | 'updatedAt' | 'contentHash' | 'signature' | 'keyId' | 'verifyCode'> {
  const { status, finalizedAt, updatedAt, contentHash, signature, keyId, verifyCode } = a
  return { status, finalizedAt, updatedAt, contentHash, signature, keyId, verifyCode }
}

/**
 * 修改协议 on a final agreement: a new draft (version + 1) copied from it that names it in `replacesId`.
 * The final one stays as it is until the new version is finalised, then it becomes superseded.
 * Asking again returns the draft already started.
 */
export async function startNewVersion(db: MediationDb, agreementId: UUID, actor: string, now = new Date()): Promise<Agreement> {
  try {
    return await db.transaction('rw', [db.caseDocs, db.agreements, db.audit], async () => {
      const source = await mustGetAgreement(db, agreementId)
      if (source.status !== 'final') throw new StorageError('constraint', source.status === 'draft' ? '草稿可以直接修改，不需要新版本。' : '该版本已被替代，请在最新版本上修改。')
      await mustGetOpenCase(db, source.caseId)
      const all = await db.agreements.where('caseId').equals(source.caseId).toArray()
      const pending = all.find((a) => a.status === 'draft')
      if (pending) return pending
      const version = Math.max(...all.map((a) => a.version)) + 1
      const at = now.toISOString()
      const record: Agreement = {
        id: newId(),
        createdAt: at,
        updatedAt: at,
        caseId: source.caseId,
        version,
        replacesId: source.id,
        status: 'draft',
        facts: source.facts,
        disputes: source.disputes,
        clauses: plainCopy(source.clauses),
        performanceTerms: source.performanceTerms,
        copies: source.copies,
        ...(source.template ? { template: source.template } : {}),
      }
      await db.agreements.add(record)
      await appendAudit(db, { actor, action: 'new-version', entity: 'agreement', entityId: record.id, caseId: source.caseId, fields: ['version', 'replacesId'] }, now)
      return record
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

// ---- verification (核验) ----

export type VerifyState = 'valid' | 'invalid' | 'unknown'

export interface VerifyOutcome {
  state: VerifyState
  message: string
  caseNo?: string
  version?: number
  finalizedAt?: string
  superseded?: boolean
}

/**
 * Checks a typed short code or the pasted QR content against the records: on record and unchanged
 * (valid), on record but not matching (invalid), or not ours (unknown). Shows no personal data.
 */
export async function verifyByCode(db: MediationDb, input: string, verifier: Pick<AgreementSigner, 'verify'>): Promise<VerifyOutcome> {
  const text = input.trim()
  if (text === '') return { state: 'unknown', message: '请输入核验码，或粘贴二维码内容。' }
  const payload = text.startsWith('{') ? decodeVerificationPayload(text) : undefined
  if (text.startsWith('{') && !payload) return { state: 'unknown', message: '二维码内容无法识别：不是本系统生成的协议二维码。' }
  const code = payload ? verifyCodeOf(payload.sha256) : normaliseVerifyCode(text)
  if (!/^[0-9A-Z]{5}-[0-9A-Z]{5}$/.test(code)) return { state: 'unknown', message: '核验码格式不正确：应为10位字母和数字，如 7K2QF-9XM3D。' }
  try {
    const found = await db.agreements.where('verifyCode').equals(code).toArray()
    if (found.length === 0) return { state: 'unknown', message: `本机记录中没有核验码为 ${code} 的协议。它可能来自其他调解委员会，或核验码输入有误。` }
    let last: VerifyOutcome | undefined
    for (const agreement of found) {
      const c = await getCaseDoc(db, agreement.caseId)
      const committee = c ? await db.committees.get(c.committeeId) : undefined
      if (!c?.caseNo || !committee) continue
      const parties = partiesOf(c)
      const result = await verifyAgreementRecord({ agreement, parties, ctx: { caseNo: c.caseNo, committeeName: committee.fullName }, payload, verifier })
      const outcome: VerifyOutcome = {
        state: result.valid ? 'valid' : 'invalid',
        message: result.message,
        caseNo: c.caseNo,
        version: agreement.version,
        ...(agreement.finalizedAt ? { finalizedAt: agreement.finalizedAt } : {}),
        superseded: agreement.status === 'superseded',
      }
      if (result.valid) return outcome
      last = outcome
    }
    return last ?? { state: 'unknown', message: '找到了核验码，但对应的案件已不在本机记录中。' }
  } catch (error) {
    throw toStorageError(error)
  }
}
