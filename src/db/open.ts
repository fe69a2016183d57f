import { MediationDb, DB_NAME } from './schema'
import { toStorageError } from './errors'
import { sealPendingRecords } from './sealPending'
import { openStored, readStored } from './sealedReads'

export interface OpenedDatabase {
  db: MediationDb
  /** whether the browser promised not to evict this origin's data */
  persisted: boolean
}

/**
 * Opens the one database of the app. Failures become StorageError with a Chinese message; the
 * caller shows the recovery screen rather than starting afresh.
 */
export async function openDatabase(name: string = DB_NAME): Promise<OpenedDatabase> {
  const db = new MediationDb(name)
  // Another copy of the app asking to upgrade: close rather than block it, and tell the user.
  db.on('versionchange', () => {
    db.close()
    return false
  })
  // asked of the browser while the database opens, not after
  const persisted = requestPersistence()
  try {
    await db.open()
    // A wrong key shows here, at start-up, rather than as a failure on the first screen that reads. Opened
    // with WebCrypto after the read: the synchronous cipher's cold start would delay the first screen.
    await openStored(db, db.committees, await readStored(db, [db.committees], () => db.committees.limit(1).toArray()))
    await sealPendingRecords(db)
  } catch (error) {
    throw toStorageError(error)
  }
  return { db, persisted: await persisted }
}

async function requestPersistence(): Promise<boolean> {
  const storage = globalThis.navigator?.storage
  if (!storage?.persist) return false
  try {
    return (await storage.persisted()) || (await storage.persist())
  } catch {
    return false
  }
}
