/**
 * Builds 工作台's summary again from the case index (src/db/dashboardSummary.ts), when it is missing or
 * of another version: after an upgrade, a restore, a repaired index. Its head and day records are
 * written together, replacing every record of an earlier summary. The digests give every case's status
 * and days; only the cases whose deadline runs are read, for the words their rows show.
 *
 * Writes may go on meanwhile: the record is first set to a marker with a token, every write that changes
 * a share replaces the token (the middleware), and what was built is stored only if the token is still
 * the one set here; otherwise the next dashboard builds it again.
 */
import { contributionOf, summaryCaseOf, summaryOf, type DashboardSummary } from '../domain/dashboardSummary'
import type { MediationDb } from './schema'
import { caseDocTables } from './caseDocs'
import { caseDigests } from './caseIndex'
import type { CaseDoc, IndexRecord } from './records'
import { bulkGetOpened } from './sealedReads'
import {
  SUMMARY_ID,
  SUMMARY_ID_END,
  headOfRecord,
  isRebuildMarker,
  dayRecordId,
  rebuildMarker,
  summaryOfRecords,
  summaryRecordsOf,
} from './dashboardSummary'

/** The summary of the stored cases: stored unless a case changed while it was built. */
export async function rebuildDashboardSummary(db: MediationDb): Promise<DashboardSummary> {
  const marker = rebuildMarker()
  const current = await db.transaction('rw', caseDocTables(db), async () => {
    const head = headOfRecord(await db.caseIndex.get(SUMMARY_ID))
    if (head) return summaryOfRecords(head, await db.caseIndex.bulkGet(Object.keys(head.due).map(dayRecordId)))
    await db.caseIndex.put(marker as unknown as IndexRecord)
    return undefined
  })
  if (current) return current
  const digests = await caseDigests(db)
  // a digest keeps the due day only while the clock runs, and the title without spaces: those cases are read
  const running = digests.filter((d) => d.dueOn !== undefined).map((d) => d.id)
  const docs = new Map(
    (await bulkGetOpened(db, db.caseDocs, running)).filter((d): d is CaseDoc => d !== undefined).map((d) => [d.id, d]),
  )
  const summary = summaryOf(
    digests.map((d) => {
      const doc = docs.get(d.id)
      return { id: d.id, ...contributionOf(doc ? summaryCaseOf(doc) : d) }
    }),
  )
  await db.transaction('rw', caseDocTables(db), async () => {
    const now: unknown = await db.caseIndex.get(SUMMARY_ID)
    if (!isRebuildMarker(now) || now.stale !== marker.stale) return
    // the days of an earlier summary go (a version before them had none)
    await db.caseIndex.where(':id').between(SUMMARY_ID, SUMMARY_ID_END, true, false).delete()
    await db.caseIndex.bulkPut(summaryRecordsOf(summary) as unknown as IndexRecord[])
  })
  return summary
}
