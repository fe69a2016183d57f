/**
 * The keys the store needs, handed in by the host (the desktop app's vault in the main process, or the
 * browser's): `dataKey` seals personal records at rest (AES-256-GCM), `auditKey` keys the audit chain
 * (HMAC-SHA256). The db layer never imports the platform: a store configures the source at start-up.
 */
export interface StoreKeys {
  /** 32 bytes */
  dataKey: Uint8Array
  /** 32 bytes */
  auditKey: Uint8Array
}

export type StoreKeySource = () => Promise<StoreKeys>

let source: StoreKeySource | undefined
let pending: Promise<StoreKeys> | undefined

/** Sets where the keys come from; called once at start-up (and by tests). */
export function configureStoreKeys(next: StoreKeySource): void {
  source = next
  pending = undefined
}

/** The keys, asked of the source once; a failed request is asked again next time. */
export function storeKeys(): Promise<StoreKeys> {
  if (!source) return Promise.reject(new Error('store keys requested before configureStoreKeys'))
  pending ??= source().catch((error: unknown) => {
    pending = undefined
    throw error
  })
  return pending
}
