/**
 * Fast ways into the digests held in memory (src/db/caseIndex.ts), newest first:
 * - a date range is a slice of the list (binary search on the intake date);
 * - a search scans two long strings (every case's searchable text, joined in list order) with the
 *   engine's native substring search, instead of testing 100,000 small strings one by one. Each hit
 *   is a candidate: the caller still decides with `digestSearch`, so the scan only has to never miss;
 * - the deadline lists read the running deadlines, most urgent first.
 * Each is built once per version of the list and cached with it.
 */
import { addDays } from '../domain/dates'
import { DUE_SOON_DAYS } from '../domain/deadlines'
import { classify, normalizeQuery } from '../domain/search'
import { mostUrgentFirst, TAIL, type CaseDigest } from '../domain/caseDigest'

/** Ends each case's text in a haystack; no query contains it (nor NL, which separates fields). */
const CASE_END = '\u0001'
const NL = '\n'

interface Haystack {
  text: string
  /** starts[i]: where case i's text begins; starts[n] = text.length */
  starts: Int32Array
}

interface Scans {
  /** case number, title, names: what Chinese and case-number queries look for */
  han: Haystack
  /** pinyin initials and runs, ID and phone tails: what latin and digit queries look for */
  latin: Haystack
}

const scans = new WeakMap<readonly CaseDigest[], Scans>()
const urgent = new WeakMap<readonly CaseDigest[], CaseDigest[]>()

function haystack(all: readonly CaseDigest[], text: (d: CaseDigest) => string): Haystack {
  const parts = new Array<string>(all.length)
  const starts = new Int32Array(all.length + 1)
  let at = 0
  all.forEach((d, i) => {
    const part = text(d) + CASE_END
    parts[i] = part
    starts[i] = at
    at += part.length
  })
  starts[all.length] = at
  return { text: parts.join(''), starts }
}

/**
 * Builds the search scans of a new version of the list soon, off the current task (~50 ms for
 * 100,000 cases), so that the first search does not wait for them.
 */
export function prepareSearch(all: readonly CaseDigest[]): void {
  if (all.length > 0 && !scans.has(all)) setTimeout(() => scansOf(all), 0)
}

function scansOf(all: readonly CaseDigest[]): Scans {
  let s = scans.get(all)
  if (!s) {
    s = {
      han: haystack(all, (d) => `${d.caseNo ?? ''}${NL}${d.title}${NL}${d.persons}${NL}${d.orgs}`),
      latin: haystack(all, (d) => `${d.initials}${NL}${d.runs}${NL}${d.idTails}${d.phoneTails}`),
    }
    scans.set(all, s)
  }
  return s
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

/** The cases in [lo, hi) whose text contains `needle`, ascending, each once. */
function* hits(h: Haystack, needle: string, lo: number, hi: number): Generator<number> {
  const end = h.starts[hi]!
  let pos = h.text.indexOf(needle, h.starts[lo])
  while (pos >= 0 && pos < end) {
    const i = caseAt(h.starts, pos)
    yield i
    pos = h.text.indexOf(needle, h.starts[i + 1])
  }
}

/** Two ascending streams as one, each index once. */
function* union(a: Iterable<number>, b: readonly number[]): Generator<number> {
  let j = 0
  for (const i of a) {
    while (j < b.length && b[j]! < i) yield b[j++]!
    if (j < b.length && b[j] === i) j++
    yield i
  }
  while (j < b.length) yield b[j++]!
}

function* span(lo: number, hi: number): Generator<number> {
  for (let i = lo; i < hi; i++) yield i
}

/**
 * Every case in [lo, hi) that could match what was typed, ascending: a superset of the cases
 * `digestSearch` accepts (each search kind's match contains the needle scanned for).
 */
export function searchCandidates(all: readonly CaseDigest[], raw: string, lo: number, hi: number): Iterable<number> {
  const q = normalizeQuery(raw)
  const s = scansOf(all)
  switch (classify(q)) {
    case 'caseNo':
    case 'text':
      return hits(s.han, q, lo, hi)
    case 'pinyin':
      return hits(s.latin, q, lo, hi)
    case 'digits': {
      // a 序号 is compared as a number ("0012" is 第012号): those few are found by value
      const seq = /^\d{1,6}$/.test(q) ? Number(q) : undefined
      const bySeq: number[] = []
      if (seq !== undefined) for (let i = lo; i < hi; i++) if (all[i]!.seq === seq) bySeq.push(i)
      // numbers are matched by their last 4, 6 or more digits only (src/domain/search.ts)
      const byTail = q.length < 4 || q.length === 5 ? span(0, 0) : hits(s.latin, q.slice(-TAIL), lo, hi)
      return union(byTail, bySeq)
    }
    default:
      return span(0, 0)
  }
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
export function deadlineList(all: readonly CaseDigest[], deadline: 'overdue' | 'due-soon', today: string): readonly CaseDigest[] {
  let list = urgent.get(all)
  if (!list) {
    list = all.filter((d) => d.dueOn !== undefined).sort(mostUrgentFirst)
    urgent.set(all, list)
  }
  const dueFrom = (day: string): number => firstIndex(list, (d) => d.dueOn! >= day)
  const dueAfter = (day: string): number => firstIndex(list, (d) => d.dueOn! > day)
  return deadline === 'overdue' ? list.slice(0, dueFrom(today)) : list.slice(dueFrom(today), dueAfter(addDays(today, DUE_SOON_DAYS)))
}
