/**
 * 矛盾纠纷排查 rounds (`screenings`, sealed at rest: only the id and the date stay in clear). Every write
 * runs in one transaction with its audit entry, as case writes do: it completes whole or not at all.
 */
import type { CaseRecord, ScreeningRound, UUID } from '../domain/types'
import type { ScreeningFields } from '../domain/screening'
import { SCREENING_SOURCE } from '../domain/screening'
import type { MediationDb } from './schema'
import { appendAudit } from './audit'
import { caseDigests } from './caseIndex'
import { caseOf } from './caseDocs'
import { StorageError, toStorageError } from './errors'
import { changedFields, stamped } from './records'
import { plainCopy } from './plain'

/** Every round, in no particular order (the domain sorts and filters). */
export async function listScreenings(db: MediationDb): Promise<ScreeningRound[]> {
  try {
    return await db.screenings.toArray()
  } catch (error) {
    throw toStorageError(error)
  }
}

/** Records a new round (fields checked by validateScreening). */
export async function createScreening(
  db: MediationDb,
  fields: ScreeningFields,
  actor: string,
  now = new Date(),
): Promise<ScreeningRound> {
  const record: ScreeningRound = stamped(plainCopy(fields), now)
  try {
    return await db.transaction('rw', [db.screenings, db.audit], async () => {
      await db.screenings.add(record)
      await appendAudit(
        db,
        {
          actor,
          action: 'create',
          entity: 'screening',
          entityId: record.id,
          fields: Object.keys(fields).sort(),
        },
        now,
      )
      return record
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

/** Changes a round; only what changed is written and audited (field names, never values). */
export async function updateScreening(
  db: MediationDb,
  id: UUID,
  fields: ScreeningFields,
  actor: string,
  now = new Date(),
): Promise<ScreeningRound> {
  const data = plainCopy(fields)
  try {
    return await db.transaction('rw', [db.screenings, db.audit], async () => {
      const current = await db.screenings.get(id)
      if (!current) throw new StorageError('constraint', '要修改的排查记录不存在，可能已被删除。')
      const next: ScreeningRound = { ...current, ...data, id, updatedAt: now.toISOString() }
      const changed = changedFields(current, next)
      if (changed.length === 0) return current
      await db.screenings.put(next)
      await appendAudit(db, { actor, action: 'update', entity: 'screening', entityId: id, fields: changed }, now)
      return next
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

/** A case as the 排查 page lists it under its round. */
export type ScreeningCase = Pick<CaseRecord, 'id' | 'caseNo' | 'title' | 'status' | 'receivedOn' | 'screeningId'>

/**
 * The cases that name a round. Only 主动排查 cases can: the in-memory digests find those, and only
 * their documents are read (not every case).
 */
export async function screeningCases(db: MediationDb): Promise<ScreeningCase[]> {
  try {
    const ids = (await caseDigests(db)).filter((d) => d.source === SCREENING_SOURCE).map((d) => d.id)
    if (ids.length === 0) return []
    const docs = await db.caseDocs.bulkGet(ids)
    const out: ScreeningCase[] = []
    for (const doc of docs) {
      if (!doc?.screeningId) continue
      const c = caseOf(doc)
      out.push({
        id: c.id,
        title: c.title,
        status: c.status,
        receivedOn: c.receivedOn,
        screeningId: c.screeningId,
        ...(c.caseNo === undefined ? {} : { caseNo: c.caseNo }),
      })
    }
    return out
  } catch (error) {
    throw toStorageError(error)
  }
}
