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

/**
 * What a person edits in a session record, every field present (an absent recorder is '', absent
 * invitations []), so that a form can compare it field by field with the stored record
 * (src/domain/formFollow.ts).
 */
export type SessionFields = Omit<
  SessionRecord,
  'id' | 'caseId' | 'kind' | 'createdAt' | 'updatedAt' | 'recorderId' | 'invitedIds'
> & { recorderId: UUID | ''; invitedIds: UUID[] }

export function sessionFields(s: Omit<SessionRecord, 'id' | 'createdAt' | 'updatedAt'>): SessionFields {
  return {
    startedAt: s.startedAt,
    place: s.place,
    mediatorIds: s.mediatorIds,
    recorderId: s.recorderId ?? '',
    present: s.present,
    invitedIds: s.invitedIds ?? [],
    statements: s.statements,
    factsChecked: s.factsChecked,
    riskWarning: s.riskWarning,
    outcome: s.outcome,
    notes: s.notes,
  }
}
