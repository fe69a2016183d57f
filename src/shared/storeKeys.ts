/**
 * The keys the local store needs, handed to the page by its host (the desktop app's vault in the main
 * process, or the browser preview's): `dataKey` seals personal records at rest (AES-256-GCM),
 * `auditKey` keys the audit chain (HMAC-SHA256). Both 32 bytes.
 */
export interface StoreKeys {
  dataKey: Uint8Array
  auditKey: Uint8Array
}
