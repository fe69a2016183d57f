/**
 * Case writes sealed before their transaction (src/db/sealedWrites.ts): what adding cases, or rebuilding
 * the index for a restore, will store is worked out from the index as stored now (read, and opened with
 * WebCrypto, in a read of its own), or as this window's add still being written will leave it, by the
 * same functions the transaction runs (src/db/caseDocs.ts). The
 * transaction works it out again from what it reads: the same records when nothing was written in between,
 * whose seals the middleware then uses; anything else it seals itself, as before.
 */
import type { MediationDb } from './schema'
import type { IndexRecord, NewCaseDoc } from './records'
import {
  forgetPlanAhead,
  keepPlanAhead,
  planAddCaseDocs,
  planRebuildCaseIndex,
  readIndexMeta,
  readIndexTail,
  tailAfter,
  type CaseDocsWrite,
  type IndexGet,
  type IndexTail,
  type PlanAhead,
} from './caseDocs'
import { bulkGetOpened } from './sealedReads'
// the index records this window seals are kept for the next write's reads from now on
import './sealedLately'
import { withPresealed, type PresealWrite } from './sealedWrites'
import {
  SUMMARY_ID,
  addedChanges,
  emptyHeadRecord,
  dayIdsChanged,
  writeAfter,
  type SummaryWrite,
} from './dashboardSummary'

function openedIndexGet(db: MediationDb): IndexGet {
  return async (id) => (await bulkGetOpened(db, db.caseIndex, [id]))[0]
}

/**
 * `owned`: the transaction writes these very objects when it takes the plan (caseDocs.ts `keepPlanAhead`),
 * which made them and, like its digests, holds that the documents do not change in between.
 */
function writesOf(db: MediationDb, write: CaseDocsWrite, owned = false): PresealWrite[] {
  return [
    { table: db.caseDocs, values: write.docs, owned },
    { table: db.caseIndex, values: write.index, owned },
  ]
}

/**
 * What this window's add of cases still being written will have stored in `caseIndex`: its index tail, and
 * every index record it writes (its digest batches, `meta`, 工作台's records; undefined for one it deletes).
 * The next add, a load's next batch most often, is planned and sealed from it while that write runs,
 * instead of after it. Only a guess, as `lastTails`: each transaction compares what it reads.
 */
interface AddInFlight {
  tail: IndexTail | undefined
  records: Map<string, unknown>
  /** set once its write has ended: the store holds what it wrote, or not, and is read instead */
  ended: boolean
}

/** This window's last add of cases: its plan once made (undefined when it made none). */
const lastAdds = new WeakMap<MediationDb, Promise<AddInFlight | undefined>>()

/** Reads of `caseIndex` as the add in flight will leave it, if there is one, else as stored (opened). */
interface IndexAhead {
  flight: AddInFlight | undefined
  get: IndexGet
  getMany: (ids: string[]) => Promise<unknown[]>
}

function indexAhead(db: MediationDb, flight: AddInFlight | undefined): IndexAhead {
  const records = flight?.records
  const stored = openedIndexGet(db)
  return {
    flight,
    get: async (id) => (records?.has(id) ? (records.get(id) as IndexRecord | undefined) : stored(id)),
    getMany: async (ids) => {
      const unknown = ids.filter((id) => !records?.has(id))
      const read = new Map<string, unknown>(
        (await bulkGetOpened(db, db.caseIndex, unknown)).map((record, i) => [unknown[i]!, record]),
      )
      return ids.map((id) => (records?.has(id) ? records.get(id) : read.get(id)))
    },
  }
}

/**
 * 工作台's summary records after adding `docs` (src/db/dashboardSummary.ts: the head and the days the
 * new cases are due on), as the transaction will write them; a new store's first cases start an empty one.
 */
async function summaryAhead(
  db: MediationDb,
  index: IndexAhead,
  docs: readonly NewCaseDoc[],
): Promise<SummaryWrite | undefined> {
  // (read while the index tail is read and the cases planned: it depends on the documents alone)
  let head: unknown = await index.get(SUMMARY_ID)
  if (head === undefined && !index.flight && (await db.caseDocs.count()) === 0) head = emptyHeadRecord()
  const changes = addedChanges(docs)
  return writeAfter(head, await index.getMany(dayIdsChanged(changes)), changes)
}

/**
 * The index as this window's last add of cases left it: the next add, a batch of the same load most often,
 * starts from it when the stored `meta` is still the same (read and compared as text), instead of reading
 * and opening the open batch again. Only a guess: the transaction compares what it reads (caseDocs.ts
 * `addCaseDocs`) and plans itself when it differs.
 */
const lastTails = new WeakMap<MediationDb, IndexTail>()

async function tailAhead(db: MediationDb, index: IndexAhead): Promise<IndexTail> {
  if (index.flight?.tail) return index.flight.tail
  const known = lastTails.get(db)
  if (known && JSON.stringify(await readIndexMeta(index.get)) === JSON.stringify(known.meta)) return known
  return readIndexTail(index.get)
}

/** The index records an add will store, by id: its plan's, then 工作台's (undefined: deleted). */
function recordsOf(write: CaseDocsWrite, summary: SummaryWrite | undefined): Map<string, unknown> {
  const records = new Map<string, unknown>(write.index.map((r) => [r.id, r]))
  for (const r of summary?.put ?? []) records.set(r.id, r)
  for (const id of summary?.deleted ?? []) records.set(id, undefined)
  return records
}

/**
 * Runs `write`, a transaction that adds `docs` with `addCaseDocs` first, with what it will store sealed ahead.
 * A caller with several batches (a load) may start the next one before the last has ended: it is planned and
 * sealed from what the last will store while that one is written, and its transaction most often begins
 * after the last's (each plan waits for the one before, and the seal worker answers in turn). When it does
 * not, or the last one fails, the transaction reads another index than planned and plans itself.
 */
export function addingCaseDocs<R>(db: MediationDb, docs: readonly NewCaseDoc[], write: () => Promise<R>): Promise<R> {
  if (docs.length === 0) return write()
  let kept: PlanAhead | undefined
  let flight: AddInFlight | undefined
  // the add before this one, if it is still being written, is planned from; this one is planned from next
  const before = lastAdds.get(db)
  let planned!: (flight: AddInFlight | undefined) => void
  const mine = new Promise<AddInFlight | undefined>((resolve) => (planned = resolve))
  lastAdds.set(db, mine)
  return withPresealed(
    db,
    async () => {
      try {
        const last = await before
        const index = indexAhead(db, last && !last.ended ? last : undefined)
        const summary = summaryAhead(db, index, docs)
        summary.catch(() => undefined) // awaited below; a failure there ends the sealing ahead, as before
        const tail = await tailAhead(db, index)
        const plan = planAddCaseDocs(tail, docs)
        // the transaction stores this plan when it reads the same index (caseDocs.ts `addCaseDocs`)
        kept = keepPlanAhead(docs, tail, plan)
        const next = await summary
        flight = { tail: tailAfter(plan), records: recordsOf(plan, next), ended: false }
        return [...writesOf(db, plan, true), ...(next ? [{ table: db.caseIndex, values: next.put }] : [])]
      } finally {
        planned(flight)
      }
    },
    async () => {
      const result = await write()
      const after = kept?.used ? tailAfter(kept.write) : undefined
      if (after) lastTails.set(db, after)
      else lastTails.delete(db)
      return result
    },
  ).finally(() => {
    forgetPlanAhead(docs)
    planned(undefined) // (no plan was made when called inside another transaction)
    if (flight) flight.ended = true
    if (lastAdds.get(db) === mine) lastAdds.delete(db)
  })
}

/**
 * Runs `write`, a transaction that rebuilds the index for `docs` with `rebuildCaseIndex` and writes `also`
 * (other tables' records, exactly as given), with what it will store sealed ahead.
 */
export function rebuildingCaseIndex<R>(
  db: MediationDb,
  docs: readonly NewCaseDoc[],
  also: readonly PresealWrite[],
  write: () => Promise<R>,
): Promise<R> {
  return withPresealed(
    db,
    async () => [...writesOf(db, planRebuildCaseIndex(await readIndexMeta(openedIndexGet(db)), docs)), ...also],
    write,
  )
}
