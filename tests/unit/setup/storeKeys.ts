/**
 * Every unit test runs with fixed store keys, loaded before any test opens a database (as the app
 * does: the database is opened only after the host handed over the keys).
 */
import { beforeAll } from 'vitest'
import { configureStoreKeys, storeKeys } from '../../../src/db/keys'

configureStoreKeys(async () => ({ dataKey: new Uint8Array(32).fill(1), auditKey: new Uint8Array(32).fill(2) }))

beforeAll(async () => {
  await storeKeys()
})
