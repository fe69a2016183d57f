/**
 * What is recorded within a case: investigation and session records (autosaved, kept inside the case's
 * document, src/db/caseDocs.ts), evidence and other attachments, follow-up visits and referrals. Every
 * write checks the case is not archived and commits with its audit entry.
 */
import type {
  Attachment,
  AttachmentKind,
  CaseRecord,
  FollowUp,
  Party,
  Referral,
  ReferralStatus,
  SessionRecord,
  UUID,
} from '../domain/types'
import { isReadOnly, READ_ONLY_CASE_MESSAGE } from '../domain/lifecycle'
import type { SessionDraft, SessionFields } from '../domain/sessions'
import { attachmentProblem, sniffAttachmentType } from '../domain/attachments'
import {
  newReferral,
  referralInputProblem,
  referralMovedTo,
  referralStatusProblem,
  type ReferralInput,
} from '../domain/referrals'
import type { MediationDb } from './schema'
import { appendAudit } from './audit'
import { blobOfBytes } from './blobBytes'
import { StorageError, toStorageError } from './errors'
import { changedFields, stamped } from './records'
import { plainCopy } from './plain'
import { caseDocTables, caseOf, mustGetCaseDoc, partiesOf, putCaseDoc, sessionsOf } from './caseDocs'
import { type CaseDoc } from './records'

async function assertWritable(db: MediationDb, caseId: UUID): Promise<CaseDoc> {
  const c = await mustGetCaseDoc(db, caseId)
  if (isReadOnly(c.status)) throw new StorageError('constraint', READ_ONLY_CASE_MESSAGE)
  return c
}

/**
 * Creates or updates an investigation/session record. This is the autosave path: consecutive saves
 * of the same record touching the same fields share one audit entry, so typing does not flood the log.
 */
export async function saveSession(
  db: MediationDb,
  draft: SessionDraft,
  actor: string,
  now = new Date(),
): Promise<SessionRecord> {
  const data = plainCopy(draft)
  try {
    return await db.transaction('rw', [...caseDocTables(db), db.audit], async () => {
      const doc = await assertWritable(db, data.caseId)
      const current = data.id ? doc.sessions.find((s) => s.id === data.id) : undefined
      if (!current) {
        const { id: _id, ...fields } = data
        const record: SessionRecord = { ...stamped(fields, now), ...(data.id ? { id: data.id } : {}) }
        await putCaseDoc(db, { ...doc, sessions: [...doc.sessions, record] })
        await appendAudit(
          db,
          { actor, action: 'create', entity: 'session', entityId: record.id, caseId: record.caseId, fields: ['kind'] },
          now,
        )
        return record
      }
      return await updateSession(db, doc, current, data, actor, now)
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

/** The fields of a session record its editor changes (not its case, kind or stamps); a recorder '' is none. */
export type SessionChanges = Partial<SessionFields>

/**
 * Writes only `changes` into the session record as it is stored when the transaction runs: a field the
 * editor did not change keeps what is stored (another PC's edit taken in by sync meanwhile stays), see
 * src/domain/formFollow.ts. The autosave path, audited as `saveSession`.
 */
export async function saveSessionChanges(
  db: MediationDb,
  caseId: UUID,
  id: UUID,
  changes: SessionChanges,
  actor: string,
  now = new Date(),
): Promise<SessionRecord> {
  const data = plainCopy(changes)
  try {
    return await db.transaction('rw', [...caseDocTables(db), db.audit], async () => {
      const doc = await assertWritable(db, caseId)
      const current = doc.sessions.find((s) => s.id === id)
      if (!current) throw new StorageError('constraint', '这份记录已不存在，请关闭后重新打开案件')
      return await updateSession(db, doc, current, data, actor, now)
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

/** Within a transaction: `current` with `data` applied, stored with its audit entry unless nothing changed. */
async function updateSession(
  db: MediationDb,
  doc: CaseDoc,
  current: SessionRecord,
  data: Partial<SessionDraft> | SessionChanges,
  actor: string,
  now: Date,
): Promise<SessionRecord> {
  const next: SessionRecord = {
    ...current,
    ...data,
    recorderId: data.recorderId === undefined ? current.recorderId : data.recorderId || undefined,
    id: current.id,
    createdAt: current.createdAt,
    updatedAt: now.toISOString(),
  }
  // no recorder is an absent field (as a new record without one), not an empty id
  if (!next.recorderId) delete next.recorderId
  const fields = changedFields(current, next)
  if (fields.length === 0) return current
  await putCaseDoc(db, { ...doc, sessions: doc.sessions.map((s) => (s.id === current.id ? next : s)) })
  const last = await db.audit.orderBy('seq').last()
  const sameEdit = last?.entityId === current.id && last.action === 'update' && last.fields.join() === fields.join()
  if (!sameEdit)
    await appendAudit(
      db,
      { actor, action: 'update', entity: 'session', entityId: current.id, caseId: current.caseId, fields },
      now,
    )
  return next
}

export async function listSessions(db: MediationDb, caseId: UUID): Promise<SessionRecord[]> {
  try {
    const doc = await db.caseDocs.get(caseId)
    return doc ? sessionsOf(doc) : []
  } catch (error) {
    throw toStorageError(error)
  }
}

/** A file to keep with a case: its bytes, so that the type checked is the type of what is stored. */
export interface NewAttachment {
  name: string
  /** the type the file declares (from its name); must agree with its bytes */
  type: string
  bytes: Uint8Array<ArrayBuffer>
}

export async function addAttachment(
  db: MediationDb,
  caseId: UUID,
  kind: AttachmentKind,
  file: NewAttachment,
  actor: string,
  now = new Date(),
): Promise<Attachment> {
  const problem = attachmentProblem({ name: file.name, type: file.type, size: file.bytes.length }, file.bytes)
  const mime = sniffAttachmentType(file.bytes)
  if (problem || !mime) throw new StorageError('constraint', problem ?? `“${file.name}”的格式不支持`)
  // The Blob carries the type its bytes show, so a viewer never trusts a declared one.
  const data = blobOfBytes(file.bytes, mime)
  const record: Attachment = stamped({ caseId, kind, name: file.name.slice(0, 200), mime, size: data.size, data }, now)
  try {
    return await db.transaction('rw', [db.caseDocs, db.attachments, db.audit], async () => {
      await assertWritable(db, caseId)
      await db.attachments.add(record)
      await appendAudit(
        db,
        { actor, action: 'create', entity: 'attachment', entityId: record.id, caseId, fields: ['kind', 'name'] },
        now,
      )
      return record
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

export async function removeAttachment(db: MediationDb, id: UUID, actor: string, now = new Date()): Promise<void> {
  try {
    await db.transaction('rw', [db.caseDocs, db.attachments, db.audit], async () => {
      const a = await db.attachments.get(id)
      if (!a) return
      await assertWritable(db, a.caseId)
      await db.attachments.delete(id)
      await appendAudit(
        db,
        { actor, action: 'delete', entity: 'attachment', entityId: id, caseId: a.caseId, fields: ['kind', 'name'] },
        now,
      )
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

export async function listAttachments(db: MediationDb, caseId: UUID): Promise<Attachment[]> {
  try {
    return await db.attachments.where('caseId').equals(caseId).sortBy('createdAt')
  } catch (error) {
    throw toStorageError(error)
  }
}

/** How many files of this kind the case has (e.g. signed scans), without reading them. */
export async function countAttachments(db: MediationDb, caseId: UUID, kind: AttachmentKind): Promise<number> {
  try {
    return await db.attachments
      .where('caseId')
      .equals(caseId)
      .filter((a) => a.kind === kind)
      .count()
  } catch (error) {
    throw toStorageError(error)
  }
}

export async function addFollowUp(
  db: MediationDb,
  visit: Omit<FollowUp, 'id' | 'createdAt' | 'updatedAt'>,
  actor: string,
  now = new Date(),
): Promise<FollowUp> {
  const record: FollowUp = stamped(plainCopy(visit), now)
  try {
    return await db.transaction('rw', [db.caseDocs, db.followUps, db.audit], async () => {
      await assertWritable(db, record.caseId)
      await db.followUps.add(record)
      await appendAudit(
        db,
        {
          actor,
          action: 'create',
          entity: 'followUp',
          entityId: record.id,
          caseId: record.caseId,
          fields: Object.keys(visit).sort(),
        },
        now,
      )
      return record
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

export async function listFollowUps(db: MediationDb, caseId: UUID): Promise<FollowUp[]> {
  try {
    return await db.followUps.where('caseId').equals(caseId).sortBy('visitedOn')
  } catch (error) {
    throw toStorageError(error)
  }
}

export async function addReferral(
  db: MediationDb,
  referral: ReferralInput & Pick<Referral, 'caseId'>,
  actor: string,
  now = new Date(),
): Promise<Referral> {
  const problem = referralInputProblem(referral)
  if (problem) throw new StorageError('constraint', problem)
  const record: Referral = stamped(newReferral(plainCopy(referral), now.toISOString()), now)
  try {
    return await db.transaction('rw', [db.caseDocs, db.referrals, db.audit], async () => {
      await assertWritable(db, record.caseId)
      await db.referrals.add(record)
      await appendAudit(
        db,
        {
          actor,
          action: 'create',
          entity: 'referral',
          entityId: record.id,
          caseId: record.caseId,
          fields: [...(record.helperId ? ['helperId'] : []), 'department', 'dueOn', 'matter', 'scope'].sort(),
        },
        now,
      )
      return record
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

export async function updateReferralStatus(
  db: MediationDb,
  id: UUID,
  status: ReferralStatus,
  note: string,
  actor: string,
  now = new Date(),
): Promise<Referral> {
  try {
    return await db.transaction('rw', [db.caseDocs, db.referrals, db.audit], async () => {
      const current = await db.referrals.get(id)
      if (!current) throw new StorageError('constraint', '转办记录不存在。')
      await assertWritable(db, current.caseId)
      const problem = referralStatusProblem(current.status, status, note)
      if (problem) throw new StorageError('constraint', problem)
      const next = referralMovedTo(current, status, note, now.toISOString())
      await db.referrals.put(next)
      await appendAudit(
        db,
        {
          actor,
          action: 'update',
          entity: 'referral',
          entityId: id,
          caseId: current.caseId,
          fields: ['history', 'status'],
        },
        now,
      )
      return next
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

export async function listReferrals(db: MediationDb, caseId?: UUID): Promise<Referral[]> {
  try {
    return caseId
      ? await db.referrals.where('caseId').equals(caseId).sortBy('createdAt')
      : await db.referrals.orderBy('dueOn').toArray()
  } catch (error) {
    throw toStorageError(error)
  }
}

/** A case as its page shows it: the case, its parties and everything recorded in it. */
export interface OpenCase {
  case: CaseRecord
  parties: Party[]
  sessions: SessionRecord[]
  attachments: Attachment[]
  followUps: FollowUp[]
  referrals: Referral[]
}

/** Reads a case and its records for its page; undefined when there is no such case. */
export async function readOpenCase(db: MediationDb, caseId: UUID): Promise<OpenCase | undefined> {
  const [doc, attachments, followUps, referrals] = await Promise.all([
    Promise.resolve(db.caseDocs.get(caseId)).catch((error: unknown) => {
      throw toStorageError(error)
    }),
    listAttachments(db, caseId),
    listFollowUps(db, caseId),
    listReferrals(db, caseId),
  ])
  if (!doc) return undefined
  return { case: caseOf(doc), parties: partiesOf(doc), sessions: sessionsOf(doc), attachments, followUps, referrals }
}
