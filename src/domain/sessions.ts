/**
 * 调查记录 and 调解记录 (investigation and session records): what a new one starts with.
 */
import type { CaseRecord, SessionRecord, UUID } from './types'

/** A session record as the editor saves it: without the stored stamps, with its id once it has one. */
export type SessionDraft = Omit<SessionRecord, 'id' | 'createdAt' | 'updatedAt'> & { id?: UUID }

/**
 * A new, empty record of a case: it starts now, in the case's room, with the case's mediators and
 * recorder; everything typed during the session starts blank.
 */
export function newSessionRecord(
  c: Pick<CaseRecord, 'id' | 'mediatorIds' | 'recorderId'>,
  kind: SessionRecord['kind'],
  place: string,
  startedAt: string,
): SessionDraft {
  return {
    caseId: c.id,
    kind,
    startedAt,
    place,
    mediatorIds: [...c.mediatorIds],
    ...(c.recorderId ? { recorderId: c.recorderId } : {}),
    present: '',
    statements: [],
    factsChecked: '',
    riskWarning: '',
    outcome: '',
    notes: '',
  }
}
