/**
 * The keys the local store needs, handed to the page by its host (the desktop app's vault in the main
 * process, or the browser preview's): `dataKey` seals personal records at rest (AES-256-GCM),
 * `auditKey` keys the audit chain (HMAC-SHA256). Both 32 bytes.
 */
export interface StoreKeys {
  dataKey: Uint8Array
  auditKey: Uint8Array
  /**
   * Audit keys of other PCs whose backups were restored here (they came inside the backup, opened with
   * that PC's 恢复密钥): entries written there verify with them. Never used to write.
   */
  adoptedAuditKeys?: readonly Uint8Array[]
}
