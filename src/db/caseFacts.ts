/**
 * Finding cases by their facts (事实经过), a slower second step the user asks for. The facts are not in
 * the digests held in memory (~1 KB a case, ~100 MB for 100,000 cases), so the cases passing the
 * list's filters are read from the store, newest first, a chunk at a time, and tested by
 * `matchesFacts` (src/domain/search.ts). Cases the normal search already finds are skipped: they are
 * on screen already.
 */
import type { CaseRecord } from '../domain/types'
import { digestSearch, matchesFilter } from '../domain/caseDigest'
import { isFactsQuery, matchesFacts, normalizeQuery } from '../domain/search'
import { FACTS_LIMIT } from '../domain/caseQuery'
import type { MediationDb } from './schema'
import type { CaseQuery } from './caseQueries'
import { caseDigests } from './caseIndex'
import { caseOf } from './caseDocs'
import { toStorageError } from './errors'
import { bulkGetOpenedIf } from './sealedReads'
import type { CaseDoc } from './records'

/** Cases read at a time: big enough to keep reads cheap, small enough to report progress often. */
export const FACTS_CHUNK = 200

export interface FactsSearchOptions {
  /** after each chunk: cases read so far, cases to read in all */
  onProgress?: (done: number, total: number) => void
  /** stops the search between chunks; the search then rejects with the signal's reason */
  signal?: AbortSignal
  limit?: number
}

export interface FactsFound {
  /** newest first */
  rows: CaseRecord[]
  /** more cases mention the phrase than `limit` */
  more: boolean
}

/** The ids to read: passing the query's filters, not found by the normal search, newest first. */
async function idsToRead(db: MediationDb, q: CaseQuery): Promise<string[]> {
  const found = digestSearch(q.search ?? '', q.mediators)
  return (await caseDigests(db)).filter((d) => matchesFilter(d, q) && found(d) === 'none').map((d) => d.id)
}

/**
 * A necessary test of a stored document's JSON text for `matchesFacts`, before it is parsed: every Han
 * character of the query is in the text. Facts that mention the query hold each of its Han characters as
 * they are (making them half-width and removing spaces changes no Han character, and none comes of
 * another character), and JSON writes them as they are. Most documents lack one: they are never parsed.
 */
export function mayMentionInJson(phrase: string): (json: string) => boolean {
  const han = [...new Set(normalizeQuery(phrase).match(/\p{Script=Han}/gu) ?? [])]
  return (json) => han.every((ch) => json.includes(ch))
}

/** Cases whose facts mention what `q.search` holds (Chinese, 2+ characters; anything else finds none). */
export async function searchFacts(
  db: MediationDb,
  q: CaseQuery,
  options: FactsSearchOptions = {},
): Promise<FactsFound> {
  const { onProgress, signal, limit = FACTS_LIMIT } = options
  const phrase = q.search ?? ''
  // the chunk being read while the one before is tested (WebCrypto opens it off the page's thread)
  let reading: Promise<(CaseDoc | undefined)[]> | undefined
  try {
    signal?.throwIfAborted()
    if (!isFactsQuery(phrase)) return { rows: [], more: false }
    const ids = await idsToRead(db, q)
    const mayMention = mayMentionInJson(phrase)
    const read = (start: number): Promise<(CaseDoc | undefined)[]> =>
      bulkGetOpenedIf(db, db.caseDocs, ids.slice(start, start + FACTS_CHUNK), mayMention)
    const rows: CaseRecord[] = []
    onProgress?.(0, ids.length)
    reading = ids.length > 0 ? read(0) : undefined
    for (let start = 0; start < ids.length; start += FACTS_CHUNK) {
      signal?.throwIfAborted()
      const docs = await reading!
      reading = start + FACTS_CHUNK < ids.length ? read(start + FACTS_CHUNK) : undefined
      for (const doc of docs) {
        if (!doc || !matchesFacts(doc, phrase)) continue
        if (rows.length === limit) return { rows, more: true }
        rows.push(caseOf(doc))
      }
      onProgress?.(Math.min(start + FACTS_CHUNK, ids.length), ids.length)
    }
    return { rows, more: false }
  } catch (error) {
    // a stop asked for is not a storage failure: the caller knows it asked
    if (signal?.aborted) throw signal.reason
    throw toStorageError(error)
  } finally {
    // a chunk read ahead and not needed (a stop, the limit reached): its failure concerns no one
    reading?.catch(() => undefined)
  }
}
