import { defineStore } from 'pinia'
import { computed, onScopeDispose, ref, shallowRef, type ShallowRef } from 'vue'
import type {
  Attachment,
  AttachmentKind,
  CaseRecord,
  FollowUp,
  JudicialConfirmation,
  Party,
  Referral,
  ReferralStatus,
  SessionRecord,
} from '../domain/types'
import type { PartyInput } from '../domain/parties'
import { isReadOnly, type CaseAction } from '../domain/lifecycle'
import type { FollowUpInput } from '../domain/followUps'
import type { ReferralInput } from '../domain/referrals'
import type { SessionDraft } from '../domain/sessions'
import { canonicalJson } from '../domain/canonical'
import { getDatabase } from '../db/connection'
import { atomically } from '../db/atomic'
import { applyAction, logReveal, saveParties, updateCase, type ActionRequest, type CaseEdit } from '../db/casesRepo'
import { getCaseWithParties } from '../db/caseQueries'
import * as records from '../db/caseRecordsRepo'
import { countCaseConflicts } from '../db/conflictsRepo'
import { StorageError } from '../db/errors'
import type { CaseRecordKeys } from '../db/tableWrites'
import { useSettingsStore } from './settings'
import { useDocumentsStore } from './documents'
import { currentActor } from './actor'
import { readAttachmentFile, readAttachmentFiles } from './attachmentFiles'
import { followCaseWrites } from './followCaseWrites'
import { compareOrdinal } from '../domain/text'
import { failureText } from '../domain/failureText'

/** Attachments compared without their bytes: a file is never edited, so its id and stamp say it. */
const stamps = (list: readonly Attachment[]): string => JSON.stringify(list.map((a) => [a.id, a.updatedAt, a.kind]))

function replaceIfChanged<T>(target: ShallowRef<T>, next: T, key: (v: T) => string = (v) => JSON.stringify(v)): void {
  if (target.value === undefined || key(target.value) !== key(next)) target.value = next
}

/**
 * A list read again, record by record: each record whose content is the same (canonicalJson) keeps the
 * object shown, so an open editor sees a new object only for a record that changed; the list is replaced
 * only when a record was changed, added, removed or moved.
 */
function replaceRecordsIfChanged<T extends { id: string }>(target: ShallowRef<T[]>, next: readonly T[]): void {
  const shown = target.value
  const byId = new Map(shown.map((r) => [r.id, r]))
  let changed = next.length !== shown.length
  const merged = next.map((record, i) => {
    const old = byId.get(record.id)
    const kept = old !== undefined && canonicalJson(old) === canonicalJson(record) ? old : record
    if (kept !== shown[i]) changed = true
    return kept
  })
  if (changed) target.value = merged
}

/**
 * The case on screen with everything recorded in it. Every action writes through a repository and
 * then replaces the affected state with what was stored, so the screen shows only saved data.
 */
export const useCaseDetailStore = defineStore('caseDetail', () => {
  const caseRecord = shallowRef<CaseRecord>()
  const parties = shallowRef<Party[]>([])
  const sessions = shallowRef<SessionRecord[]>([])
  const attachments = shallowRef<Attachment[]>([])
  const followUps = shallowRef<FollowUp[]>([])
  const referrals = shallowRef<Referral[]>([])
  const status = ref<'idle' | 'loading' | 'ready' | 'missing' | 'error'>('idle')
  const errorMessage = ref('')
  /** conflicts from sync or an import that wait on this case in 设置 → 数据交换 */
  const waitingConflicts = ref(0)

  const readOnly = computed(() => (caseRecord.value ? isReadOnly(caseRecord.value.status) : true))
  const caseId = () => {
    if (!caseRecord.value) throw new StorageError('constraint', '案件尚未打开')
    return caseRecord.value.id
  }
  const committee = () => {
    const c = useSettingsStore().committee
    if (!c) throw new StorageError('constraint', '尚未完成调解委员会设置')
    return c
  }

  async function load(id: string) {
    status.value = 'loading'
    errorMessage.value = ''
    waitingConflicts.value = 0
    try {
      const { db } = await getDatabase()
      const open = await records.readOpenCase(db, id)
      if (!open) {
        caseRecord.value = undefined
        status.value = 'missing'
        return
      }
      caseRecord.value = open.case
      parties.value = open.parties
      sessions.value = open.sessions
      attachments.value = open.attachments
      followUps.value = open.followUps
      referrals.value = open.referrals
      status.value = 'ready'
      following.start(db)
      void readWaitingConflicts(id)
      void useDocumentsStore().preload(id) // the first 预览/打印 of this case is then warm
    } catch (error) {
      errorMessage.value = failureText(error)
      status.value = 'error'
    }
  }

  /** The open case's records by table, for telling its writes from other cases' (a pull writes many). */
  function watched(): CaseRecordKeys | undefined {
    const id = caseRecord.value?.id
    if (status.value !== 'ready' || !id) return undefined
    const ids = (list: readonly { id: string }[]) => list.map((r) => r.id)
    return {
      caseId: id,
      keys: {
        caseDocs: [id],
        attachments: ids(attachments.value),
        followUps: ids(followUps.value),
        referrals: ids(referrals.value),
        // a sync conflict is keyed by its case; an import conflict names it by its caseId index
        syncConflicts: [id],
        conflicts: [],
      },
    }
  }

  /** Counted apart from the case's read, so that the page does not wait for it; a failure shows nothing. */
  async function readWaitingConflicts(id: string): Promise<void> {
    const { db } = await getDatabase()
    const count = await countCaseConflicts(db, id).catch(() => undefined)
    if (count !== undefined && caseRecord.value?.id === id) waitingConflicts.value = count
  }
  const following = followCaseWrites(watched, refresh)
  onScopeDispose(following.stop)

  /**
   * The open case read again after a write to its tables committed elsewhere (live sync taking in another
   * PC's change, another window): what changed is replaced, what did not keeps its object, so a screen
   * reacts only to real changes (CaseInfoTab keeps what is being typed, src/domain/formFollow.ts).
   */
  async function refresh(): Promise<void> {
    const id = caseRecord.value?.id
    if (status.value !== 'ready' || !id) return
    const { db } = await getDatabase()
    const open = await records.readOpenCase(db, id)
    // another case opened meanwhile, or this one is gone (left to the next load to say)
    if (!open || caseRecord.value?.id !== id) return
    replaceIfChanged(caseRecord, open.case)
    replaceIfChanged(parties, open.parties)
    replaceRecordsIfChanged(sessions, open.sessions)
    replaceIfChanged(attachments, open.attachments, stamps)
    replaceIfChanged(followUps, open.followUps)
    replaceIfChanged(referrals, open.referrals)
    await readWaitingConflicts(id)
  }

  async function runAction<A extends CaseAction>(action: A, request: ActionRequest<A>) {
    const { db } = await getDatabase()
    caseRecord.value = await applyAction(db, caseId(), action, request, committee(), currentActor())
  }

  /** 司法确认: records or corrects it (undefined clears it), until the case is archived. */
  async function recordJudicialConfirmation(record: JudicialConfirmation | undefined) {
    await runAction('recordJudicialConfirmation', record ? { judicialConfirmation: record } : {})
  }

  /** 整案转办: the transition and the tracked Referral record, in one transaction. */
  async function referWholeCase(input: { department: string; matter: string; dueOn: string }) {
    const { db } = await getDatabase()
    const id = caseId()
    const actor = currentActor()
    const { next, referral } = await atomically(db, async () => ({
      next: await applyAction(
        db,
        id,
        'refer',
        { department: input.department, matter: input.matter },
        committee(),
        actor,
      ),
      referral: await records.addReferral(
        db,
        { caseId: id, department: input.department, matter: input.matter, dueOn: input.dueOn, scope: 'whole' },
        actor,
      ),
    }))
    caseRecord.value = next
    referrals.value = [...referrals.value, referral]
  }

  async function edit(change: CaseEdit) {
    const { db } = await getDatabase()
    caseRecord.value = await updateCase(db, caseId(), change, currentActor())
  }

  async function replaceParties(list: PartyInput[]) {
    const { db } = await getDatabase()
    const id = caseId()
    parties.value = await saveParties(db, id, list, currentActor())
    caseRecord.value = (await getCaseWithParties(db, id))?.case ?? caseRecord.value
  }

  /** Logs the reveal first: the number is shown only once the log entry is stored. */
  async function revealNumber(partyId: string, field: 'idNumber' | 'phone', entity: 'party' | 'agent' = 'party') {
    const { db } = await getDatabase()
    await logReveal(db, caseId(), entity, partyId, field, currentActor())
  }

  async function saveSession(draft: SessionDraft): Promise<SessionRecord> {
    const { db } = await getDatabase()
    return showSession(await records.saveSession(db, draft, currentActor()))
  }

  /** The autosave of an open record: only the fields typed here, onto the record as stored (formFollow.ts). */
  async function saveSessionChanges(id: string, changes: records.SessionChanges): Promise<SessionRecord> {
    const { db } = await getDatabase()
    return showSession(await records.saveSessionChanges(db, caseId(), id, changes, currentActor()))
  }

  function showSession(saved: SessionRecord): SessionRecord {
    const others = sessions.value.filter((s) => s.id !== saved.id)
    sessions.value = [...others, saved].sort((a, b) => compareOrdinal(a.startedAt, b.startedAt))
    return saved
  }

  async function addAttachment(file: File, kind: AttachmentKind = 'evidence'): Promise<Attachment> {
    const read = await readAttachmentFile(file)
    const { db } = await getDatabase()
    const saved = await records.addAttachment(db, caseId(), kind, read, currentActor())
    attachments.value = [...attachments.value, saved]
    return saved
  }

  async function removeAttachment(id: string) {
    const { db } = await getDatabase()
    await records.removeAttachment(db, id, currentActor())
    attachments.value = attachments.value.filter((a) => a.id !== id)
  }

  /** 履行: the receipts and the performance record, in one transaction. */
  async function recordPerformance(input: { status: 'full' | 'partial' | 'none'; note: string; receipts: File[] }) {
    const receipts = await readAttachmentFiles(input.receipts)
    const { db } = await getDatabase()
    const id = caseId()
    const actor = currentActor()
    const { next, saved } = await atomically(db, async () => {
      const saved: Attachment[] = []
      for (const file of receipts) saved.push(await records.addAttachment(db, id, 'receipt', file, actor))
      const next = await applyAction(
        db,
        id,
        'recordPerformance',
        { status: input.status, note: input.note, receiptIds: saved.map((a) => a.id) },
        committee(),
        actor,
      )
      return { next, saved }
    })
    caseRecord.value = next
    attachments.value = [...attachments.value, ...saved]
  }

  async function addFollowUp(visit: FollowUpInput) {
    const { db } = await getDatabase()
    const saved = await records.addFollowUp(db, { ...visit, caseId: caseId() }, currentActor())
    followUps.value = [...followUps.value, saved].sort((a, b) => compareOrdinal(a.visitedOn, b.visitedOn))
  }

  async function addReferral(input: ReferralInput) {
    const { db } = await getDatabase()
    const saved = await records.addReferral(db, { ...input, caseId: caseId() }, currentActor())
    referrals.value = [...referrals.value, saved]
  }

  async function changeReferralStatus(id: string, next: ReferralStatus, note: string) {
    const { db } = await getDatabase()
    const saved = await records.updateReferralStatus(db, id, next, note, currentActor())
    referrals.value = referrals.value.map((r) => (r.id === saved.id ? saved : r))
  }

  return {
    caseRecord,
    parties,
    sessions,
    attachments,
    followUps,
    referrals,
    status,
    errorMessage,
    waitingConflicts,
    readOnly,
    load,
    runAction,
    referWholeCase,
    edit,
    replaceParties,
    revealNumber,
    saveSession,
    saveSessionChanges,
    addAttachment,
    removeAttachment,
    recordPerformance,
    recordJudicialConfirmation,
    addFollowUp,
    addReferral,
    changeReferralStatus,
  }
})
