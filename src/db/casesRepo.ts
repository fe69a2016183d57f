/**
 * Cases and their parties: intake, edits, lifecycle transitions. Each write runs in one transaction
 * with its audit entries, on the case's stored document (src/db/caseDocs.ts: the case with its parties
 * and sessions), and keeps the party summary in step with the parties.
 */
import type { CaseRecord, Committee, Party, UUID } from '../domain/types'
import type { IntakeInput } from '../domain/intake'
import type { PartyInput } from '../domain/parties'
import { withPartySummary } from '../domain/intake'
import { screeningLinkOf } from '../domain/screening'
import { ageReferenceDate, withMinorFlag } from '../domain/parties'
import { gridWorkerLinkOf } from '../domain/collaborators'
import { isReadOnly, READ_ONLY_CASE_MESSAGE, type ActionInputs, type CaseAction } from '../domain/lifecycle'
import { transition } from '../domain/transition'
import { counterKey, nextCaseNumber, renderCaseNumber } from '../domain/numbering'
import { PROVISIONAL_CASE_NO } from '../domain/syncNumbering'
import { readNumbering, takeSyncNumber } from './sync/numberingState'
import type { MediationDb } from './schema'
import { addCaseDocs, caseDocTables, caseOf, mustGetCaseDoc, putCaseDoc, withRecord } from './caseDocs'
import { type CaseDoc } from './records'
import { addingCaseDocs } from './caseDocsAhead'
import { appendAudit } from './audit'
import { transitionAuditAction } from '../domain/audit'
import { StorageError, toStorageError } from './errors'
import { changedFields, newId, stamped } from './records'
import { plainCopy } from './plain'

function partyRecord(p: PartyInput, caseId: UUID, order: number, now: Date, existing?: Party): Party {
  const { id: _id, ...fields } = p
  const base = existing ?? stamped({}, now)
  return { ...fields, id: base.id, caseId, order, createdAt: base.createdAt, updatedAt: now.toISOString() } as Party
}

/** Registers a new case (登记). Input must have passed validateIntake. */
export async function createCase(
  db: MediationDb,
  input: IntakeInput,
  committee: Committee,
  actor: string,
  now = new Date(),
): Promise<CaseRecord> {
  const data = plainCopy(input)
  const caseId = newId()
  const at = now.toISOString()
  const parties = data.parties.map((p, i) => partyRecord(p, caseId, i, now))
  const record = withPartySummary(
    {
      id: caseId,
      createdAt: at,
      updatedAt: at,
      committeeId: committee.id,
      roomId: data.roomId,
      status: 'intake',
      source: data.source,
      ...(data.sourceBody ? { sourceBody: data.sourceBody } : {}),
      ...(data.sourceRefNo ? { sourceRefNo: data.sourceRefNo } : {}),
      ...(data.oralApplication ? { oralApplication: true } : {}),
      ...withScreening(data.source, data.screeningId),
      ...(data.visitId ? { visitId: data.visitId } : {}),
      ...withGridWorker(data.source, data.gridWorkerId),
      category: data.category,
      title: data.title,
      facts: data.facts,
      requests: data.requests,
      amountFen: Math.round(data.amountYuan * 100),
      peopleCount: data.peopleCount,
      flags: data.flags,
      mediatorIds: data.mediatorIds,
      receivedOn: data.receivedOn,
      performance: [],
      partySummary: '',
    } satisfies CaseRecord,
    parties,
  )
  const docs = [{ ...record, parties, sessions: [] }]
  try {
    return await addingCaseDocs(db, docs, () =>
      db.transaction('rw', [...caseDocTables(db), db.audit], async () => {
        await addCaseDocs(db, docs)
        await appendAudit(
          db,
          { actor, action: 'create', entity: 'case', entityId: caseId, caseId, fields: ['intake'] },
          now,
        )
        for (const p of parties)
          await appendAudit(
            db,
            // a gender or birth date kept different from the 身份证 (更正) is named in the log
            {
              actor,
              action: 'create',
              entity: 'party',
              entityId: p.id,
              caseId,
              fields: p.correctedFromId ? ['role', 'name', 'correctedFromId', ...p.correctedFromId] : ['role', 'name'],
            },
            now,
          )
        return record
      }),
    )
  } catch (error) {
    throw toStorageError(error)
  }
}

async function mustGetWritable(db: MediationDb, caseId: UUID): Promise<CaseDoc> {
  const c = await mustGetCaseDoc(db, caseId)
  if (isReadOnly(c.status)) throw new StorageError('constraint', READ_ONLY_CASE_MESSAGE)
  return c
}

export type CaseEdit = Partial<
  Pick<
    CaseRecord,
    | 'category'
    | 'title'
    | 'facts'
    | 'requests'
    | 'amountFen'
    | 'peopleCount'
    | 'flags'
    | 'roomId'
    | 'mediatorIds'
    | 'recorderId'
    | 'source'
    | 'sourceBody'
    | 'sourceRefNo'
  >
> & {
  /** the round a 主动排查 case names; '' names none. Absent: unchanged (but dropped when the source changes) */
  screeningId?: UUID | ''
}

/** The screening link a case keeps: only a 主动排查 case names a round (src/domain/screening.ts). */
function withScreening(source: CaseRecord['source'], screeningId: string | undefined): Pick<CaseRecord, 'screeningId'> {
  const id = screeningLinkOf(source, screeningId)
  return id === undefined ? {} : { screeningId: id }
}

/** The grid worker link a case keeps: only a 网格员上报 case names one (src/domain/collaborators.ts). */
function withGridWorker(
  source: CaseRecord['source'],
  gridWorkerId: string | undefined,
): Pick<CaseRecord, 'gridWorkerId'> {
  const id = gridWorkerLinkOf(source, gridWorkerId)
  return id === undefined ? {} : { gridWorkerId: id }
}

/** Edits the case's own fields (not its status: that goes through `applyAction`). */
export async function updateCase(
  db: MediationDb,
  caseId: UUID,
  edit: CaseEdit,
  actor: string,
  now = new Date(),
): Promise<CaseRecord> {
  const data = plainCopy(edit)
  try {
    return await db.transaction('rw', [...caseDocTables(db), db.audit], async () => {
      const current = await mustGetWritable(db, caseId)
      const { screeningId, ...own } = data
      const merged = { ...current, ...own, updatedAt: now.toISOString() }
      delete merged.screeningId
      // a grid worker stays named only while the source is 网格员上报
      if (gridWorkerLinkOf(merged.source, merged.gridWorkerId) === undefined) delete merged.gridWorkerId
      const next = withPartySummary(
        { ...merged, ...withScreening(merged.source, screeningId ?? current.screeningId) },
        current.parties,
      )
      const fields = changedFields(caseOf(current), caseOf(next)).filter((f) => f !== 'partySummary')
      if (fields.length === 0) return caseOf(current)
      await putCaseDoc(db, next)
      await appendAudit(db, { actor, action: 'update', entity: 'case', entityId: caseId, caseId, fields }, now)
      return caseOf(next)
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

/** Replaces the parties of a case with the edited list (validated): added, changed and removed ones. */
export async function saveParties(
  db: MediationDb,
  caseId: UUID,
  list: PartyInput[],
  actor: string,
  now = new Date(),
): Promise<Party[]> {
  const data = plainCopy(list)
  try {
    return await db.transaction('rw', [...caseDocTables(db), db.audit], async () => {
      const current = await mustGetWritable(db, caseId)
      const before = current.parties
      const byId = new Map(before.map((p) => [p.id, p]))
      // A party left as it was keeps its record (and its updatedAt): an import compares it with other copies.
      const next = data.map((p, i) => {
        const old = p.id ? byId.get(p.id) : undefined
        const record = partyRecord(p, caseId, i, now, old)
        return old && changedFields(old, record).every((f) => f === 'updatedAt') ? old : record
      })
      const keep = new Set(next.map((p) => p.id))
      for (const old of before) {
        if (!keep.has(old.id)) {
          await appendAudit(
            db,
            { actor, action: 'delete', entity: 'party', entityId: old.id, caseId, fields: ['role', 'name'] },
            now,
          )
        }
      }
      for (const p of next) {
        const old = byId.get(p.id)
        const fields = old ? changedFields(old, p).filter((f) => f !== 'updatedAt') : ['role', 'name']
        if (old && fields.length === 0) continue
        await appendAudit(
          db,
          { actor, action: old ? 'update' : 'create', entity: 'party', entityId: p.id, caseId, fields },
          now,
        )
      }
      // a minor added or corrected now marks the case 涉及未成年人 (on the acceptance date)
      const flags = withMinorFlag(current.flags, next, ageReferenceDate(current))
      if (flags.length !== current.flags.length)
        await appendAudit(
          db,
          { actor, action: 'update', entity: 'case', entityId: caseId, caseId, fields: ['flags'] },
          now,
        )
      await putCaseDoc(db, withPartySummary({ ...current, flags, parties: next, updatedAt: now.toISOString() }, next))
      return next
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

/** What the user supplies for an action; the case number of 受理 is allocated here, not typed. */
export type ActionRequest<A extends CaseAction> = A extends 'accept'
  ? Omit<ActionInputs['accept'], 'caseNo'>
  : ActionInputs[A]

/**
 * Applies a lifecycle action (src/domain/lifecycle.ts). 受理 takes the next case number in the same
 * transaction, so two windows accepting at once get two numbers and a failed acceptance uses none: from the
 * committee's local counter, or, when this PC shares cases (src/db/sync/numberingStore.ts), from a block it
 * holds — none free, the case is accepted as 待编号 (no number yet) and the next sync numbers it.
 */
export async function applyAction<A extends CaseAction>(
  db: MediationDb,
  caseId: UUID,
  action: A,
  request: ActionRequest<A>,
  committee: Committee,
  actor: string,
  now = new Date(),
): Promise<CaseRecord> {
  const data = plainCopy(request)
  // settings (sync numbering's state) only for 受理: other actions run inside callers' transactions without it
  const numbering = action === 'accept' ? [db.counters, db.settings] : [db.counters]
  try {
    return await db.transaction('rw', [...caseDocTables(db), ...numbering, db.audit], async () => {
      const current = await mustGetCaseDoc(db, caseId)
      let input = data as ActionInputs[A]
      let provisional = false
      if (action === 'accept') {
        const accept = data as ActionRequest<'accept'>
        // written now; the transaction rolls back with it if the acceptance is refused below
        const caseNo = await acceptanceNumber(db, committee, caseId, Number(accept.acceptedOn.slice(0, 4)), now)
        provisional = caseNo === undefined
        // the lifecycle asks for a number: a 待编号 acceptance passes the placeholder, which is not stored
        input = { ...accept, caseNo: caseNo ?? PROVISIONAL_CASE_NO } as ActionInputs[A]
      }
      const result = transition(caseOf(current), action, input, now.toISOString())
      if (!result.ok) throw new StorageError('constraint', result.message)
      const { caseNo: _placeholder, ...unnumbered } = result.next
      const next = provisional ? unnumbered : result.next
      const changed = provisional ? result.changedFields.filter((f) => f !== 'caseNo') : result.changedFields
      const moved = withRecord(current, next)
      // ages count on the acceptance date: a party still 17 that day marks the case 涉及未成年人
      const flags = withMinorFlag(moved.flags, moved.parties, ageReferenceDate(moved))
      const flagged = flags.length !== moved.flags.length
      const saved = withPartySummary({ ...moved, flags }, current.parties)
      await putCaseDoc(db, saved)
      await appendAudit(
        db,
        {
          actor,
          action: transitionAuditAction(action),
          entity: 'case',
          entityId: caseId,
          caseId,
          fields: flagged ? [...changed, 'flags'] : changed,
        },
        now,
      )
      return caseOf(saved)
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

/**
 * The number an acceptance gets, written where it comes from (inside the acceptance's transaction): the
 * local counter's next, or, when this PC shares cases, a held block's next — undefined when none is free
 * (the case is 待编号 and waits in the numbering state).
 */
async function acceptanceNumber(
  db: MediationDb,
  committee: Committee,
  caseId: UUID,
  year: number,
  now: Date,
): Promise<string | undefined> {
  const shared = await readNumbering(db)
  if (shared) {
    const seq = await takeSyncNumber(db, shared, caseId, year, now)
    return seq === undefined
      ? undefined
      : renderCaseNumber(committee.caseNumberPattern, { year, shortName: committee.shortName, seq })
  }
  const key = counterKey(committee.id, year)
  const last = (await db.counters.get(key))?.value ?? 0
  const { caseNo, seq } = nextCaseNumber(committee.caseNumberPattern, committee.shortName, year, last)
  await db.counters.put({ key, value: seq })
  return caseNo
}

/** Records that someone revealed a masked number (who, when, which case and field; not the number). */
export async function logReveal(
  db: MediationDb,
  caseId: UUID,
  entity: 'party' | 'agent',
  entityId: UUID,
  field: 'idNumber' | 'phone',
  actor: string,
  now = new Date(),
): Promise<void> {
  try {
    await db.transaction('rw', [db.audit], () =>
      appendAudit(db, { actor, action: 'reveal', entity, entityId, caseId, fields: [field] }, now),
    )
  } catch (error) {
    throw toStorageError(error)
  }
}

/** Records that a document of a case was printed or saved. */
export async function logDocument(
  db: MediationDb,
  caseId: UUID,
  action: 'print' | 'export',
  document: string,
  actor: string,
  now = new Date(),
): Promise<void> {
  try {
    await db.transaction('rw', [db.audit], () =>
      appendAudit(db, { actor, action, entity: 'document', entityId: caseId, caseId, fields: [document] }, now),
    )
  } catch (error) {
    throw toStorageError(error)
  }
}
