import type { MediationDb } from './schema'
import { toStorageError } from './errors'

/**
 * Runs several repository writes as one: all of them complete or none does. Each repository call
 * inside opens a nested transaction within this one, so a failure in the second undoes the first.
 * Only repository calls may be awaited inside (other promises would let IndexedDB commit early).
 */
export async function atomically<T>(db: MediationDb, work: () => Promise<T>): Promise<T> {
  try {
    return await db.transaction('rw', db.tables, work)
  } catch (error) {
    throw toStorageError(error)
  }
}
