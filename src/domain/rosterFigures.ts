/**
 * What the report counts of the people around the room (协同人员) for a period: disputes reported by grid
 * workers, cases where a 法律明白人 took part, visits routed to 心理服务. The counting rules themselves live
 * in collaborators.ts and visits.ts; this module only decides which records belong to the period.
 */
import type { CaseRecord, Collaborator, SessionRecord, Visit } from './types'
import { countGridReported, countWithLegalHelper } from './collaborators'
import { dateInChina } from './dates'
import { inPeriod } from './reportPeriod'
import { receptionFigures } from './visits'

export interface RosterFigures {
  /** 网格员上报 cases registered (登记日期) in the period */
  gridReported: number
  /** cases with a session held in the period to which a 法律明白人 from the roster was invited */
  withLegalHelper: number
  /** visits in the period routed to 心理服务 */
  psychVisits: number
}

/** What the figures are worked out from: each case's source and registration date, the sessions that invited someone. */
export interface RosterFigureFacts {
  cases: readonly Pick<CaseRecord, 'id' | 'source' | 'receivedOn'>[]
  sessions: readonly Pick<SessionRecord, 'caseId' | 'invitedIds' | 'startedAt'>[]
}

export function rosterFigures(
  facts: RosterFigureFacts,
  roster: readonly Pick<Collaborator, 'id' | 'role'>[],
  visits: readonly Pick<Visit, 'visitedAt' | 'people' | 'route'>[],
  period: { from: string; to: string },
): RosterFigures {
  const registered = facts.cases.filter((c) => inPeriod(c.receivedOn, period))
  const heldInPeriod = facts.sessions.filter((s) => inPeriod(dateInChina(s.startedAt), period))
  return {
    gridReported: countGridReported(registered),
    withLegalHelper: countWithLegalHelper(facts.cases, heldInPeriod, roster),
    psychVisits: receptionFigures(visits, period).byRoute.psych,
  }
}
