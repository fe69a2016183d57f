/**
 * Reading 工作台's summary (src/db/dashboardSummary.ts). Apart from the middleware, which the schema
 * installs: the read needs the database (sealedReads.ts), and the middleware must not import the schema.
 */
import { daysShown, type DashboardSummary, type SummaryHead } from '../domain/dashboardSummary'
import type { MediationDb } from './schema'
import { openStored, readStored } from './sealedReads'
import { openRecord } from './sealedRecords'
import { SUMMARY_ID, headOfRecord, dayRecordId, summaryOfRecords } from './dashboardSummary'

/**
 * The head and the records of the days `daysOf` picks from it, read in one transaction: the head
 * (a few KB) is opened there with the synchronous cipher, the days after it with WebCrypto. Undefined
 * when the summary must be rebuilt.
 */
async function readSummary(
  db: MediationDb,
  daysOf: (head: SummaryHead) => string[],
): Promise<DashboardSummary | undefined> {
  const read = await readStored(db, [db.caseIndex], async () => {
    const stored = await db.caseIndex.get(SUMMARY_ID)
    // (the key is known once the database is open: by this read)
    const head = headOfRecord(openRecord(db.sealKey, db.caseIndex.name, stored))
    if (!head) return undefined
    return { head, days: await db.caseIndex.bulkGet(daysOf(head).map(dayRecordId)) }
  })
  if (!read) return undefined
  return summaryOfRecords(read.head, await openStored(db, db.caseIndex, read.days))
}

/** The whole stored summary (read and opened outside any transaction), or undefined when it must be rebuilt. */
export function readDashboardSummary(db: MediationDb): Promise<DashboardSummary | undefined> {
  return readSummary(db, (head) => Object.keys(head.due))
}

/**
 * What 工作台 shows on `today`: the counts, and the rows of only the days its deadline lists can show
 * (`daysShown`), which give the same lists as the whole summary on that day.
 */
export function readDashboardScreen(db: MediationDb, today: string): Promise<DashboardSummary | undefined> {
  return readSummary(db, (head) => daysShown(head, today))
}
