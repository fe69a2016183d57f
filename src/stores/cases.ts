import { defineStore } from 'pinia'
import type { CaseRecord } from '../domain/types'
import type { IntakeInput } from '../domain/intake'
import { repeatLookupKeys, type RepeatProbe } from '../domain/repeatParty'
import { getDatabase } from '../db/connection'
import { createCase } from '../db/casesRepo'
import { findRepeatParties, type RepeatPartyHit } from '../db/caseQueries'
import { StorageError } from '../db/errors'
import { useSettingsStore } from './settings'
import { currentActor } from './actor'

/** One other case a typed party already appears in. */
export interface RepeatCase {
  caseId: string
  caseNo?: string
  acceptedOn?: string
  title: string
  status: CaseRecord['status']
  partyName: string
  by: RepeatPartyHit['by']
}

/** Intake (登记) and the look-ups it makes while the form is filled in. */
export const useCasesStore = defineStore('cases', () => {
  /** Stores a validated intake; returns the new case. */
  async function registerCase(input: IntakeInput): Promise<CaseRecord> {
    const committee = useSettingsStore().committee
    if (!committee) throw new StorageError('constraint', '尚未完成调解委员会设置，无法登记案件')
    const { db } = await getDatabase()
    return createCase(db, input, committee, currentActor())
  }

  /** Other cases in which the typed parties already appear, one row per case and person. */
  async function findRepeats(probes: readonly RepeatProbe[], excludeCaseId?: string): Promise<RepeatCase[]> {
    const keys = repeatLookupKeys(probes)
    if (keys.length === 0) return []
    const { db } = await getDatabase()
    const hits = await findRepeatParties(db, keys, excludeCaseId)
    const seen = new Set<string>()
    const out: RepeatCase[] = []
    for (const h of hits) {
      const key = `${h.case.id}|${h.party.name}`
      if (seen.has(key)) continue
      seen.add(key)
      out.push({
        caseId: h.case.id,
        caseNo: h.case.caseNo,
        acceptedOn: h.case.acceptedOn,
        title: h.case.title,
        status: h.case.status,
        partyName: h.party.name,
        by: h.by,
      })
    }
    return out
  }

  return { registerCase, findRepeats }
})
