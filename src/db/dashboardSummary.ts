/**
 * 工作台's summary (src/domain/dashboardSummary.ts), stored as one record of `caseIndex` (sealed at rest
 * like the digests beside it, never in clear) and kept up to date in the transaction of every case write.
 * Like the sync outbox (sync/outbox.ts) this is done below Dexie, in a DBCore middleware, so that no write
 * path can forget it: an intake, an action, an edit, a delete, an import, a restore, a transfer merge, a
 * sync pull. A read-write transaction over `caseDocs` is widened to `caseIndex`; each write of cases reads
 * the cases' shares before and after and changes the summary with them.
 *
 * The record is one of three things:
 * - the summary of this version: kept up to date;
 * - a marker `{ stale }` while a rebuild runs (dashboardRebuild.ts): each write that changes a share gives
 *   it a new token, so that a rebuild that read the cases before that write does not store what it built;
 * - missing (a new store's first case starts an empty summary), or of another version: left alone, until
 *   the dashboard rebuilds it from the index.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie'
import {
  DASHBOARD_SUMMARY_VERSION,
  contributionOf,
  emptySummary,
  summaryCaseOf,
  sameContribution,
  withChanges,
  type Contribution,
  type DashboardSummary,
  type DeadlineRow,
  type SummaryChange,
} from '../domain/dashboardSummary'

export const SUMMARY_ID = 'dashboard'
const CASE_TABLE = 'caseDocs'
const INDEX_TABLE = 'caseIndex'

/** A write of at most this many cases reads their stored versions first and skips the summary if no share changed. */
const FEW = 8

/** A deadline row as stored: one array, no repeated property names. */
type StoredRow = [id: string, dueOn: string, receivedOn: string, status: string, caseNo: string | null, title: string]

/** The record in `caseIndex`. */
export interface SummaryRecord {
  id: typeof SUMMARY_ID
  v: number
  /** a rebuild is under way: the token of the last write that changed a share since it began */
  stale?: string
  statuses?: DashboardSummary['statuses']
  received?: DashboardSummary['received']
  closed?: DashboardSummary['closed']
  running?: StoredRow[]
}

function toRow(r: DeadlineRow): StoredRow {
  return [r.id, r.dueOn ?? '', r.receivedOn, r.status, r.caseNo ?? null, r.title]
}

function fromRow([id, dueOn, receivedOn, status, caseNo, title]: StoredRow): DeadlineRow {
  return {
    id,
    dueOn,
    receivedOn,
    status: status as DeadlineRow['status'],
    ...(caseNo !== null ? { caseNo } : {}),
    title,
  }
}

export function summaryRecordOf(summary: DashboardSummary): SummaryRecord {
  return {
    id: SUMMARY_ID,
    v: DASHBOARD_SUMMARY_VERSION,
    statuses: summary.statuses,
    received: summary.received,
    closed: summary.closed,
    running: summary.running.map(toRow),
  }
}

/** The summary a record holds, when it is a summary of this version. */
export function summaryOfRecord(record: unknown): DashboardSummary | undefined {
  const r = record as SummaryRecord | undefined
  if (!r || r.id !== SUMMARY_ID || r.v !== DASHBOARD_SUMMARY_VERSION || r.stale !== undefined) return undefined
  return {
    statuses: r.statuses ?? {},
    received: r.received ?? {},
    closed: r.closed ?? {},
    running: (r.running ?? []).map(fromRow),
  }
}

export function isRebuildMarker(record: unknown): record is SummaryRecord & { stale: string } {
  const r = record as SummaryRecord | undefined
  return r?.id === SUMMARY_ID && r.stale !== undefined
}

export function rebuildMarker(token: string = crypto.randomUUID()): SummaryRecord {
  return { id: SUMMARY_ID, v: DASHBOARD_SUMMARY_VERSION, stale: token }
}

/** The summary record after `changes`: undefined when `record` is no summary of this version. */
export function recordAfter(record: unknown, changes: readonly SummaryChange[]): SummaryRecord | undefined {
  const summary = summaryOfRecord(record)
  return summary ? summaryRecordOf(withChanges(summary, changes)) : undefined
}

function markerAfter(record: unknown): SummaryRecord | undefined {
  return isRebuildMarker(record) ? rebuildMarker() : undefined
}

/** A stored case's share of the summary. */
export const shareOf = (doc: unknown): Contribution | undefined =>
  doc === undefined ? undefined : contributionOf(summaryCaseOf(doc as Parameters<typeof summaryCaseOf>[0]))

/** The changes adding these new cases makes (as the middleware works them out for an `add`). */
export function addedChanges(docs: readonly { id: string }[]): SummaryChange[] {
  return docs.map((d) => ({ id: d.id, after: shareOf(d)! }))
}

// ---------------------------------------------------------------------------------------------------
// The middleware

/** What IndexedDB's key range "every key" is at the DBCore level (Dexie's own AnyRange). */
const ANY_KEY = { type: 3, lower: -Infinity, lowerOpen: false, upper: [[]], upperOpen: false } as const

const NOT_READ = Symbol('not read')

function writtenKeys(req: DBCoreMutateRequest): string[] {
  if (req.type === 'delete') return req.keys as string[]
  if (req.type === 'add' || req.type === 'put')
    return (req.keys ?? req.values.map((v) => (v as { id: string }).id)) as string[]
  return []
}

function summarizingCaseTable(table: DBCoreTable, index: DBCoreTable): DBCoreTable {
  const readRecord = (trans: DBCoreTransaction): Promise<unknown> => index.get({ trans, key: SUMMARY_ID })
  const putRecord = (trans: DBCoreTransaction, record: SummaryRecord) =>
    index.mutate({ type: 'put', trans, values: [record] })

  /** The record adding cases starts from: an empty summary for a new store's first cases. */
  async function startingRecord(req: DBCoreMutateRequest): Promise<unknown> {
    const record = await readRecord(req.trans)
    if (record !== undefined) return record
    const stored = await table.count({ trans: req.trans, query: { index: table.schema.primaryKey, range: ANY_KEY } })
    return stored === 0 ? summaryRecordOf(emptySummary()) : undefined
  }

  return {
    ...table,
    async mutate(req) {
      if (req.type === 'deleteRange') {
        // a range of cases is gone (a restore clears them): rebuilt from the index (a rebuild under way
        // finds its marker gone and does not store what it built)
        const record = await readRecord(req.trans)
        const res = await table.mutate(req)
        if (record !== undefined) await index.mutate({ type: 'delete', trans: req.trans, keys: [SUMMARY_ID] })
        return res
      }
      const keys = writtenKeys(req)
      if (keys.length === 0) return table.mutate(req)
      // New cases always change the summary. A few stored ones (an edit, a session note): their shares
      // first, and nothing more if none changes. Many (an import, a sync pull): the record first, and the
      // stored cases only if there is a summary to keep.
      const readBefore = async () => (await table.getMany({ trans: req.trans, keys })).map(shareOf)
      let record: unknown = NOT_READ
      let before: (Contribution | undefined)[] | undefined
      if (req.type === 'add') {
        record = await startingRecord(req)
        before = keys.map(() => undefined)
      } else if (keys.length <= FEW) before = await readBefore()
      else {
        record = await readRecord(req.trans)
        if (summaryOfRecord(record) !== undefined) before = await readBefore()
      }

      const res = await table.mutate(req)

      const changes: SummaryChange[] = []
      // a case written twice in one request was, the second time, what the first wrote
      const written = new Map<string, Contribution | undefined>()
      keys.forEach((id, i) => {
        if (res.failures[i]) return
        const after = req.type === 'delete' ? undefined : shareOf(req.values[i])
        const was = written.has(id) ? written.get(id) : before?.[i]
        written.set(id, after)
        if (before === undefined || !sameContribution(was, after))
          changes.push({ id, ...(was ? { before: was } : {}), ...(after ? { after } : {}) })
      })
      if (changes.length === 0) return res
      if (record === NOT_READ) record = await readRecord(req.trans)
      // (without the shares before, only a marker is given a new token)
      const next = recordAfter(before === undefined ? undefined : record, changes) ?? markerAfter(record)
      if (next) await putRecord(req.trans, next)
      return res
    },
  }
}

export const dashboardSummaryMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'dashboardSummary',
  create(down) {
    const names = down.schema.tables.map((t) => t.name)
    if (!names.includes(CASE_TABLE) || !names.includes(INDEX_TABLE)) return down
    return {
      ...down,
      transaction(stores, mode, options) {
        const widened =
          mode === 'readwrite' && stores.includes(CASE_TABLE) && !stores.includes(INDEX_TABLE)
            ? [...stores, INDEX_TABLE]
            : stores
        return down.transaction(widened, mode, options)
      },
      table(name) {
        const table = down.table(name)
        return name === CASE_TABLE ? summarizingCaseTable(table, down.table(INDEX_TABLE)) : table
      },
    }
  },
}
