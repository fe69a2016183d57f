/**
 * Snapshots of the whole store (what backups hold) and restoring one: replace every table in one
 * transaction, only after the caller has safely kept the current state so the restore can be undone.
 */
import Dexie from 'dexie'
import { base64ToBytes } from './transfer/base64'
import { decodeAttachmentRow } from './transfer/attachmentBytes'
import { docsOfRows } from './transfer/caseRows'
import { TransferError } from '../domain/transferError'
import { exportAll, type ExportOptions } from './transfer/export'
import type { TableCounts, TransferFile } from './transfer/format'
import { TRANSFER_TABLES, type TransferRow } from './transfer/recordSchemas'
import { isCaseRowTable } from '../domain/transferTables'
import type { Attachment } from '../domain/types'
import { RESTORE_REFUSAL_TEXT, restoreRefusal } from '../domain/restoreEligibility'
import { caseDocTables, rebuildCaseIndex } from './caseDocs'
import { rebuildingCaseIndex } from './caseDocsAhead'
import type { MediationDb } from './schema'
import { isLockSetting } from './lockRepo'
import { storeKeys } from './keys'
import { sealingMiddleware } from './sealing'
import { blobOfBytes } from './blobBytes'
import { restoredSetting } from './sync/numberingState'
import { failureText } from '../domain/failureText'

const PLAIN_TABLES = TRANSFER_TABLES.filter((t) => !isCaseRowTable(t))

/** The whole store as a transfer file (scope 'all', unmasked). Not logged: backups are not disclosures. */
export function takeSnapshot(db: MediationDb, options: Omit<ExportOptions, 'actor'> = {}): Promise<TransferFile> {
  return exportAll(db, options)
}

export interface InstalledOptions {
  appVersion?: string
  /** another IndexedDB (tests) */
  indexedDB?: IDBFactory
  IDBKeyRange?: typeof IDBKeyRange
}

/**
 * The database as installed, whatever its schema version, as a transfer file: what the pre-upgrade
 * backup keeps before newer code upgrades it. Opened without a declaration, so Dexie upgrades nothing;
 * the export reads a v1/v2 database's cases, parties and sessions tables as well as case documents.
 */
export async function snapshotOfInstalled(name: string, options: InstalledOptions = {}): Promise<TransferFile> {
  const { appVersion, indexedDB, IDBKeyRange } = options
  const installed = new Dexie(name, { ...(indexedDB ? { indexedDB } : {}), ...(IDBKeyRange ? { IDBKeyRange } : {}) })
  // Records a later version sealed are opened; older ones are read as they are.
  installed.use(sealingMiddleware((await storeKeys()).dataKey))
  await installed.open()
  // Opened without a declaration, Dexie sets no table properties (db.audit…): the export reads some by them.
  for (const table of installed.tables) Object.defineProperty(installed, table.name, { value: table })
  try {
    return await exportAll(installed as unknown as MediationDb, { appVersion })
  } finally {
    installed.close()
  }
}

/**
 * Row counts per table of the transfer file, read in one transaction (for the restore preview): cases,
 * parties and sessions are counted in the case documents.
 */
export async function countRows(db: MediationDb): Promise<TableCounts> {
  return db.transaction('r', [db.caseDocs, ...PLAIN_TABLES.map((t) => db.table(t))], async () => {
    const counts: Partial<TableCounts> = { cases: 0, parties: 0, sessions: 0 }
    await db.caseDocs.each((doc) => {
      counts.cases! += 1
      counts.parties! += doc.parties.length
      counts.sessions! += doc.sessions.length
    })
    for (const table of PLAIN_TABLES) counts[table] = await db.table(table).count()
    // as the file counts them: the lock's rows stay here (exportAll)
    counts.settings = await db.settings.filter((row) => !isLockSetting(row.key)).count()
    return counts as TableCounts
  })
}

export { anyCaseStored } from './anyCase'

export interface RestoreOptions {
  /**
   * Keeps the pre-restore snapshot somewhere safe (a 'pre-restore' backup). The restore starts only
   * after it resolves; if it throws, nothing is touched.
   */
  keepPreRestore: (snapshot: TransferFile) => Promise<void>
  appVersion?: string
}

export interface RestoreResult {
  /** what the store held before: pass it to undoRestore to go back */
  preRestore: TransferFile
  counts: TableCounts
}

/** Replaces every table with the snapshot's rows (a validated file from readTransferFile). */
export async function restoreSnapshot(
  db: MediationDb,
  snapshot: TransferFile,
  options: RestoreOptions,
): Promise<RestoreResult> {
  assertRestorable(snapshot)
  // A file's attachments are checked for damage before anything is kept or touched, and typed by their bytes.
  const attachments = snapshot.tables.attachments.map((row) => {
    const data = decodeAttachmentRow(row, { keepUnsupported: true })
    return { ...withoutBytes(row), mime: data.type, data }
  })
  const preRestore = await takeSnapshot(db, { appVersion: options.appVersion })
  await options.keepPreRestore(preRestore)
  await replaceAll(db, snapshot, attachments)
  return { preRestore, counts: snapshot.manifest.counts }
}

/** Goes back to the state kept by restoreSnapshot. */
export async function undoRestore(db: MediationDb, preRestore: TransferFile): Promise<void> {
  assertRestorable(preRestore)
  // What this store held a moment ago goes back as it was, even files kept before attachments were checked.
  await replaceAll(db, preRestore, preRestore.tables.attachments.map(toAttachment))
}

function assertRestorable(snapshot: TransferFile): void {
  const refusal = restoreRefusal(snapshot)
  if (refusal) throw new TransferError('wrong-scope', RESTORE_REFUSAL_TEXT[refusal])
}

function withoutBytes(row: TransferRow<'attachments'>): Omit<Attachment, 'data'> {
  const { dataBase64: _bytes, ...meta } = row
  return meta
}

function toAttachment(row: TransferRow<'attachments'>): Attachment {
  return { ...withoutBytes(row), data: blobOfBytes(base64ToBytes(row.dataBase64), row.mime) }
}

/**
 * One transaction: every table cleared and refilled (the cases as documents, their index built again), or
 * (on any error) nothing changed.
 */
async function replaceAll(db: MediationDb, snapshot: TransferFile, attachments: readonly Attachment[]): Promise<void> {
  // Blobs and documents are built before the transaction: nothing but Dexie may be awaited inside it.
  const docs = docsOfRows(snapshot.tables)
  const fileRows = (table: (typeof PLAIN_TABLES)[number]): readonly object[] =>
    table === 'attachments'
      ? attachments
      : table === 'settings'
        ? // case-number blocks held when the backup was made are given up (src/db/sync/numberingStore.ts)
          snapshot.tables.settings.filter((row) => !isLockSetting(row.key)).map(restoredSetting)
        : snapshot.tables[table]
  // what the transaction writes, sealed ahead (the lock rows kept from this PC are few: sealed inside)
  const also = PLAIN_TABLES.map((table) => ({ table: db.table(table), values: fileRows(table) }))
  try {
    await rebuildingCaseIndex(db, docs, also, () =>
      db.transaction('rw', [...caseDocTables(db), ...PLAIN_TABLES.map((t) => db.table(t))], async () => {
        await db.caseDocs.clear()
        await rebuildCaseIndex(db, docs)
        // This PC's lock (PIN hashes, attempts, on/off) stays as it is; an older file's lock rows are ignored.
        const lockHere = await db.settings.filter((row) => isLockSetting(row.key)).toArray()
        for (const table of PLAIN_TABLES) {
          await db.table(table).clear()
          const rows = table === 'settings' ? [...fileRows(table), ...lockHere] : fileRows(table)
          if (rows.length > 0) await db.table(table).bulkAdd([...rows])
        }
      }),
    )
  } catch (error) {
    throw new TransferError('write-failed', `恢复失败，数据库保持原样：${failureText(error)}`)
  }
}
