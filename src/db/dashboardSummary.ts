/**
 * 工作台's summary (src/domain/dashboardSummary.ts), stored in `caseIndex` (sealed at rest like the digests
 * beside it, never in clear) and kept up to date in the transaction of every case write: a small head
 * record (the counts, and how many running cases are due on each day) and one record per day with the
 * rows of the cases due that day (`dashboard:YYYY-MM-DD`). At 100,000 cases (the bench's data) the head
 * is ~50 KB and a day at most ~10 KB, where the whole was ~550 KB: the first screen reads the head and
 * the days its lists can show, and a write rewrites the head and the days its cases were and are due on.
 * Like the sync outbox (sync/outbox.ts) this is done below Dexie, in a DBCore middleware, so that no write
 * path can forget it: an intake, an action, an edit, a delete, an import, a restore, a transfer merge, a
 * sync pull. A read-write transaction over `caseDocs` is widened to `caseIndex`; each write of cases reads
 * the cases' shares before and after and changes the summary with them.
 *
 * The head is one of three things:
 * - the summary of this version: kept up to date;
 * - a marker `{ stale }` while a rebuild runs (dashboardRebuild.ts): each write that changes a share gives
 *   it a new token, so that a rebuild that read the cases before that write does not store what it built;
 * - missing (a new store's first case starts an empty summary), or of another version: left alone, until
 *   the dashboard rebuilds it from the index (the day records with it).
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie'
import {
  DASHBOARD_SUMMARY_VERSION,
  contributionOf,
  headOf,
  daysChanged,
  rowsByDay,
  summaryCaseOf,
  sameContribution,
  withChangesByDay,
  type Contribution,
  type DashboardSummary,
  type DeadlineRow,
  type SummaryChange,
  type SummaryHead,
} from '../domain/dashboardSummary'
import { ANY_KEY, halfOpenRange } from './coreRanges'
import { CASE_TABLE, INDEX_TABLE } from './caseStores'

/** The head record's id; a day's rows are `dayRecordId(day)`. */
export const SUMMARY_ID = 'dashboard'
export const dayRecordId = (day: string): string => `${SUMMARY_ID}:${day}`
/** Every id of the summary's records is within [SUMMARY_ID, SUMMARY_ID_END) (':' comes before ';'). */
export const SUMMARY_ID_END = `${SUMMARY_ID};`

/** A write of at most this many cases reads their stored versions first and skips the summary if no share changed. */
const FEW = 8

/** A deadline row as stored: one array, no repeated property names. */
type StoredRow = [id: string, dueOn: string, receivedOn: string, status: string, caseNo: string | null, title: string]

/** The head record in `caseIndex`. */
export interface SummaryRecord {
  id: typeof SUMMARY_ID
  v: number
  /** a rebuild is under way: the token of the last write that changed a share since it began */
  stale?: string
  statuses?: SummaryHead['statuses']
  received?: SummaryHead['received']
  closed?: SummaryHead['closed']
  due?: SummaryHead['due']
}

/** A day's record: the rows of the running cases due that day. */
export interface DayRecord {
  id: string
  rows: StoredRow[]
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

export function headRecordOf(head: SummaryHead): SummaryRecord {
  return {
    id: SUMMARY_ID,
    v: DASHBOARD_SUMMARY_VERSION,
    statuses: head.statuses,
    received: head.received,
    closed: head.closed,
    due: head.due,
  }
}

export function dayRecordOf(day: string, rows: readonly DeadlineRow[]): DayRecord {
  return { id: dayRecordId(day), rows: rows.map(toRow) }
}

/** The records of a whole summary: the head, then one per day with rows. */
export function summaryRecordsOf(summary: DashboardSummary): [SummaryRecord, ...DayRecord[]] {
  const days = [...rowsByDay(summary.running)].map(([day, rows]) => dayRecordOf(day, rows))
  return [headRecordOf(headOf(summary)), ...days]
}

/** The head a record holds, when it is the head of a summary of this version. */
export function headOfRecord(record: unknown): SummaryHead | undefined {
  const r = record as SummaryRecord | undefined
  if (!r || r.id !== SUMMARY_ID || r.v !== DASHBOARD_SUMMARY_VERSION || r.stale !== undefined) return undefined
  return { statuses: r.statuses ?? {}, received: r.received ?? {}, closed: r.closed ?? {}, due: r.due ?? {} }
}

/** The rows a day's record holds (none when it is missing). */
export function rowsOfRecord(record: unknown): DeadlineRow[] {
  return ((record as DayRecord | undefined)?.rows ?? []).map(fromRow)
}

/** The head of an empty summary (a new store's first cases start it). */
export function emptyHeadRecord(): SummaryRecord {
  return headRecordOf({ statuses: {}, received: {}, closed: {}, due: {} })
}

/** The summary of a head and the records of some of its days (the others' rows left out). */
export function summaryOfRecords(head: SummaryHead, days: readonly unknown[]): DashboardSummary {
  return {
    statuses: head.statuses,
    received: head.received,
    closed: head.closed,
    running: days.flatMap(rowsOfRecord),
  }
}

export function isRebuildMarker(record: unknown): record is SummaryRecord & { stale: string } {
  const r = record as SummaryRecord | undefined
  return r?.id === SUMMARY_ID && r.stale !== undefined
}

export function rebuildMarker(token: string = crypto.randomUUID()): SummaryRecord {
  return { id: SUMMARY_ID, v: DASHBOARD_SUMMARY_VERSION, stale: token }
}

/** What a write of the summary's records stores: the head, and each day changed (deleted when empty). */
export interface SummaryWrite {
  put: [SummaryRecord, ...DayRecord[]]
  deleted: string[]
}

/** The days `changes` touch: the ids of their records, to read before `writeAfter`. */
export function dayIdsChanged(changes: readonly SummaryChange[]): string[] {
  return [...daysChanged(changes)].map(dayRecordId)
}

/**
 * The records to write after `changes`, given the stored head and the stored records of `dayIdsChanged`
 * (in that order): undefined when `head` is no summary of this version.
 */
export function writeAfter(
  head: unknown,
  days: readonly unknown[],
  changes: readonly SummaryChange[],
): SummaryWrite | undefined {
  const stored = headOfRecord(head)
  if (!stored) return undefined
  const ids = [...daysChanged(changes)]
  const next = withChangesByDay(stored, new Map(ids.map((day, i) => [day, rowsOfRecord(days[i])])), changes)
  const put: SummaryWrite['put'] = [headRecordOf(next.head)]
  const deleted: string[] = []
  for (const [day, rows] of next.days) {
    if (rows.length) put.push(dayRecordOf(day, rows))
    else if (days[ids.indexOf(day)] !== undefined) deleted.push(dayRecordId(day))
  }
  return { put, deleted }
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

/** Every record of the summary, head and days. */
const SUMMARY_RANGE = halfOpenRange(SUMMARY_ID, SUMMARY_ID_END)

const NOT_READ = Symbol('not read')

function writtenKeys(req: DBCoreMutateRequest): string[] {
  if (req.type === 'delete') return req.keys as string[]
  if (req.type === 'add' || req.type === 'put')
    return (req.keys ?? req.values.map((v) => (v as { id: string }).id)) as string[]
  return []
}

function summarizingCaseTable(table: DBCoreTable, index: DBCoreTable): DBCoreTable {
  const readRecord = (trans: DBCoreTransaction): Promise<unknown> => index.get({ trans, key: SUMMARY_ID })

  /** The record adding cases starts from: an empty summary for a new store's first cases. */
  async function startingRecord(req: DBCoreMutateRequest): Promise<unknown> {
    const record = await readRecord(req.trans)
    if (record !== undefined) return record
    const stored = await table.count({ trans: req.trans, query: { index: table.schema.primaryKey, range: ANY_KEY } })
    return stored === 0 ? emptyHeadRecord() : undefined
  }

  /** The head and the days `changes` touch, changed; or the marker given a new token. */
  async function write(trans: DBCoreTransaction, head: unknown, changes: SummaryChange[]): Promise<void> {
    if (headOfRecord(head)) {
      const ids = dayIdsChanged(changes)
      const days = ids.length ? await index.getMany({ trans, keys: ids }) : []
      const next = writeAfter(head, days, changes)!
      await index.mutate({ type: 'put', trans, values: next.put })
      if (next.deleted.length) await index.mutate({ type: 'delete', trans, keys: next.deleted })
      return
    }
    const marker = markerAfter(head)
    if (marker) await index.mutate({ type: 'put', trans, values: [marker] })
  }

  return {
    ...table,
    async mutate(req) {
      if (req.type === 'deleteRange') {
        // a range of cases is gone (a restore clears them): rebuilt from the index (a rebuild under way
        // finds its marker gone and does not store what it built)
        const record = await readRecord(req.trans)
        const res = await table.mutate(req)
        if (record !== undefined) await index.mutate({ type: 'deleteRange', trans: req.trans, range: SUMMARY_RANGE })
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
        if (headOfRecord(record) !== undefined) before = await readBefore()
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
      await write(req.trans, before === undefined && headOfRecord(record) ? undefined : record, changes)
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
