/**
 * Index keys that let one IndexedDB range read return the first page of a filtered or searched case
 * list already sorted by date. Each key is `<kind>:<value>` + SEP + receivedOn: all cases with one
 * filter value are adjacent in the index and ordered by intake date, so "newest first" is a reversed
 * range with a limit. Pure: the db layer stores and queries these.
 */
import type { CaseRecord } from './types'
import { isDeadlineRunning } from './deadlines'
import { searchTokensFor, type SearchCase, type SearchParty } from './search'

/** Separates a key from its date; sorts below every printable character. */
export const SEP = '\u0001'
/** Sorts above every date suffix. */
const HIGH = '\uffff'

export type Facet =
  | { kind: 'status'; value: CaseRecord['status'] }
  | { kind: 'stage'; value: 'open' | 'done' }
  | { kind: 'category'; value: string }
  | { kind: 'room'; value: string }
  | { kind: 'source'; value: string }
  | { kind: 'mediator'; value: string }
  | { kind: 'flag'; value: string }

const PREFIX: Record<Facet['kind'], string> = {
  status: 'st',
  stage: 'sg',
  category: 'cat',
  room: 'room',
  source: 'src',
  mediator: 'med',
  flag: 'flag',
}

/** Cases still being worked on (for the default list): not yet closed, archived, rejected. */
export function stageOf(status: CaseRecord['status']): 'open' | 'done' {
  return ['closed', 'archived', 'rejected'].includes(status) ? 'done' : 'open'
}

function facetKey(f: Facet): string {
  return `${PREFIX[f.kind]}:${f.value}`
}

type FacetSource = Pick<CaseRecord, 'status' | 'category' | 'roomId' | 'source' | 'mediatorIds' | 'flags' | 'receivedOn' | 'dueOn'>

/** The filter keys of a case. `due:` keys exist only while the deadline clock runs. */
export function facetsFor(c: FacetSource): string[] {
  const facets: Facet[] = [
    { kind: 'status', value: c.status },
    { kind: 'stage', value: stageOf(c.status) },
    { kind: 'category', value: c.category },
    { kind: 'room', value: c.roomId },
    { kind: 'source', value: c.source },
    ...c.mediatorIds.map((value): Facet => ({ kind: 'mediator', value })),
    ...c.flags.map((value): Facet => ({ kind: 'flag', value })),
  ]
  const keys = facets.map((f) => `${facetKey(f)}${SEP}${c.receivedOn}`)
  // Ordered by due date, so "overdue" and "due within 3 days" are ranges too.
  if (c.dueOn && isDeadlineRunning(c.status)) keys.push(`due:${c.dueOn}${SEP}${c.receivedOn}`)
  return [...new Set(keys)]
}

/** The search keys of a case, dated (see src/domain/search.ts for what they are). */
export function datedSearchTokens(c: SearchCase & Pick<CaseRecord, 'receivedOn'>, parties: readonly SearchParty[]): string[] {
  return searchTokensFor(c, parties).map((t) => `${t}${SEP}${c.receivedOn}`)
}

export interface KeyRange {
  lower: string
  upper: string
}

/** All cases with this filter value, optionally received within [from, to] (inclusive dates). */
export function facetRange(f: Facet, from?: string, to?: string): KeyRange {
  return datedRange(facetKey(f), from, to)
}

/** All cases carrying this search token, optionally received within [from, to]. */
export function tokenRange(token: string, from?: string, to?: string): KeyRange {
  return datedRange(token, from, to)
}

function datedRange(key: string, from?: string, to?: string): KeyRange {
  return { lower: `${key}${SEP}${from ?? ''}`, upper: `${key}${SEP}${to ?? ''}${HIGH}` }
}

/** Running cases due on or before `lastDay` (overdue: the day before today; due soon: today + 3). */
export function dueRange(firstDay: string | undefined, lastDay: string): KeyRange {
  return { lower: `due:${firstDay ?? ''}`, upper: `due:${lastDay}${SEP}${HIGH}` }
}
