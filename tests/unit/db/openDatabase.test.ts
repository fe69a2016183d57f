/**
 * Opening the database reads a sealed record at once, so that a wrong key shows at start-up as the
 * recovery screen's StorageError, never as a first screen with nothing on it. The read is opened with
 * WebCrypto after its transaction (the start-up's speed); the refusal must not be lost on the way.
 */
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/db/open'
import { configureStoreKeys } from '../../../src/db/keys'
import { StorageError } from '../../../src/db/errors'
import { setUpCommittee } from './caseFixtures'
import { TEST_AUDIT_KEY, useTestStoreKeys } from '../setup/keys'

afterEach(useTestStoreKeys)

describe('openDatabase', () => {
  it('opens a database sealed with this PC’s key, committee and all', async () => {
    const first = await openDatabase('open-same-key')
    const { committee } = await setUpCommittee(first.db)
    first.db.close()
    const again = await openDatabase('open-same-key')
    expect((await again.db.committees.get(committee.id))?.fullName).toBe(committee.fullName)
    again.db.close()
  })

  it('refuses a database sealed with another key: a StorageError saying it cannot be decrypted', async () => {
    const first = await openDatabase('open-other-key')
    await setUpCommittee(first.db)
    first.db.close()
    configureStoreKeys(async () => ({ dataKey: new Uint8Array(32).fill(9), auditKey: TEST_AUDIT_KEY }))
    const failure = await openDatabase('open-other-key').catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(StorageError)
    expect(failure).toMatchObject({ code: 'unreadable' })
    expect((failure as Error).message).toMatch(/无法解密/)
  })
})
