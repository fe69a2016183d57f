/**
 * Repeat parties: the person or organisation being entered already appears in other cases, matched by
 * ID number (or credit code), or by name together with phone. Shown as a warning at intake.
 */
import type { Party } from './types'
import { sameCode, sameName, samePhone } from './personMatch'
import { parseIdNumber } from './idNumber'
import { parsePhone } from './phone'

export type RepeatReason = 'idNumber' | 'creditCode' | 'namePhone'

export type RepeatCandidate = Pick<Party, 'id' | 'caseId' | 'name' | 'idNumber' | 'creditCode' | 'phone'>

export interface RepeatMatch<P extends RepeatCandidate> {
  candidate: P
  reasons: RepeatReason[]
}

/** Candidates from other cases that are probably the same party, strongest evidence first. */
export function findRepeatParties<P extends RepeatCandidate>(
  party: Omit<RepeatCandidate, 'id'>,
  candidates: readonly P[],
): RepeatMatch<P>[] {
  const matches: RepeatMatch<P>[] = []
  for (const candidate of candidates) {
    if (candidate.caseId === party.caseId) continue
    const reasons: RepeatReason[] = []
    if (sameCode(party.idNumber, candidate.idNumber)) reasons.push('idNumber')
    if (sameCode(party.creditCode, candidate.creditCode)) reasons.push('creditCode')
    if (sameName(party.name, candidate.name) && samePhone(party.phone, candidate.phone)) reasons.push('namePhone')
    if (reasons.length > 0) matches.push({ candidate, reasons })
  }
  const strength = (m: RepeatMatch<P>): number => (m.reasons.includes('namePhone') && m.reasons.length === 1 ? 1 : 0)
  return matches.sort((a, b) => strength(a) - strength(b))
}

/** The other cases the matches point to, each once, in match order. */
export function repeatCaseIds(matches: readonly RepeatMatch<RepeatCandidate>[]): string[] {
  return [...new Set(matches.map((m) => m.candidate.caseId))]
}

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
