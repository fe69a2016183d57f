/** Every unit test starts with the fixed test keys (./keys.ts), whatever the test before it configured. */
import { beforeEach } from 'vitest'
import { useTestStoreKeys } from './keys'

useTestStoreKeys()
beforeEach(useTestStoreKeys)
