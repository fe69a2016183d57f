/**
 * Agreements (人民调解协议书) and their on-screen signatures: the draft taken from the case, autosaved
 * edits, finalising (hash + signature + lock, the case becomes 协议已生效 in the same transaction),
 * new versions that name the one they replace, and verification of a printed code. Every write commits
 * with its audit entry (field names only).
 */
import type { Agreement, Committee, Party, SignatureRecord, SignerRole, UUID } from '../domain/types'
import { isReadOnly, READ_ONLY_CASE_MESSAGE } from '../domain/lifecycle'
import { checkAgreement } from '../domain/checklist'
import { agreementHash, type CanonicalContext } from '../domain/canonical'
import {
  editableOf,
  readAgreementDraft,
  newAgreementDraft,
  newAgreementVersion,
  type AgreementDraftInput,
} from '../domain/agreementDraft'
import {
  agreementContext,
  agreementEditRefusal,
  draftStart,
  finaliseRefusal,
  newVersionRefusal,
  pendingDraft,
} from '../domain/agreement'
import {
  isSignatureOf,
  onScreenSigningRefusal,
  requiredSigners,
  signatureProblem,
  unsignedSigners,
  type RequiredSigner,
} from '../domain/signers'
import { CASE_GONE, notOnRecord, readVerifyInput, verifyOutcomeOf, type VerifyOutcome } from '../domain/verifyCode'
import { finaliseAgreement, verifyAgreementRecord } from '../documents/verify'
import { finalVersionChoice } from '../domain/finalVersion'
import { isSigningRefusalCode, type SigningRefusalCode } from '../domain/signingRefusal'
import { SigningRefusal, type AgreementContentSigner, type AgreementSigner } from '../shared/ipc/signing'
import { PlatformError } from '../shared/hostError'
import type { MediationDb } from './schema'
import { appendAudit, chainHead } from './audit'
import { StorageError, toStorageError } from './errors'
import { changedFields, stamped } from './records'
import { plainCopy } from './plain'
import { applyAction } from './casesRepo'
import { caseDocTables, getCaseDoc, mustGetCaseDoc, partiesOf } from './caseDocs'
import { type CaseDoc } from './records'

function parseDraft(input: unknown): AgreementDraftInput {
  const read = readAgreementDraft(input)
  if (!read.ok) throw new StorageError('constraint', read.message)
  return read.draft
}

/**
 * The case (its document: record and parties) whose agreement may still be changed. Transactions that
 * only read the case take `db.caseDocs`; those that may move its status (applyAction) take
 * `caseDocTables(db)`, so the case's digest changes with it.
 */
async function mustGetOpenCase(db: MediationDb, caseId: UUID): Promise<CaseDoc> {
  const c = await mustGetCaseDoc(db, caseId)
  if (isReadOnly(c.status)) throw new StorageError('constraint', READ_ONLY_CASE_MESSAGE)
  return c
}

async function mustGetAgreement(db: MediationDb, id: UUID): Promise<Agreement> {
  const a = await db.agreements.get(id)
  if (!a) throw new StorageError('constraint', '协议不存在，可能已被删除。')
  return a
}

function assertDraft(a: Agreement): void {
  const refusal = agreementEditRefusal(a)
  if (refusal) throw new StorageError('constraint', refusal)
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

/**
 * Starts the written agreement of a case: a mediating case moves to 协议拟定中 (lifecycle
 * `draftAgreement`) in the same transaction. An existing draft is returned as it is; a case whose
 * agreement is already final gets a new version through `startNewVersion`, not here.
 */
export async function createDraft(
  db: MediationDb,
  caseId: UUID,
  committee: Committee,
  actor: string,
  now = new Date(),
): Promise<Agreement> {
  try {
    return await db.transaction('rw', [...caseDocTables(db), db.counters, db.agreements, db.audit], async () => {
      const c = await mustGetOpenCase(db, caseId)
      const start = draftStart(c.status, await db.agreements.where('caseId').equals(caseId).toArray())
      if (start.kind === 'existing') return start.draft
      if (start.kind === 'refused') throw new StorageError('constraint', start.message)
      if (start.moveCaseToDrafting) await applyAction(db, caseId, 'draftAgreement', {}, committee, actor, now)
      const record: Agreement = stamped(newAgreementDraft(c, partiesOf(c)), now)
      await db.agreements.add(record)
      await appendAudit(
        db,
        {
          actor,
          action: 'create',
          entity: 'agreement',
          entityId: record.id,
          caseId,
          fields: ['version', 'facts', 'disputes', 'copies'],
        },
        now,
      )
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
export async function saveDraft(
  db: MediationDb,
  agreementId: UUID,
  input: AgreementDraftInput,
  actor: string,
  now = new Date(),
): Promise<Agreement> {
  const data = parseDraft(plainCopy(input))
  try {
    return await db.transaction('rw', [db.caseDocs, db.agreements, db.audit], async () => {
      const current = await mustGetAgreement(db, agreementId)
      assertDraft(current)
      await mustGetOpenCase(db, current.caseId)
      return await storeDraft(db, current, data, actor, now)
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

/**
 * Writes only `changes` (the fields the editor changed) onto the draft as stored when the transaction runs:
 * a field the editor did not change keeps what is stored (another PC's edit taken in by sync meanwhile
 * stays), see src/domain/formFollow.ts. Checked and audited as `saveDraft`; a template '' is none.
 */
export async function saveDraftChanges(
  db: MediationDb,
  agreementId: UUID,
  changes: Partial<AgreementDraftInput>,
  actor: string,
  now = new Date(),
): Promise<Agreement> {
  const typed = plainCopy(changes)
  try {
    return await db.transaction('rw', [db.caseDocs, db.agreements, db.audit], async () => {
      const current = await mustGetAgreement(db, agreementId)
      assertDraft(current)
      await mustGetOpenCase(db, current.caseId)
      const data = parseDraft({ ...editableOf(current), ...typed })
      return await storeDraft(db, current, data, actor, now)
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

/** Within a transaction: the draft with `data` as its editable content, stored with its audit entry unless unchanged. */
async function storeDraft(
  db: MediationDb,
  current: Agreement,
  data: AgreementDraftInput,
  actor: string,
  now: Date,
): Promise<Agreement> {
  const next: Agreement = { ...current, ...data, updatedAt: now.toISOString() }
  if (!data.template) delete next.template
  const fields = changedFields(current, next)
  if (fields.length === 0) return current
  await db.agreements.put(next)
  const last = await db.audit.orderBy('seq').last()
  const sameEdit = last?.entityId === current.id && last.action === 'update' && last.fields.join() === fields.join()
  if (!sameEdit)
    await appendAudit(
      db,
      { actor, action: 'update', entity: 'agreement', entityId: current.id, caseId: current.caseId, fields },
      now,
    )
  return next
}

export interface SignatureInput {
  agreementId: UUID
  signerRole: SignerRole
  signerId: UUID
  signerName: string
  /** PNG data URL from the signature pad */
  image: string
}

/** Keeps a signer's on-screen signature for this draft version; signing again replaces the earlier one. */
export async function saveSignature(
  db: MediationDb,
  input: SignatureInput,
  actor: string,
  now = new Date(),
): Promise<SignatureRecord> {
  const data = plainCopy(input)
  const problem = signatureProblem(data)
  if (problem) throw new StorageError('constraint', problem)
  try {
    return await db.transaction('rw', [db.caseDocs, db.agreements, db.signatures, db.audit], async () => {
      const agreement = await mustGetAgreement(db, data.agreementId)
      assertDraft(agreement)
      const c = await mustGetOpenCase(db, agreement.caseId)
      const refusal = onScreenSigningRefusal(c.category)
      if (refusal) throw new StorageError('constraint', refusal)
      const earlier = (await db.signatures.where('agreementId').equals(agreement.id).toArray()).filter((s) =>
        isSignatureOf(s, data, agreement),
      )
      for (const old of earlier) await db.signatures.delete(old.id)
      const record: SignatureRecord = stamped(
        {
          agreementId: agreement.id,
          agreementVersion: agreement.version,
          signerRole: data.signerRole,
          signerId: data.signerId,
          signerName: data.signerName.trim(),
          image: data.image,
          signedAt: now.toISOString(),
        },
        now,
      )
      await db.signatures.add(record)
      await appendAudit(
        db,
        {
          actor,
          action: earlier.length > 0 ? 'resign' : 'sign',
          entity: 'signature',
          entityId: record.id,
          caseId: agreement.caseId,
          fields: ['signerRole', 'signerId', 'image', 'signedAt'],
        },
        now,
      )
      return record
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

export async function removeSignature(
  db: MediationDb,
  signatureId: UUID,
  actor: string,
  now = new Date(),
): Promise<void> {
  try {
    await db.transaction('rw', [db.caseDocs, db.agreements, db.signatures, db.audit], async () => {
      const s = await db.signatures.get(signatureId)
      if (!s) return
      const agreement = await mustGetAgreement(db, s.agreementId)
      assertDraft(agreement)
      await mustGetOpenCase(db, agreement.caseId)
      await db.signatures.delete(s.id)
      await appendAudit(
        db,
        { actor, action: 'delete', entity: 'signature', entityId: s.id, caseId: agreement.caseId, fields: ['image'] },
        now,
      )
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

export interface FinaliseRequest {
  /** 'screen': every signer has signed on screen; 'paper': printed, signed and fingerprinted by hand */
  signing: 'screen' | 'paper'
  /** 'YYYY-MM-DD' in China time, for the checklist's deadline checks */
  today: string
}

function canonicalContext(c: CaseDoc, committee: Committee): CanonicalContext {
  const context = agreementContext(c, committee)
  if (!context.ok) throw new StorageError('constraint', context.message)
  return context.ctx
}

/**
 * 确认生效并锁定. The checklist must have no block and, on the screen path, everyone must have signed.
 * The signature is made first (async IPC cannot run inside an IndexedDB transaction); the transaction
 * then re-checks that nothing changed meanwhile, writes the agreement as final with the audit chain
 * head, supersedes the version it replaces, and moves the case to 协议已生效.
 * When the signing ledger holds the draft's version with other content and the database has no final
 * agreement of that version (src/domain/finalVersion.ts), the agreement is finalised as the next version
 * the ledger does not hold: its on-screen signatures move with it, and the log records the skip. The
 * caller tells the mediator (skippedVersionNotice) by the version of the agreement returned.
 */
export async function finaliseDraft(
  db: MediationDb,
  agreementId: UUID,
  request: FinaliseRequest,
  committee: Committee,
  signer: AgreementContentSigner,
  actor: string,
  now = new Date(),
): Promise<Agreement> {
  let checked: { agreement: Agreement; parties: Party[]; ctx: CanonicalContext }
  try {
    const agreement = await mustGetAgreement(db, agreementId)
    assertDraft(agreement)
    const c = await mustGetOpenCase(db, agreement.caseId)
    const parties = partiesOf(c)
    const signatures = await listSignatures(db, agreement.id)
    const findings = checkAgreement({ agreement, parties, caseRecord: c, signatures, today: request.today })
    const unsigned = request.signing === 'screen' ? await unsignedOnScreen(db, c, agreement, signatures) : []
    const refusal = finaliseRefusal({ findings, signing: request.signing, category: c.category, unsigned })
    if (refusal) throw new StorageError('constraint', refusal)
    checked = { agreement, parties, ctx: canonicalContext(c, committee) }
  } catch (error) {
    throw toStorageError(error)
  }
  let prepared: Agreement
  try {
    prepared = await signedFinal(db, checked, signer, now.toISOString())
  } catch (error) {
    throw signerFailure(error, '协议没有锁定：')
  }
  const drafted = checked.agreement.version
  const skipped = prepared.version !== drafted
  try {
    const tables = [...caseDocTables(db), db.counters, db.agreements, db.signatures, db.audit]
    return await db.transaction('rw', tables, async () => {
      const current = await mustGetAgreement(db, agreementId)
      const c = await mustGetOpenCase(db, current.caseId)
      const parties = partiesOf(c)
      const taken =
        skipped && (await db.agreements.where('[caseId+version]').equals([c.id, prepared.version]).count()) > 0
      const unchanged =
        current.status === 'draft' &&
        current.version === drafted &&
        !taken &&
        agreementHash({ ...current, version: prepared.version }, parties, canonicalContext(c, committee)) ===
          prepared.contentHash
      if (!unchanged)
        throw new StorageError('constraint', '协议或当事人信息在确认过程中被修改，没有锁定。请检查后再确认一次。')
      const head = await chainHead(db)
      const final: Agreement = { ...current, ...pick(prepared), chainHead: head.hash }
      if (skipped) await moveToVersion(db, final, drafted, actor, now)
      await db.agreements.put(final)
      await appendAudit(
        db,
        {
          actor,
          action: 'finalize',
          entity: 'agreement',
          entityId: final.id,
          caseId: c.id,
          fields: [
            'status',
            ...(skipped ? ['version'] : []),
            'contentHash',
            'signature',
            'keyId',
            'verifyCode',
            'chainHead',
            'finalizedAt',
          ],
        },
        now,
      )
      if (current.replacesId) {
        const old = await db.agreements.get(current.replacesId)
        if (old && old.status === 'final') {
          await db.agreements.put({ ...old, status: 'superseded', updatedAt: now.toISOString() })
          await appendAudit(
            db,
            { actor, action: 'supersede', entity: 'agreement', entityId: old.id, caseId: c.id, fields: ['status'] },
            now,
          )
        }
      }
      if (c.status === 'drafting') await applyAction(db, c.id, 'finalizeAgreement', {}, committee, actor, now)
      return final
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

/**
 * Signs the checked draft as its own version; when the ledger holds that version with other content, as the
 * version src/domain/finalVersion.ts chooses (the next one the ledger does not hold), if it chooses one.
 */
async function signedFinal(
  db: MediationDb,
  checked: { agreement: Agreement; parties: Party[]; ctx: CanonicalContext },
  signer: AgreementContentSigner,
  nowIso: string,
): Promise<Agreement> {
  const { agreement, parties, ctx } = checked
  try {
    return await finaliseAgreement(agreement, parties, ctx, signer, nowIso)
  } catch (error) {
    if (!isSignedOtherContent(error)) throw error
    const choice = finalVersionChoice({
      draftVersion: agreement.version,
      ledgerHoldsOther: true,
      ledgerHighest: await signer.highestSignedVersion(ctx.caseNo),
      stored: await db.agreements.where('caseId').equals(agreement.caseId).toArray(),
    })
    if (choice.kind !== 'next') throw error
    return await finaliseAgreement({ ...agreement, version: choice.version }, parties, ctx, signer, nowIso)
  }
}

/**
 * The ledger's refusal of other content for a version it holds, known by its code (never its words): as a
 * signer throws it (SigningRefusal's `code`) or as it comes over IPC (a PlatformError's `refusal`).
 */
function isSignedOtherContent(error: unknown): boolean {
  return signingRefusalCodeOf(error) === 'version-holds-other-content'
}

function signingRefusalCodeOf(error: unknown): SigningRefusalCode | undefined {
  if (error instanceof SigningRefusal) return error.code
  if (!(error instanceof PlatformError)) return undefined
  return isSigningRefusalCode(error.refusal) ? error.refusal : undefined
}

/**
 * Within the finalising transaction: the log records that the draft of `drafted` is finalised as `final`'s
 * version, and its on-screen signatures (given to this content) move with it, each logged.
 */
async function moveToVersion(db: MediationDb, final: Agreement, drafted: number, actor: string, now: Date) {
  await appendAudit(
    db,
    {
      actor,
      action: 'skip-signed-version',
      entity: 'agreement',
      entityId: final.id,
      caseId: final.caseId,
      fields: ['version'],
    },
    now,
  )
  const signatures = await db.signatures.where('agreementId').equals(final.id).toArray()
  for (const s of signatures.filter((r) => r.agreementVersion === drafted)) {
    await db.signatures.put({ ...s, agreementVersion: final.version, updatedAt: now.toISOString() })
    await appendAudit(
      db,
      {
        actor,
        action: 'update',
        entity: 'signature',
        entityId: s.id,
        caseId: final.caseId,
        fields: ['agreementVersion'],
      },
      now,
    )
  }
}

/**
 * A refusal of the committee's signer in its own words (this version already signed with other content, a
 * damaged ledger, a key that does not open), after `lead`: not a storage failure, whose 保存失败…请再试一次
 * would have the mediator try again for nothing. The signers throw SigningRefusal; over IPC the page gets
 * it, and any other failure of the main process, as a PlatformError in Chinese (src/shared/hostError.ts).
 * Anything else is a failure as before.
 */
function signerFailure(error: unknown, lead = ''): StorageError {
  const refused = error instanceof SigningRefusal || error instanceof PlatformError
  return refused && error.message
    ? new StorageError('constraint', lead + error.message, error.name)
    : toStorageError(error)
}

/** The case's signers (mediators named as stored) still without a signature on this version. */
async function unsignedOnScreen(
  db: MediationDb,
  c: CaseDoc,
  agreement: Agreement,
  signatures: readonly SignatureRecord[],
): Promise<RequiredSigner[]> {
  const mediators = await db.mediators.bulkGet([...c.mediatorIds, ...(c.recorderId ? [c.recorderId] : [])])
  const nameOf = (id: UUID) => mediators.find((m) => m?.id === id)?.name ?? ''
  return unsignedSigners(requiredSigners(c, partiesOf(c), nameOf), agreement, signatures)
}

function pick(
  a: Agreement,
): Pick<
  Agreement,
  'version' | 'status' | 'finalizedAt' | 'updatedAt' | 'contentHash' | 'signature' | 'keyId' | 'verifyCode'
> {
  const { version, status, finalizedAt, updatedAt, contentHash, signature, keyId, verifyCode } = a
  return { version, status, finalizedAt, updatedAt, contentHash, signature, keyId, verifyCode }
}

/**
 * 修改协议 on a final agreement: a new draft (version + 1) copied from it that names it in `replacesId`.
 * The final one stays as it is until the new version is finalised, then it becomes superseded.
 * Asking again returns the draft already started.
 */
export async function startNewVersion(
  db: MediationDb,
  agreementId: UUID,
  actor: string,
  now = new Date(),
): Promise<Agreement> {
  try {
    return await db.transaction('rw', [db.caseDocs, db.agreements, db.audit], async () => {
      const source = await mustGetAgreement(db, agreementId)
      const refusal = newVersionRefusal(source)
      if (refusal) throw new StorageError('constraint', refusal)
      await mustGetOpenCase(db, source.caseId)
      const all = await db.agreements.where('caseId').equals(source.caseId).toArray()
      const pending = pendingDraft(all)
      if (pending) return pending
      const record: Agreement = stamped(plainCopy(newAgreementVersion(source, all)), now)
      await db.agreements.add(record)
      await appendAudit(
        db,
        {
          actor,
          action: 'new-version',
          entity: 'agreement',
          entityId: record.id,
          caseId: source.caseId,
          fields: ['version', 'replacesId'],
        },
        now,
      )
      return record
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

// ---- verification (核验) ----

/**
 * Checks a typed short code or the pasted QR content against the records: on record and unchanged
 * (valid), on record but not matching (invalid), or not ours (unknown). Shows no personal data.
 */
export async function verifyByCode(
  db: MediationDb,
  input: string,
  verifier: Pick<AgreementSigner, 'verify'>,
): Promise<VerifyOutcome> {
  const read = readVerifyInput(input)
  if (!read.ok) return read.outcome
  const { code, payload } = read
  try {
    const found = await db.agreements.where('verifyCode').equals(code).toArray()
    if (found.length === 0) return notOnRecord(code)
    let last: VerifyOutcome | undefined
    for (const agreement of found) {
      const c = await getCaseDoc(db, agreement.caseId)
      const committee = c ? await db.committees.get(c.committeeId) : undefined
      if (!c?.caseNo || !committee) continue
      const parties = partiesOf(c)
      const result = await verifyAgreementRecord({
        agreement,
        parties,
        ctx: { caseNo: c.caseNo, committeeName: committee.fullName },
        payload,
        verifier,
      }).catch((error: unknown) => {
        throw signerFailure(error)
      })
      const outcome = verifyOutcomeOf(agreement, c.caseNo, result)
      if (result.valid) return outcome
      last = outcome
    }
    return last ?? CASE_GONE
  } catch (error) {
    throw toStorageError(error)
  }
}
