/**
 * Building transfer files from the database: the whole store (backups, restore points) or a selection
 * of cases with everything they reference (transfer between offices, masked by default).
 */
import type { Table } from 'dexie'
import { appendAudit, chainHead } from '../audit'
import type { CaseDoc } from '../records'
import type { MediationDb } from '../schema'
import { isLockSetting } from '../lockRepo'
import type { Attachment, CaseRecord, Party, SessionRecord, UUID } from '../../domain/types'
import { bytesToBase64 } from './base64'
import { rowsOfDocs, type CaseRows } from './caseRows'
import { buildTransferFile, emptyTables, type TransferFile } from './format'
import { maskTables, refuseUnmasked } from './mask'
import { signTransferFile, type TransferFileSigner } from './signature'
import { TRANSFER_TABLES, withoutLegacyCaseKeys, type TransferRow, type TransferTable } from './recordSchemas'
import { CASE_ROW_TABLES, isCaseRowTable } from '../../domain/transferTables'
import { openStored, readStored } from '../sealedReads'

export interface ExportOptions {
  appVersion?: string
  /** who exports: when given, the export is written to the audit log */
  actor?: string
  now?: Date
  /** signs the file with the committee key (exports to other offices); backups pass none */
  sign?: TransferFileSigner
}

const DEFAULT_APP_VERSION = '0.0.0'

/** Every table as the file carries it. Blobs are read after the transaction, which they outlive. */
async function attachmentToRow(attachment: Attachment): Promise<TransferRow<'attachments'>> {
  const { data, ...meta } = attachment
  const bytes = new Uint8Array(await data.arrayBuffer())
  return { ...meta, dataBase64: bytesToBase64(bytes) }
}

export async function attachmentsToRows(attachments: readonly Attachment[]): Promise<TransferRow<'attachments'>[]> {
  const rows: TransferRow<'attachments'>[] = []
  for (const attachment of attachments) rows.push(await attachmentToRow(attachment))
  return rows
}

/**
 * Whether cases are stored as documents. The pre-upgrade backup reads an older database (v1/v2, with
 * its own cases, parties and sessions tables) through the same export.
 */
function storesCaseDocs(db: MediationDb): boolean {
  return db.tables.some((t) => t.name === 'caseDocs')
}

/**
 * The file's tables this database holds: an older one (the pre-upgrade backup) lacks the tables added
 * since (v6 `screenings`), which then travel with no rows.
 */
function storedTables(db: MediationDb): TransferTable[] {
  const names = new Set(db.tables.map((t) => t.name))
  return TRANSFER_TABLES.filter((t) => isCaseRowTable(t) || names.has(t))
}

/** The stores a whole-store export reads: the case documents in place of the three case tables. */
function allTables(db: MediationDb): Table[] {
  const other = storedTables(db)
    .filter((t) => !isCaseRowTable(t))
    .map((t) => db.table(t))
  return storesCaseDocs(db) ? [db.caseDocs, ...other] : [...CASE_ROW_TABLES.map((t) => db.table(t)), ...other]
}

/** Every case, party and session, from either layout; case rows without the keys older versions kept. */
async function allCaseRows(db: MediationDb): Promise<CaseRows> {
  if (storesCaseDocs(db)) return rowsOfDocs(await db.caseDocs.toArray())
  const cases = await db.table<CaseRecord>('cases').toArray()
  return {
    cases: cases.map(withoutLegacyCaseKeys),
    parties: await db.table<Party>('parties').toArray(),
    sessions: await db.table<SessionRecord>('sessions').toArray(),
  }
}

/**
 * The whole store, unmasked: what backups and restore points hold. With `actor`, the export is logged
 * (a person took every record off the machine); backups pass none, or every backup would be a change.
 */
export async function exportAll(db: MediationDb, options: ExportOptions = {}): Promise<TransferFile> {
  const { rows, attachments, head } =
    !options.actor && opensAfterRead(db) ? await readAllOpenedAfter(db) : await readAll(db, options)
  rows.attachments = await attachmentsToRows(attachments)
  return signedIfAsked(
    buildTransferFile({
      appVersion: options.appVersion ?? DEFAULT_APP_VERSION,
      scope: 'all',
      masked: false,
      chainHead: head,
      tables: rows,
      now: options.now,
    }),
    options,
  )
}

interface AllRows {
  rows: ReturnType<typeof emptyTables>
  attachments: Attachment[]
  head: Awaited<ReturnType<typeof chainHead>>
}

/** The app's own store (not an older database opened bare for the pre-upgrade backup): its records open after the read. */
function opensAfterRead(db: MediationDb): boolean {
  return storesCaseDocs(db) && 'sealKey' in db
}

/**
 * Every table read in one transaction and opened after it with WebCrypto (src/db/sealedReads.ts): a backup
 * of many cases does not hold the page in the synchronous cipher meanwhile.
 */
async function readAllOpenedAfter(db: MediationDb): Promise<AllRows> {
  const tables = allTables(db)
  const read = await readStored(db, tables, async () => {
    const stored: unknown[][] = []
    for (const table of tables) stored.push(await table.toArray())
    return { stored, head: await chainHead(db) }
  })
  const opened = new Map(
    await Promise.all(tables.map(async (t, i) => [t.name, await openStored(db, t, read.stored[i]!)] as const)),
  )
  const rows = emptyTables()
  for (const table of storedTables(db)) {
    if (table === 'attachments' || isCaseRowTable(table)) continue
    ;(rows[table] as unknown[]) = opened.get(table)!
  }
  Object.assign(rows, rowsOfDocs(opened.get(db.caseDocs.name) as CaseDoc[]))
  // The lock's PIN hashes and attempts stay on this PC (src/db/lockRepo.ts).
  rows.settings = rows.settings.filter((row) => !isLockSetting(row.key))
  return { rows, attachments: opened.get(db.attachments.name) as Attachment[], head: read.head }
}

async function readAll(db: MediationDb, options: ExportOptions): Promise<AllRows> {
  return db.transaction(options.actor ? 'rw' : 'r', allTables(db), async () => {
    if (options.actor) {
      await appendAudit(
        db,
        { actor: options.actor, action: 'export-all', entity: 'database', entityId: 'all', fields: [] },
        options.now,
      )
    }
    const rows = emptyTables()
    for (const table of storedTables(db)) {
      if (table === 'attachments' || isCaseRowTable(table)) continue
      ;(rows[table] as unknown[]) = await db.table(table).toArray()
    }
    Object.assign(rows, await allCaseRows(db))
    // The lock's PIN hashes and attempts stay on this PC (src/db/lockRepo.ts).
    rows.settings = rows.settings.filter((row) => !isLockSetting(row.key))
    return { rows, attachments: await db.attachments.toArray(), head: await chainHead(db) }
  })
}

function signedIfAsked(file: TransferFile, options: ExportOptions): Promise<TransferFile> | TransferFile {
  return options.sign ? signTransferFile(file, options.sign) : file
}

export interface CaseExportOptions extends ExportOptions {
  /** ID and phone numbers masked (default true); a full export is logged as 'export-unmasked' */
  mask?: boolean
  actor: string
}

/** The mediators a case file names: assigned, recording, in sessions, on follow-ups, leading its room. */
function referencedMediatorIds(tables: ReturnType<typeof emptyTables>): Set<UUID> {
  const ids = new Set<UUID>()
  const add = (id: UUID | undefined) => id !== undefined && ids.add(id)
  for (const c of tables.cases) {
    c.mediatorIds.forEach(add)
    add(c.recorderId)
  }
  for (const s of tables.sessions) {
    s.mediatorIds.forEach(add)
    add(s.recorderId)
  }
  for (const f of tables.followUps) f.visitorIds.forEach(add)
  for (const r of tables.rooms) add(r.leadMediatorId)
  return ids
}

/**
 * The chosen cases and everything they reference, in one file. Every exported case gets an audit entry
 * (written in the same transaction that reads, so the file's chain head includes them).
 */
export async function exportCases(
  db: MediationDb,
  caseIds: readonly UUID[],
  options: CaseExportOptions,
): Promise<TransferFile> {
  const mask = options.mask ?? true
  const { tables, attachments, head } = await db.transaction('rw', allTables(db), async () => {
    const docs = (await db.caseDocs.bulkGet([...caseIds])).filter((d): d is CaseDoc => d !== undefined)
    const { cases, parties, sessions } = rowsOfDocs(docs)
    const ids = cases.map((c) => c.id)
    for (const c of cases) {
      await appendAudit(
        db,
        {
          actor: options.actor,
          action: mask ? 'export' : 'export-unmasked',
          entity: 'case',
          entityId: c.id,
          caseId: c.id,
          fields: [],
        },
        options.now,
      )
    }
    const tables = emptyTables()
    tables.cases = cases
    tables.parties = parties
    tables.sessions = sessions
    tables.agreements = await db.agreements.where('caseId').anyOf(ids).toArray()
    tables.signatures = await db.signatures
      .where('agreementId')
      .anyOf(tables.agreements.map((a) => a.id))
      .toArray()
    tables.followUps = await db.followUps.where('caseId').anyOf(ids).toArray()
    tables.referrals = await db.referrals.where('caseId').anyOf(ids).toArray()
    tables.rooms = (await db.rooms.bulkGet(unique(cases.map((c) => c.roomId)))).filter((r) => r !== undefined)
    tables.committees = (await db.committees.bulkGet(unique(cases.map((c) => c.committeeId)))).filter(
      (c) => c !== undefined,
    )
    tables.mediators = (await db.mediators.bulkGet([...referencedMediatorIds(tables)])).filter((m) => m !== undefined)
    const attachments = await db.attachments.where('caseId').anyOf(ids).toArray()
    if (!mask) return { tables, attachments, head: await chainHead(db) }
    // Attachments are files, not text: the numbers on an ID scan, a signed agreement's scan or a photo of
    // an IOU cannot be masked, so a masked file carries none of them.
    // Every string of every table is masked, then scanned once more: a number that survived stops the
    // export here, inside the transaction, so not even its audit entries are kept.
    const masked = { tables: maskTables(tables), attachments: [] }
    refuseUnmasked(masked)
    return { ...masked, head: await chainHead(db) }
  })
  tables.attachments = await attachmentsToRows(attachments)
  return signedIfAsked(
    buildTransferFile({
      appVersion: options.appVersion ?? DEFAULT_APP_VERSION,
      scope: 'cases',
      masked: mask,
      chainHead: head,
      tables,
      now: options.now,
    }),
    options,
  )
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)]
}

/** The file as text; `JSON.stringify` without indentation keeps 10,000 cases small. */
export function serializeTransferFile(file: TransferFile): string {
  return JSON.stringify(file)
}
