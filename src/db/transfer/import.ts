/**
 * Merging a transfer file into the database by UUID: new records are added, identical ones skipped,
 * a record that differs is kept in both versions (local in its table, incoming as a conflict for a
 * person to settle). Everything is validated before the one read-write transaction; all or nothing;
 * importing the same file twice changes nothing.
 */
import { sha256Hex } from '../../domain/audit'
import { canonicalJson } from '../../domain/canonical'
import type { Attachment, ImportConflict, UUID } from '../../domain/types'
import { appendAudit } from '../audit'
import { addCaseDocs, caseOf, putCaseDoc } from '../caseDocs'
import { type CaseDoc, type NewCaseDoc } from '../records'
import { withPartySummary } from '../../domain/intake'
import type { MediationDb } from '../schema'
import { decodeAttachmentRow } from './attachmentBytes'
import { groupByCase } from './caseRows'
import { TransferError } from '../../domain/transferError'
import { withCurrentDerivedKeys } from './derived'
import { attachmentsToRows } from './export'
import {
  MERGED_TABLES,
  TABLE_NAMES_ZH,
  isCaseRowTable,
  type CaseRowTable,
  type MergedTable,
} from '../../domain/transferTables'
import { type TransferFile } from './format'
import { readTransferFile, type ReadOptions, type TransferInput } from './read'
import type { TransferRow } from './recordSchemas'
import { failureText } from '../../domain/failureText'

type MergedRow = TransferRow<MergedTable>

/** The merged tables that are Dexie tables of the same name. */
const PLAIN_TABLES = MERGED_TABLES.filter((t) => !isCaseRowTable(t))

export interface TableMergeCounts {
  new: number
  identical: number
  conflicting: number
}

export interface ImportPreview {
  scope: TransferFile['scope']
  masked: boolean
  createdAt: string
  appVersion: string
  tables: Record<MergedTable, TableMergeCounts>
  countersRaised: number
  totals: TableMergeCounts
}

export interface ImportResult extends ImportPreview {
  /** false when the file brought nothing new (e.g. imported before) */
  changed: boolean
  /** every conflict this file causes, including ones recorded by an earlier import */
  conflicts: ImportConflict[]
}

interface Plan {
  counts: Record<MergedTable, TableMergeCounts>
  additions: { table: MergedTable; row: MergedRow }[]
  conflicts: ImportConflict[]
  counterRaises: { key: string; value: number }[]
  /** the stored documents of every case the file names, read in the plan's transaction */
  localDocs: Map<UUID, CaseDoc>
}

function rowHash(row: unknown): string {
  return sha256Hex(canonicalJson(row))
}

/** Incoming attachments' bytes, decoded and checked (attachmentBytes.ts): one bad attachment refuses the whole file. */
function decodeAttachments(file: TransferFile): Map<string, Blob> {
  return new Map(file.tables.attachments.map((row) => [row.id, decodeAttachmentRow(row)]))
}

/** Local attachments that the file also has, with their bytes as base64; read before any transaction. */
async function localAttachmentRows(
  db: MediationDb,
  file: TransferFile,
): Promise<Map<string, TransferRow<'attachments'>>> {
  const local = (await db.attachments.bulkGet(file.tables.attachments.map((a) => a.id))).filter(
    (a): a is Attachment => a !== undefined,
  )
  return new Map((await attachmentsToRows(local)).map((row) => [row.id, row]))
}

function emptyCounts(): Record<MergedTable, TableMergeCounts> {
  return Object.fromEntries(MERGED_TABLES.map((t) => [t, { new: 0, identical: 0, conflicting: 0 }])) as Record<
    MergedTable,
    TableMergeCounts
  >
}

/**
 * Decides what each incoming row is. Runs inside a Dexie transaction: only Dexie awaits in here.
 * An attachment's local bytes come from `preRead`; if the row changed since, it is a conflict (safe).
 */
async function plan(
  db: MediationDb,
  file: TransferFile,
  preRead: Map<string, TransferRow<'attachments'>>,
  now: Date,
): Promise<Plan> {
  const localDocs = await readLocalDocs(db, file)
  const result: Plan = { counts: emptyCounts(), additions: [], conflicts: [], counterRaises: [], localDocs }
  for (const table of MERGED_TABLES) {
    const incoming: readonly MergedRow[] = file.tables[table]
    if (incoming.length === 0) continue
    const locals: readonly unknown[] = isCaseRowTable(table)
      ? incoming.map((row) => localCaseRow(localDocs, table, row))
      : await db.table(table).bulkGet(incoming.map((row) => row.id))
    incoming.forEach((row, index) => {
      const local: unknown = locals[index]
      if (local === undefined) {
        result.counts[table].new++
        result.additions.push({ table, row })
        return
      }
      const comparable = table === 'attachments' ? attachmentComparable(local as Attachment, preRead) : local
      const incomingHash = rowHash(row)
      const localHash = comparable === undefined ? 'changed-during-import' : rowHash(comparable)
      if (incomingHash === localHash) {
        result.counts[table].identical++
        return
      }
      result.counts[table].conflicting++
      result.conflicts.push({
        id: `${table}:${row.id}:${incomingHash}`,
        table,
        recordId: row.id,
        ...conflictCaseId(table, row),
        incoming: row,
        incomingHash,
        localHash,
        sourceCreatedAt: file.createdAt,
        detectedAt: now.toISOString(),
      })
    })
  }
  if (file.tables.counters.length > 0) {
    const locals = await db.counters.bulkGet(file.tables.counters.map((c) => c.key))
    file.tables.counters.forEach((counter, index) => {
      if ((locals[index]?.value ?? -1) < counter.value) result.counterRaises.push(counter)
    })
  }
  assertEveryRowHasItsCase(file, result)
  return result
}

/** The stored documents of the cases the file's cases, parties and sessions belong to. */
async function readLocalDocs(db: MediationDb, file: TransferFile): Promise<Map<UUID, CaseDoc>> {
  const { cases, parties, sessions } = file.tables
  const ids = [
    ...new Set([...cases.map((c) => c.id), ...parties.map((p) => p.caseId), ...sessions.map((s) => s.caseId)]),
  ]
  if (ids.length === 0) return new Map()
  const docs = await db.caseDocs.bulkGet(ids)
  return new Map(docs.filter((d): d is CaseDoc => d !== undefined).map((d) => [d.id, d]))
}

/**
 * The local version of an incoming case, party or session, as a row of the file. A party or session is
 * looked up in the case it names: the app never moves one to another case.
 */
function localCaseRow(docs: Map<UUID, CaseDoc>, table: CaseRowTable, row: MergedRow): unknown {
  if (table === 'cases') {
    const doc = docs.get(row.id)
    return doc && caseOf(doc)
  }
  const caseId = (row as TransferRow<'parties' | 'sessions'>).caseId
  const rows: readonly { id: string }[] = docs.get(caseId)?.[table] ?? []
  return rows.find((r) => r.id === row.id)
}

/** A new party or session needs its case, stored here or coming in the same file; otherwise nothing is imported. */
function assertEveryRowHasItsCase(file: TransferFile, p: Plan): void {
  const known = new Set([...p.localDocs.keys(), ...file.tables.cases.map((c) => c.id)])
  for (const { table, row } of p.additions) {
    if (table !== 'parties' && table !== 'sessions') continue
    const caseId = (row as TransferRow<'parties' | 'sessions'>).caseId
    if (!known.has(caseId)) {
      throw new TransferError(
        'invalid-record',
        `${TABLE_NAMES_ZH[table]}（编号 ${row.id}）所属的案件既不在文件中，也不在本机，无法导入`,
      )
    }
  }
}

/**
 * Writes the new cases, parties and sessions: a new case becomes a document with its incoming parties
 * and sessions; a new party or session of a case stored here joins that case's document (its party
 * summary derived again).
 */
async function addCaseRows(db: MediationDb, p: Plan): Promise<void> {
  const rowsOf = <T extends CaseRowTable>(table: T) =>
    p.additions.filter((a) => a.table === table).map((a) => a.row as TransferRow<T>)
  const parties = groupByCase(rowsOf('parties'))
  const sessions = groupByCase(rowsOf('sessions'))
  const newCases = rowsOf('cases')
  const fresh = newCases.map((c): NewCaseDoc => ({
    ...c,
    parties: parties.get(c.id) ?? [],
    sessions: sessions.get(c.id) ?? [],
  }))
  await addCaseDocs(db, fresh)
  const added = new Set(newCases.map((c) => c.id))
  for (const caseId of new Set([...parties.keys(), ...sessions.keys()])) {
    const doc = p.localDocs.get(caseId)
    if (added.has(caseId) || !doc) continue
    const nextParties = [...doc.parties, ...(parties.get(caseId) ?? [])]
    await putCaseDoc(
      db,
      withPartySummary(
        { ...doc, parties: nextParties, sessions: [...doc.sessions, ...(sessions.get(caseId) ?? [])] },
        nextParties,
      ),
    )
  }
}

function attachmentComparable(
  local: Attachment,
  preRead: Map<string, TransferRow<'attachments'>>,
): TransferRow<'attachments'> | undefined {
  const row = preRead.get(local.id)
  return row && row.updatedAt === local.updatedAt ? row : undefined
}

function conflictCaseId(table: MergedTable, row: MergedRow): { caseId?: string } {
  if (table === 'cases') return { caseId: row.id }
  return 'caseId' in row && typeof row.caseId === 'string' ? { caseId: row.caseId } : {}
}

function summarize(file: TransferFile, p: Plan): ImportPreview {
  const totals = { new: 0, identical: 0, conflicting: 0 }
  for (const counts of Object.values(p.counts)) {
    totals.new += counts.new
    totals.identical += counts.identical
    totals.conflicting += counts.conflicting
  }
  return {
    scope: file.scope,
    masked: file.masked,
    createdAt: file.createdAt,
    appVersion: file.appVersion,
    tables: p.counts,
    countersRaised: p.counterRaises.length,
    totals,
  }
}

const MERGE_STORES = [...PLAIN_TABLES, 'caseDocs', 'caseIndex', 'counters', 'conflicts', 'audit'] as const

/** What importing would change, without writing anything. */
export async function previewImport(
  db: MediationDb,
  input: TransferInput | TransferFile,
  options: ReadOptions = {},
): Promise<ImportPreview> {
  const file = await resolveFile(input, options)
  decodeAttachments(file)
  const preRead = await localAttachmentRows(db, file)
  const p = await db.transaction('r', [...PLAIN_TABLES, 'caseDocs', 'counters'], () =>
    plan(db, file, preRead, new Date()),
  )
  return summarize(file, p)
}

export interface ImportOptions extends ReadOptions {
  actor?: string
  now?: Date
}

/** Validates everything, then merges in one transaction. Throws TransferError and writes nothing on bad input. */
export async function importFile(
  db: MediationDb,
  input: TransferInput | TransferFile,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const file = await resolveFile(input, options)
  const blobs = decodeAttachments(file)
  const preRead = await localAttachmentRows(db, file)
  const now = options.now ?? new Date()
  try {
    return await db.transaction('rw', [...MERGE_STORES], async () => {
      const p = await plan(db, file, preRead, now)
      for (const table of MERGED_TABLES) {
        if (table === 'cases') await addCaseRows(db, p)
        if (isCaseRowTable(table)) continue
        const rows = p.additions.filter((a) => a.table === table).map((a) => a.row)
        if (rows.length === 0) continue
        const stored =
          table === 'attachments'
            ? rows.map((row) => toStoredAttachment(row as TransferRow<'attachments'>, blobs))
            : rows
        await db.table(table).bulkAdd(stored)
      }
      const known = new Set(
        (await db.conflicts.bulkGet(p.conflicts.map((c) => c.id))).filter((c) => c !== undefined).map((c) => c.id),
      )
      const fresh = p.conflicts.filter((c) => !known.has(c.id))
      if (fresh.length > 0) await db.conflicts.bulkAdd(fresh)
      if (p.counterRaises.length > 0) await db.counters.bulkPut(p.counterRaises)
      const changed = p.additions.length > 0 || fresh.length > 0 || p.counterRaises.length > 0
      if (changed) {
        await appendAudit(
          db,
          {
            actor: options.actor ?? 'system',
            action: 'import',
            entity: 'transfer',
            entityId: crypto.randomUUID(),
            fields: MERGED_TABLES.filter((t) => p.counts[t].new > 0),
          },
          now,
        )
      }
      return { ...summarize(file, p), changed, conflicts: p.conflicts }
    })
  } catch (error) {
    if (error instanceof TransferError) throw error
    throw new TransferError('write-failed', `导入失败，数据库未作任何改动：${failureText(error)}`)
  }
}

function toStoredAttachment(row: TransferRow<'attachments'>, blobs: Map<string, Blob>): Attachment {
  const { dataBase64: _bytes, ...meta } = row
  const data = blobs.get(row.id)
  if (!data) throw new Error(`attachment ${row.id} was not decoded`)
  return { ...meta, data }
}

async function resolveFile(input: TransferInput | TransferFile, options: ReadOptions): Promise<TransferFile> {
  if (typeof input === 'object' && !(input instanceof Blob) && !(input instanceof Uint8Array))
    return withCurrentDerivedKeys(input)
  return withCurrentDerivedKeys(await readTransferFile(input, options))
}
