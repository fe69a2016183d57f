/**
 * Every case record, read once for the statistics report (src/domain/statistics.ts decides what
 * counts): the documents are read a chunk at a time, so that a big store is never held twice over,
 * and only the case fields are kept (no parties, no sessions).
 *
 * Each chunk is read as stored and opened afterwards with WebCrypto (sealedReads.ts), as the case
 * index is: far faster for 100,000 documents than the synchronous cipher the middleware uses inside
 * a transaction, and the window stays free while the chunks are opened.
 */
import type { CaseRecord } from '../domain/types'
import type { MediationDb } from './schema'
import { caseOf } from './caseDocs'
import { toStorageError } from './errors'
import { bulkGetOpened } from './sealedReads'

/** Documents read at a time. */
export const REPORT_CHUNK = 500

export async function readReportCases(db: MediationDb, signal?: AbortSignal): Promise<CaseRecord[]> {
  try {
    const ids = await db.caseDocs.toCollection().primaryKeys()
    const cases: CaseRecord[] = []
    for (let start = 0; start < ids.length; start += REPORT_CHUNK) {
      signal?.throwIfAborted()
      const docs = await bulkGetOpened(db, db.caseDocs, ids.slice(start, start + REPORT_CHUNK))
      for (const doc of docs) if (doc) cases.push(caseOf(doc))
    }
    return cases
  } catch (error) {
    if (signal?.aborted) throw signal.reason
    throw toStorageError(error)
  }
}
