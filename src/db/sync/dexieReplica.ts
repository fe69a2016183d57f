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
import { appendAudits } from '../audit'
import { addCaseDocs, caseDocTables, plannedPutCaseDoc, putCaseDocs } from '../caseDocs'
import { addingCaseDocs } from '../caseDocsAhead'
import { bulkGetOpened } from '../sealedReads'
import { withPresealed } from '../sealedWrites'
import type { CaseDoc } from '../records'
import type { MediationDb } from '../schema'
import type { CaseReplica, LocalCase, SettleChoice, SyncConflict } from './caseReplication'
import { confirmPushedIn } from './confirmPushed'
import { isCaseOutboxId, JOINED_ROW, outboxRow, setsOwnOutboxRows } from './outbox'

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
    const [local] = await this.getMany([id])
    return local
  }

  async getMany(ids: readonly string[]): Promise<(LocalCase | undefined)[]> {
    const { db } = this
    if (!ids.length) return []
    return db.transaction('r', [db.caseDocs, db.syncRevs, db.syncOutbox], async () => {
      const [docs, revs, changed] = await Promise.all([
        db.caseDocs.bulkGet([...ids]),
        db.syncRevs.bulkGet([...ids]),
        db.syncOutbox.bulkGet([...ids]),
      ])
      return ids.map((id, i) => {
        this.seen.set(id, changed[i]?.mark ?? '')
        const doc = docs[i]
        if (!doc) return undefined
        const rev = revs[i]
        return { record: documentOf(doc), ...(rev ? { rev: rev.rev } : {}), dirty: changed[i] !== undefined }
      })
    })
  }

  async dirty(limit: number, skip: ReadonlySet<string> = new Set()): Promise<LocalCase[]> {
    const { db } = this
    const waiting = new Set(await db.syncConflicts.toCollection().primaryKeys())
    const rows = await db.syncOutbox
      .orderBy('at')
      .filter((r) => isCaseOutboxId(r.id) && !waiting.has(r.id) && !skip.has(r.id))
      .limit(limit)
      .toArray()
    const locals = await this.getMany(rows.map((r) => r.id))
    return locals.filter((local): local is LocalCase => local?.dirty === true)
  }

  async put(local: LocalCase): Promise<void> {
    await this.write([local])
  }

  async putMany(locals: readonly LocalCase[]): Promise<void> {
    if (locals.length) await this.write(locals)
  }

  async confirmPushed(taken: readonly { record: CaseDocument; rev: string }[]): Promise<void> {
    const { db } = this
    const pushed = taken.map(({ record, rev }) => ({ id: record.id, rev, sent: record }))
    const marks = await confirmPushedIn(db, [db.caseDocs], pushed, async () =>
      (await db.caseDocs.bulkGet(pushed.map((p) => p.id))).map((doc) => doc && documentOf(doc)),
    )
    for (const [id, mark] of marks) this.seen.set(id, mark)
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

  async settle(recordId: string, settled: LocalCase, choice?: SettleChoice): Promise<void> {
    await this.write([settled], { recordId, choice })
  }

  /**
   * Stores cases with their revisions and states, removes a settled conflict and logs what changed here,
   * in one transaction: all of them or none (a case changed here since it was read fails the whole write).
   */
  private async write(
    locals: readonly LocalCase[],
    settling?: { recordId: string; choice?: SettleChoice },
  ): Promise<void> {
    const settledConflict = settling?.recordId
    const { db } = this
    const ids = locals.map((l) => l.record.id)
    const { added: guess, replaced: replacing } = await this.ahead(locals)
    const sealingAhead = async () => (replacing.length ? [{ table: db.caseDocs, values: replacing }] : [])
    const marks = await withPresealed(db, sealingAhead, () =>
      addingCaseDocs(db, guess, () =>
        db.transaction(
          'rw',
          [...caseDocTables(db), db.syncRevs, db.syncOutbox, db.syncConflicts, db.audit],
          async (tx) => {
            setsOwnOutboxRows(tx.idbtrans)
            // settled once: a second click, or another window, finds it gone (before asking what changed meanwhile)
            const conflict = settledConflict === undefined ? undefined : await db.syncConflicts.get(settledConflict)
            if (settledConflict !== undefined && !conflict) throw new SettleRefusedError(SETTLE_REFUSALS.gone)
            const [changed, stored] = await Promise.all([db.syncOutbox.bulkGet(ids), db.caseDocs.bulkGet(ids)])
            for (const [i, id] of ids.entries()) {
              if ((changed[i]?.mark ?? '') !== (this.seen.get(id) ?? '')) throw new ChangedMeanwhileError(id)
            }
            const added: CaseDocument[] = []
            const replaced: CaseDoc[] = []
            const logged: { id: string; action: RecordAuditAction; fields: string[] }[] = []
            for (const [i, local] of locals.entries()) {
              const was = stored[i]
              const before = was && documentOf(was)
              const changesHere = before === undefined || canonicalJson(before) !== canonicalJson(local.record)
              if (conflict) {
                const action = this.settlement(local, changesHere, settling?.choice)
                const refused =
                  action === 'sync-take-remote' ? syncSettleRefusal('incoming', before?.status) : undefined
                if (refused) throw new SettleRefusedError(refused)
                logged.push({ id: ids[i], action, fields: differingFields(conflict.local, conflict.remote) })
              } else if (changesHere && !local.dirty) {
                // a version taken from the server (a confirmed push stores no new content)
                logged.push({ id: ids[i], action: 'sync-pull', fields: differingFields(before ?? {}, local.record) })
              }
              if (!was) added.push(local.record)
              else if (changesHere) replaced.push({ ...local.record, shard: was.shard, digestHash: was.digestHash })
            }
            // the guess itself when it held: the plan kept for it, sealed ahead, is what addCaseDocs stores
            await addCaseDocs(db, sameItems(added, guess) ? guess : added)
            if (replaced.length) await putCaseDocs(db, replaced)
            const synced = locals.filter((l) => l.rev !== undefined)
            await db.syncRevs.bulkPut(synced.map((l) => ({ id: l.record.id, rev: l.rev! })))
            await db.syncRevs.bulkDelete(locals.filter((l) => l.rev === undefined).map((l) => l.record.id))
            if (settledConflict !== undefined) await db.syncConflicts.delete(settledConflict)
            await appendAudits(
              db,
              logged.map(({ id, action, fields }) => {
                const person = action === 'sync-keep-local' || action === 'sync-take-remote'
                return {
                  actor: person ? (this.options.actor ?? SYNC_ACTOR) : SYNC_ACTOR,
                  action,
                  entity: 'case',
                  entityId: id,
                  caseId: id,
                  fields,
                }
              }),
            )
            // equal to the server now: a row queued before this round goes (none was added since: see above)
            await db.syncOutbox.bulkDelete(ids.filter((_, i) => !locals[i]!.dirty && changed[i] !== undefined))
            const rows = locals.filter((l) => l.dirty).map((l) => outboxRow(l.record.id))
            await db.syncOutbox.bulkPut(rows)
            return new Map(rows.map((r) => [r.id, r.mark]))
          },
        ),
      ),
    )
    for (const id of ids) this.seen.set(id, marks.get(id) ?? '')
  }

  /**
   * What `write` will store, guessed before its transaction from the cases stored now, to seal it ahead: the
   * records it adds, in its order (src/db/caseDocsAhead.ts), and the documents it replaces (the stored ones
   * read and opened with WebCrypto, outside any transaction). The transaction works out its own from what it
   * reads: it takes the added guess only when it is exactly its own list, and a replaced document finds its
   * seal only when it encodes to the very bytes sealed (src/db/presealed.ts).
   */
  private async ahead(locals: readonly LocalCase[]): Promise<{ added: CaseDocument[]; replaced: CaseDoc[] }> {
    // (by key, not `where(':id').anyOf`: fake-indexeddb walks the whole store for that, ~1 s at 20,000 cases)
    const was = await bulkGetOpened(
      this.db,
      this.db.caseDocs,
      locals.map((l) => l.record.id),
    )
    const added: CaseDocument[] = []
    const replaced: CaseDoc[] = []
    for (const [i, local] of locals.entries()) {
      const before = was[i]
      if (!before) added.push(local.record)
      // as the transaction builds it (changed documents only), then as putCaseDocs stores it
      else if (canonicalJson(documentOf(before)) !== canonicalJson(local.record))
        replaced.push(plannedPutCaseDoc({ ...local.record, shard: before.shard, digestHash: before.digestHash }))
    }
    return { added, replaced }
  }

  /**
   * Which settlement `settled` is: ours kept (still to push), theirs taken (the case changes here), or the
   * server come round to ours (another PC settled it, or made the same edit: nothing changes here).
   */
  private settlement(settled: LocalCase, changesHere: boolean, choice?: SettleChoice): RecordAuditAction {
    if (choice) return choice === 'keep-local' ? 'sync-keep-local' : 'sync-take-remote'
    if (settled.dirty) return 'sync-keep-local'
    return changesHere ? 'sync-take-remote' : 'sync-settled-elsewhere'
  }
}

/** The same objects in the same order. */
function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/**
 * Puts in the outbox every stored case the server has not seen (no revision) and not already there:
 * the cases written before this PC first joined a server, or before the outbox existed (v8). The PC has
 * joined from here on (JOINED_ROW): every later write is queued as it is made.
 */
export async function queueUnsyncedCases(db: MediationDb): Promise<number> {
  return db.transaction('rw', [db.caseDocs, db.syncRevs, db.syncOutbox], async () => {
    await db.syncRevs.put(JOINED_ROW)
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
