import { configureStoreKeys } from '../db/keys'
import { platform } from '../platform'

/** Points the store at its host for its keys; boot calls it before anything opens the database. */
export function connectStoreKeysToHost(): void {
  configureStoreKeys(() => platform().storeKeys())
}
