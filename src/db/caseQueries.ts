/**
 * Reading cases: the list (filters and search, newest first, a page at a time), one case with
 * everything in it, the dashboard's deadline lists, and repeat-party look-ups.
 * The dated multiEntry keys (src/domain/caseKeys.ts) make the first page of any single filter or
 * search one reversed index range with a limit.
 */
import type { Collection, InsertType } from 'dexie'
import type { CaseFlag, CaseRecord, CaseSource, CaseStatus, Party, UUID } from '../domain/types'
import { SEP, dueRange, facetRange, tokenRange, type Facet, type KeyRange } from '../domain/caseKeys'
import { matchesQuery, queryTokens, type SearchAlternative } from '../domain/search'
import { addDays } from '../domain/dates'
import { findRepeatParties as matchRepeatParties, type RepeatReason } from '../domain/repeatParty'
import { DUE_SOON_DAYS } from '../domain/deadlines'
import type { MediationDb } from './schema'
import { toStorageError } from './errors'

type CaseCollection = Collection<CaseRecord, string, InsertType<CaseRecord, 'id'>>

export interface CaseQuery {
  search?: string
  status?: CaseStatus
  stage?: 'open' | 'done'
  category?: string
  roomId?: UUID
  mediatorId?: UUID
  source?: CaseSource
  flag?: CaseFlag
  /** received on or after / on or before ('YYYY-MM-DD') */
  from?: string
  to?: string
  /** deadline passed / due within 3 days, relative to `today` */
  deadline?: 'overdue' | 'due-soon'
  today?: string
}

export interface CasePage {
  rows: CaseRecord[]
  /** more rows after this page */
  hasMore: boolean
}

function facetsOf(q: CaseQuery): Facet[] {
  const f: Facet[] = []
  if (q.status) f.push({ kind: 'status', value: q.status })
  if (q.stage) f.push({ kind: 'stage', value: q.stage })
  if (q.category) f.push({ kind: 'category', value: q.category })
  if (q.roomId) f.push({ kind: 'room', value: q.roomId })
  if (q.source) f.push({ kind: 'source', value: q.source })
  if (q.mediatorId) f.push({ kind: 'mediator', value: q.mediatorId })
  if (q.flag) f.push({ kind: 'flag', value: q.flag })
  return f
}

/** The same filters, checked on a record (for the filters not used to drive the index read). */
export function caseMatchesFilters(c: CaseRecord, q: CaseQuery): boolean {
  if (q.status && c.status !== q.status) return false
  if (q.stage && (['closed', 'archived', 'rejected'].includes(c.status) ? 'done' : 'open') !== q.stage) return false
  if (q.category && c.category !== q.category) return false
  if (q.roomId && c.roomId !== q.roomId) return false
  if (q.source && c.source !== q.source) return false
  if (q.mediatorId && !c.mediatorIds.includes(q.mediatorId)) return false
  if (q.flag && !c.flags.includes(q.flag)) return false
  if (q.from && c.receivedOn < q.from) return false
  if (q.to && c.receivedOn > q.to) return false
  if (q.deadline && q.today) {
    const facetDue = c.facets.find((k) => k.startsWith('due:'))
    if (!facetDue) return false
    const due = facetDue.slice(4, 14)
    if (q.deadline === 'overdue' && !(due < q.today)) return false
    if (q.deadline === 'due-soon' && !(due >= q.today && due <= addDays(q.today, DUE_SOON_DAYS))) return false
  }
  return true
}

function deadlineRange(q: CaseQuery): KeyRange | undefined {
  if (!q.deadline || !q.today) return undefined
  return q.deadline === 'overdue' ? dueRange(undefined, addDays(q.today, -1)) : dueRange(q.today, addDays(q.today, DUE_SOON_DAYS))
}

function rangeRead(db: MediationDb, index: 'facets' | 'searchTokens', r: KeyRange, newestFirst: boolean): CaseCollection {
  const c = db.cases.where(index).between(r.lower, r.upper, true, true)
  return newestFirst ? c.reverse() : c
}

/** The index range that drives a filtered read: the deadline list, the first filter, the dates, or all cases. */
function indexSource(db: MediationDb, q: CaseQuery, facets: Facet[], due: KeyRange | undefined): CaseCollection {
  if (due) return rangeRead(db, 'facets', due, false) // most overdue first
  if (facets.length > 0) return rangeRead(db, 'facets', facetRange(facets[0]!, q.from, q.to), true)
  if (q.from || q.to) return db.cases.where('receivedOn').between(q.from ?? '', `${q.to ?? ''}\uffff`, true, true).reverse()
  return db.cases.orderBy('receivedOn').reverse()
}

/**
 * Whether the range read alone is the answer: it holds every filter (the dates are part of the facet and
 * receivedOn ranges). Otherwise a JS filter runs, and that forces a cursor walk, slow in Chromium.
 */
function isExactRead(q: CaseQuery, facets: Facet[], due: KeyRange | undefined): boolean {
  return due ? facets.length === 0 && !q.from && !q.to : facets.length <= 1
}

/**
 * Cases carrying every one of several filter keys, newest first: the primary keys of each range (keys
 * only, no records) intersected, instead of walking the records of the first range one by one.
 */
async function facetIntersection(db: MediationDb, facets: Facet[], from?: string, to?: string): Promise<string[]> {
  let ids: string[] = []
  for (const [i, f] of facets.entries()) {
    const r = facetRange(f, from, to)
    const keys = await db.cases.where('facets').between(r.lower, r.upper, true, true).primaryKeys()
    if (i === 0) ids = keys
    else {
      const present = new Set(keys)
      ids = ids.filter((id) => present.has(id))
    }
    if (ids.length === 0) break
  }
  // The first range is in (receivedOn, id) order; newest first as every other list.
  return ids.reverse()
}

/** Records of the first filter's range walked before several filters switch to intersecting keys. */
const PAIR_WALK_LIMIT = 400

/** Reads one page of cases matching every filter. */
async function filteredPage(db: MediationDb, q: CaseQuery, offset: number, limit: number): Promise<CasePage> {
  const facets = facetsOf(q)
  const due = deadlineRange(q)
  if (!due && facets.length > 1) {
    // A common pair fills a page within the newest records of the first range: walk a few hundred.
    // A rare one would walk the whole range: intersect the ranges' keys instead.
    let scanned = 0
    const walked = await indexSource(db, q, facets, due)
      .until(() => ++scanned > PAIR_WALK_LIMIT)
      .filter((c) => caseMatchesFilters(c, q))
      .offset(offset)
      .limit(limit + 1)
      .toArray()
    if (walked.length > limit) return { rows: walked.slice(0, limit), hasMore: true }
    if (scanned <= PAIR_WALK_LIMIT) return { rows: walked, hasMore: false } // the whole range was walked
    const ids = await facetIntersection(db, facets, q.from, q.to)
    const rows = (await db.cases.bulkGet(ids.slice(offset, offset + limit))).filter((c): c is CaseRecord => c !== undefined)
    return { rows, hasMore: ids.length > offset + limit }
  }
  const source = indexSource(db, q, facets, due)
  const rows = await (isExactRead(q, facets, due) ? source : source.filter((c) => caseMatchesFilters(c, q))).offset(offset).limit(limit + 1).toArray()
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit }
}

/**
 * How a search walks: keys of a token range read to find the rarest token (probe; each key read costs
 * ~20 µs in Chromium), a range small enough to stop probing (enough), and the most records read at a
 * time (chunk; the first chunk is the page itself). Exported so that tests can make them tiny
 * and cross every boundary.
 */
export const searchWalk = { probe: 300, deepProbe: 3_000, enough: 100, chunk: 400 }

interface Probe {
  ids: string[]
  whole: boolean
  range: KeyRange
}

/** Reads up to `limit` keys of each range, oldest first (one getAllKeys; a reversed read is a cursor walked key by key). */
async function probeRanges(db: MediationDb, ranges: readonly KeyRange[], limit: number, stopAtWhole = false): Promise<Probe[] | undefined> {
  const probes: Probe[] = []
  for (const range of ranges) {
    const ids = await rangeRead(db, 'searchTokens', range, false).limit(limit).primaryKeys()
    if (ids.length === 0) return undefined
    probes.push({ ids, whole: ids.length < limit, range })
    // A range this small (or, probing deeper, any range read whole) is a short enough list of candidates:
    // the other keys are checked on the records.
    if (ids.length <= searchWalk.enough || (stopAtWhole && ids.length < limit)) break
  }
  return probes
}

/** Candidate ids newest first, a slice at a time: the intersection of the ranges read whole, or else the
 * rarest-looking range read from its newest end (a big range is never read whole). */
interface CandidateReader {
  /** the range walked when no range was read whole */
  walked?: KeyRange
  read(at: number, size: number): Promise<string[]>
}

function candidateReader(db: MediationDb, probes: readonly Probe[]): CandidateReader {
  const whole = probes.filter((p) => p.whole)
  if (whole.length > 0) {
    let known = [...whole[0]!.ids].reverse()
    for (const p of whole.slice(1)) {
      const present = new Set(p.ids)
      known = known.filter((id) => present.has(id))
    }
    return { read: async (at, size) => known.slice(at, at + size) }
  }
  const rarest = probes.reduce((a, b) => (b.ids.length < a.ids.length ? b : a))
  return { walked: rarest.range, read: (at, size) => rangeRead(db, 'searchTokens', rarest.range, true).offset(at).limit(size).primaryKeys() }
}

/**
 * The cases carrying every token of `alt` (and, with `verify`, confirmed by the reference), newest first,
 * until `want` are found. Each range is probed; ranges read whole are intersected in memory. The
 * candidates are read newest first in growing chunks, the other keys checked on each record's own keys,
 * so a common pair (赡养 + 纠纷) costs one small chunk instead of an intersection of two huge ranges.
 * When every probe was cut short and the walked range turns out sparse (长兴永兴: 长兴 is in every
 * company name), the other ranges are probed deeper once to find a smaller one; every match carries
 * each of them, so walking any one of them alone is still complete.
 */
async function walkAlternative(db: MediationDb, q: CaseQuery, alt: SearchAlternative, want: number): Promise<CaseRecord[]> {
  const ranges = alt.tokens.map((token) => tokenRange(token, q.from, q.to))
  const probes = await probeRanges(db, ranges, searchWalk.probe)
  if (!probes) return []
  const reader = candidateReader(db, probes)
  const first = await walkCandidates(db, q, alt, want, reader, reader.walked !== undefined)
  if (first !== 'sparse') return first
  // The walked range is the common one: probe the others deeper, up to the first read whole.
  const others = ranges.filter((r) => r !== reader.walked)
  const deeper = await probeRanges(db, others, searchWalk.deepProbe, true)
  if (!deeper) return []
  const second = await walkCandidates(db, q, alt, want, candidateReader(db, deeper), false)
  return second === 'sparse' ? [] : second
}

/** Walks candidates until `want` match; with `giveUpIfSparse`, answers 'sparse' when under a quarter of the first chunk matches. */
async function walkCandidates(db: MediationDb, q: CaseQuery, alt: SearchAlternative, want: number, reader: CandidateReader, giveUpIfSparse: boolean): Promise<CaseRecord[] | 'sparse'> {
  const found: CaseRecord[] = []
  for (let at = 0, size = Math.min(want, searchWalk.chunk); found.length < want; at += size, size = Math.min(size * 2, searchWalk.chunk)) {
    const ids = await reader.read(at, size)
    if (ids.length === 0) break
    const chunk = (await db.cases.bulkGet(ids)).filter((c): c is CaseRecord => c !== undefined)
    let hits = chunk.filter((c) => {
      const own = new Set(c.searchTokens)
      return alt.tokens.every((t) => own.has(`${t}${SEP}${c.receivedOn}`)) && caseMatchesFilters(c, q)
    })
    if (alt.verify && hits.length) hits = await confirmed(db, hits, q.search ?? '')
    found.push(...hits)
    if (ids.length < size) break
    if (giveUpIfSparse && at === 0 && found.length < want && hits.length * 4 < ids.length) return 'sparse'
  }
  return found
}

/** The candidates that really match, by the reference definition; parties are read only for the cases their title does not already match. */
async function confirmed(db: MediationDb, candidates: CaseRecord[], search: string): Promise<CaseRecord[]> {
  const byTitle = new Set(candidates.filter((c) => matchesQuery(c, [], search)).map((c) => c.id))
  const rest = candidates.filter((c) => !byTitle.has(c.id))
  const byCase = new Map<string, Party[]>()
  if (rest.length) {
    for (const p of await db.parties.where('caseId').anyOf(rest.map((c) => c.id)).toArray()) byCase.set(p.caseId, [...(byCase.get(p.caseId) ?? []), p])
  }
  return candidates.filter((c) => byTitle.has(c.id) || matchesQuery(c, byCase.get(c.id) ?? [], search))
}

/** Reads one page of a search: each way the query can match is a dated index range, merged newest first. */
async function searchPage(db: MediationDb, q: CaseQuery, offset: number, limit: number): Promise<CasePage> {
  const plan = queryTokens(q.search ?? '')
  const want = offset + limit + 1
  const found = new Map<string, CaseRecord>()
  for (const alt of plan.alternatives) {
    const exactSingle = alt.tokens.length === 1 && !alt.verify
    const candidates = exactSingle
      ? await rangeRead(db, 'searchTokens', tokenRange(alt.tokens[0]!, q.from, q.to), true)
          .filter((c) => caseMatchesFilters(c, q))
          .limit(want)
          .toArray()
      : await walkAlternative(db, q, alt, want)
    for (const c of candidates) found.set(c.id, c)
  }
  const sorted = [...found.values()].sort((a, b) => b.receivedOn.localeCompare(a.receivedOn) || b.id.localeCompare(a.id))
  return { rows: sorted.slice(offset, offset + limit), hasMore: sorted.length > offset + limit }
}

/** One page of the case list, newest first (deadline lists: most urgent first). */
export async function listCases(db: MediationDb, q: CaseQuery, offset = 0, limit = 50): Promise<CasePage> {
  try {
    return q.search && q.search.trim() ? await searchPage(db, q, offset, limit) : await filteredPage(db, q, offset, limit)
  } catch (error) {
    throw toStorageError(error)
  }
}

/** How many cases match (a separate read, so the first page is not held up by counting). */
export async function countCases(db: MediationDb, q: CaseQuery): Promise<number> {
  try {
    if (q.search && q.search.trim()) {
      const ids = new Set<string>()
      let more = true
      for (let offset = 0; more; offset += 2000) {
        const page = await searchPage(db, q, offset, 2000)
        page.rows.forEach((r) => ids.add(r.id))
        more = page.hasMore
      }
      return ids.size
    }
    const facets = facetsOf(q)
    const due = deadlineRange(q)
    if (!due && facets.length === 0 && !q.from && !q.to) return await db.cases.count()
    if (!due && facets.length > 1) return (await facetIntersection(db, facets, q.from, q.to)).length
    const source = indexSource(db, q, facets, due)
    return await (isExactRead(q, facets, due) ? source : source.filter((c) => caseMatchesFilters(c, q))).count()
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
    return await db.transaction('r', [db.cases, db.parties], async () => {
      const c = await db.cases.get(caseId)
      if (!c) return undefined
      const parties = await db.parties.where('caseId').equals(caseId).sortBy('order')
      return { case: c, parties }
    })
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

/**
 * Other cases in which any of these people already appear. The indexes narrow the candidates; what
 * counts as the same party is decided by src/domain/repeatParty.ts.
 */
export async function findRepeatParties(db: MediationDb, people: readonly Person[], excludeCaseId?: UUID): Promise<RepeatPartyHit[]> {
  const present = (xs: (string | undefined)[]) => xs.filter((x): x is string => Boolean(x))
  try {
    const ids = present(people.map((p) => p.idNumber))
    const codes = present(people.map((p) => p.creditCode))
    const phones = present(people.map((p) => p.phone))
    const candidates = new Map<string, Party>()
    const add = (list: Party[]) => list.forEach((p) => p.caseId !== excludeCaseId && candidates.set(p.id, p))
    if (ids.length) add(await db.parties.where('idNumber').anyOf(ids).toArray())
    if (codes.length) add(await db.parties.where('creditCode').anyOf(codes).toArray())
    if (phones.length) add(await db.parties.where('phone').anyOf(phones).toArray())
    const hits = new Map<string, RepeatPartyHit>()
    for (const person of people) {
      for (const match of matchRepeatParties({ ...person, caseId: excludeCaseId ?? '' }, [...candidates.values()])) {
        if (hits.has(match.candidate.id)) continue
        const c = await db.cases.get(match.candidate.caseId)
        if (c) hits.set(match.candidate.id, { party: match.candidate, case: c, by: match.reasons[0]! })
      }
    }
    return [...hits.values()]
  } catch (error) {
    throw toStorageError(error)
  }
}

