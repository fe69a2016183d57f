/**
 * The app's own store as case replication sees it (`CaseReplica`, caseReplication.ts): the case documents
 * in Dexie, written through src/db/caseDocs.ts like every other case write (so the digest index and the
 * lists follow), with the server revision of each case in `syncRevs`, the cases changed here in
 * `syncOutbox` (outbox.ts) and the cases waiting for a person in `syncConflicts`.
 *
 * A version from the server is written only if the case did not change here after the replication read
 * it: the outbox mark read then is compared inside the writing transaction, and a change in between makes
 * the write fail with `ChangedMeanwhileError` (nothing written; the next round sees the edit and settles it
 * by the usual rules, as a push or a conflict).
 *
 * The audit chain records what sync changes here, in the same transaction as the change: a version taken
 * from the server ('sync-pull', by 同步: the server's document does not say which PC wrote it), and each
 * settled conflict ('sync-keep-local' / 'sync-take-remote' by the person who chose, 'sync-settled-elsewhere'
 * by 同步 when the server came round to ours). 采用对方 is refused while the case here is archived.
 */
import type { RecordAuditAction } from '../../domain/audit'
import { canonicalJson } from '../../domain/canonical'
import { differingFields, SETTLE_REFUSALS, syncSettleRefusal } from '../../domain/conflicts'
import type { CaseDocument } from '../../domain/syncFields'
import { appendAudit } from '../audit'
import { addCaseDocs, caseDocTables, putCaseDoc } from '../caseDocs'
import type { CaseDoc } from '../records'
import type { MediationDb } from '../schema'
import type { CaseReplica, LocalCase, SyncConflict } from './caseReplication'
import { outboxRow } from './outbox'

export const CHECKPOINT_SETTING = 'sync.checkpoint'

/** Who the audit log names for what the replication does by itself (a pull, a settlement on another PC). */
export const SYNC_ACTOR = '同步'

/** A settlement refused (nothing written): the conflict is gone, or 采用对方 would change an archived case. */
export class SettleRefusedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SettleRefusedError'
  }
}

export interface DexieReplicaOptions {
  /** who settles conflicts through this replica (the audit log's actor); default 同步 */
  actor?: string
}

export class ChangedMeanwhileError extends Error {
  constructor(readonly caseId: string) {
    super('案件在同步过程中被修改，稍后再同步')
    this.name = 'ChangedMeanwhileError'
  }
}

/** A stored case document as it replicates: without the keys derived here. */
export function documentOf(doc: CaseDoc): CaseDocument {
  const { shard: _shard, digestHash: _hash, ...document } = doc
  return document
}

export class DexieReplica implements CaseReplica {
  /** case id -> its outbox mark when last read by the replication ('' when it had none) */
  private readonly seen = new Map<string, string>()

  constructor(
    private readonly db: MediationDb,
    private readonly options: DexieReplicaOptions = {},
  ) {}

  async readCheckpoint(): Promise<string | undefined> {
    const row = await this.db.settings.get(CHECKPOINT_SETTING)
    return typeof row?.value === 'string' ? row.value : undefined
  }

  async writeCheckpoint(since: string): Promise<void> {
    await this.db.settings.put({ key: CHECKPOINT_SETTING, value: since, updatedAt: new Date().toISOString() })
  }

  async get(id: string): Promise<LocalCase | undefined> {
    const { db } = this
    return db.transaction('r', [db.caseDocs, db.syncRevs, db.syncOutbox], async () => {
      const [doc, rev, changed] = await Promise.all([db.caseDocs.get(id), db.syncRevs.get(id), db.syncOutbox.get(id)])
      this.seen.set(id, changed?.mark ?? '')
      if (!doc) return undefined
      return { record: documentOf(doc), ...(rev ? { rev: rev.rev } : {}), dirty: changed !== undefined }
    })
  }

  async dirty(limit: number): Promise<LocalCase[]> {
    const { db } = this
    const waiting = new Set(await db.syncConflicts.toCollection().primaryKeys())
    const rows = await db.syncOutbox
      .orderBy('at')
      .filter((r) => !waiting.has(r.id))
      .limit(limit)
      .toArray()
    const out: LocalCase[] = []
    for (const row of rows) {
      const local = await this.get(row.id)
      if (local?.dirty) out.push(local)
    }
    return out
  }

  async put(local: LocalCase): Promise<void> {
    await this.write(local)
  }

  /** Records the conflict, stamped with when it was first found here (a newer server version keeps the time). */
  async putConflict(conflict: SyncConflict): Promise<void> {
    const { db } = this
    await db.transaction('rw', db.syncConflicts, async () => {
      const before = await db.syncConflicts.get(conflict.recordId)
      const detectedAt = before?.detectedAt ?? conflict.detectedAt ?? new Date().toISOString()
      await db.syncConflicts.put({ ...conflict, detectedAt })
    })
  }

  async getConflict(recordId: string): Promise<SyncConflict | undefined> {
    return this.db.syncConflicts.get(recordId)
  }

  async settle(recordId: string, settled: LocalCase): Promise<void> {
    await this.write(settled, recordId)
  }

  /**
   * Stores a case with its revision and state, removes its settled conflict and logs what changed here,
   * in one transaction.
   */
  private async write(local: LocalCase, settledConflict?: string): Promise<void> {
    const { db } = this
    const id = local.record.id
    const mark = await db.transaction(
      'rw',
      [...caseDocTables(db), db.syncRevs, db.syncOutbox, db.syncConflicts, db.audit],
      async () => {
        // settled once: a second click, or another window, finds it gone (before asking what changed meanwhile)
        const conflict = settledConflict === undefined ? undefined : await db.syncConflicts.get(settledConflict)
        if (settledConflict !== undefined && !conflict) throw new SettleRefusedError(SETTLE_REFUSALS.gone)
        const changed = await db.syncOutbox.get(id)
        if ((changed?.mark ?? '') !== (this.seen.get(id) ?? '')) throw new ChangedMeanwhileError(id)
        const stored = await db.caseDocs.get(id)
        const before = stored && documentOf(stored)
        const changesHere = before === undefined || canonicalJson(before) !== canonicalJson(local.record)
        let action: RecordAuditAction | undefined
        let fields: string[] = []
        if (conflict) {
          action = this.settlement(local, changesHere)
          const refused = action === 'sync-take-remote' ? syncSettleRefusal('incoming', before?.status) : undefined
          if (refused) throw new SettleRefusedError(refused)
          fields = differingFields(conflict.local, conflict.remote)
        } else if (changesHere && !local.dirty) {
          // a version taken from the server (a confirmed push stores no new content)
          action = 'sync-pull'
          fields = differingFields(before ?? {}, local.record)
        }
        if (!stored) await addCaseDocs(db, [local.record])
        else if (changesHere)
          await putCaseDoc(db, { ...local.record, shard: stored.shard, digestHash: stored.digestHash })
        if (local.rev) await db.syncRevs.put({ id, rev: local.rev })
        else await db.syncRevs.delete(id)
        if (settledConflict !== undefined) await db.syncConflicts.delete(settledConflict)
        if (action) {
          const person = action === 'sync-keep-local' || action === 'sync-take-remote'
          await appendAudit(db, {
            actor: person ? (this.options.actor ?? SYNC_ACTOR) : SYNC_ACTOR,
            action,
            entity: 'case',
            entityId: id,
            caseId: id,
            fields,
          })
        }
        if (!local.dirty) {
          await db.syncOutbox.delete(id)
          return ''
        }
        const row = outboxRow(id)
        await db.syncOutbox.put(row)
        return row.mark
      },
    )
    this.seen.set(id, mark)
  }

  /**
   * Which settlement `settled` is: ours kept (still to push), theirs taken (the case changes here), or the
   * server come round to ours (another PC settled it, or made the same edit: nothing changes here).
   */
  private settlement(settled: LocalCase, changesHere: boolean): RecordAuditAction {
    if (settled.dirty) return 'sync-keep-local'
    return changesHere ? 'sync-take-remote' : 'sync-settled-elsewhere'
  }
}

/**
 * Puts in the outbox every stored case the server has not seen (no revision) and not already there:
 * the cases written before this PC first joined a server, or before the outbox existed (v8).
 */
export async function queueUnsyncedCases(db: MediationDb): Promise<number> {
  return db.transaction('rw', [db.caseDocs, db.syncRevs, db.syncOutbox], async () => {
    const [ids, synced, queued] = await Promise.all([
      db.caseDocs.toCollection().primaryKeys(),
      db.syncRevs.toCollection().primaryKeys(),
      db.syncOutbox.toCollection().primaryKeys(),
    ])
    const skip = new Set<string>([...synced, ...queued])
    const rows = ids.filter((id) => !skip.has(id)).map(outboxRow)
    await db.syncOutbox.bulkPut(rows)
    return rows.length
  })
}
