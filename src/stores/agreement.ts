import { defineStore } from 'pinia'
import { computed, onScopeDispose, ref, shallowRef } from 'vue'
import type { Agreement, CaseRecord, Party, SignatureRecord, UUID } from '../domain/types'
import { applyTemplate, CLAUSE_TEMPLATES, templatesForCategory } from '../domain/clauses'
import { blocksPrinting, checkAgreement, type Finding } from '../domain/checklist'
import { electronicSignatureLimit } from '../domain/categories'
import { draftFields, editableOf, type AgreementDraftFields, type AgreementDraftInput } from '../domain/agreementDraft'
import { formFollower, noteClashes, takeTheirs, type FormClash, type FormFollower } from '../domain/formFollow'
import type { CaseRecordKeys } from '../db/tableWrites'
import { plainCopy } from '../db/plain'
import { requiredSigners, unsignedSigners, type RequiredSigner } from '../domain/signers'
import { getDatabase } from '../db/connection'
import { getCaseWithParties } from '../db/caseQueries'
import * as repo from '../db/agreementsRepo'
import { addAttachment, countAttachments } from '../db/caseRecordsRepo'
import { StorageError } from '../db/errors'
import { logReveal } from '../db/casesRepo'
import { platform } from '../platform'
import { todayInChina } from '../domain/dates'
import { skippedVersionNotice } from '../domain/finalVersion'
import { useSettingsStore } from './settings'
import { currentActor } from './actor'
import { readAttachmentFiles } from './attachmentFiles'
import { followCaseWrites } from './followCaseWrites'
import { failureText } from '../domain/failureText'

export type { AgreementDraftInput } from '../domain/agreementDraft'

/** The editor's content from the compared fields (no template is an absent one). */
function editingOf(fields: AgreementDraftFields): AgreementDraftInput {
  const { template, ...rest } = fields
  return template ? { ...rest, template } : rest
}
export type { RequiredSigner } from '../domain/signers'

/**
 * The agreement of the case on screen: its versions, the one being edited, its signatures and the
 * checklist. Writes go through the repository; state is replaced by what was stored.
 */
export const useAgreementStore = defineStore('agreement', () => {
  const caseRecord = shallowRef<CaseRecord>()
  const parties = shallowRef<Party[]>([])
  const versions = shallowRef<Agreement[]>([])
  const signatures = shallowRef<SignatureRecord[]>([])
  const status = ref<'idle' | 'loading' | 'ready' | 'missing' | 'error'>('idle')
  const errorMessage = ref('')
  /** what the editor shows; saved by `saveDraft` (autosave) */
  const editing = ref<AgreementDraftInput>()
  /**
   * The draft as the editor last knew it and the write running now: the editor follows the stored draft
   * (another PC's change taken in by sync) in the fields not typed here, and a save writes only what was
   * typed here (src/domain/formFollow.ts).
   */
  let follower: FormFollower<AgreementDraftFields> | undefined
  /**
   * fields typed here that changed meanwhile in the stored draft, each with the value that came in (kept as
   * it came: the stored draft may change again, e.g. this editor's autosave stores what was typed)
   */
  const clashes = shallowRef<FormClash<AgreementDraftFields>[]>([])

  const settings = useSettingsStore()
  const committee = () => {
    if (!settings.committee) throw new StorageError('constraint', '尚未完成调解委员会设置')
    return settings.committee
  }
  const caseId = () => {
    if (!caseRecord.value) throw new StorageError('constraint', '案件尚未打开')
    return caseRecord.value.id
  }

  /** the newest version: the draft being written, or the agreement in force */
  const current = computed<Agreement | undefined>(() => versions.value[versions.value.length - 1])
  const isDraft = computed(() => current.value?.status === 'draft')
  const templates = computed(() =>
    caseRecord.value ? templatesForCategory(caseRecord.value.category) : CLAUSE_TEMPLATES,
  )
  /** a locked agreement prints the committee's seal image; without one the seal is pressed by hand */
  const hasSeal = computed(() => !!settings.committee?.sealImage)
  const eSignature = computed(() => electronicSignatureLimit(caseRecord.value?.category ?? ''))

  /** the checklist of what is on screen now (the editor's content, not only what was saved) */
  const findings = computed<Finding[]>(() => {
    const a = current.value
    if (!a || !caseRecord.value) return []
    const shown: Agreement = editing.value && a.status === 'draft' ? { ...a, ...editing.value } : a
    return checkAgreement({
      agreement: shown,
      parties: parties.value,
      caseRecord: caseRecord.value,
      signatures: signatures.value,
      today: todayInChina(),
    })
  })
  const blocked = computed(() => blocksPrinting(findings.value))

  const signers = computed(() =>
    caseRecord.value ? requiredSigners(caseRecord.value, parties.value, (id) => settings.mediatorName(id)) : [],
  )
  const unsigned = computed(() =>
    current.value ? unsignedSigners(signers.value, current.value, signatures.value) : [],
  )

  async function load(id: UUID) {
    status.value = 'loading'
    errorMessage.value = ''
    try {
      const { db } = await getDatabase()
      const detail = await getCaseWithParties(db, id)
      if (!detail) {
        status.value = 'missing'
        return
      }
      caseRecord.value = detail.case
      parties.value = detail.parties
      await refreshVersions()
      status.value = 'ready'
      following.start(db)
    } catch (error) {
      errorMessage.value = failureText(error)
      status.value = 'error'
    }
  }

  async function refreshVersions() {
    const { db } = await getDatabase()
    versions.value = await repo.listAgreements(db, caseId())
    const a = current.value
    signatures.value = a ? await repo.listSignatures(db, a.id) : []
    editing.value = a ? editableOf(a) : undefined
    follower = a ? formFollower(draftFields(editableOf(a))) : undefined
    clashes.value = []
  }

  /**
   * The open case's agreements and signatures, for telling their writes from other cases' (a pull writes
   * many): its versions (and one added to the case, by its caseId index), the signatures shown, and one
   * added to any of its versions (by the signatures' agreementId index).
   */
  function watched(): CaseRecordKeys | undefined {
    const id = caseRecord.value?.id
    if (status.value !== 'ready' || !id) return undefined
    const versionIds = versions.value.map((v) => v.id)
    return {
      caseId: id,
      keys: { agreements: versionIds, signatures: signatures.value.map((s) => s.id) },
      through: { signatures: { index: 'agreementId', ids: versionIds } },
    }
  }
  /** After writes to this case's agreements or signatures commit (here or taken in from another PC), the open agreement is read again. */
  const following = followCaseWrites(watched, refresh)
  onScopeDispose(following.stop)

  /**
   * The case's agreement read again: the same draft changed, the editor follows it (typing stays, a clash is
   * named, nothing is saved for it); another version now current (finalised or a new version started
   * elsewhere), the editor shows it afresh.
   */
  async function refresh(): Promise<void> {
    const id = caseRecord.value?.id
    if (status.value !== 'ready' || !id) return
    const { db } = await getDatabase()
    const list = await repo.listAgreements(db, id)
    if (caseRecord.value?.id !== id) return
    const was = current.value
    const now = list[list.length - 1]
    const sigs = now ? await repo.listSignatures(db, now.id) : []
    if (JSON.stringify(sigs) !== JSON.stringify(signatures.value)) signatures.value = sigs
    if (JSON.stringify(list) === JSON.stringify(versions.value)) return
    versions.value = list
    if (!now || !was || now.id !== was.id || now.status !== 'draft' || !editing.value || !follower) {
      editing.value = now ? editableOf(now) : undefined
      follower = now ? formFollower(draftFields(editableOf(now))) : undefined
      clashes.value = []
      return
    }
    const followed = follower.follow(plainCopy(draftFields(editing.value)), draftFields(editableOf(now)))
    if (JSON.stringify(followed.form) !== JSON.stringify(draftFields(editing.value)))
      editing.value = editingOf(followed.form)
    if (followed.clashes.length) clashes.value = noteClashes(clashes.value, followed)
  }

  /** 采用对方的内容: the editor gets the value that came in (saved by the autosave if it is not stored now) */
  function takeClash(field: string) {
    if (!editing.value) return
    const taken = takeTheirs(plainCopy(draftFields(editing.value)), clashes.value, field)
    editing.value = editingOf(taken.form)
    clashes.value = taken.clashes
  }

  /** Whether the editor's content holds something typed here and not yet stored (taking in a change never does). */
  function hasChangesToSave(input: AgreementDraftInput): boolean {
    return !!follower && Object.keys(follower.toSave(draftFields(input))).length > 0
  }

  async function refreshCase() {
    const { db } = await getDatabase()
    const detail = await getCaseWithParties(db, caseId())
    if (detail) {
      caseRecord.value = detail.case
      parties.value = detail.parties
    }
  }

  /** 拟定书面协议: the first draft, from the case */
  async function startDraft() {
    const { db } = await getDatabase()
    await repo.createDraft(db, caseId(), committee(), currentActor())
    await refreshCase()
    await refreshVersions()
  }

  /** The autosave target: stores the editor's content on the current draft. */
  async function saveDraft(input: AgreementDraftInput) {
    const a = current.value
    if (!a || a.status !== 'draft') throw new StorageError('constraint', '协议已锁定，不能修改')
    const writing = follower
    if (!writing) return
    const changes = writing.toSave(draftFields(input))
    if (Object.keys(changes).length === 0) return
    const { db } = await getDatabase()
    writing.writing(changes)
    let saved: Agreement
    try {
      saved = await repo.saveDraftChanges(db, a.id, changes, currentActor())
      writing.written(true)
    } catch (error) {
      writing.written(false)
      throw error
    }
    versions.value = versions.value.map((v) => (v.id === saved.id ? saved : v))
  }

  /** Replaces the clauses and performance terms with a template's, for this case's parties. */
  function useTemplate(templateId: string) {
    const template = CLAUSE_TEMPLATES.find((t) => t.id === templateId)
    if (!template || !editing.value) return
    editing.value = {
      ...editing.value,
      template: template.id,
      clauses: applyTemplate(template, parties.value, () => crypto.randomUUID()),
      performanceTerms: template.performanceTerms,
    }
  }

  async function sign(signer: RequiredSigner, image: string) {
    const a = current.value
    if (!a) return
    const { db } = await getDatabase()
    await repo.saveSignature(
      db,
      { agreementId: a.id, signerRole: signer.signerRole, signerId: signer.signerId, signerName: signer.name, image },
      currentActor(),
    )
    signatures.value = await repo.listSignatures(db, a.id)
  }

  async function removeSignature(signatureId: UUID) {
    const a = current.value
    if (!a) return
    const { db } = await getDatabase()
    await repo.removeSignature(db, signatureId, currentActor())
    signatures.value = await repo.listSignatures(db, a.id)
  }

  /** 确认生效并锁定; what the mediator is told when it was finalised as another version (src/domain/finalVersion.ts) */
  async function finalise(signing: 'screen' | 'paper'): Promise<string | undefined> {
    const a = current.value
    if (!a) return
    const { db } = await getDatabase()
    const final = await repo.finaliseDraft(
      db,
      a.id,
      { signing, today: todayInChina() },
      committee(),
      {
        sign: (content) => platform().signAgreement(content),
        highestSignedVersion: (caseNo) => platform().highestSignedVersion(caseNo),
      },
      currentActor(),
    )
    await refreshCase()
    await refreshVersions()
    return skippedVersionNotice(a.version, final.version)
  }

  /** 修改协议: a new version copied from the final one */
  async function startNewVersion() {
    const a = current.value
    if (!a) return
    const { db } = await getDatabase()
    await repo.startNewVersion(db, a.id, currentActor())
    await refreshVersions()
  }

  /** 上传签字扫描件: PDF or photos of the signed paper, kept as 'signed_scan' attachments of the case. */
  async function uploadSignedScans(files: readonly File[]): Promise<number> {
    const read = await readAttachmentFiles(files)
    const { db } = await getDatabase()
    for (const file of read) await addAttachment(db, caseId(), 'signed_scan', file, currentActor())
    return files.length
  }

  /**
   * Logs that a party's (or its agent's) ID or phone number is shown in full in the editor, as the case
   * page does: the number is shown only once the log entry is stored.
   */
  async function revealNumber(entity: 'party' | 'agent', partyId: UUID, field: 'idNumber' | 'phone'): Promise<void> {
    const { db } = await getDatabase()
    await logReveal(db, caseId(), entity, partyId, field, currentActor())
  }

  async function signedScanCount(): Promise<number> {
    const { db } = await getDatabase()
    return countAttachments(db, caseId(), 'signed_scan')
  }

  return {
    revealNumber,
    caseRecord,
    parties,
    versions,
    signatures,
    status,
    errorMessage,
    editing,
    clashes,
    takeClash,
    hasChangesToSave,
    hasSeal,
    current,
    isDraft,
    templates,
    eSignature,
    findings,
    blocked,
    signers,
    unsigned,
    load,
    startDraft,
    saveDraft,
    useTemplate,
    sign,
    removeSignature,
    finalise,
    startNewVersion,
    uploadSignedScans,
    signedScanCount,
  }
})
