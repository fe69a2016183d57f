import { fieldLabel } from './conflicts'

/** The audit log's entity names → the tables whose field words they share (one list of field words). */
const TABLE_OF_ENTITY: Record<string, string> = {
  case: 'cases',
  party: 'parties',
  session: 'sessions',
  agreement: 'agreements',
  signature: 'signatures',
  attachment: 'attachments',
  referral: 'referrals',
  followUp: 'followUps',
  mediator: 'mediators',
  room: 'rooms',
  committee: 'committees',
}

/** A field named in the audit log, as the forms say it (acceptedOn → 受理日期); an unknown name as it is. */
export function auditFieldLabel(entity: string, field: string): string {
  return fieldLabel(TABLE_OF_ENTITY[entity] ?? entity, field)
}
