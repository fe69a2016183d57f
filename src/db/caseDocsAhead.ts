/**
 * Case writes sealed before their transaction (src/db/sealedWrites.ts): what adding cases, or rebuilding
 * the index for a restore, will store is worked out from the index as stored now (read, and opened with
 * WebCrypto, in a read of its own) by the same functions the transaction runs (src/db/caseDocs.ts). The
 * transaction works it out again from what it reads: the same records when nothing was written in between,
 * whose seals the middleware then uses; anything else it seals itself, as before.
 */
import type { MediationDb } from './schema'
import type { NewCaseDoc } from './records'
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
import { SUMMARY_ID, addedChanges, emptyHeadRecord, dayIdsChanged, writeAfter } from './dashboardSummary'

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
 * 工作台's summary records after adding `docs` (src/db/dashboardSummary.ts: the head and the days the
 * new cases are due on), as the transaction will write them; a new store's first cases start an empty one.
 */
async function summaryAhead(db: MediationDb, docs: readonly NewCaseDoc[]): Promise<PresealWrite[]> {
  // (read while the index tail is read and the cases planned: it depends on the documents alone)
  let head: unknown = await openedIndexGet(db)(SUMMARY_ID)
  if (head === undefined && (await db.caseDocs.count()) === 0) head = emptyHeadRecord()
  const changes = addedChanges(docs)
  const next = writeAfter(head, await bulkGetOpened(db, db.caseIndex, dayIdsChanged(changes)), changes)
  return next ? [{ table: db.caseIndex, values: next.put }] : []
}

/**
 * The index as this window's last add of cases left it: the next add, a batch of the same load most often,
 * starts from it when the stored `meta` is still the same (read and compared as text), instead of reading
 * and opening the open batch again. Only a guess: the transaction compares what it reads (caseDocs.ts
 * `addCaseDocs`) and plans itself when it differs.
 */
const lastTails = new WeakMap<MediationDb, IndexTail>()

async function tailAhead(db: MediationDb): Promise<IndexTail> {
  const known = lastTails.get(db)
  if (known && JSON.stringify(await readIndexMeta(openedIndexGet(db))) === JSON.stringify(known.meta)) return known
  return readIndexTail(openedIndexGet(db))
}

/** Runs `write`, a transaction that adds `docs` with `addCaseDocs` first, with what it will store sealed ahead. */
export function addingCaseDocs<R>(db: MediationDb, docs: readonly NewCaseDoc[], write: () => Promise<R>): Promise<R> {
  if (docs.length === 0) return write()
  let kept: PlanAhead | undefined
  return withPresealed(
    db,
    async () => {
      const summary = summaryAhead(db, docs)
      summary.catch(() => undefined) // awaited below; a failure there ends the sealing ahead, as before
      const tail = await tailAhead(db)
      const plan = planAddCaseDocs(tail, docs)
      // the transaction stores this plan when it reads the same index (caseDocs.ts `addCaseDocs`)
      kept = keepPlanAhead(docs, tail, plan)
      return [...writesOf(db, plan, true), ...(await summary)]
    },
    async () => {
      const result = await write()
      const after = kept?.used ? tailAfter(kept.write) : undefined
      if (after) lastTails.set(db, after)
      else lastTails.delete(db)
      return result
    },
  ).finally(() => forgetPlanAhead(docs))
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
