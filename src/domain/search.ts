/**
 * Search keys for the cases table's multiEntry index, and the query planner that turns what a user typed
 * into index look-ups. Every key carries a kind prefix so that one index serves every kind of query:
 *
 *   no:<case number>   seq:<sequence>   n:<Chinese fragment>   py:<pinyin initials or full-pinyin prefix>
 *   id:<ID suffix>     ph:<phone suffix>
 *
 * Each key is one index entry written with the case (about 10 µs each on load, measured by
 * `npm run bench -- --only cases.write-cost`), so only what people search for is indexed:
 * - a person's name: every fragment up to NAME_FRAGMENT_MAX characters, its pinyin initials, and its full
 *   pinyin from the surname or from the second syllable on (李淑珺: lishujun, shujun);
 * - an organisation's name and the title: their two-character fragments only (no pinyin: a company is
 *   found by a Chinese word of its name), sharing the n: keys with the names;
 * - case number, 序号, ID and phone suffixes.
 * Longer queries are answered from the index as candidates that the caller confirms with `matchesQuery`,
 * the slow reference that defines what a match is.
 */
import { pinyin } from 'pinyin-pro'
import type { CaseRecord, Party } from './types'
import { caseNumberSeq } from './numbering'
import { codePoints, stripSpaces, toHalfWidth } from './text'

/** Name fragments are indexed up to this many characters (all personal names fit). */
export const NAME_FRAGMENT_MAX = 4
/** Substrings of the pinyin initials are indexed up to this length. */
export const PINYIN_INITIALS_MAX = 6
/** Full-pinyin prefixes (from the first or second syllable on) are indexed up to this many letters ("ouyangshujun"). */
export const PINYIN_FULL_MAX = 12
/** ID and phone numbers are indexed by these suffix lengths. */
export const SUFFIX_LENGTHS = [4, 6] as const

export type SearchCase = Pick<CaseRecord, 'caseNo' | 'title'>
export type SearchParty = Pick<Party, 'name' | 'kind' | 'idNumber' | 'phone'>

// ---------------------------------------------------------------------------------------------------
// What is searched: the same derivations feed the index and the reference

/** Name as compared: no spaces, half-width. */
function cleanName(name: string): string {
  return stripSpaces(toHalfWidth(name))
}

/** Lower-case toneless syllables of the Chinese characters of a name; other characters are skipped. */
export function namePinyin(name: string, kind: Party['kind'] = 'person'): string[] {
  const syllables = pinyin(cleanName(name), { toneType: 'none', type: 'array', v: true, nonZh: 'removed', surname: kind === 'person' ? 'head' : 'off' })
  return syllables.map((s) => s.toLowerCase()).filter((s) => /^[a-z]+$/.test(s))
}

/** Case number as compared: half-width brackets, no spaces ("（2026）" and "(2026)" are the same). */
function caseNoKey(caseNo: string): string {
  return stripSpaces(toHalfWidth(caseNo))
}

function digitsOf(s: string | undefined): string {
  return s === undefined ? '' : toHalfWidth(s).replace(/\D/g, '')
}

function idOf(s: string | undefined): string {
  return s === undefined ? '' : stripSpaces(toHalfWidth(s)).toUpperCase()
}

/** Every substring of `chars` (whole code points) with length from 1 to `max`. */
function substrings(chars: readonly string[], max: number): string[] {
  const out: string[] = []
  for (let i = 0; i < chars.length; i++) {
    for (let len = 1; len <= max && i + len <= chars.length; len++) out.push(chars.slice(i, i + len).join(''))
  }
  return out
}

function bigrams(chars: readonly string[]): string[] {
  const out: string[] = []
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1])
  return out
}

/** Full-pinyin runs are indexed from these syllables on: the whole name and (for a one-character surname) the given name. */
const PINYIN_FULL_STARTS = 2

/** Windows of `size` that together cover `chars` (the last one aligned to the end). */
function coveringWindows(chars: readonly string[], size: number): string[] {
  const out: string[] = []
  for (let i = 0; i + size <= chars.length; i += size) out.push(chars.slice(i, i + size).join(''))
  if (chars.length % size !== 0) out.push(chars.slice(-size).join(''))
  return out
}

// ---------------------------------------------------------------------------------------------------
// The index keys

/** The pinyin keys of a person's name: substrings of the initials, and full-pinyin prefixes. */
function personPinyinKeys(syllables: readonly string[]): string[] {
  const keys = substrings(syllables.map((s) => s[0]), PINYIN_INITIALS_MAX).map((f) => `py:${f}`)
  for (const full of fullPinyinRuns(syllables)) {
    for (let len = 2; len <= Math.min(full.length, PINYIN_FULL_MAX); len++) keys.push(`py:${full.slice(0, len)}`)
  }
  return keys
}

/** The full-pinyin runs a name is found by: from the surname, and from the second syllable on. */
function fullPinyinRuns(syllables: readonly string[]): string[] {
  const runs: string[] = []
  for (let start = 0; start < Math.min(PINYIN_FULL_STARTS, syllables.length); start++) runs.push(syllables.slice(start).join(''))
  return runs
}

/** All search keys of a case, deduplicated. Store them in `CaseRecord.searchTokens`. */
export function searchTokensFor(c: SearchCase, parties: readonly SearchParty[]): string[] {
  const tokens = new Set<string>()
  if (c.caseNo) {
    tokens.add(`no:${caseNoKey(c.caseNo)}`)
    const seq = caseNumberSeq(c.caseNo)
    if (seq !== undefined) tokens.add(`seq:${seq}`)
  }
  for (const party of parties) {
    const chars = codePoints(cleanName(party.name))
    if (party.kind === 'person') {
      for (const fragment of substrings(chars, NAME_FRAGMENT_MAX)) tokens.add(`n:${fragment}`)
      for (const key of personPinyinKeys(namePinyin(party.name, party.kind))) tokens.add(key)
    } else {
      for (const pair of bigrams(chars)) tokens.add(`n:${pair}`)
    }
    const id = idOf(party.idNumber)
    const phone = digitsOf(party.phone)
    for (const n of SUFFIX_LENGTHS) {
      if (id.length >= n) tokens.add(`id:${id.slice(-n)}`)
      if (phone.length >= n) tokens.add(`ph:${phone.slice(-n)}`)
    }
  }
  for (const pair of bigrams(codePoints(stripSpaces(c.title)))) tokens.add(`n:${pair}`)
  return [...tokens]
}

// ---------------------------------------------------------------------------------------------------
// Queries

export type QueryKind = 'empty' | 'caseNo' | 'digits' | 'pinyin' | 'text' | 'unsupported'

/**
 * One way a case can match: it must carry every token. With `verify`, a case carrying them is only a
 * candidate (the query was longer than what the index holds) and the caller confirms it with `matchesQuery`.
 */
export interface SearchAlternative {
  tokens: string[]
  verify: boolean
}

export interface SearchPlan {
  kind: QueryKind
  /** the query as compared (trimmed, half-width, lower-case latin) */
  query: string
  alternatives: SearchAlternative[]
}

/** What the user typed, as compared: no spaces, half-width; latin lower-cased, an ID's x upper-cased. */
export function normalizeQuery(raw: string): string {
  const q = stripSpaces(toHalfWidth(raw))
  if (/^\d+[xX]$/.test(q)) return q.toUpperCase()
  return /^[A-Za-z]+$/.test(q) ? q.toLowerCase() : q
}

function classify(q: string): QueryKind {
  if (q === '') return 'empty'
  if (/调字|第\d+号|^（\d{4}）|^\(\d{4}\)/.test(q)) return 'caseNo'
  if (/^\d+X?$/.test(q)) return 'digits'
  if (/^[a-z]+$/.test(q)) return 'pinyin'
  if (/^[^\da-zA-Z]+$/u.test(q) && /\p{Script=Han}/u.test(q)) return 'text'
  return 'unsupported'
}

/** Turns a query into index look-ups (see SearchAlternative). */
export function queryTokens(raw: string): SearchPlan {
  const query = normalizeQuery(raw)
  const kind = classify(query)
  const alternatives: SearchAlternative[] = []
  const add = (tokens: string[], verify = false): void => {
    alternatives.push({ tokens: [...new Set(tokens)], verify })
  }

  if (kind === 'caseNo') {
    add([`no:${query}`])
    const seq = /第0*(\d+)号/.exec(query)
    if (seq) add([`seq:${Number(seq[1])}`], true)
  } else if (kind === 'digits') {
    if (/^\d{1,6}$/.test(query)) add([`seq:${Number(query)}`])
    if ((SUFFIX_LENGTHS as readonly number[]).includes(query.length)) {
      add([`id:${query}`])
      if (/^\d+$/.test(query)) add([`ph:${query}`])
    } else if (query.length > 6) {
      const last6 = query.slice(-6)
      add([`id:${last6}`], true)
      if (/^\d+$/.test(query)) add([`ph:${last6}`], true)
    }
  } else if (kind === 'pinyin') {
    // initials and full pinyin share the py: keys; past a cap, a covered part is looked up and verified
    if (query.length <= PINYIN_FULL_MAX) add([`py:${query}`])
    else add([`py:${query.slice(0, PINYIN_FULL_MAX)}`], true)
    if (query.length > PINYIN_INITIALS_MAX) add(coveringWindows([...query], PINYIN_INITIALS_MAX).map((w) => `py:${w}`), true)
  } else if (kind === 'text') {
    // n: holds persons' fragments up to NAME_FRAGMENT_MAX and every two-character fragment of
    // organisation names and titles: two characters are exact, longer ones need their pairs confirmed.
    const chars = codePoints(query)
    if (chars.length <= NAME_FRAGMENT_MAX) add([`n:${query}`])
    // every pair, not just pairs that cover it: the rarest pair (泰化 of 恒泰化工) is what the search walks
    if (chars.length > 2) add(bigrams(chars).map((w) => `n:${w}`), true)
  }
  return { kind, query, alternatives }
}

export type PlanMatch = 'match' | 'verify' | 'none'

/** How a case's keys answer a plan: certainly a match, a candidate to confirm, or no match. */
export function planMatch(caseTokens: ReadonlySet<string>, plan: SearchPlan): PlanMatch {
  let result: PlanMatch = 'none'
  for (const alt of plan.alternatives) {
    if (!alt.tokens.every((t) => caseTokens.has(t))) continue
    if (!alt.verify) return 'match'
    result = 'verify'
  }
  return result
}

// ---------------------------------------------------------------------------------------------------
// The reference: what a match means, written plainly and without the index

/**
 * Whether a case matches a query, by definition:
 * - a case-number query: the case number contains it;
 * - digits: the 序号 equals it (up to 6 digits), or an ID number or phone ends with it (4, 6 or 7+ digits);
 * - latin letters: a person's pinyin initials contain it, or their full pinyin from the first or second
 *   syllable on starts with it (two letters or more);
 * - Chinese: a person's name contains it; or (two characters or more) an organisation's name or the title
 *   contains it.
 */
export function matchesQuery(c: SearchCase, parties: readonly SearchParty[], raw: string): boolean {
  const query = normalizeQuery(raw)
  switch (classify(query)) {
    case 'caseNo':
      return c.caseNo !== undefined && caseNoKey(c.caseNo).includes(query)
    case 'digits': {
      if (/^\d{1,6}$/.test(query) && c.caseNo !== undefined && caseNumberSeq(c.caseNo) === Number(query)) return true
      if (query.length < 4 || query.length === 5) return false
      return parties.some((p) => idOf(p.idNumber).endsWith(query) || (/^\d+$/.test(query) && digitsOf(p.phone).endsWith(query)))
    }
    case 'pinyin':
      return parties.some((p) => {
        if (p.kind !== 'person') return false
        const syllables = namePinyin(p.name, p.kind)
        if (syllables.map((s) => s[0]).join('').includes(query)) return true
        return query.length >= 2 && fullPinyinRuns(syllables).some((run) => run.startsWith(query))
      })
    case 'text': {
      const long = codePoints(query).length >= 2
      if (parties.some((p) => (p.kind === 'person' || long) && cleanName(p.name).includes(query))) return true
      return long && stripSpaces(c.title).includes(query)
    }
    default:
      return false
  }
}

/**
 * A sure match read off a case's party summary ("张三、李四 与 某公司", src/domain/intake.ts) without
 * reading its parties: only for a phrase of Chinese characters, which neither a separator nor the
 * "等N人" of a long list can fake. A false answer proves nothing (the summary names three per side).
 */
export function summaryShowsName(summary: string, raw: string): boolean {
  const query = normalizeQuery(raw)
  if (classify(query) !== 'text' || codePoints(query).length < 2 || !/^\p{Script=Han}+$/u.test(query) || /[与等]/u.test(query)) return false
  return summary.split(/、| 与 /u).some((part) => cleanName(part).includes(query))
}
