/**
 * Fast ways into the digests held in memory (src/db/caseIndex.ts):
 * - a date range is a slice of the newest-first list (binary search on the intake date);
 * - a search scans, batch by batch, one string per batch of digests (the batch's text of the fields the
 *   query's kind is compared with, joined) with the engine's native substring search, instead of testing
 *   100,000 small strings one by one. Each hit is a candidate: the caller still decides with `digestSearch`, so the scan only
 *   has to never miss. A batch's strings are built once per version of the batch, so a write rebuilds
 *   only the batch it changed;
 * - the deadline lists read the running deadlines, most urgent first (once per version of the list);
 * - a one-value filter (status, category, room, source) reads a column of codes of the list (once per
 *   version of the list and field) before it looks at a digest.
 */
import { addDays } from '../domain/dates'
import { DUE_SOON_DAYS } from '../domain/deadlines'
import { classify, mediatorIdsNamed, normalizeQuery, queryWords, type NamedMediator } from '../domain/search'
import { mostUrgentFirst, TAIL, type CaseDigest, type CaseFilter } from '../domain/caseDigest'

/** Ends each case's text in a haystack; no query contains it (nor NL, which separates fields). */
const CASE_END = '\u0001'
const NL = '\n'

type Batch = readonly CaseDigest[]

interface Haystack {
  text: string
  /** starts[i]: where case i's text begins; starts[n] = text.length */
  starts: Int32Array
}

interface Scans {
  /** case numbers: what case-number queries look for */
  caseNos: Haystack
  /** title, persons' and organisations' names: what Chinese queries look for */
  names: Haystack
  /** pinyin initials and runs: what latin queries look for */
  pinyin: Haystack
  /** ID and phone tails, each followed by NL: what number queries look for */
  tails: Haystack
  /** each case's 序号, -1 for none (a typed array: a loop over it reads no digest) */
  seqs: Float64Array
}

const scans = new WeakMap<Batch, Scans>()
const urgent = new WeakMap<readonly CaseDigest[], CaseDigest[]>()

function haystack(batch: Batch, text: (d: CaseDigest) => string): Haystack {
  const parts = new Array<string>(batch.length)
  const starts = new Int32Array(batch.length + 1)
  let at = 0
  batch.forEach((d, i) => {
    const part = text(d) + CASE_END
    parts[i] = part
    starts[i] = at
    at += part.length
  })
  starts[batch.length] = at
  return { text: parts.join(''), starts }
}

function scansOf(batch: Batch): Scans {
  let s = scans.get(batch)
  if (!s) {
    s = {
      caseNos: haystack(batch, (d) => d.caseNo ?? ''),
      names: haystack(batch, (d) => `${d.title}${NL}${d.persons}${NL}${d.orgs}`),
      pinyin: haystack(batch, (d) => `${d.initials}${NL}${d.runs}`),
      tails: haystack(batch, (d) => `${d.idTails}${d.phoneTails}`),
      seqs: Float64Array.from(batch, (d) => d.seq ?? -1),
    }
    scans.set(batch, s)
  }
  return s
}

/** Batches built per task when preparing ahead (~1 ms each), so the page stays responsive. */
const PREPARE_PER_TASK = 20

/** Builds the scans of batches that lack them, a few per task, soon: the first search need not wait. */
export function prepareSearch(batches: readonly Batch[]): void {
  const missing = batches.filter((b) => b.length > 0 && !scans.has(b))
  const step = (from: number): void => {
    missing.slice(from, from + PREPARE_PER_TASK).forEach(scansOf)
    if (from + PREPARE_PER_TASK < missing.length) setTimeout(() => step(from + PREPARE_PER_TASK), 0)
  }
  if (missing.length > 0) setTimeout(() => step(0), 0)
}

/** The case whose text holds position `pos`: the last start at or before it. */
function caseAt(starts: Int32Array, pos: number): number {
  let lo = 0
  let hi = starts.length - 2
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid]! <= pos) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** Adds the digests of `batch` whose text contains `needle` to `out`, each once. */
function addHits(batch: Batch, h: Haystack, needle: string, out: Set<CaseDigest>): void {
  let pos = h.text.indexOf(needle)
  while (pos >= 0) {
    const i = caseAt(h.starts, pos)
    out.add(batch[i]!)
    pos = h.text.indexOf(needle, h.starts[i + 1])
  }
}

/**
 * Every case that could match what was typed, in no particular order: a superset of the cases
 * `digestSearch` accepts (each search kind's match contains the needle scanned for). Several words:
 * the candidates of the words joined, and those of the word with the fewest (every word must match).
 */
export function searchCandidates(
  batches: readonly Batch[],
  raw: string,
  mediators: readonly NamedMediator[] = [],
): Set<CaseDigest> {
  const out = wordCandidates(batches, raw, mediators)
  const words = queryWords(raw)
  if (words.length < 2) return out
  let fewest: Set<CaseDigest> | undefined
  for (const w of words) {
    const found = wordCandidates(batches, w, mediators)
    if (!fewest || found.size < fewest.size) fewest = found
  }
  for (const d of fewest!) out.add(d)
  return out
}

/** The candidates of one word (spaces removed). */
function wordCandidates(batches: readonly Batch[], raw: string, mediators: readonly NamedMediator[]): Set<CaseDigest> {
  const q = normalizeQuery(raw)
  const out = new Set<CaseDigest>()
  const kind = classify(q)
  // a 序号 is compared as a number ("0012" is 第012号); numbers by their last 4, 6 or more digits only,
  // each a whole tail's end (a tail is followed by NL)
  const seq = kind === 'digits' && /^\d{1,6}$/.test(q) ? Number(q) : undefined
  const tail = kind === 'digits' && !(q.length < 4 || q.length === 5) ? `${q.slice(-TAIL)}${NL}` : undefined
  // a mediator's name is not in the text: their cases are found by id
  const named = kind === 'text' ? mediatorIdsNamed(q, mediators) : new Set<string>()
  for (const batch of batches) {
    if (batch.length === 0) continue
    const s = scansOf(batch)
    if (kind === 'caseNo') addHits(batch, s.caseNos, q, out)
    else if (kind === 'text') addHits(batch, s.names, q, out)
    else if (kind === 'pinyin') addHits(batch, s.pinyin, q, out)
    else if (kind === 'digits') {
      if (tail !== undefined) addHits(batch, s.tails, tail, out)
      if (seq !== undefined) for (let i = 0; i < s.seqs.length; i++) if (s.seqs[i] === seq) out.add(batch[i]!)
    }
    if (named.size > 0) for (const d of batch) if (d.mediatorIds.some((id) => named.has(id))) out.add(d)
  }
  return out
}

/** The slice [lo, hi) of the newest-first list received within [from, to] (inclusive dates). */
export function dateSpan(all: readonly CaseDigest[], from?: string, to?: string): [number, number] {
  const firstAtOrBefore = (day: string): number => firstIndex(all, (d) => d.receivedOn <= day)
  const lo = to ? firstAtOrBefore(to) : 0
  const hi = from ? firstIndex(all, (d) => d.receivedOn < from) : all.length
  return [lo, Math.max(lo, hi)]
}

/** The first index where `past` turns true (it is false, then true, along the list). */
function firstIndex(all: readonly CaseDigest[], past: (d: CaseDigest) => boolean): number {
  let lo = 0
  let hi = all.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (past(all[mid]!)) hi = mid
    else lo = mid + 1
  }
  return lo
}

/** The cases whose deadline runs, most urgent first, cut to those a deadline list can show. */
export function deadlineList(
  all: readonly CaseDigest[],
  deadline: 'overdue' | 'due-soon',
  today: string,
): readonly CaseDigest[] {
  let list = urgent.get(all)
  if (!list) {
    list = all.filter((d) => d.dueOn !== undefined).sort(mostUrgentFirst)
    urgent.set(all, list)
  }
  const dueFrom = (day: string): number => firstIndex(list, (d) => d.dueOn! >= day)
  const dueAfter = (day: string): number => firstIndex(list, (d) => d.dueOn! > day)
  return deadline === 'overdue'
    ? list.slice(0, dueFrom(today))
    : list.slice(dueFrom(today), dueAfter(addDays(today, DUE_SOON_DAYS)))
}

/** The filters a column of the list answers: one value per case, few values in all. */
const COLUMNS = ['status', 'category', 'roomId', 'source'] as const
type ColumnField = (typeof COLUMNS)[number]

interface Column {
  /** each value's code */
  codes: Map<string, number>
  /** the code of each digest of the list, by position */
  at: Uint16Array
}

const columnsOf = new WeakMap<readonly CaseDigest[], Partial<Record<ColumnField, Column>>>()

function column(all: readonly CaseDigest[], field: ColumnField): Column {
  let held = columnsOf.get(all)
  if (!held) {
    held = {}
    columnsOf.set(all, held)
  }
  let c = held[field]
  if (!c) {
    const codes = new Map<string, number>()
    const at = new Uint16Array(all.length)
    for (let i = 0; i < all.length; i++) {
      const value = all[i]![field]
      let code = codes.get(value)
      if (code === undefined) {
        code = codes.size
        codes.set(value, code)
      }
      at[i] = code
    }
    // more values than a code holds (never in practice): no column, every digest is tested
    c = codes.size <= 0xffff ? { codes, at } : { codes: new Map(), at: new Uint16Array(0) }
    held[field] = c
  }
  return c
}

/**
 * A quick necessary test of a list position for the query's one-value filters (status, category, room,
 * source), from columns of the list built once per version of it: false only where `matchesFilter`
 * would say no, so the caller still decides with it. Undefined when the query has no such filter.
 */
export function columnTest(all: readonly CaseDigest[], q: CaseFilter): ((i: number) => boolean) | undefined {
  const tests: { at: Uint16Array; code: number }[] = []
  for (const field of COLUMNS) {
    const wanted = q[field]
    if (!wanted) continue
    const c = column(all, field)
    if (c.at.length !== all.length) continue
    const code = c.codes.get(wanted)
    if (code === undefined) return () => false
    tests.push({ at: c.at, code })
  }
  if (tests.length === 0) return undefined
  if (tests.length === 1) {
    const [{ at, code }] = tests as [{ at: Uint16Array; code: number }]
    return (i) => at[i] === code
  }
  return (i) => tests.every((t) => t.at[i] === t.code)
}
