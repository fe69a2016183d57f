/**
 * Reading cases: the list (filters and search, newest first, a page at a time), one case with
 * everything in it, the dashboard's deadline lists, and repeat-party look-ups.
 * The dated multiEntry keys (src/domain/caseKeys.ts) make the first page of any single filter or
 * search one reversed index range with a limit.
 */
import type { Collection, InsertType } from 'dexie'
import type { CaseFlag, CaseRecord, CaseSource, CaseStatus, Party, UUID } from '../domain/types'
import { SEP, dueRange, facetRange, tokenRange, type Facet, type KeyRange } from '../domain/caseKeys'
import { matchesQuery, queryTokens, summaryShowsName, type SearchAlternative } from '../domain/search'
import { addDays } from '../domain/dates'
import { findRepeatParties as matchRepeatParties, type RepeatReason } from '../domain/repeatParty'
import { DUE_SOON_DAYS } from '../domain/deadlines'
import type { MediationDb } from './schema'
import { toStorageError } from './errors'
import { newestCarryingAll, type DatedKey } from './datedIntersection'

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

/** The filters of a query as dated keys (the deadline is not dated by intake: it is checked on the records). */
function facetKeys(facets: Facet[]): DatedKey[] {
  return facets.map((f) => ({ index: 'facets', range: (from, to) => facetRange(f, from, to) }))
}

function tokenKeys(tokens: readonly string[]): DatedKey[] {
  return tokens.map((t) => ({ index: 'searchTokens', range: (from, to) => tokenRange(t, from, to) }))
}

/**
 * The newest `want` records among the candidates that `accept` keeps, reading the candidates' records
 * window by window (src/db/datedIntersection.ts).
 */
async function newestAccepted(db: MediationDb, keys: DatedKey[], q: CaseQuery, want: number, accept: (chunk: CaseRecord[]) => CaseRecord[] | Promise<CaseRecord[]>, signal?: AbortSignal): Promise<CaseRecord[]> {
  const found: CaseRecord[] = []
  for await (const ids of newestCarryingAll(db, keys, q.from, q.to)) {
    for (let at = 0; at < ids.length && found.length < want; at += READ_CHUNK) {
      signal?.throwIfAborted()
      const chunk = (await db.cases.bulkGet(ids.slice(at, at + READ_CHUNK))).filter((c): c is CaseRecord => c !== undefined)
      found.push(...(await accept(chunk)))
    }
    if (found.length >= want) break
  }
  return found.slice(0, want)
}

/** Records read at a time from one window's candidates (a page and a bit). */
const READ_CHUNK = 64

/** Reads one page of cases matching every filter. */
async function filteredPage(db: MediationDb, q: CaseQuery, offset: number, limit: number): Promise<CasePage> {
  const facets = facetsOf(q)
  const due = deadlineRange(q)
  if (!due && facets.length > 1) {
    // Several filters: their keys intersected a window of days at a time, newest first.
    const rows = await newestAccepted(db, facetKeys(facets), q, offset + limit + 1, (chunk) => chunk.filter((c) => caseMatchesFilters(c, q)))
    return { rows: rows.slice(offset, offset + limit), hasMore: rows.length > offset + limit }
  }
  const source = indexSource(db, q, facets, due)
  const rows = await (isExactRead(q, facets, due) ? source : source.filter((c) => caseMatchesFilters(c, q))).offset(offset).limit(limit + 1).toArray()
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit }
}

/**
 * The cases carrying every token of `alt` and every filter (and, with `verify`, confirmed by the
 * reference), newest first, until `want` are found. The tokens' and filters' keys are intersected a
 * window of days at a time; whatever the intersection did not read is checked on the records.
 */
function walkAlternative(db: MediationDb, q: CaseQuery, alt: SearchAlternative, want: number, signal?: AbortSignal): Promise<CaseRecord[]> {
  return newestAccepted(db, [...tokenKeys(alt.tokens), ...facetKeys(facetsOf(q))], q, want, async (chunk) => {
    const hits = chunk.filter((c) => {
      const own = new Set(c.searchTokens)
      return alt.tokens.every((t) => own.has(`${t}${SEP}${c.receivedOn}`)) && caseMatchesFilters(c, q)
    })
    return alt.verify && hits.length ? await confirmed(db, hits, q.search ?? '') : hits
  }, signal)
}

/** The candidates that really match, by the reference definition; parties are read only for the cases neither the title nor the party summary already shows to match. */
async function confirmed(db: MediationDb, candidates: CaseRecord[], search: string): Promise<CaseRecord[]> {
  const byTitle = new Set(candidates.filter((c) => matchesQuery(c, [], search) || summaryShowsName(c.partySummary, search)).map((c) => c.id))
  const rest = candidates.filter((c) => !byTitle.has(c.id))
  const byCase = new Map<string, Party[]>()
  // One key read per case (getAll) rather than anyOf, which Chromium walks as a cursor jumping key to key.
  const lists = await Promise.all(rest.map((c) => db.parties.where('caseId').equals(c.id).toArray()))
  rest.forEach((c, i) => byCase.set(c.id, lists[i]!))
  return candidates.filter((c) => byTitle.has(c.id) || matchesQuery(c, byCase.get(c.id) ?? [], search))
}

/** Reads one page of a search: each way the query can match is a dated index range, merged newest first. */
async function searchPage(db: MediationDb, q: CaseQuery, offset: number, limit: number, signal?: AbortSignal): Promise<CasePage> {
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
      : await walkAlternative(db, q, alt, want, signal)
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

/**
 * A search whose every alternative is one exact key, with no filter but the dates, is counted from the
 * keys alone (the union of the ranges' primary keys): no record is read.
 */
async function countByKeysOnly(db: MediationDb, q: CaseQuery): Promise<number | undefined> {
  const plan = queryTokens(q.search ?? '')
  const exact = plan.alternatives.every((alt) => alt.tokens.length === 1 && !alt.verify)
  if (!exact || facetsOf(q).length > 0 || q.deadline) return undefined
  const ids = new Set<string>()
  for (const alt of plan.alternatives) {
    for (const id of await rangeRead(db, 'searchTokens', tokenRange(alt.tokens[0]!, q.from, q.to), false).primaryKeys()) ids.add(id)
  }
  return ids.size
}

/**
 * How many cases match (a separate read, so the first page is not held up by counting). A search that
 * must read its candidates stops at `signal` (the list has moved on to another query).
 */
export async function countCases(db: MediationDb, q: CaseQuery, signal?: AbortSignal): Promise<number> {
  try {
    if (q.search && q.search.trim()) {
      const keysOnly = await countByKeysOnly(db, q)
      if (keysOnly !== undefined) return keysOnly
      // One pass to the end (paging would read the first pages again for every later one); Dexie reads an
      // infinite limit as none.
      return (await searchPage(db, q, 0, Number.POSITIVE_INFINITY, signal)).rows.length
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

