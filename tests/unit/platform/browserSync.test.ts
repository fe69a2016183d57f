/** The browser build's platform.sync (src/platform/browser-sync.ts): test-only storage, same refusals as main. */
import { describe, expect, it } from 'vitest'
import { BROWSER_SYNC_STORAGE_KEY, createBrowserSync } from '../../../src/platform/browser-sync'

function memoryStorage(): Storage {
  const map = new Map<string, string>()
  return {
    get length() {
      return map.size
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  }
}

const SAVE = { url: 'http://127.0.0.1:5984/', database: 'mr-abc', user: 'reception', password: 'pw-reception-1' }

describe('the browser platform.sync', () => {
  it('saves under the test-only key, reads back without the password, and gives the remote with Basic', async () => {
    const storage = memoryStorage()
    const sync = createBrowserSync(() => storage)
    await sync.saveServer(SAVE)
    expect(BROWSER_SYNC_STORAGE_KEY).toMatch(/TEST-ONLY/)
    expect(await sync.readServer()).toEqual({ url: 'http://127.0.0.1:5984', database: 'mr-abc', user: 'reception' })
    // base64("reception:pw-reception-1"), written out
    expect(await sync.remote()).toEqual({
      url: 'http://127.0.0.1:5984/mr-abc',
      authorization: 'Basic cmVjZXB0aW9uOnB3LXJlY2VwdGlvbi0x',
    })
    // a new page of the same profile finds it again
    expect(await createBrowserSync(() => storage).readServer()).toEqual(await sync.readServer())
    await sync.forgetServer()
    expect(await sync.remote()).toBeUndefined()
    expect(storage.length).toBe(0)
  })

  it('refuses http to another computer with a Chinese message and keeps nothing', async () => {
    const storage = memoryStorage()
    const sync = createBrowserSync(() => storage)
    await expect(sync.saveServer({ ...SAVE, url: 'http://192.168.1.20:5984' })).rejects.toThrow(/https:\/\//)
    expect(storage.length).toBe(0)
    expect(await sync.readServer()).toBeUndefined()
  })
})
