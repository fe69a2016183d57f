/**
 * What the case list asks for: a query (filters and search), and how the list's filter form becomes
 * one. The filters themselves are judged in caseDigest.ts (`matchesFilter`), the search in search.ts.
 */
import type { CaseFlag, CaseSource, CaseStatus } from './types'
import type { CaseFilter } from './caseDigest'
import { readDateRange } from './typedDate'
import type { NamedMediator } from './search'

/** Cases the search in the facts (案情) returns at most unless asked otherwise: more than a person reads through. */
export const FACTS_LIMIT = 200

export interface CaseQuery extends CaseFilter {
  search?: string
  /** only these cases (the cases behind a number of the 统计 report, src/domain/reportCell.ts) */
  ids?: readonly string[]
  /** the mediators a search may name (src/domain/search.ts `mediatorIdsNamed`), from the settings */
  mediators?: readonly NamedMediator[]
}

/** The list's filter form as the user leaves it: empty fields are '' or null. */
export interface CaseFilters {
  search: string
  stage: 'open' | 'done' | 'all'
  status: CaseStatus | null
  category: string | null
  roomId: string | null
  mediatorId: string | null
  source: CaseSource | null
  flag: CaseFlag | null
  deadline: 'overdue' | 'due-soon' | null
  from: string
  to: string
}

export function emptyFilters(): CaseFilters {
  return {
    search: '',
    stage: 'open',
    status: null,
    category: null,
    roomId: null,
    mediatorId: null,
    source: null,
    flag: null,
    deadline: null,
    from: '',
    to: '',
  }
}

/**
 * The filter form as a CaseQuery: empty fields dropped, half-typed dates ignored; a status overrides the
 * stage. A search carries the mediators it may name.
 */
export function filtersToQuery(f: CaseFilters, today: string, mediators: readonly NamedMediator[] = []): CaseQuery {
  const q: CaseQuery = {}
  if (f.search.trim()) {
    q.search = f.search.trim()
    if (mediators.length > 0) q.mediators = mediators.map(({ id, name }) => ({ id, name }))
  }
  if (f.status) q.status = f.status
  else if (f.stage !== 'all') q.stage = f.stage
  if (f.category) q.category = f.category
  if (f.roomId) q.roomId = f.roomId
  if (f.mediatorId) q.mediatorId = f.mediatorId
  if (f.source) q.source = f.source
  if (f.flag) q.flag = f.flag
  if (f.deadline) {
    q.deadline = f.deadline
    q.today = today
  }
  const { from, to } = readDateRange(f.from, f.to, { from: '登记起', to: '登记止' })
  if (from) q.from = from
  if (to) q.to = to
  return q
}

/** Why the list's 登记起/止 do not filter as typed (./typedDate.ts readDateRange); undefined when both read. */
export function dateFilterProblem(f: Pick<CaseFilters, 'from' | 'to'>): string | undefined {
  return readDateRange(f.from, f.to, { from: '登记起', to: '登记止' }).problem
}

/**
 * A search's query without its stage and status filters, to tell how many cases those filters hid
 * (the default 进行中 hides closed cases); undefined when there is no search or no such filter.
 */
export function withoutStageFilter(q: CaseQuery): CaseQuery | undefined {
  if (!q.search?.trim() || (q.stage === undefined && q.status === undefined)) return undefined
  const { stage: _stage, status: _status, ...rest } = q
  return rest
}
