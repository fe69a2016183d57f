/**
 * A case's digest: the few fields the case list filters on and the search compares, precomputed once
 * per write (pinyin included) so that 100,000 cases can be filtered and searched in memory. Digests are
 * stored in batches with the cases (src/db/caseDocs.ts) and held by src/db/caseIndex.ts.
 *
 * What a match is stays defined by `matchesQuery` (src/domain/search.ts): a digest answers 'match',
 * 'none', or, only for ID/phone queries longer than the tails it keeps, 'verify' (read the case).
 * No full ID, phone or credit-code number is kept in a digest: only their last TAIL characters.
 */
import type { CaseFlag, CaseRecord, CaseSource, CaseStatus, Party } from './types'
import { reportFactsOf, type FactsCase, type ReportFacts } from './reportFacts'
import { caseNumberSeq } from './numbering'
import { DUE_SOON_DAYS, isDeadlineRunning } from './deadlines'
import { addDays } from './dates'
import { codePoints, stripSpaces } from './text'
import {
  caseNoKey,
  classify,
  cleanName,
  digitsOf,
  fullPinyinRuns,
  idOf,
  mediatorIdsNamed,
  namePinyin,
  normalizeQuery,
  queryWords,
  type NamedMediator,
} from './search'

/** ID, phone and credit-code numbers are kept by their last this many characters. */
export const TAIL = 6
/** Separates the parts of a joined field; no query contains it. */
const NL = '\n'
/** In `initials`, where the organisations' initials begin (after the persons'); no query contains it. */
const ORGS = '\u0002'

/** The list's and search's fields, beside the report's (reportFacts.ts). */
export interface CaseDigest extends ReportFacts {
  receivedOn: string
  flags: CaseFlag[]
  /** the last day, only while the deadline clock runs */
  dueOn?: string
  /** the case number as compared (half-width, no spaces) */
  caseNo?: string
  seq?: number
  /** the title without spaces */
  title: string
  /** persons' names as compared, joined by NL */
  persons: string
  /** organisations' names as compared, joined by NL */
  orgs: string
  /** persons' pinyin initials, joined by NL; then, if there are organisations, ORGS and theirs joined by NL */
  initials: string
  /** persons' full-pinyin runs (from the surname, from the second syllable), each preceded by NL */
  runs: string
  /** the last TAIL characters of each ID number / phone digits / credit code, each followed by NL */
  idTails: string
  phoneTails: string
  codeTails: string
}

export type DigestCase = FactsCase & Pick<CaseRecord, 'receivedOn' | 'flags' | 'dueOn' | 'caseNo' | 'title'>
export type DigestParty = Pick<Party, 'name' | 'kind' | 'idNumber' | 'phone' | 'creditCode'>

const tails = (values: readonly string[]): string =>
  values
    .filter((v) => v !== '')
    .map((v) => `${v.slice(-TAIL)}${NL}`)
    .join('')

export function digestOf(c: DigestCase, parties: readonly DigestParty[]): CaseDigest {
  const persons = parties.filter((p) => p.kind === 'person')
  const orgs = parties.filter((p) => p.kind !== 'person')
  const syllables = persons.map((p) => namePinyin(p.name, p.kind))
  const initialsOf = (s: readonly string[]): string => s.map((x) => x[0]).join('')
  const seq = c.caseNo === undefined ? undefined : caseNumberSeq(c.caseNo)
  return {
    ...reportFactsOf(c),
    receivedOn: c.receivedOn,
    flags: [...c.flags],
    ...(c.dueOn !== undefined && isDeadlineRunning(c.status) ? { dueOn: c.dueOn } : {}),
    ...(c.caseNo !== undefined ? { caseNo: caseNoKey(c.caseNo) } : {}),
    ...(seq !== undefined ? { seq } : {}),
    title: stripSpaces(c.title),
    persons: persons.map((p) => cleanName(p.name)).join(NL),
    orgs: parties
      .filter((p) => p.kind !== 'person')
      .map((p) => cleanName(p.name))
      .join(NL),
    initials:
      syllables.map(initialsOf).join(NL) +
      (orgs.length > 0 ? ORGS + orgs.map((p) => initialsOf(namePinyin(p.name, p.kind))).join(NL) : ''),
    runs: syllables
      .flatMap((s) => fullPinyinRuns(s))
      .map((r) => `${NL}${r}`)
      .join(''),
    idTails: tails(parties.map((p) => idOf(p.idNumber))),
    phoneTails: tails(parties.map((p) => digitsOf(p.phone))),
    codeTails: tails(parties.map((p) => idOf(p.creditCode))),
  }
}

// ---------------------------------------------------------------------------------------------------
// Stored form: one array per digest (no repeated property names in the batches on disk)

const FIELDS = [
  'id',
  'receivedOn',
  'status',
  'category',
  'roomId',
  'source',
  'mediatorIds',
  'flags',
  'dueOn',
  'caseNo',
  'seq',
  'title',
  'persons',
  'orgs',
  'initials',
  'runs',
  'idTails',
  'phoneTails',
  'codeTails',
  // the report's facts (reportFacts.ts); a batch stored before they were added has shorter rows
  'acceptedOn',
  'outcome',
  'outcomeOn',
  'closedOn',
  'deadline',
  'inTime',
  'amountFen',
  'people',
  'performance',
  'prevention',
  'screeningId',
  'jcAppliedOn',
  'jcConfirmedOn',
] as const satisfies readonly (keyof CaseDigest)[]

export type DigestTuple = unknown[]

export function toTuple(d: CaseDigest): DigestTuple {
  return FIELDS.map((f) => d[f] ?? null)
}

/** Whether a stored row has every field this version keeps (an older app's rows do not: rebuild them). */
export function isCurrentTuple(t: DigestTuple): boolean {
  return t.length === FIELDS.length
}

/** Where each field sits in a stored row. */
const AT = Object.fromEntries(FIELDS.map((f, i) => [f, i])) as Record<(typeof FIELDS)[number], number>

export function fromTuple(t: DigestTuple): CaseDigest {
  // one object literal with every field (absent ones undefined): every digest then has the same shape,
  // so the list's and the search's reads of 100,000 digests are plain loads. Leaving absent fields out
  // gave each mix of present fields a shape of its own, and reads of them went through a lookup
  return {
    id: t[AT.id] ?? undefined,
    receivedOn: t[AT.receivedOn] ?? undefined,
    status: t[AT.status] ?? undefined,
    category: t[AT.category] ?? undefined,
    roomId: t[AT.roomId] ?? undefined,
    source: t[AT.source] ?? undefined,
    mediatorIds: t[AT.mediatorIds] ?? undefined,
    flags: t[AT.flags] ?? undefined,
    dueOn: t[AT.dueOn] ?? undefined,
    caseNo: t[AT.caseNo] ?? undefined,
    seq: t[AT.seq] ?? undefined,
    title: t[AT.title] ?? undefined,
    persons: t[AT.persons] ?? undefined,
    orgs: t[AT.orgs] ?? undefined,
    initials: t[AT.initials] ?? undefined,
    runs: t[AT.runs] ?? undefined,
    idTails: t[AT.idTails] ?? undefined,
    phoneTails: t[AT.phoneTails] ?? undefined,
    codeTails: t[AT.codeTails] ?? undefined,
    acceptedOn: t[AT.acceptedOn] ?? undefined,
    outcome: t[AT.outcome] ?? undefined,
    outcomeOn: t[AT.outcomeOn] ?? undefined,
    closedOn: t[AT.closedOn] ?? undefined,
    deadline: t[AT.deadline] ?? undefined,
    inTime: t[AT.inTime] ?? undefined,
    amountFen: t[AT.amountFen] ?? undefined,
    people: t[AT.people] ?? undefined,
    performance: t[AT.performance] ?? undefined,
    prevention: t[AT.prevention] ?? undefined,
    screeningId: t[AT.screeningId] ?? undefined,
    jcAppliedOn: t[AT.jcAppliedOn] ?? undefined,
    jcConfirmedOn: t[AT.jcConfirmedOn] ?? undefined,
  } as unknown as CaseDigest
}

/** Two digests are the same when their stored forms are (a write that changes neither skips the index). */
export function sameDigest(a: CaseDigest, b: CaseDigest): boolean {
  return JSON.stringify(toTuple(a)) === JSON.stringify(toTuple(b))
}

// ---------------------------------------------------------------------------------------------------
// Matching

export type DigestVerdict = 'match' | 'verify' | 'none'

/**
 * Compiles what the user typed into a test of digests, following `matchesQuery` case by case
 * (src/domain/search.ts): the query as one word, or else every word of it. Only a digit query longer
 * than TAIL can answer 'verify'. `mediators` resolve names typed to the ids the digests hold.
 */
export function digestSearch(raw: string, mediators: readonly NamedMediator[] = []): (d: CaseDigest) => DigestVerdict {
  const whole = wordSearch(raw, mediators)
  const words = queryWords(raw)
  if (words.length < 2) return whole
  const each = words.map((w) => wordSearch(w, mediators))
  return (d) => {
    const joined = whole(d)
    if (joined === 'match') return joined
    let all: DigestVerdict = 'match'
    for (const test of each) {
      const v = test(d)
      if (v === 'none') return joined
      if (v === 'verify') all = 'verify'
    }
    return all
  }
}

/** The test of one word (spaces removed). */
function wordSearch(raw: string, mediators: readonly NamedMediator[]): (d: CaseDigest) => DigestVerdict {
  const q = normalizeQuery(raw)
  const yes = (b: boolean): DigestVerdict => (b ? 'match' : 'none')
  switch (classify(q)) {
    case 'caseNo':
      return (d) => yes(d.caseNo !== undefined && d.caseNo.includes(q))
    case 'digits': {
      const seq = /^\d{1,6}$/.test(q) ? Number(q) : undefined
      const allDigits = /^\d+$/.test(q)
      const suffixLength = !(q.length < 4 || q.length === 5)
      const tail = `${q.slice(-TAIL)}${NL}`
      const long = q.length > TAIL
      return (d) => {
        if (seq !== undefined && d.seq === seq) return 'match'
        if (!suffixLength) return 'none'
        const hit = d.idTails.includes(tail) || (allDigits && d.phoneTails.includes(tail))
        return hit ? (long ? 'verify' : 'match') : 'none'
      }
    }
    case 'pinyin': {
      const run = `${NL}${q}`
      if (q.length >= 2) return (d) => yes(d.initials.includes(q) || d.runs.includes(run))
      // one letter: persons' initials only (those before ORGS)
      return (d) => {
        const at = d.initials.indexOf(q)
        const orgs = d.initials.indexOf(ORGS)
        return yes(at >= 0 && (orgs < 0 || at < orgs))
      }
    }
    case 'text': {
      const long = codePoints(q).length >= 2
      const named = mediatorIdsNamed(q, mediators)
      return (d) =>
        yes(
          d.persons.includes(q) ||
            (long && (d.orgs.includes(q) || d.title.includes(q))) ||
            (named.size > 0 && d.mediatorIds.some((id) => named.has(id))),
        )
    }
    default:
      return () => 'none'
  }
}

// ---------------------------------------------------------------------------------------------------
// Filters: the same test on a digest and on a case record

export interface CaseFilter {
  status?: CaseStatus
  stage?: 'open' | 'done'
  category?: string
  roomId?: string
  mediatorId?: string
  source?: CaseSource
  flag?: CaseFlag
  /** received on or after / on or before ('YYYY-MM-DD') */
  from?: string
  to?: string
  /** deadline passed / due within 3 days, relative to `today` */
  deadline?: 'overdue' | 'due-soon'
  today?: string
}

type Filterable = Pick<
  CaseDigest,
  'status' | 'category' | 'roomId' | 'source' | 'mediatorIds' | 'flags' | 'receivedOn' | 'dueOn'
>

/** Cases still being worked on (for the default list): not yet closed, archived, rejected. */
export function stageOf(status: CaseStatus): 'open' | 'done' {
  return status === 'closed' || status === 'archived' || status === 'rejected' ? 'done' : 'open'
}

/** The running deadline of a record or digest (a digest keeps dueOn only while it runs). */
function runningDue(c: Filterable): string | undefined {
  return c.dueOn !== undefined && isDeadlineRunning(c.status) ? c.dueOn : undefined
}

export function matchesFilter(c: Filterable, q: CaseFilter): boolean {
  if (q.status && c.status !== q.status) return false
  if (q.stage && stageOf(c.status) !== q.stage) return false
  if (q.category && c.category !== q.category) return false
  if (q.roomId && c.roomId !== q.roomId) return false
  if (q.source && c.source !== q.source) return false
  if (q.mediatorId && !c.mediatorIds.includes(q.mediatorId)) return false
  if (q.flag && !c.flags.includes(q.flag)) return false
  if (q.from && c.receivedOn < q.from) return false
  if (q.to && c.receivedOn > q.to) return false
  if (q.deadline && q.today) {
    const due = runningDue(c)
    if (due === undefined) return false
    if (q.deadline === 'overdue' && !(due < q.today)) return false
    if (q.deadline === 'due-soon' && !(due >= q.today && due <= addDays(q.today, DUE_SOON_DAYS))) return false
  }
  return true
}

/** List order: newest intake first, then by id (stable across pages). */
export function newestFirst(
  a: Pick<CaseDigest, 'receivedOn' | 'id'>,
  b: Pick<CaseDigest, 'receivedOn' | 'id'>,
): number {
  return a.receivedOn < b.receivedOn ? 1 : a.receivedOn > b.receivedOn ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

/** Deadline lists: most urgent first (earliest last day), then oldest intake. */
export function mostUrgentFirst(a: CaseDigest, b: CaseDigest): number {
  const da = a.dueOn ?? ''
  const dbb = b.dueOn ?? ''
  if (da !== dbb) return da < dbb ? -1 : 1
  return -newestFirst(a, b)
}
