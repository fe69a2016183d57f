import Dexie, { type EntityTable, type PromiseExtended } from 'dexie'
import type {
  Agreement,
  Attachment,
  AuditEntry,
  Committee,
  Counter,
  FollowUp,
  ImportConflict,
  Mediator,
  Referral,
  Room,
  ScreeningRound,
  Visit,
  SettingRow,
  SignatureRecord,
} from '../domain/types'
import type { CaseDoc, IndexRecord } from './records'
import type * as Upgrades from './migrations'

import { DB_NAME } from './name'
import { compareInstalledVersion } from '../domain/schemaVersion'
import { storeKeys } from './keys'
import { sealingMiddleware } from './sealing'
import { outboxMiddleware, type OutboxRow, type SyncRevRow } from './sync/outbox'
import type { SyncConflict } from './sync/caseReplication'
import { dashboardSummaryMiddleware } from './dashboardSummary'
import { caseWritesMiddleware } from './caseWritesWatch'

export { DB_NAME }

/**
 * Schema versions only go up. Never change a primary key; data changes go in `.upgrade()`.
 * Every released version keeps a fixture in tests/fixtures/schema-v<N>.json that
 * tests/unit/db/migrations.test.ts opens with the current code.
 */
export const SCHEMA_V1 = {
  committees: 'id',
  rooms: 'id, committeeId, name',
  mediators: 'id, name, active, *roomIds',
  cases: 'id, caseNo, status, receivedOn, updatedAt, *searchTokens, *facets',
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

/**
 * v3: a case is one record with its parties and sessions inside (`caseDocs`, src/db/caseDocs.ts), and
 * the list's filter and search fields are kept as digests in batches (`caseIndex`), read into memory
 * (src/db/caseIndex.ts). Chromium's IndexedDB costs ~100–200 µs per record and more per index entry:
 * the old layout (4.25 records and ~75 index entries a case) could not load 100,000 cases in a minute.
 * The upgrade builds the documents and the digests from the v2 tables.
 */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  caseDocs: 'id',
  caseIndex: 'id',
} as const

/** v4: the v2 case, party and session tables, copied into caseDocs by the v3 upgrade, are removed. */
const { cases: _cases, parties: _parties, sessions: _sessions, ...SCHEMA_V4_TABLES } = SCHEMA_V3
export const SCHEMA_V4 = SCHEMA_V4_TABLES

/**
 * v5: records are sealed at rest (src/db/sealing.ts); the upgrade seals every stored record. An attachment's
 * Blob cannot be read inside the upgrade transaction: its id waits in `sealPending` and is sealed right
 * after open (src/db/sealPending.ts). No index changes.
 */
export const SCHEMA_V5 = {
  ...SCHEMA_V4,
  sealPending: 'id',
} as const

/**
 * v6: the 矛盾纠纷排查 rounds (src/domain/screening.ts), sealed like the other personal tables: only the id
 * and the date stay in clear (indexed fields are not sealed, so nothing else is indexed). A new empty
 * table: no upgrade step.
 */
export const SCHEMA_V6 = {
  ...SCHEMA_V5,
  screenings: 'id, heldOn',
} as const

/**
 * v7: the reception log (接待登记, src/domain/visits.ts), sealed: only the id and the time stay in clear.
 * A new empty table: no upgrade step.
 */
export const SCHEMA_V7 = {
  ...SCHEMA_V6,
  visits: 'id, visitedAt',
} as const

/**
 * v8: what case replication (issue 17, src/db/sync) keeps beside the cases. `syncOutbox`: one row per case
 * changed on this PC since it was last equal to the server, written by every case write
 * (src/db/sync/outbox.ts), ordered by time; `syncRevs`: the server revision each case was last equal to;
 * `syncConflicts`: cases changed on both sides, waiting for a person (sealed: they hold both versions).
 * New empty tables: no upgrade step (cases stored before are queued when the PC first joins a server).
 */
export const SCHEMA_V8 = {
  ...SCHEMA_V7,
  syncOutbox: 'id, at',
  syncRevs: 'id',
  syncConflicts: 'recordId',
} as const

export const CURRENT_SCHEMA_VERSION = 8
export const CURRENT_SCHEMA = SCHEMA_V8

/** A record (an attachment) the v5 upgrade could not seal yet. */
export interface SealPending {
  id: string
  table: 'attachments'
}

/**
 * The upgrade steps (re-deriving search keys needs the pinyin tables) load only when an older database
 * is about to be opened, not with every start; Dexie runs them inside the upgrade transaction, where
 * nothing may be awaited that is not IndexedDB, so they must be loaded before `open`.
 */
let upgrades: typeof Upgrades | undefined

function loadedUpgrades(): typeof Upgrades {
  if (!upgrades) throw new Error('数据库升级程序未能加载，请重新启动软件')
  return upgrades
}

export class MediationDb extends Dexie {
  committees!: EntityTable<Committee, 'id'>
  rooms!: EntityTable<Room, 'id'>
  mediators!: EntityTable<Mediator, 'id'>
  caseDocs!: EntityTable<CaseDoc, 'id'>
  caseIndex!: EntityTable<IndexRecord, 'id'>
  agreements!: EntityTable<Agreement, 'id'>
  signatures!: EntityTable<SignatureRecord, 'id'>
  followUps!: EntityTable<FollowUp, 'id'>
  referrals!: EntityTable<Referral, 'id'>
  attachments!: EntityTable<Attachment, 'id'>
  audit!: EntityTable<AuditEntry, 'id'>
  counters!: EntityTable<Counter, 'key'>
  settings!: EntityTable<SettingRow, 'key'>
  conflicts!: EntityTable<ImportConflict, 'id'>
  sealPending!: EntityTable<SealPending, 'id'>
  screenings!: EntityTable<ScreeningRound, 'id'>
  visits!: EntityTable<Visit, 'id'>
  syncOutbox!: EntityTable<OutboxRow, 'id'>
  syncRevs!: EntityTable<SyncRevRow, 'id'>
  syncConflicts!: EntityTable<SyncConflict, 'recordId'>

  private readonly factory: IDBFactory | undefined

  constructor(name = DB_NAME, options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {}) {
    super(name, {
      // Since Chrome 121 the default is 'relaxed': `complete` fires before the OS flushes.
      chromeTransactionDurability: 'strict',
      ...options,
    })
    this.factory = options.indexedDB ?? globalThis.indexedDB
    // Only the versions with an upgrade step, and the current one: Dexie (since 3.0) diffs the schema it
    // finds installed against the next declared version, so a v1 or v2 database goes straight to the v3
    // upgrade (v2 re-derived the v1 search keys, which v3 drops), a v4 to v5's and a v6 or v7 to v8. Each
    // declared version costs the constructor a rebuild of every table's API: ~4 ms for the five left out,
    // on every start (tests/unit/db/migrations.test.ts opens a fixture of each released version).
    this.version(3)
      .stores(SCHEMA_V3)
      .upgrade((tx) => loadedUpgrades().buildCaseDocs(tx))
    // v4 removed the v2 tables the v3 upgrade had copied: removed here, after both upgrades
    this.version(5)
      .stores({ ...SCHEMA_V5, cases: null, parties: null, sessions: null })
      .upgrade((tx) => loadedUpgrades().sealStoredRecords(tx))
    this.version(8).stores(SCHEMA_V8)
    this.use(outboxMiddleware)
    this.use(dashboardSummaryMiddleware)
    this.use(caseWritesMiddleware(this))
  }

  private sealing: Promise<void> | undefined
  private dataKey: Uint8Array | undefined

  /** The key this database's records are sealed with (known once it is opened). */
  get sealKey(): Uint8Array {
    if (!this.dataKey) throw new Error('the database is not open yet')
    return this.dataKey
  }

  /**
   * Opens as Dexie does, once the store's keys are loaded (every record is sealed with them) and, when the
   * stored database is older, the upgrade steps.
   */
  override open(): PromiseExtended<Dexie> {
    return Dexie.Promise.resolve(Promise.all([this.loadUpgradesIfOlder(), this.sealWithStoreKeys()])).then(() =>
      super.open(),
    )
  }

  private sealWithStoreKeys(): Promise<void> {
    this.sealing ??= storeKeys().then(
      ({ dataKey }) => {
        this.dataKey = dataKey
        this.use(sealingMiddleware(dataKey))
      },
      (error: unknown) => {
        this.sealing = undefined
        throw error
      },
    )
    return this.sealing
  }

  private async loadUpgradesIfOlder(): Promise<void> {
    if (upgrades) return
    const installed = (await this.factory?.databases?.())?.find((d) => d.name === this.name)?.version
    if (compareInstalledVersion(installed, CURRENT_SCHEMA_VERSION) === 'older') upgrades = await import('./migrations')
  }
}
