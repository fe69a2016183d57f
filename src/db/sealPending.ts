/**
 * Seals the attachments the v5 upgrade queued in `sealPending` (their Blobs could not be read inside the
 * upgrade transaction), a few at a time right after the database opens. Each chunk's ids leave the queue in
 * the transaction that seals them, so a start killed midway goes on where it stopped.
 */
import type { Attachment } from '../domain/types'
import type { MediationDb } from './schema'
import { rememberBlobBytes } from './blobBytes'

/** Attachments (up to 20 MB each) read and sealed at a time. */
const CHUNK = 8

export async function sealPendingRecords(db: MediationDb): Promise<void> {
  for (;;) {
    const ids = (await db.sealPending.limit(CHUNK).toArray()).map((p) => p.id)
    if (ids.length === 0) return
    // Read (and their Blobs read to bytes) before the transaction: nothing but IndexedDB may be awaited in it.
    const rows = await db.attachments.bulkGet(ids)
    for (const row of rows) if (row) await rememberBlobBytes(row.data)
    await db.transaction('rw', [db.attachments, db.sealPending], async () => {
      // Attachments are added and removed, never changed: one removed since is not written back.
      const still = new Set((await db.attachments.bulkGet(ids)).flatMap((row) => (row ? [row.id] : [])))
      const sealing = rows.filter((row): row is Attachment => row !== undefined && still.has(row.id))
      if (sealing.length > 0) await db.attachments.bulkPut(sealing)
      await db.sealPending.bulkDelete(ids)
    })
  }
}
