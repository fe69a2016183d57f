/**
 * Which cases changed on this PC since they were last equal to the committee's server: every write of a
 * case document, whichever repository makes it (an intake, a session note, an import, a restore), puts
 * the case's id in `syncOutbox` inside the same transaction; a write of an agreement, a signature, a
 * follow-up or a referral puts `<kind>:<id>` there (RECORD_TABLES). It is done here, below Dexie (a DBCore
 * middleware), so that no write path can forget it: a read-write transaction over `caseDocs` is widened to
 * `syncOutbox`, and each put or add on `caseDocs` writes one row per case.
 *
 * Each row carries a fresh `mark`: the replica (dexieReplica.ts) compares it before writing a version from
 * the server, so that an edit made between its read and its write is never overwritten.
 *
 * Only a PC that has joined a server keeps its outbox (`hasJoined`). Before that, the first round's queue
 * (queueUnsyncedCases, queueUnsyncedRecords) puts every stored record the server has not seen in the
 * outbox anyway, and a row per written record was the largest cost of a restore, an import or a load of
 * many cases after the records themselves: IndexedDB's price per request.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie'
import { ANY_KEY } from '../coreRanges'
import { CASE_TABLE } from '../caseStores'

export const OUTBOX_TABLE = 'syncOutbox'
export const SYNC_REVS_TABLE = 'syncRevs'

/**
 * The other tables a committee shares (recordReplication.ts), each with the kind its outbox rows and server
 * documents are named by: a row `agreement:<id>` beside the cases' bare ids.
 */
export const RECORD_TABLES = {
  agreements: 'agreement',
  signatures: 'signature',
  followUps: 'followUp',
  referrals: 'referral',
  // the reception desk's log and the screening rounds: the committee's month counts every PC's
  visits: 'visit',
  screenings: 'screening',
} as const

export type RecordTable = keyof typeof RECORD_TABLES
export type RecordKind = (typeof RECORD_TABLES)[RecordTable]

/** The outbox id of a record of another table ('agreement:<id>'); a case's is its bare id. */
export function recordOutboxId(kind: RecordKind, id: string): string {
  return `${kind}:${id}`
}

/** The kind and id of a record's outbox id (also its server document's id), if it names a shared table's record. */
export function parseRecordOutboxId(outboxId: string): { kind: RecordKind; id: string } | undefined {
  const cut = outboxId.indexOf(':')
  const kind = outboxId.slice(0, cut)
  return cut > 0 && (Object.values(RECORD_TABLES) as string[]).includes(kind)
    ? { kind: kind as RecordKind, id: outboxId.slice(cut + 1) }
    : undefined
}

/**
 * Attachments (attachmentReplication.ts): rows `attachment:<id>`, written on a deletion too, so that it
 * replicates. Apart from RECORD_TABLES: their bytes travel as a CouchDB attachment, not in `_bulk_docs`.
 */
export const ATTACHMENT_TABLE = 'attachments'
export const ATTACHMENT_KIND = 'attachment'

export function attachmentOutboxId(id: string): string {
  return `${ATTACHMENT_KIND}:${id}`
}

/** The attachment's id of an outbox id (also its server document's id), if it names one. */
export function parseAttachmentOutboxId(outboxId: string): string | undefined {
  const prefix = `${ATTACHMENT_KIND}:`
  return outboxId.startsWith(prefix) ? outboxId.slice(prefix.length) : undefined
}

/** Every shared table but the cases', with the kind its outbox rows are named by. */
export const MARKED_TABLES: Readonly<Record<string, string>> = { ...RECORD_TABLES, [ATTACHMENT_TABLE]: ATTACHMENT_KIND }

/** A case's outbox row (a bare id) rather than another record's. */
export function isCaseOutboxId(id: string): boolean {
  return !id.includes(':')
}

const MARKED: ReadonlyMap<string, (id: string) => string> = new Map<string, (id: string) => string>([
  [CASE_TABLE, (id) => id],
  ...Object.entries(MARKED_TABLES).map(([table, kind]): [string, (id: string) => string] => [
    table,
    (id) => `${kind}:${id}`,
  ]),
])
/** Tables whose deletions are marked too (a case or another record is never deleted by sync) */
const DELETIONS_MARKED: ReadonlySet<string> = new Set([ATTACHMENT_TABLE])

/** A case changed here since it was last equal to the server. */
export interface OutboxRow {
  id: string
  /** when it changed (ms), to push the oldest change first */
  at: number
  /** new at every change */
  mark: string
}

/** The server revision a case was last equal to. */
export interface SyncRevRow {
  id: string
  rev: string
}

/**
 * The row of `syncRevs` that says this PC has joined a committee's server: put by the first queue, before
 * it reads what is stored, and never taken away. A PC that stops sharing keeps its outbox, since the queue
 * skips what the server has seen: a case synced once and edited later must still be in the outbox when the
 * PC shares again. No record id starts with '#' (cases are UUIDs, other records `<kind>:<id>`).
 */
export const JOINED_ROW: SyncRevRow = { id: '#joined', rev: '' }

export function outboxRow(id: string): OutboxRow {
  return { id, at: Date.now(), mark: crypto.randomUUID() }
}

function writtenIds(req: DBCoreMutateRequest, deletions: boolean): string[] {
  if (req.type === 'delete') return deletions ? (req.keys as string[]) : []
  if (req.type !== 'add' && req.type !== 'put') return []
  // primary keys are inbound (`id`) and stay in clear under sealing
  return (req.keys ?? req.values.map((v) => (v as { id: string }).id)) as string[]
}

/**
 * Transactions that set the outbox rows of everything they write themselves: the replicas taking the
 * server's versions (dexieReplica.ts, dexieRecords.ts, dexieAttachments.ts) delete the rows of what is now
 * equal to the server and put fresh ones for what stays changed here. Marking their writes too only added
 * rows that the same transaction deleted again: two IndexedDB requests per record of a pull.
 */
const settingOwnRows = new WeakSet<object>()

/** This transaction (a Dexie transaction's `idbtrans`) puts and deletes the outbox rows of its writes itself. */
export function setsOwnOutboxRows(idbtrans: object): void {
  settingOwnRows.add(idbtrans)
}

/** Whether this PC had joined a server when the transaction began: read once per transaction. */
const joinedIn = new WeakMap<object, Promise<boolean>>()

/**
 * This PC has joined a server: `syncRevs` holds any row, the join's own (JOINED_ROW) or a server
 * revision (a PC that joined before the join row existed has those).
 */
function hasJoined(revs: DBCoreTable, trans: DBCoreTransaction): Promise<boolean> {
  let known = joinedIn.get(trans)
  if (!known) {
    // one key at most: a count would walk every revision of a PC that shares 100,000 cases
    const query = { index: revs.schema.primaryKey, range: ANY_KEY }
    known = revs.query({ trans, query, limit: 1, values: false }).then(({ result }) => result.length > 0)
    joinedIn.set(trans, known)
  }
  return known
}

function markingTable(
  table: DBCoreTable,
  outbox: DBCoreTable,
  revs: DBCoreTable,
  outboxId: (id: string) => string,
): DBCoreTable {
  const deletions = DELETIONS_MARKED.has(table.name)
  return {
    ...table,
    async mutate(req) {
      if (settingOwnRows.has(req.trans)) return table.mutate(req)
      const ids = writtenIds(req, deletions).map(outboxId)
      // an upgrade from a version before v8 writes cases while the outbox does not exist yet
      const scope = (req.trans as unknown as IDBTransaction).objectStoreNames
      const outboxInScope = !scope || (scope.contains(OUTBOX_TABLE) && scope.contains(SYNC_REVS_TABLE))
      if (ids.length === 0 || !outboxInScope) return table.mutate(req)
      // Asked before the write is sent: IndexedDB answers a transaction's requests in order, so the
      // outbox's rows go out while the records' are still being written (waiting for the records'
      // requests before sending the outbox's doubled a bulk write's time). A record whose write fails
      // without ending the transaction (only a caller that catches a BulkError, which none does) is
      // marked too: it is offered to the server again, unchanged, which the server takes as a new revision.
      const joined = hasJoined(revs, req.trans)
      const [res] = await Promise.all([
        table.mutate(req),
        joined.then((yes) =>
          yes ? outbox.mutate({ type: 'put', trans: req.trans, values: ids.map(outboxRow) }) : undefined,
        ),
      ])
      return res
    },
  }
}

export const outboxMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'syncOutbox',
  create(down) {
    const hasOutbox = down.schema.tables.some((t) => t.name === OUTBOX_TABLE)
    if (!hasOutbox) return down
    return {
      ...down,
      transaction(stores, mode, options) {
        const widened =
          mode === 'readwrite' && stores.some((t) => MARKED.has(t))
            ? [...stores, ...[OUTBOX_TABLE, SYNC_REVS_TABLE].filter((t) => !stores.includes(t))]
            : stores
        return down.transaction(widened, mode, options)
      },
      table(name) {
        const table = down.table(name)
        const outboxId = MARKED.get(name)
        return outboxId ? markingTable(table, down.table(OUTBOX_TABLE), down.table(SYNC_REVS_TABLE), outboxId) : table
      },
    }
  },
}
