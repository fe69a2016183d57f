/**
 * Small pure rules of the case screens, kept apart from Vue and Dexie so they are unit tested:
 * which typed numbers the repeat-party check looks up, which referrals the dashboard raises, and how
 * the list's filter form becomes a query.
 */
import type { CaseFlag, CaseSource, CaseStatus, Party, Referral } from '../domain/types'
import { parseIdNumber } from '../domain/idNumber'
import { parsePhone } from '../domain/phone'
import { addDays, isIsoDate } from '../domain/dates'
import { DUE_SOON_DAYS } from '../domain/deadlines'
import type { CaseQuery } from '../db/caseQueries'

/** A person being typed at intake, as far as the repeat-party check needs it. */
export type RepeatProbe = Pick<Party, 'name'> & { idNumber?: string; phone?: string }

/** Only valid numbers are looked up (normalised as stored); a half-typed one matches nothing. */
export function repeatLookupKeys(probes: readonly RepeatProbe[]): Pick<Party, 'name' | 'idNumber' | 'phone'>[] {
  const keys: Pick<Party, 'name' | 'idNumber' | 'phone'>[] = []
  for (const p of probes) {
    const id = p.idNumber ? parseIdNumber(p.idNumber) : undefined
    // a phone alone is not a person: it counts together with the name
    const phone = p.phone && p.name.trim() ? parsePhone(p.phone) : undefined
    const key: Pick<Party, 'name' | 'idNumber' | 'phone'> = { name: p.name.trim() }
    if (id?.ok) key.idNumber = id.idNumber
    if (phone?.ok) key.phone = phone.normalized
    if (key.idNumber || key.phone) keys.push(key)
  }
  return keys
}

/** Referrals still open whose due date is past or within the due-soon window, most urgent first. */
export function referralsNeedingAttention(all: readonly Referral[], today: string): Referral[] {
  const soon = addDays(today, DUE_SOON_DAYS)
  return all.filter((r) => r.status !== '已办结' && r.dueOn <= soon).sort((a, b) => a.dueOn.localeCompare(b.dueOn))
}

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
  return { search: '', stage: 'open', status: null, category: null, roomId: null, mediatorId: null, source: null, flag: null, deadline: null, from: '', to: '' }
}

/** The filter form as a CaseQuery: empty fields dropped, half-typed dates ignored; a status overrides the stage. */
export function filtersToQuery(f: CaseFilters, today: string): CaseQuery {
  const q: CaseQuery = {}
  if (f.search.trim()) q.search = f.search.trim()
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
  if (isIsoDate(f.from)) q.from = f.from
  if (isIsoDate(f.to)) q.to = f.to
  return q
}
