import type { Page } from '@playwright/test'
import type { CaseDoc } from '../../../src/db/records'
import type { SyncConflict } from '../../../src/db/sync/caseReplication'
import type { CaseDocument } from '../../../src/domain/syncFields'

/** A stored case document as it replicates: without the keys derived on this PC. */
export function replicated(doc: CaseDoc): CaseDocument {
  const { shard: _shard, digestHash: _hash, ...document } = doc
  return document
}

/**
 * Writes a sync conflict straight into the page's `syncConflicts` store, as a round of sync would have
 * recorded it: `remote` as the server holds it at `remoteRev`. Written open (clear), which the app reads
 * as a record from before sealing, like seed.ts's cases.
 */
export async function seedSyncConflict(page: Page, conflict: Required<SyncConflict>): Promise<void> {
  await page.evaluate(
    (row) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('mediation-room')
        req.onsuccess = () => {
          const tx = req.result.transaction('syncConflicts', 'readwrite')
          tx.objectStore('syncConflicts').put(row)
          tx.oncomplete = () => resolve()
          tx.onerror = () => reject(tx.error)
        }
        req.onerror = () => reject(req.error)
      }),
    conflict,
  )
}

/** What a store keyed by case id holds for `id` (syncRevs, syncOutbox: kept in clear), or null. */
export async function storedRow(page: Page, store: 'syncRevs' | 'syncOutbox' | 'syncConflicts', id: string) {
  return page.evaluate(
    ({ store, id }) =>
      new Promise<unknown>((resolve, reject) => {
        const req = indexedDB.open('mediation-room')
        req.onsuccess = () => {
          const get = req.result.transaction(store, 'readonly').objectStore(store).get(id)
          get.onsuccess = () => resolve(get.result ?? null)
          get.onerror = () => reject(get.error)
        }
        req.onerror = () => reject(req.error)
      }),
    { store, id },
  )
}

/** Removes every sync conflict, as another window settling them would. */
export async function clearSyncConflicts(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('mediation-room')
        req.onsuccess = () => {
          const tx = req.result.transaction('syncConflicts', 'readwrite')
          tx.objectStore('syncConflicts').clear()
          tx.oncomplete = () => resolve()
          tx.onerror = () => reject(tx.error)
        }
        req.onerror = () => reject(req.error)
      }),
  )
}
