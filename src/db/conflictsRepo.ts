/**
 * Import conflicts waiting for a person (src/db/transfer/import.ts records them): reading them with
 * both versions side by side, and settling one. Settling writes the chosen version (derived case keys
 * recomputed), deletes the conflict and appends its audit entry in one transaction: all or nothing.
 */
import { sha256Hex } from '../domain/audit'
import { canonicalJson } from '../domain/canonical'
import {
  compareVersions,
  differingFields,
  incomingBlocker,
  SETTLE_AUDIT_ACTIONS,
  SETTLE_REFUSALS,
  withLocalNumbers,
  type FieldDifference,
  type SettleChoice,
} from '../domain/conflicts'
import { isReadOnly } from '../domain/lifecycle'
import type { Attachment, CaseRecord, ImportConflict, Party, SessionRecord, UUID } from '../domain/types'
import { appendAudit } from './audit'
import { blobOfBytes } from './blobBytes'
import { addCaseDocs, caseOf, putCaseDoc, withRecord } from './caseDocs'
import { type CaseDoc } from './records'
import { withPartySummary } from '../domain/intake'
import { StorageError, toStorageError } from './errors'
import type { MediationDb } from './schema'
import { base64ToBytes } from './transfer/base64'
import { MERGED_TABLES, type MergedTable } from '../domain/transferTables'
import { FILE_RECORD_SCHEMAS, withoutLegacyCaseKeys } from './transfer/recordSchemas'
import { compareOrdinal } from '../domain/text'

/** The audit log's word for a record of each table (src/domain/labels.ts words them). */
const AUDIT_ENTITY: Record<MergedTable, string> = {
  committees: 'committee',
  rooms: 'room',
  mediators: 'mediator',
  cases: 'case',
  parties: 'party',
  sessions: 'session',
  agreements: 'agreement',
  signatures: 'signature',
  followUps: 'followUp',
  referrals: 'referral',
  attachments: 'attachment',
}

const { gone: CONFLICT_GONE, localChanged: LOCAL_CHANGED, archived: CASE_ARCHIVED } = SETTLE_REFUSALS

export interface OpenConflict {
  conflict: ImportConflict
  /** the owning case's id, number and title, when the record belongs to a case */
  caseId?: UUID
  caseLabel: string
  /** the owning case is archived: settling is refused until it is reopened */
  caseReadOnly: boolean
  /** the local record's version when read; settling refuses if it changed since */
  localVersion: string
  differences: FieldDifference[]
  /** why 采用导入 is not possible (a masked number would replace a full one), in Chinese */
  incomingBlocked?: string
}

function isMergedTable(table: string): table is MergedTable {
  return (MERGED_TABLES as readonly string[]).includes(table)
}

/** A fingerprint of the local record (attachments without their bytes: size and SHA-256 stand for them). */
export function recordVersion(row: unknown): string {
  if (row === undefined) return 'absent'
  const { data: _bytes, ...rest } = row as Record<string, unknown>
  return sha256Hex(canonicalJson(rest))
}

/** How a conflict names its case: number (or 未受理) and title. */
export function caseLabel(c: CaseRecord | undefined): string {
  return c ? `${c.caseNo ?? '未受理'} ${c.title}` : '—'
}

async function docsById(db: MediationDb, ids: readonly UUID[]): Promise<Map<UUID, CaseDoc>> {
  const docs = await db.caseDocs.bulkGet([...ids])
  return new Map(docs.filter((d): d is CaseDoc => d !== undefined).map((d) => [d.id, d]))
}

/** The case a party or session conflict is about: recorded with the conflict, or named by the incoming row. */
function conflictCaseId(conflict: ImportConflict): UUID | undefined {
  const incoming = conflict.incoming as { caseId?: unknown } | null
  return conflict.caseId ?? (typeof incoming?.caseId === 'string' ? incoming.caseId : undefined)
}

/**
 * The local version of the conflicting record, as a row of a transfer file. Cases, parties and sessions
 * are read from the case's document (a party or session never moves to another case).
 */
async function localRecord(db: MediationDb, table: MergedTable, conflict: ImportConflict): Promise<unknown> {
  if (table === 'cases') {
    const doc = await db.caseDocs.get(conflict.recordId)
    return doc && caseOf(doc)
  }
  if (table === 'parties' || table === 'sessions') {
    const caseId = conflictCaseId(conflict)
    const doc = caseId === undefined ? undefined : await db.caseDocs.get(caseId)
    const rows: readonly { id: string }[] = doc?.[table] ?? []
    return rows.find((r) => r.id === conflict.recordId)
  }
  return db.table(table).get(conflict.recordId)
}

/** The case a record belongs to: its own id for a case, through the agreement for a signature. */
async function owningCaseIds(db: MediationDb, table: MergedTable, rows: readonly unknown[]): Promise<UUID[]> {
  const ids = new Set<UUID>()
  for (const row of rows) {
    if (typeof row !== 'object' || row === null) continue
    const r = row as { id?: unknown; caseId?: unknown; agreementId?: unknown }
    if (table === 'cases' && typeof r.id === 'string') ids.add(r.id)
    else if (typeof r.caseId === 'string') ids.add(r.caseId)
    else if (table === 'signatures' && typeof r.agreementId === 'string') {
      const agreement = await db.agreements.get(r.agreementId)
      if (agreement) ids.add(agreement.caseId)
    }
  }
  return [...ids]
}

/** Names for the ids a comparison may show: mediators, rooms, committees, parties of the cases involved. */
export async function nameDirectory(db: MediationDb, caseIds: readonly UUID[]): Promise<Map<string, string>> {
  const names = new Map<string, string>()
  for (const m of await db.mediators.toArray()) names.set(m.id, m.name)
  for (const r of await db.rooms.toArray()) names.set(r.id, r.name)
  for (const c of await db.committees.toArray()) names.set(c.id, c.shortName)
  for (const doc of (await docsById(db, caseIds)).values()) {
    for (const p of doc.parties) names.set(p.id, p.name)
    names.set(doc.id, caseLabel(doc))
  }
  return names
}

/** Conflicts not yet settled, oldest first, each with its comparison (masked) and owning case. */
export async function listOpenConflicts(db: MediationDb): Promise<OpenConflict[]> {
  try {
    return await db.transaction('r', db.tables, async () => {
      const open = (await db.conflicts.toArray())
        .filter((c) => c.resolvedAt === undefined)
        .sort((a, b) => compareOrdinal(a.detectedAt, b.detectedAt))
      const items: { conflict: ImportConflict; local: unknown; caseIds: UUID[] }[] = []
      for (const conflict of open) {
        const table = conflict.table
        const local: unknown = isMergedTable(table) ? await localRecord(db, table, conflict) : undefined
        const caseIds = isMergedTable(table) ? await owningCaseIds(db, table, [local, conflict.incoming]) : []
        items.push({ conflict, local, caseIds })
      }
      const names = await nameDirectory(db, [...new Set(items.flatMap((i) => i.caseIds))])
      const cases = await docsById(db, [...new Set(items.flatMap((i) => i.caseIds))])
      return items.map(({ conflict, local, caseIds }): OpenConflict => {
        const owner = caseIds.map((id) => cases.get(id)).find((c) => c !== undefined)
        const blocked = incomingBlocker(local, withLocalNumbers(local, conflict.incoming))
        return {
          ...(blocked ? { incomingBlocked: blocked } : {}),
          conflict,
          ...(owner ? { caseId: owner.id } : {}),
          caseLabel: caseLabel(owner),
          caseReadOnly: caseIds.some((id) => {
            const c = cases.get(id)
            return c !== undefined && isReadOnly(c.status)
          }),
          localVersion: recordVersion(local),
          differences: compareVersions(conflict.table, local, conflict.incoming, (id) => names.get(id)),
        }
      })
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

/** How many conflicts wait for a person, from imports and from sync (for the conflict list and the dashboard). */
export async function countOpenConflicts(db: MediationDb): Promise<number> {
  try {
    const imported = await db.conflicts.filter((c) => c.resolvedAt === undefined).count()
    return imported + (await db.syncConflicts.count())
  } catch (error) {
    throw toStorageError(error)
  }
}

/**
 * How many conflicts wait on one case (for its page): its sync conflict, and the unresolved import conflicts
 * its caseId index names (an import records the case of every row that has one). Read through the index:
 * the page counts again after each write to its case (an autosave too), so it opens only this case's rows.
 */
export async function countCaseConflicts(db: MediationDb, caseId: UUID): Promise<number> {
  try {
    return await db.transaction('r', [db.conflicts, db.syncConflicts], async () => {
      const imported = await db.conflicts
        .where('caseId')
        .equals(caseId)
        .filter((c) => c.resolvedAt === undefined)
        .count()
      return imported + (await db.syncConflicts.where('recordId').equals(caseId).count())
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

export interface SettleOptions {
  actor: string
  now?: Date
  /** the local version the person compared (OpenConflict.localVersion); refused if it changed since */
  seenLocalVersion?: string
}

export interface SettleResult {
  table: MergedTable
  recordId: UUID
  caseId?: UUID
  choice: SettleChoice
  /** names of the fields that differed (what the audit entry records) */
  fields: string[]
}

/**
 * Settles one conflict: 保留本机 keeps the local record as it is, 采用导入 writes the incoming one (numbers
 * a masked file hid stay as they are here). Either way the conflict is deleted and the choice logged,
 * in one transaction. Refused, changing nothing, when the conflict is gone or settled, when the local
 * record changed since it was compared, when its case is archived, or (采用导入) when a masked number
 * would replace a different full one.
 */
export async function settleConflict(
  db: MediationDb,
  conflictId: string,
  choice: SettleChoice,
  options: SettleOptions,
): Promise<SettleResult> {
  const now = options.now ?? new Date()
  try {
    return await db.transaction('rw', db.tables, async () => {
      const conflict = await db.conflicts.get(conflictId)
      if (!conflict || conflict.resolvedAt !== undefined || !isMergedTable(conflict.table))
        throw new StorageError('constraint', CONFLICT_GONE)
      const table = conflict.table
      const local: unknown = await localRecord(db, table, conflict)
      if (options.seenLocalVersion !== undefined && recordVersion(local) !== options.seenLocalVersion)
        throw new StorageError('constraint', LOCAL_CHANGED)
      const caseIds = await owningCaseIds(db, table, [local, conflict.incoming])
      const cases = await docsById(db, caseIds)
      if ([...cases.values()].some((c) => isReadOnly(c.status))) throw new StorageError('constraint', CASE_ARCHIVED)

      const chosen = withLocalNumbers(local, conflict.incoming)
      const fields = differingFields(local, chosen)
      if (choice === 'incoming') {
        const blocked = incomingBlocker(local, chosen)
        if (blocked) throw new StorageError('constraint', blocked)
        await writeIncoming(db, table, chosen)
      }
      await db.conflicts.delete(conflict.id)
      const caseId = table === 'cases' ? conflict.recordId : caseIds[0]
      await appendAudit(
        db,
        {
          actor: options.actor,
          action: SETTLE_AUDIT_ACTIONS[choice],
          entity: AUDIT_ENTITY[table],
          entityId: conflict.recordId,
          ...(caseId ? { caseId } : {}),
          fields,
        },
        now,
      )
      return { table, recordId: conflict.recordId, ...(caseId ? { caseId } : {}), choice, fields }
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

/**
 * Writes the incoming version. A case, party or session changes its case's document, whose party summary
 * is derived again from the parties stored here.
 */
async function writeIncoming(db: MediationDb, table: MergedTable, incoming: unknown): Promise<void> {
  // Conflicts recorded by an older version may carry the case search keys it kept: accepted, then dropped.
  const parsed = FILE_RECORD_SCHEMAS[table].safeParse(incoming)
  if (!parsed.success) throw new StorageError('constraint', '导入的版本不完整或已损坏，无法采用，没有作任何改动。')
  const row = parsed.data
  if (table === 'attachments') {
    const { dataBase64, ...meta } = row as { dataBase64: string } & Omit<Attachment, 'data'>
    await db.attachments.put({ ...meta, data: blobOfBytes(base64ToBytes(dataBase64), meta.mime) })
    return
  }
  if (table === 'cases') {
    await writeIncomingCase(db, withoutLegacyCaseKeys(row as CaseRecord))
    return
  }
  if (table === 'parties' || table === 'sessions') {
    await writeIncomingCaseRow(db, table, row as Party | SessionRecord)
    return
  }
  await db.table(table).put(row)
}

async function writeIncomingCase(db: MediationDb, record: CaseRecord): Promise<void> {
  const doc = await db.caseDocs.get(record.id)
  if (!doc) {
    await addCaseDocs(db, [{ ...withPartySummary(record, []), parties: [], sessions: [] }])
    return
  }
  await putCaseDoc(db, withPartySummary(withRecord(doc, record), doc.parties))
}

/** Replaces (or adds) the party or session in its case's document. */
async function writeIncomingCaseRow(
  db: MediationDb,
  table: 'parties' | 'sessions',
  row: Party | SessionRecord,
): Promise<void> {
  const doc = await db.caseDocs.get(row.caseId)
  if (!doc) throw new StorageError('constraint', '导入版本所属的案件在本机不存在，无法采用，没有作任何改动。')
  const replace = <T extends { id: string }>(rows: readonly T[], next: T): T[] =>
    rows.some((r) => r.id === next.id) ? rows.map((r) => (r.id === next.id ? next : r)) : [...rows, next]
  if (table === 'sessions') {
    await putCaseDoc(db, { ...doc, sessions: replace(doc.sessions, row as SessionRecord) })
    return
  }
  const parties = replace(doc.parties, row as Party)
  await putCaseDoc(db, withPartySummary({ ...doc, parties }, parties))
}
