/**
 * Merging a transfer file into the database by UUID: new records are added, identical ones skipped,
 * a record that differs is kept in both versions (local in its table, incoming as a conflict for a
 * person to settle). Everything is validated before the one read-write transaction; all or nothing;
 * importing the same file twice changes nothing.
 */
import { sha256Hex } from '../../domain/audit'
import { canonicalJson } from '../../domain/canonical'
import type { Attachment, ImportConflict } from '../../domain/types'
import { appendAudit } from '../audit'
import type { MediationDb } from '../schema'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { base64ToBytes } from './base64'
import { TransferError } from './errors'
import { withCurrentDerivedKeys } from './derived'
import { attachmentsToRows } from './export'
import type { TransferFile } from './format'
import { readTransferFile, type ReadOptions, type TransferInput } from './read'
import type { TransferRow, TransferTable } from './recordSchemas'

/**
 * Tables merged by id. The audit log, settings and conflicts belong to this machine and are only
 * replaced by a restore; counters are merged by taking the larger value so numbers are never reused.
 */
export const MERGED_TABLES = [
  'committees', 'rooms', 'mediators', 'cases', 'parties', 'sessions',
  'agreements', 'signatures', 'followUps', 'referrals', 'attachments',
] as const satisfies readonly TransferTable[]
export type MergedTable = (typeof MERGED_TABLES)[number]

type MergedRow = TransferRow<MergedTable>

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
}

function rowHash(row: unknown): string {
  return sha256Hex(canonicalJson(row))
}

/** Incoming attachments' bytes, decoded and checked against their declared size and digest. */
function decodeAttachments(file: TransferFile): Map<string, Blob> {
  const blobs = new Map<string, Blob>()
  for (const row of file.tables.attachments) {
    const bytes = base64ToBytes(row.dataBase64)
    if (bytes.length !== row.size) {
      throw new TransferError('checksum-mismatch', `附件“${row.name}”的大小与内容不符，文件可能已损坏`)
    }
    if (row.sha256 !== undefined && bytesToHex(sha256(bytes)) !== row.sha256.toLowerCase()) {
      throw new TransferError('checksum-mismatch', `附件“${row.name}”的内容与校验值不符，文件可能已损坏`)
    }
    blobs.set(row.id, new Blob([bytes], { type: row.mime }))
  }
  return blobs
}

/** Local attachments that the file also has, with their bytes as base64; read before any transaction. */
async function localAttachmentRows(db: MediationDb, file: TransferFile): Promise<Map<string, TransferRow<'attachments'>>> {
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
async function plan(db: MediationDb, file: TransferFile, preRead: Map<string, TransferRow<'attachments'>>, now: Date): Promise<Plan> {
  const result: Plan = { counts: emptyCounts(), additions: [], conflicts: [], counterRaises: [] }
  for (const table of MERGED_TABLES) {
    const incoming: readonly MergedRow[] = file.tables[table]
    if (incoming.length === 0) continue
    const locals = await db.table(table).bulkGet(incoming.map((row) => row.id))
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
  return result
}

function attachmentComparable(local: Attachment, preRead: Map<string, TransferRow<'attachments'>>): TransferRow<'attachments'> | undefined {
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

const MERGE_STORES = [...MERGED_TABLES, 'counters', 'conflicts', 'audit'] as const

/** What importing would change, without writing anything. */
export async function previewImport(db: MediationDb, input: TransferInput | TransferFile, options: ReadOptions = {}): Promise<ImportPreview> {
  const file = await resolveFile(input, options)
  decodeAttachments(file)
  const preRead = await localAttachmentRows(db, file)
  const p = await db.transaction('r', [...MERGED_TABLES, 'counters'], () => plan(db, file, preRead, new Date()))
  return summarize(file, p)
}

export interface ImportOptions extends ReadOptions {
  actor?: string
  now?: Date
}

/** Validates everything, then merges in one transaction. Throws TransferError and writes nothing on bad input. */
export async function importFile(db: MediationDb, input: TransferInput | TransferFile, options: ImportOptions = {}): Promise<ImportResult> {
  const file = await resolveFile(input, options)
  const blobs = decodeAttachments(file)
  const preRead = await localAttachmentRows(db, file)
  const now = options.now ?? new Date()
  try {
    return await db.transaction('rw', [...MERGE_STORES], async () => {
      const p = await plan(db, file, preRead, now)
      for (const table of MERGED_TABLES) {
        const rows = p.additions.filter((a) => a.table === table).map((a) => a.row)
        if (rows.length === 0) continue
        const stored = table === 'attachments' ? rows.map((row) => toStoredAttachment(row as TransferRow<'attachments'>, blobs)) : rows
        await db.table(table).bulkAdd(stored)
      }
      const known = new Set((await db.conflicts.bulkGet(p.conflicts.map((c) => c.id))).filter((c) => c !== undefined).map((c) => c.id))
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
    throw new TransferError('write-failed', `导入失败，数据库未作任何改动：${error instanceof Error ? error.message : String(error)}`)
  }
}

function toStoredAttachment(row: TransferRow<'attachments'>, blobs: Map<string, Blob>): Attachment {
  const { dataBase64: _bytes, ...meta } = row
  const data = blobs.get(row.id)
  if (!data) throw new Error(`attachment ${row.id} was not decoded`)
  return { ...meta, data }
}

async function resolveFile(input: TransferInput | TransferFile, options: ReadOptions): Promise<TransferFile> {
  if (typeof input === 'object' && !(input instanceof Blob) && !(input instanceof Uint8Array)) return withCurrentDerivedKeys(input)
  return withCurrentDerivedKeys(await readTransferFile(input, options))
}
