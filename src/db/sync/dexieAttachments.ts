/**
 * Attachments as the file replication (attachmentReplication.ts) sees this PC's store: the files in
 * `attachments`, the server revision of each in `syncRevs` and the added or removed ones in `syncOutbox`,
 * both under `attachment:<id>`. As for the records (dexieRecords.ts), a version from the server is written
 * only if the file did not change here after it was read (its outbox mark), with an audit entry in the same
 * transaction: 'sync-pull' for a file taken in, 'delete' (by 同步) for one another PC removed.
 */
import { attachmentMeta, sameAttachmentMeta } from '../../domain/attachmentMeta'
import { differingFields } from '../../domain/conflicts'
import { appendAudit } from '../audit'
import type { MediationDb } from '../schema'
import type { AttachmentStore, LocalFile } from './attachmentReplication'
import { ChangedMeanwhileError, SYNC_ACTOR } from './dexieReplica'
import { attachmentOutboxId, outboxRow, parseAttachmentOutboxId, setsOwnOutboxRows } from './outbox'

export class DexieAttachments implements AttachmentStore {
  /** outbox id -> its mark when last read ('' when it had none) */
  private readonly seen = new Map<string, string>()

  constructor(private readonly db: MediationDb) {}

  async dirty(limit: number, skip: ReadonlySet<string>): Promise<LocalFile[]> {
    const rows = await this.db.syncOutbox
      .orderBy('at')
      .filter((r) => parseAttachmentOutboxId(r.id) !== undefined && !skip.has(r.id))
      .limit(limit)
      .toArray()
    return this.getMany(rows.map((r) => parseAttachmentOutboxId(r.id)!))
  }

  async getMany(ids: readonly string[]): Promise<LocalFile[]> {
    const { db } = this
    if (!ids.length) return []
    return db.transaction('r', [db.attachments, db.syncRevs, db.syncOutbox], async () => {
      const keys = ids.map(attachmentOutboxId)
      const [records, revs, changed] = await Promise.all([
        db.attachments.bulkGet([...ids]),
        db.syncRevs.bulkGet(keys),
        db.syncOutbox.bulkGet(keys),
      ])
      return ids.map((id, i) => {
        this.seen.set(keys[i]!, changed[i]?.mark ?? '')
        const record = records[i]
        const rev = revs[i]?.rev
        return { id, ...(record ? { record } : {}), ...(rev ? { rev } : {}), dirty: changed[i] !== undefined }
      })
    })
  }

  async putMany(files: readonly LocalFile[]): Promise<void> {
    const { db } = this
    if (!files.length) return
    const keys = files.map((f) => attachmentOutboxId(f.id))
    const marks = await db.transaction('rw', [db.attachments, db.syncRevs, db.syncOutbox, db.audit], async (tx) => {
      setsOwnOutboxRows(tx.idbtrans)
      const changed = await db.syncOutbox.bulkGet(keys)
      for (const [i, key] of keys.entries()) {
        if ((changed[i]?.mark ?? '') !== (this.seen.get(key) ?? '')) throw new ChangedMeanwhileError(key)
      }
      const stored = await db.attachments.bulkGet(files.map((f) => f.id))
      for (const [i, file] of files.entries()) {
        const before = stored[i]
        if (file.record) {
          if (before && sameAttachmentMeta(attachmentMeta(before), attachmentMeta(file.record))) continue
          await db.attachments.put(file.record)
          if (file.dirty) continue
          const fields = differingFields(before ? attachmentMeta(before) : {}, attachmentMeta(file.record))
          await appendAudit(db, {
            actor: SYNC_ACTOR,
            action: 'sync-pull',
            entity: 'attachment',
            entityId: file.id,
            caseId: file.record.caseId,
            fields,
          })
        } else if (before) {
          await db.attachments.delete(file.id)
          if (file.dirty) continue
          await appendAudit(db, {
            actor: SYNC_ACTOR,
            action: 'delete',
            entity: 'attachment',
            entityId: file.id,
            caseId: before.caseId,
            fields: ['kind', 'name'],
          })
        }
      }
      await db.syncRevs.bulkPut(files.flatMap((f, i) => (f.rev ? [{ id: keys[i]!, rev: f.rev }] : [])))
      await db.syncRevs.bulkDelete(keys.filter((_, i) => !files[i]!.rev))
      // the outbox rows of these writes are set here, not by the middleware: a row queued before this round
      // goes once the file is equal to the server
      await db.syncOutbox.bulkDelete(keys.filter((_, i) => !files[i]!.dirty && changed[i] !== undefined))
      const rows = keys.filter((_, i) => files[i]!.dirty).map(outboxRow)
      await db.syncOutbox.bulkPut(rows)
      return new Map(rows.map((r) => [r.id, r.mark]))
    })
    for (const key of keys) this.seen.set(key, marks.get(key) ?? '')
  }

  async confirmPushed(sent: LocalFile, rev: string | undefined): Promise<void> {
    const { db } = this
    const key = attachmentOutboxId(sent.id)
    // the files' table is in the transaction so that no change lands between the comparison and the writes
    const mark = await db.transaction('rw', [db.attachments, db.syncRevs, db.syncOutbox], async () => {
      const [now, changed] = await Promise.all([db.attachments.get(sent.id), db.syncOutbox.get(key)])
      const unchanged = sent.record
        ? now !== undefined && sameAttachmentMeta(attachmentMeta(now), attachmentMeta(sent.record))
        : now === undefined
      if (rev) await db.syncRevs.put({ id: key, rev })
      else await db.syncRevs.delete(key)
      if (unchanged && changed) await db.syncOutbox.delete(key)
      return unchanged ? '' : (changed?.mark ?? '')
    })
    this.seen.set(key, mark)
  }
}
