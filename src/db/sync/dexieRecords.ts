/**
 * Agreements, signatures, follow-ups and referrals as the record replication (recordReplication.ts) sees
 * this PC's store: the records in their own tables, the server revision of each in `syncRevs` and the
 * changed ones in `syncOutbox`, both under `<kind>:<id>`. As for cases (dexieReplica.ts), a version from the
 * server is written only if the record did not change here after it was read (its outbox mark), with an
 * audit entry ('sync-pull' by 同步) in the same transaction.
 */
import type { Table } from 'dexie'
import { differingFields } from '../../domain/conflicts'
import { canonicalJson } from '../../domain/canonical'
import { appendAudits, type AuditInput } from '../audit'
import type { MediationDb } from '../schema'
import { confirmPushedIn } from './confirmPushed'
import { ChangedMeanwhileError, SYNC_ACTOR } from './dexieReplica'
import {
  JOINED_ROW,
  MARKED_TABLES,
  outboxRow,
  parseRecordOutboxId,
  recordOutboxId,
  RECORD_TABLES,
  setsOwnOutboxRows,
  type RecordKind,
  type RecordTable,
} from './outbox'
import type { LocalRecord, RecordKey, RecordStore, SharedRecord } from './recordReplication'

const TABLE_OF = Object.fromEntries(Object.entries(RECORD_TABLES).map(([table, kind]) => [kind, table])) as Record<
  RecordKind,
  RecordTable
>

export class DexieRecords implements RecordStore {
  /** outbox id -> its mark when last read ('' when it had none) */
  private readonly seen = new Map<string, string>()

  constructor(private readonly db: MediationDb) {}

  private table(kind: RecordKind): Table<SharedRecord, string> {
    return this.db[TABLE_OF[kind]] as unknown as Table<SharedRecord, string>
  }

  private tables(): Table[] {
    return Object.keys(RECORD_TABLES).map((t) => this.db[t as RecordTable] as unknown as Table)
  }

  async dirty(limit: number, skip: ReadonlySet<string>): Promise<LocalRecord[]> {
    const rows = await this.db.syncOutbox
      .orderBy('at')
      .filter((r) => parseRecordOutboxId(r.id) !== undefined && !skip.has(r.id))
      .limit(limit)
      .toArray()
    const keys = rows.flatMap((r): RecordKey[] => {
      const key = parseRecordOutboxId(r.id)
      return key ? [key] : []
    })
    const locals = await this.getMany(keys)
    return locals.filter((l): l is LocalRecord => l?.dirty === true)
  }

  async getMany(keys: readonly RecordKey[]): Promise<(LocalRecord | undefined)[]> {
    const { db } = this
    if (!keys.length) return []
    return db.transaction('r', [...this.tables(), db.syncRevs, db.syncOutbox], async () => {
      const ids = keys.map((k) => recordOutboxId(k.kind, k.id))
      const [records, revs, changed] = await Promise.all([
        Promise.all(keys.map((k) => this.table(k.kind).get(k.id))),
        db.syncRevs.bulkGet(ids),
        db.syncOutbox.bulkGet(ids),
      ])
      return keys.map((k, i) => {
        this.seen.set(ids[i]!, changed[i]?.mark ?? '')
        const record = records[i]
        if (!record) return undefined
        const rev = revs[i]
        return { kind: k.kind, record, ...(rev ? { rev: rev.rev } : {}), dirty: changed[i] !== undefined }
      })
    })
  }

  async putMany(locals: readonly LocalRecord[]): Promise<void> {
    const { db } = this
    if (!locals.length) return
    const ids = locals.map((l) => recordOutboxId(l.kind, l.record.id))
    const marks = await db.transaction('rw', [...this.tables(), db.syncRevs, db.syncOutbox, db.audit], async (tx) => {
      setsOwnOutboxRows(tx.idbtrans)
      const changed = await db.syncOutbox.bulkGet(ids)
      for (const [i, id] of ids.entries()) {
        if ((changed[i]?.mark ?? '') !== (this.seen.get(id) ?? '')) throw new ChangedMeanwhileError(id)
      }
      const stored = await Promise.all(locals.map((l) => this.table(l.kind).get(l.record.id)))
      const pulled: AuditInput[] = []
      for (const [i, local] of locals.entries()) {
        const before = stored[i]
        if (before !== undefined && canonicalJson(before) === canonicalJson(local.record)) continue
        await this.table(local.kind).put(local.record)
        if (local.dirty) continue
        // a version taken from the server
        const caseId = (local.record as { caseId?: string }).caseId
        pulled.push({
          actor: SYNC_ACTOR,
          action: 'sync-pull',
          entity: local.kind,
          entityId: local.record.id,
          ...(caseId ? { caseId } : {}),
          fields: differingFields(before ?? {}, local.record),
        })
      }
      await appendAudits(db, pulled)
      await db.syncRevs.bulkPut(locals.flatMap((l, i) => (l.rev ? [{ id: ids[i]!, rev: l.rev }] : [])))
      // the outbox rows of these writes are set here, not by the middleware: a row queued before this round
      // goes once the record is equal to the server
      await db.syncOutbox.bulkDelete(ids.filter((_, i) => !locals[i]!.dirty && changed[i] !== undefined))
      const rows = ids.filter((_, i) => locals[i]!.dirty).map(outboxRow)
      await db.syncOutbox.bulkPut(rows)
      return new Map(rows.map((r) => [r.id, r.mark]))
    })
    for (const id of ids) this.seen.set(id, marks.get(id) ?? '')
  }

  async confirmPushed(taken: readonly { sent: LocalRecord; rev: string }[]): Promise<void> {
    const pushed = taken.map(({ sent, rev }) => ({
      id: recordOutboxId(sent.kind, sent.record.id),
      rev,
      sent: sent.record,
    }))
    const marks = await confirmPushedIn(this.db, this.tables(), pushed, () =>
      Promise.all(taken.map(({ sent }) => this.table(sent.kind).get(sent.record.id))),
    )
    for (const [id, mark] of marks) this.seen.set(id, mark)
  }
}

/**
 * Puts in the outbox every stored record (and attachment) the server has not seen and not already there:
 * those written before this PC joined a server, or before these tables were shared. The PC has joined
 * from here on (JOINED_ROW), as after queueUnsyncedCases.
 */
export async function queueUnsyncedRecords(db: MediationDb): Promise<number> {
  const tables = Object.keys(MARKED_TABLES).map((t) => db.table(t))
  return db.transaction('rw', [...tables, db.syncRevs, db.syncOutbox], async () => {
    await db.syncRevs.put(JOINED_ROW)
    const [synced, queued] = await Promise.all([
      db.syncRevs.toCollection().primaryKeys(),
      db.syncOutbox.toCollection().primaryKeys(),
    ])
    const skip = new Set<string>([...synced, ...queued])
    const rows = []
    for (const [table, kind] of Object.entries(MARKED_TABLES)) {
      const ids = (await db.table(table).toCollection().primaryKeys()) as string[]
      for (const id of ids) if (!skip.has(`${kind}:${id}`)) rows.push(outboxRow(`${kind}:${id}`))
    }
    await db.syncOutbox.bulkPut(rows)
    return rows.length
  })
}
