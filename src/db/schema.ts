import Dexie, { type EntityTable } from 'dexie'
import type {
  Agreement,
  Attachment,
  AuditEntry,
  CaseRecord,
  Committee,
  Counter,
  FollowUp,
  ImportConflict,
  Mediator,
  Party,
  Referral,
  Room,
  SessionRecord,
  SettingRow,
  SignatureRecord,
} from '../domain/types'

import { rederiveSearchTokens } from './migrations'

export const DB_NAME = 'mediation-room'

/**
 * Schema versions only go up. Never change a primary key; data changes go in `.upgrade()`.
 * Every released version keeps a fixture in tests/fixtures/schema-v<N>.json that
 * tests/unit/db/migrations.test.ts opens with the current code.
 */
export const SCHEMA_V1 = {
  committees: 'id',
  rooms: 'id, committeeId, name',
  mediators: 'id, name, active, *roomIds',
  cases:
    'id, caseNo, status, receivedOn, updatedAt, *searchTokens, *facets',
  parties: 'id, caseId, idNumber, creditCode, phone, name',
  sessions: 'id, caseId, kind, [caseId+startedAt]',
  agreements: 'id, caseId, status, verifyCode, [caseId+version]',
  signatures: 'id, agreementId',
  followUps: 'id, caseId, visitedOn',
  referrals: 'id, caseId, status, dueOn, department',
  attachments: 'id, caseId, kind',
  audit: 'id, &seq, caseId, ts',
  counters: 'key',
  settings: 'key',
  /** import conflicts waiting for a person (src/db/transfer) */
  conflicts: 'id, table, recordId, caseId',
} as const

/**
 * v2: search keys derived again with fewer entries per case (src/db/migrations.ts); the parties' `name`
 * index, never queried, is dropped (one index entry less per party on every write).
 */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  parties: 'id, caseId, idNumber, creditCode, phone',
} as const

export const CURRENT_SCHEMA_VERSION = 2
export const CURRENT_SCHEMA = SCHEMA_V2

export type TableName = keyof typeof CURRENT_SCHEMA

export class MediationDb extends Dexie {
  committees!: EntityTable<Committee, 'id'>
  rooms!: EntityTable<Room, 'id'>
  mediators!: EntityTable<Mediator, 'id'>
  cases!: EntityTable<CaseRecord, 'id'>
  parties!: EntityTable<Party, 'id'>
  sessions!: EntityTable<SessionRecord, 'id'>
  agreements!: EntityTable<Agreement, 'id'>
  signatures!: EntityTable<SignatureRecord, 'id'>
  followUps!: EntityTable<FollowUp, 'id'>
  referrals!: EntityTable<Referral, 'id'>
  attachments!: EntityTable<Attachment, 'id'>
  audit!: EntityTable<AuditEntry, 'id'>
  counters!: EntityTable<Counter, 'key'>
  settings!: EntityTable<SettingRow, 'key'>
  conflicts!: EntityTable<ImportConflict, 'id'>

  constructor(name = DB_NAME, options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {}) {
    super(name, {
      // Since Chrome 121 the default is 'relaxed': `complete` fires before the OS flushes.
      chromeTransactionDurability: 'strict',
      ...options,
    })
    this.version(1).stores(SCHEMA_V1)
    this.version(2).stores(SCHEMA_V2).upgrade(rederiveSearchTokens)
  }
}
