/**
 * The reception log (`visits`, sealed at rest: only the id and the time stay in clear). Every write runs in
 * one transaction with its audit entry (field names, never values), as case writes do.
 */
import type { ReferralStatus, UUID, Visit } from '../domain/types'
import type { VisitFields } from '../domain/visits'
import {
  caseLinkProblem,
  newVisitReferral,
  visitAfterEdit,
  visitEditProblem,
  visitReferralMovedTo,
  visitReferralStatusProblem,
} from '../domain/visits'
import type { MediationDb } from './schema'
import { appendAudit } from './audit'
import { StorageError, toStorageError } from './errors'
import { changedFields, stamped } from './records'
import { plainCopy } from './plain'

/** Every visit, in no particular order (the domain sorts and filters). */
export async function listVisits(db: MediationDb): Promise<Visit[]> {
  try {
    return await db.visits.toArray()
  } catch (error) {
    throw toStorageError(error)
  }
}

/** Records a new visit (fields checked by validateVisit); a 转办部门 visit opens its referral now. */
export async function createVisit(
  db: MediationDb,
  fields: VisitFields,
  actor: string,
  now = new Date(),
): Promise<Visit> {
  const { referral, ...own } = plainCopy(fields)
  const record: Visit = stamped(
    { ...own, ...(referral ? { referral: newVisitReferral(referral, now.toISOString()) } : {}) },
    now,
  )
  try {
    return await db.transaction('rw', [db.visits, db.audit], async () => {
      await db.visits.add(record)
      await appendAudit(
        db,
        { actor, action: 'create', entity: 'visit', entityId: record.id, fields: Object.keys(fields).sort() },
        now,
      )
      return record
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

async function mustGet(db: MediationDb, id: UUID): Promise<Visit> {
  const current = await db.visits.get(id)
  if (!current) throw new StorageError('constraint', '要修改的接待记录不存在，可能已被删除。')
  return current
}

async function write(db: MediationDb, current: Visit, next: Visit, actor: string, now: Date): Promise<Visit> {
  const fields = changedFields(current, next).filter((f) => f !== 'updatedAt')
  if (fields.length === 0) return current
  await db.visits.put(next)
  await appendAudit(db, { actor, action: 'update', entity: 'visit', entityId: next.id, fields }, now)
  return next
}

/**
 * Corrects a stored visit (fields checked by validateVisit): a typo, the route while the rules allow it
 * (src/domain/visits.ts, visitEditProblem). The audit entry names the fields that changed.
 */
export async function updateVisit(
  db: MediationDb,
  visitId: UUID,
  fields: VisitFields,
  actor: string,
  now = new Date(),
): Promise<Visit> {
  const data = plainCopy(fields)
  try {
    return await db.transaction('rw', [db.visits, db.audit], async () => {
      const current = await mustGet(db, visitId)
      const problem = visitEditProblem(current, data)
      if (problem !== undefined) throw new StorageError('constraint', problem)
      return write(db, current, visitAfterEdit(current, data, now.toISOString()), actor, now)
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

/** What the desk shows of the cases visits became: the case number once accepted, else the title. */
export interface VisitCaseHeading {
  id: UUID
  caseNo?: string
  title: string
}

/** The number and title of each of these cases that is stored (a case deleted since is left out). */
export async function visitCaseHeadings(db: MediationDb, caseIds: readonly UUID[]): Promise<VisitCaseHeading[]> {
  if (caseIds.length === 0) return []
  try {
    const docs = await db.caseDocs.bulkGet([...caseIds])
    return docs.flatMap((d) =>
      d ? [{ id: d.id, title: d.title, ...(d.caseNo !== undefined ? { caseNo: d.caseNo } : {}) }] : [],
    )
  } catch (error) {
    throw toStorageError(error)
  }
}

/** The case registered from a 登记为调解案件 visit: the visit names it from now on. */
export async function linkVisitCase(
  db: MediationDb,
  visitId: UUID,
  caseId: UUID,
  actor: string,
  now = new Date(),
): Promise<Visit> {
  try {
    return await db.transaction('rw', [db.visits, db.audit], async () => {
      const current = await mustGet(db, visitId)
      const problem = caseLinkProblem(current, caseId)
      if (problem !== undefined) throw new StorageError('constraint', problem)
      return write(db, current, { ...current, caseId, updatedAt: now.toISOString() }, actor, now)
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

/** Moves a visit's referral to `next` (the case referrals' rules, src/domain/referrals.ts). */
export async function moveVisitReferral(
  db: MediationDb,
  visitId: UUID,
  next: ReferralStatus,
  note: string,
  actor: string,
  now = new Date(),
): Promise<Visit> {
  try {
    return await db.transaction('rw', [db.visits, db.audit], async () => {
      const current = await mustGet(db, visitId)
      const problem = visitReferralStatusProblem(current, next, note)
      if (problem !== undefined) throw new StorageError('constraint', problem)
      const at = now.toISOString()
      const referral = visitReferralMovedTo(current.referral!, next, note, at)
      return write(db, current, { ...current, referral, updatedAt: at }, actor, now)
    })
  } catch (error) {
    throw toStorageError(error)
  }
}
