/**
 * The 同步密钥 panel's store (src/stores/syncKey.ts): it makes the key for this PC's committee, shows the
 * code, says why a code is refused, offers to replace only a different key, and hands the engine the key.
 */
import 'fake-indexeddb/auto'
import { afterAll, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { getDatabase } from '../../../src/db/connection'
import { useSettingsStore } from '../../../src/stores/settings'
import { useSyncKeyStore } from '../../../src/stores/syncKey'
import { encodeJoinCode } from '../../../src/domain/syncJoinCode'
import { setUpCommittee } from '../db/caseFixtures'

afterAll(async () => (await getDatabase()).db.close())

describe('the sync key store', () => {
  it('makes the key, shows its code, and answers a wrong or different code with the reason', async () => {
    const { db } = await getDatabase()
    const { committee } = await setUpCommittee(db)
    setActivePinia(createPinia())
    await useSettingsStore().load()
    const keys = useSyncKeyStore()

    await keys.load()
    expect(keys.loaded).toBe(true)
    expect(keys.info).toBeUndefined()
    expect(await keys.committeeKey()).toBeUndefined()

    expect(await keys.create()).toBeUndefined()
    expect(keys.info?.committeeId).toBe(committee.id)
    expect((await keys.committeeKey())?.id).toBe(keys.info?.keyId)
    expect(await keys.create()).toContain('本机已有委员会数据密钥')

    expect(await keys.showCode()).toBeUndefined()
    expect(keys.shownCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{80}$/)
    keys.hideCode()
    expect(keys.shownCode).toBeUndefined()

    expect(await keys.join('1234')).toEqual({
      ok: false,
      message: expect.stringContaining('长度不对') as string,
      replaceable: false,
    })
    const other = encodeJoinCode({ committeeId: committee.id, key: new Uint8Array(32).fill(5) })
    const different = await keys.join(other)
    expect(different).toMatchObject({ ok: false, replaceable: true })
    expect(await keys.join(other, true)).toEqual({ ok: true })
    expect(keys.info?.origin).toBe('joined')
    expect((await keys.committeeKey())?.id).toBe(keys.info?.keyId)
  })
})
