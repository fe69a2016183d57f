/**
 * The unit tests' store keys: fixed, so that a fixture sealed with them (tests/fixtures/schema-v5.json)
 * opens. A test that wants another key configures its own (src/db/keys.ts).
 */
import { configureStoreKeys } from '../../../src/db/keys'

export const TEST_DATA_KEY = Uint8Array.from({ length: 32 }, (_, i) => i + 1)
export const TEST_AUDIT_KEY = Uint8Array.from({ length: 32 }, (_, i) => 255 - i)

export function useTestStoreKeys(): void {
  configureStoreKeys(async () => ({ dataKey: TEST_DATA_KEY, auditKey: TEST_AUDIT_KEY }))
}
