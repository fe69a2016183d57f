import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { MediationDb } from '../../../src/db/schema'

/** A fresh, isolated database for one test (fake-indexeddb, in memory). */
export function freshDb(name = `test-${crypto.randomUUID()}`): MediationDb {
  return new MediationDb(name, { indexedDB: new IDBFactory(), IDBKeyRange })
}
