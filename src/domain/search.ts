/**
 * What a search matches, defined once: `matchesQuery` is the plain reference (a case and its parties
 * against what the user typed). The case list answers searches from compact digests held in memory
 * (src/domain/caseDigest.ts), which property tests hold to this reference.
 */
import { pinyin } from 'pinyin-pro'
import type { CaseRecord, Party } from './types'
import { caseNumberSeq } from './numbering'
import { codePoints, stripSpaces, toHalfWidth } from './text'

export type SearchCase = Pick<CaseRecord, 'caseNo' | 'title'> & Partial<Pick<CaseRecord, 'mediatorIds'>>
export type FactsCase = Pick<CaseRecord, 'facts'>
export type SearchParty = Pick<Party, 'name' | 'kind' | 'idNumber' | 'phone'>

/** A mediator as the search knows them: names are resolved to ids when the query is made, never stored. */
export interface NamedMediator {
  id: string
  name: string
}

// ---------------------------------------------------------------------------------------------------
// What is compared: the same derivations feed the digests and the reference

/** Name as compared: no spaces, half-width. */
export function cleanName(name: string): string {
  return stripSpaces(toHalfWidth(name))
}

/** Lower-case toneless syllables of the Chinese characters of a name; other characters are skipped. */
export function namePinyin(name: string, kind: Party['kind'] = 'person'): string[] {
  const syllables = pinyin(cleanName(name), {
    toneType: 'none',
    type: 'array',
    v: true,
    nonZh: 'removed',
    surname: kind === 'person' ? 'head' : 'off',
  })
  return syllables.map((s) => s.toLowerCase()).filter((s) => /^[a-z]+$/.test(s))
}

/** Case number as compared: half-width brackets, no spaces ("（2026）" and "(2026)" are the same). */
export function caseNoKey(caseNo: string): string {
  return stripSpaces(toHalfWidth(caseNo))
}

export function digitsOf(s: string | undefined): string {
  return s === undefined ? '' : toHalfWidth(s).replace(/\D/g, '')
}

export function idOf(s: string | undefined): string {
  return s === undefined ? '' : stripSpaces(toHalfWidth(s)).toUpperCase()
}

/** The full-pinyin runs a name is found by: from the surname, and from the second syllable on. */
export function fullPinyinRuns(syllables: readonly string[]): string[] {
  const runs: string[] = []
  for (let start = 0; start < Math.min(2, syllables.length); start++) runs.push(syllables.slice(start).join(''))
  return runs
}

export type QueryKind = 'empty' | 'caseNo' | 'digits' | 'pinyin' | 'text' | 'unsupported'
/** What the user typed: a kind of one word, or several words each searched by its own kind. */
export type TypedKind = QueryKind | 'words'

/** What the user typed, as compared: no spaces, half-width; latin lower-cased, an ID's x upper-cased. */
export function normalizeQuery(raw: string): string {
  const q = stripSpaces(toHalfWidth(raw))
  if (/^\d+[xX]$/.test(q)) return q.toUpperCase()
  return /^[A-Za-z]+$/.test(q) ? q.toLowerCase() : q
}

/**
 * The words of what the user typed, split at spaces (full-width ones too). Two words or more ask for
 * cases matching every word; the words joined are still tried as one query, so a number or name typed
 * with spaces in it ("138 1234 5678", "王 𠮷") is found as before.
 */
export function queryWords(raw: string): string[] {
  return toHalfWidth(raw)
    .split(/\s+/)
    .filter((w) => w !== '')
}

/**
 * The mediators a query word names: a Chinese word of two characters or more within a mediator's
 * name (one character would name too many). Their cases are found by the ids the digests hold.
 */
export function mediatorIdsNamed(word: string, mediators: readonly NamedMediator[]): Set<string> {
  const q = normalizeQuery(word)
  const ids = new Set<string>()
  if (classify(q) !== 'text' || codePoints(q).length < 2) return ids
  for (const m of mediators) if (cleanName(m.name).includes(q)) ids.add(m.id)
  return ids
}

/** Which kind of search a normalized query is. */
export function classify(q: string): QueryKind {
  if (q === '') return 'empty'
  if (/调字|第\d+号|^（\d{4}）|^\(\d{4}\)/.test(q)) return 'caseNo'
  if (/^\d+X?$/.test(q)) return 'digits'
  if (/^[a-z]+$/.test(q)) return 'pinyin'
  if (/^[^\da-zA-Z]+$/u.test(q) && /\p{Script=Han}/u.test(q)) return 'text'
  return 'unsupported'
}

/**
 * The kind of what the user typed (the list explains an unsupported query). Several words are
 * unsupported only when the words joined are and one of the words is (no way to match).
 */
export function queryKind(raw: string): TypedKind {
  const kind = classify(normalizeQuery(raw))
  const words = queryWords(raw)
  if (kind !== 'unsupported' || words.length < 2) return kind
  return words.some((w) => classify(normalizeQuery(w)) === 'unsupported') ? 'unsupported' : 'words'
}

// ---------------------------------------------------------------------------------------------------
// The reference: what a match means, written plainly and without the index

/**
 * Whether a case matches a query, by definition: it matches the query as one word (spaces removed),
 * or, when the query has two words or more, it matches every word. One word matches when:
 * - a case-number query: the case number contains it;
 * - digits: the 序号 equals it (up to 6 digits), or an ID number or phone ends with it (4, 6 or 7+ digits);
 * - latin letters: a person's pinyin initials contain it, or their full pinyin from the first or second
 *   syllable on starts with it (two letters or more); or (two letters or more) an organisation's pinyin
 *   initials contain it;
 * - Chinese: a person's name contains it; or (two characters or more) an organisation's name or the title
 *   contains it, or it names a mediator of the case (`mediatorIdsNamed`).
 */
export function matchesQuery(
  c: SearchCase,
  parties: readonly SearchParty[],
  raw: string,
  mediators: readonly NamedMediator[] = [],
): boolean {
  const one = (word: string): boolean => matchesWord(c, parties, word, mediators)
  if (one(raw)) return true
  const words = queryWords(raw)
  return words.length > 1 && words.every(one)
}

/** Whether a case matches one word (the rules listed at `matchesQuery`). */
function matchesWord(
  c: SearchCase,
  parties: readonly SearchParty[],
  raw: string,
  mediators: readonly NamedMediator[],
): boolean {
  const query = normalizeQuery(raw)
  switch (classify(query)) {
    case 'caseNo':
      return c.caseNo !== undefined && caseNoKey(c.caseNo).includes(query)
    case 'digits': {
      if (/^\d{1,6}$/.test(query) && c.caseNo !== undefined && caseNumberSeq(c.caseNo) === Number(query)) return true
      if (query.length < 4 || query.length === 5) return false
      return parties.some(
        (p) => idOf(p.idNumber).endsWith(query) || (/^\d+$/.test(query) && digitsOf(p.phone).endsWith(query)),
      )
    }
    case 'pinyin':
      return parties.some((p) => {
        const syllables = namePinyin(p.name, p.kind)
        const initials = syllables.map((s) => s[0]).join('')
        if (p.kind !== 'person') return query.length >= 2 && initials.includes(query)
        if (initials.includes(query)) return true
        return query.length >= 2 && fullPinyinRuns(syllables).some((run) => run.startsWith(query))
      })
    case 'text': {
      const long = codePoints(query).length >= 2
      if (parties.some((p) => (p.kind === 'person' || long) && cleanName(p.name).includes(query))) return true
      if (long && stripSpaces(c.title).includes(query)) return true
      const named = mediatorIdsNamed(query, mediators)
      return (c.mediatorIds ?? []).some((id) => named.has(id))
    }
    default:
      return false
  }
}

// ---------------------------------------------------------------------------------------------------
// The facts (事实经过): searched only on request, by reading the stored cases (src/db/caseFacts.ts),
// because holding every case's facts in memory would cost ~1 KB per case.

/** Whether what the user typed can be looked for in the facts: Chinese text of two characters or more. */
export function isFactsQuery(raw: string): boolean {
  const query = normalizeQuery(raw)
  return classify(query) === 'text' && codePoints(query).length >= 2
}

/**
 * Whether a case's facts mention a query: only a Chinese-text query of two characters or more, found
 * in the facts without spaces. The facts are made half-width like the query, so a full-width comma
 * typed in the query still meets the one written in the facts.
 */
export function matchesFacts(c: FactsCase, raw: string): boolean {
  if (!isFactsQuery(raw)) return false
  return stripSpaces(toHalfWidth(c.facts)).includes(normalizeQuery(raw))
}
