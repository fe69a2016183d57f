/**
 * Reading 工作台's summary (src/db/dashboardSummary.ts). Apart from the middleware, which the schema
 * installs: the read needs the database (sealedReads.ts), and the middleware must not import the schema.
 */
import type { DashboardSummary } from '../domain/dashboardSummary'
import type { MediationDb } from './schema'
import { bulkGetOpened } from './sealedReads'
import { SUMMARY_ID, summaryOfRecord } from './dashboardSummary'

/** The stored summary (read and opened outside any transaction), or undefined when it must be rebuilt. */
export async function readDashboardSummary(db: MediationDb): Promise<DashboardSummary | undefined> {
  const [record] = await bulkGetOpened(db, db.caseIndex, [SUMMARY_ID])
  return summaryOfRecord(record)
}
