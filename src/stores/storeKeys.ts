import { configureStoreKeys } from '../db/keys'
import { useVaultStore } from './vault'

/**
 * Points the store at its host's vault for its keys; boot calls it before anything opens the database.
 * The vault store waits for the passphrase or 恢复密钥 when the host needs one (src/stores/vault.ts).
 */
export function connectStoreKeysToHost(): void {
  configureStoreKeys(() => useVaultStore().storeKeys())
}
