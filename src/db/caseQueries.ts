/**
 * Reading cases: the list (filters and search, newest first, a page at a time), one case with its
 * parties, the dashboard's deadline lists, and repeat-party look-ups. Filters and search run over the
 * digests held in memory (src/db/caseIndex.ts); only the rows of the page asked for are read from the
 * store, and the few candidates a digest cannot settle (ID or phone numbers longer than it keeps).
 */
import type { CaseRecord, Party, UUID } from '../domain/types'
import {
  digestSearch,
  matchesFilter,
  newestFirst,
  TAIL,
  type CaseDigest,
  type DigestVerdict,
} from '../domain/caseDigest'
import { matchesQuery, digitsOf, idOf } from '../domain/search'
import type { CaseQuery } from '../domain/caseQuery'
import { findRepeatParties as matchRepeatParties, type RepeatReason } from '../domain/repeatParty'
import type { MediationDb } from './schema'
import { toStorageError } from './errors'
import { caseDigests, caseIndexView, type CaseIndexView } from './caseIndex'
import { columnTest, dateSpan, deadlineList, searchCandidates } from './caseScan'
import { caseOf, partiesOf } from './caseDocs'
import { type CaseDoc } from './records'
import { readCaseDocs } from './heldCaseDocs'
import { compareOrdinal } from '../domain/text'

export type { CaseQuery } from '../domain/caseQuery'

export interface CasePage {
  rows: CaseRecord[]
  /** more rows after this page */
  hasMore: boolean
}

/** The filters of a query, on a case record or a digest (src/domain/caseDigest.ts). */
export const caseMatchesFilters = matchesFilter

/** Documents read at a time when candidates must be confirmed on the stored case. */
const VERIFY_CHUNK = 64

/**
 * The digests matching the query, in list order, until `want` are found (all with Infinity). A
 * candidate the digest cannot settle is confirmed on its stored case by the reference `matchesQuery`,
 * VERIFY_CHUNK at a time.
 */
async function matching(db: MediationDb, q: CaseQuery, want: number, signal?: AbortSignal): Promise<CaseDigest[]> {
  const view = await caseIndexView(db)
  signal?.throwIfAborted()
  const found: CaseDigest[] = []
  let batch: { d: CaseDigest; verdict: DigestVerdict }[] = []
  let unsure = 0
  const settle = async (): Promise<void> => {
    if (unsure > 0) {
      signal?.throwIfAborted()
      const docs = new Map(
        (
          await readCaseDocs(
            db,
            batch.filter((b) => b.verdict === 'verify').map((b) => b.d.id),
          )
        ).map((doc) => [doc.id, doc]),
      )
      for (const { d, verdict } of batch) {
        const doc = docs.get(d.id)
        if (verdict === 'match' || (doc && matchesQuery(doc, doc.parties, q.search ?? '', q.mediators))) found.push(d)
      }
    } else for (const { d } of batch) found.push(d)
    batch = []
    unsure = 0
  }
  for (const [d, verdict] of passing(view, q, want)) {
    batch.push({ d, verdict })
    if (verdict === 'verify') unsure++
    if (unsure >= VERIFY_CHUNK || found.length + batch.length >= want) await settle()
    if (found.length >= want) break
  }
  await settle()
  return found.slice(0, want)
}

type Judged = readonly [CaseDigest, DigestVerdict]

/**
 * A search's hits are put in list order by a sort when they are few; when they are many (a title word,
 * a common given name), the list is walked from its head instead, keeping the hits, until the page is
 * full: that reads about `want / share of hits` digests, where sorting them all costs a comparison
 * of two digests' dates and ids per hit and level. Either way the order is the list's (newestFirst).
 */
function sortsHits(hits: number, listLength: number, want: number): boolean {
  if (hits <= 1) return true
  const walk = Math.min(listLength, (listLength / hits) * want)
  return hits * Math.log2(hits) * SORT_OVER_WALK <= walk
}

/**
 * A comparison in a sort costs about this many steps of the walk (a Set look-up each). Measured over 100,000
 * digests (tests/bench/RESULTS.md, session 17): 2 near where the two meet (about 550 hits), 4-8 with more hits;
 * with 4 the faster side is chosen everywhere but 350-550 hits, where the two differ by under 0.1 ms.
 */
const SORT_OVER_WALK = 4

/**
 * The digests passing the filters and the search, in list order, each with the search's verdict. A
 * deadline list is walked most urgent first; a search (outside a deadline list) tests only its scan's
 * hits, in list order (`sortsHits`); a plain list walks the slice of its dates, passing over the cases
 * whose one-value fields (status, category, room, source) the columns rule out (src/db/caseScan.ts).
 */
function* passing(view: CaseIndexView, q: CaseQuery, want: number): Generator<Judged> {
  const search = q.search?.trim() ? digestSearch(q.search, q.mediators) : undefined
  const only = q.ids ? new Set(q.ids) : undefined
  const verdict = (d: CaseDigest): DigestVerdict =>
    (only && !only.has(d.id)) || !matchesFilter(d, q) ? 'none' : search ? search(d) : 'match'
  if (q.deadline && q.today) {
    for (const d of deadlineList(view.sorted, q.deadline, q.today)) {
      const v = verdict(d)
      if (v !== 'none') yield [d, v]
    }
    return
  }
  const [lo, hi] = dateSpan(view.sorted, q.from, q.to)
  const hits = search ? searchCandidates(view.batches, q.search!, q.mediators) : undefined
  if (hits && sortsHits(hits.size, hi - lo, want)) {
    const found: Judged[] = []
    for (const d of hits) {
      const v = verdict(d)
      if (v !== 'none') found.push([d, v])
    }
    yield* found.sort(([a], [b]) => newestFirst(a, b))
    return
  }
  const may = columnTest(view.sorted, q)
  for (let i = lo; i < hi; i++) {
    if (may && !may(i)) continue
    const d = view.sorted[i]!
    if (hits && !hits.has(d)) continue
    const v = verdict(d)
    if (v !== 'none') yield [d, v]
  }
}

/** One page of the case list, newest first (deadline lists: most urgent first). */
export async function listCases(db: MediationDb, q: CaseQuery, offset = 0, limit = 50): Promise<CasePage> {
  try {
    const digests = await matching(db, q, offset + limit + 1)
    const page = digests.slice(offset, offset + limit)
    const docs = new Map(
      (
        await readCaseDocs(
          db,
          page.map((d) => d.id),
        )
      ).map((doc) => [doc.id, doc]),
    )
    const rows = page
      .map((d) => docs.get(d.id))
      .filter((doc): doc is CaseDoc => doc !== undefined)
      .map(caseOf)
    return { rows, hasMore: digests.length > offset + limit }
  } catch (error) {
    throw toStorageError(error)
  }
}

/** How many cases match (a separate call, so the first page is not held up by counting). */
export async function countCases(db: MediationDb, q: CaseQuery, signal?: AbortSignal): Promise<number> {
  try {
    return (await matching(db, q, Number.POSITIVE_INFINITY, signal)).length
  } catch (error) {
    throw toStorageError(error)
  }
}

export interface CaseDetail {
  case: CaseRecord
  parties: Party[]
}

export async function getCaseWithParties(db: MediationDb, caseId: UUID): Promise<CaseDetail | undefined> {
  try {
    const doc = await db.caseDocs.get(caseId)
    return doc ? { case: caseOf(doc), parties: partiesOf(doc) } : undefined
  } catch (error) {
    throw toStorageError(error)
  }
}

export interface RepeatPartyHit {
  party: Party
  case: CaseRecord
  /** the strongest evidence: same ID number, same credit code, or same name and phone */
  by: RepeatReason
}

type Person = Pick<Party, 'name' | 'idNumber' | 'creditCode' | 'phone'>

const tailOf = (value: string): string => `${value.slice(-TAIL)}\n`

/**
 * Other cases in which any of these people already appear. The digests' number tails narrow the
 * candidates; what counts as the same party is decided by src/domain/repeatParty.ts on the stored parties.
 */
export async function findRepeatParties(
  db: MediationDb,
  people: readonly Person[],
  excludeCaseId?: UUID,
): Promise<RepeatPartyHit[]> {
  const tails = (values: string[]) => values.filter((v) => v !== '').map(tailOf)
  try {
    const ids = tails(people.map((p) => idOf(p.idNumber)))
    const codes = tails(people.map((p) => idOf(p.creditCode)))
    const phones = tails(people.map((p) => digitsOf(p.phone)))
    if (ids.length + codes.length + phones.length === 0) return []
    const candidates = (await caseDigests(db)).filter(
      (d) =>
        d.id !== excludeCaseId &&
        (ids.some((t) => d.idTails.includes(t)) ||
          codes.some((t) => d.codeTails.includes(t)) ||
          phones.some((t) => d.phoneTails.includes(t))),
    )
    const docs = await readCaseDocs(
      db,
      candidates.map((d) => d.id),
    )
    const parties = docs.flatMap((doc) => doc.parties)
    const byCase = new Map(docs.map((doc) => [doc.id, doc]))
    const hits = new Map<string, RepeatPartyHit>()
    for (const person of people) {
      for (const match of matchRepeatParties({ ...person, caseId: excludeCaseId ?? '' }, parties)) {
        const doc = byCase.get(match.candidate.caseId)
        if (!hits.has(match.candidate.id) && doc)
          hits.set(match.candidate.id, { party: match.candidate, case: caseOf(doc), by: match.reasons[0]! })
      }
    }
    return [...hits.values()]
  } catch (error) {
    throw toStorageError(error)
  }
}

/** What a picker of cases shows of each. */
export interface CaseHeading {
  id: UUID
  caseNo?: string
  title: string
  updatedAt: string
}

/** Cases read at a time by `caseHeadings`: the documents (with parties and sessions) are never all held at once. */
const HEADING_BATCH = 500

/** Every case's number and title, most recently changed first (equal times in id order). */
export async function caseHeadings(db: MediationDb): Promise<CaseHeading[]> {
  try {
    const headings = await db.transaction('r', db.caseDocs, async () => {
      const out: CaseHeading[] = []
      for (let after: UUID | undefined; ;) {
        const batch = await (
          after === undefined
            ? db.caseDocs.limit(HEADING_BATCH)
            : db.caseDocs.where(':id').above(after).limit(HEADING_BATCH)
        ).toArray()
        for (const d of batch)
          out.push({
            id: d.id,
            ...(d.caseNo !== undefined ? { caseNo: d.caseNo } : {}),
            title: d.title,
            updatedAt: d.updatedAt,
          })
        if (batch.length < HEADING_BATCH) return out
        after = batch.at(-1)!.id
      }
    })
    return headings.sort((a, b) => compareOrdinal(b.updatedAt, a.updatedAt))
  } catch (error) {
    throw toStorageError(error)
  }
}

/** The id of every stored case. */
export async function allCaseIds(db: MediationDb): Promise<UUID[]> {
  try {
    return await db.caseDocs.toCollection().primaryKeys()
  } catch (error) {
    throw toStorageError(error)
  }
}
