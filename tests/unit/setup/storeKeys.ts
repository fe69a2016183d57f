/**
 * Every unit test starts with the fixed test keys (./keys.ts), whatever the test before it configured, and
 * with them loaded, as the app has them before it opens its database (the audit chain keys each link
 * inside a transaction, where nothing may be awaited).
 */
import { beforeEach } from 'vitest'
import { storeKeys } from '../../../src/db/keys'
import { useTestStoreKeys } from './keys'

useTestStoreKeys()
// loaded before the test files are imported: some build their fixtures (with audit links) at import time
await storeKeys()
beforeEach(async () => {
  useTestStoreKeys()
  await storeKeys()
})
