import { storeKeys } from './keys'
import { openDatabase, type OpenedDatabase } from './open'

let opening: Promise<OpenedDatabase> | undefined

/**
 * The app's one open database, opened on first use and only once the host handed over the store's keys
 * (the audit chain is keyed inside transactions, where they cannot be awaited); a failed open is
 * retried on the next call.
 */
export function getDatabase(): Promise<OpenedDatabase> {
  opening ??= storeKeys()
    .then(() => openDatabase())
    .catch((error: unknown) => {
      opening = undefined
      throw error
    })
  return opening
}
