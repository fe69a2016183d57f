/**
 * The keys the store needs, handed in by the host (the desktop app's vault in the main process, or the
 * browser's): `dataKey` seals personal records at rest (AES-256-GCM), `auditKey` keys the audit chain
 * (HMAC-SHA256). The db layer never imports the platform: a store configures the source at start-up.
 */
import type { StoreKeys } from '../shared/storeKeys'

export type { StoreKeys }

export type StoreKeySource = () => Promise<StoreKeys>

let source: StoreKeySource | undefined
let pending: Promise<StoreKeys> | undefined
let loaded: StoreKeys | undefined

/** Sets where the keys come from; called once at start-up (and by tests). */
export function configureStoreKeys(next: StoreKeySource): void {
  source = next
  pending = undefined
  loaded = undefined
}

/** The keys, asked of the source once; a failed request is asked again next time. */
export function storeKeys(): Promise<StoreKeys> {
  if (!source) return Promise.reject(new Error('store keys requested before configureStoreKeys'))
  pending ??= source().then(
    (keys) => (loaded = keys),
    (error: unknown) => {
      pending = undefined
      throw error
    },
  )
  return pending
}

/**
 * The keys once `storeKeys()` has resolved (the database is opened only after it has): for code that
 * runs inside a Dexie transaction, where awaiting anything but IndexedDB would end the transaction.
 */
export function currentStoreKeys(): StoreKeys {
  if (!loaded) throw new Error('store keys used before the database was opened with them')
  return loaded
}
