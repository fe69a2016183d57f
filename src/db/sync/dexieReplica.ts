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
 */
import { canonicalJson } from '../../domain/canonical'
import type { CaseDocument } from '../../domain/syncFields'
import { addCaseDocs, caseDocTables, putCaseDoc } from '../caseDocs'
import type { CaseDoc } from '../records'
import type { MediationDb } from '../schema'
import type { CaseReplica, LocalCase, SyncConflict } from './caseReplication'
import { outboxRow } from './outbox'

export const CHECKPOINT_SETTING = 'sync.checkpoint'

export class ChangedMeanwhileError extends Error {
  constructor(readonly caseId: string) {
    super('案件在同步过程中被修改，稍后再同步')
    this.name = 'ChangedMeanwhileError'
  }
}

function documentOf(doc: CaseDoc): CaseDocument {
  const { shard: _shard, digestHash: _hash, ...document } = doc
  return document
}

export class DexieReplica implements CaseReplica {
  /** case id -> its outbox mark when last read by the replication ('' when it had none) */
  private readonly seen = new Map<string, string>()

  constructor(private readonly db: MediationDb) {}

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

  async putConflict(conflict: SyncConflict): Promise<void> {
    await this.db.syncConflicts.put(conflict)
  }

  async getConflict(recordId: string): Promise<SyncConflict | undefined> {
    return this.db.syncConflicts.get(recordId)
  }

  async settle(recordId: string, settled: LocalCase): Promise<void> {
    await this.write(settled, recordId)
  }

  /** Stores a case with its revision and state, and removes its settled conflict, in one transaction. */
  private async write(local: LocalCase, settledConflict?: string): Promise<void> {
    const { db } = this
    const id = local.record.id
    const mark = await db.transaction(
      'rw',
      [...caseDocTables(db), db.syncRevs, db.syncOutbox, db.syncConflicts],
      async () => {
        const changed = await db.syncOutbox.get(id)
        if ((changed?.mark ?? '') !== (this.seen.get(id) ?? '')) throw new ChangedMeanwhileError(id)
        const stored = await db.caseDocs.get(id)
        if (!stored) await addCaseDocs(db, [local.record])
        else if (canonicalJson(documentOf(stored)) !== canonicalJson(local.record))
          await putCaseDoc(db, { ...local.record, shard: stored.shard, digestHash: stored.digestHash })
        if (local.rev) await db.syncRevs.put({ id, rev: local.rev })
        else await db.syncRevs.delete(id)
        if (settledConflict !== undefined) await db.syncConflicts.delete(settledConflict)
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
