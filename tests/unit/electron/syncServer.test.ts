/**
 * 设置 → 同步 on the desktop (electron/main/syncServer.ts, handlers/sync.ts, csp.ts, security.ts): the
 * password sealed by the key store and never answered to the page, the Authorization header added for the
 * saved origin only, http refused except to loopback, and the page's CSP and request filter opened to
 * exactly that one origin. The handlers run for real, through the IPC wrapper, over a temporary folder.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeKeyStore } from './vault/fakeKeyStore'
import { eventFrom } from './ipcFixtures'

vi.mock('electron', () => ({}))

const { createSyncServerStore, installSyncAuthorization, NO_KEY_STORE_MESSAGE, SYNC_SERVER_FILE } =
  await import('../../../electron/main/syncServer')
const { createSyncHandlers } = await import('../../../electron/main/handlers/sync')
const { createInvokeListener } = await import('../../../electron/main/ipc')
const { APP_ORIGIN } = await import('../../../electron/main/origin')
const { contentSecurityPolicy, CONTENT_SECURITY_POLICY } = await import('../../../electron/main/csp')
const { createAppRequestHandler } = await import('../../../electron/main/protocol')
const { isAllowedRequestUrl } = await import('../../../electron/main/security')
type HeaderHook = import('../../../electron/main/syncServer').HeaderHook
type SendHeadersListener = import('../../../electron/main/syncServer').SendHeadersListener
type SyncServerStore = import('../../../electron/main/syncServer').SyncServerStore
type Channel = import('../../../src/shared/ipc').Channel

const SERVER = 'https://tiaojie.example.cn:6984'
const PASSWORD = 'pw-reception-密码-1'
// written out by hand: base64 of the UTF-8 bytes of "reception:pw-reception-密码-1"
const EXPECTED_HEADER = 'Basic cmVjZXB0aW9uOnB3LXJlY2VwdGlvbi3lr4bnoIEtMQ=='
const SAVE = { url: SERVER, database: 'mr-abc', user: 'reception', password: PASSWORD }

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mr-sync-server-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function storeWith(keyStore = fakeKeyStore(), onChange?: (origin: string | null) => void) {
  return { keyStore, store: createSyncServerStore({ dir, protector: keyStore.protector, platform: 'linux', onChange }) }
}

/** Every sync channel through the real wrapper, as the page calls it. */
function page(store: SyncServerStore) {
  const handlers = createSyncHandlers(store)
  const call = (channel: Channel & `sync:${string}`, request?: unknown) =>
    createInvokeListener(channel, handlers[channel] as never, { trustedOrigins: [APP_ORIGIN], log: () => undefined })(
      eventFrom(`${APP_ORIGIN}/index.html`),
      request,
    )
  return call
}

/** A stand-in for session.webRequest: keeps the one listener, as Electron does. */
function fakeWebRequest() {
  let filter: { urls: string[] } | null = null
  let listener: SendHeadersListener | null = null
  const hook = {
    onBeforeSendHeaders(a: unknown, b?: unknown) {
      if (a === null) {
        filter = null
        listener = null
      } else {
        filter = a as { urls: string[] }
        listener = b as typeof listener
      }
    },
  } as HeaderHook
  /** the headers a request to `url` leaves with (the filter first, as Electron applies it) */
  async function send(url: string, headers: Record<string, string> = {}): Promise<Record<string, string>> {
    const l = listener
    if (l === null || filter === null || !filter.urls.some((pattern) => globMatches(pattern, url))) return headers
    return new Promise((resolve) =>
      l({ url, requestHeaders: { ...headers } }, (response) => resolve(response.requestHeaders ?? headers)),
    )
  }
  return { hook, send, filter: () => filter }
}

/** A URL filter pattern: `*` matches anything, the rest literally. */
function globMatches(pattern: string, url: string): boolean {
  const escaped = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${escaped.join('.*')}$`).test(url)
}

const connectSrc = (csp: string) => csp.split('; ').find((d) => d.startsWith('connect-src'))

describe('saving the server (sync:save-server)', () => {
  it('keeps the password sealed by the key store, never in clear on disk, and answers it to no channel', async () => {
    const { store, keyStore } = storeWith()
    const call = page(store)
    expect(await call('sync:save-server', SAVE)).toEqual({ ok: true, value: { saved: true } })

    const text = await readFile(join(dir, SYNC_SERVER_FILE), 'utf8')
    expect(text).not.toContain(PASSWORD)
    expect(text).not.toContain(EXPECTED_HEADER.slice('Basic '.length))
    expect(keyStore.calls.encrypt).toBe(1)
    expect([...keyStore.kept.values()]).toEqual([PASSWORD])
    if (process.platform !== 'win32') expect((await stat(join(dir, SYNC_SERVER_FILE))).mode & 0o777).toBe(0o600)

    const answers = [await call('sync:server'), await call('sync:remote')]
    expect(answers).toEqual([
      { ok: true, value: { url: SERVER, database: 'mr-abc', user: 'reception' } },
      { ok: true, value: { url: `${SERVER}/mr-abc` } },
    ])
    for (const answer of answers) {
      expect(JSON.stringify(answer)).not.toContain(PASSWORD)
      expect(JSON.stringify(answer)).not.toMatch(/Basic|authorization|password/i)
    }
  })

  it('refuses without a key store, with a Chinese message, and writes nothing', async () => {
    for (const keyStore of [fakeKeyStore({ available: false }), fakeKeyStore({ backend: 'basic_text' })]) {
      const { store } = storeWith(keyStore)
      const answer = await page(store)('sync:save-server', SAVE)
      expect(answer).toEqual({ ok: false, error: { code: 'not-allowed', message: NO_KEY_STORE_MESSAGE } })
      expect(await readdir(dir)).toEqual([])
      expect(await store.read()).toBeNull()
    }
  })

  it('refuses plain http to another computer, and credentials in the address; accepts http to loopback', async () => {
    const { store } = storeWith()
    const call = page(store)
    for (const url of ['http://192.168.1.20:5984', 'http://tiaojie.example.cn', 'https://u:p@tiaojie.example.cn']) {
      const answer = await call('sync:save-server', { ...SAVE, url })
      expect(answer).toMatchObject({ ok: false })
      // and the store itself refuses it too, whatever the schema lets through
      await expect(store.save({ ...SAVE, url })).rejects.toThrow(/https|用户名或密码/)
    }
    expect(await readdir(dir)).toEqual([])
    expect(await call('sync:save-server', { ...SAVE, url: 'http://127.0.0.1:5984' })).toEqual({
      ok: true,
      value: { saved: true },
    })
  })

  it('forgets: the file goes, nothing is configured, the change is told', async () => {
    const origins: (string | null)[] = []
    const { store } = storeWith(undefined, (origin) => origins.push(origin))
    const call = page(store)
    await call('sync:save-server', SAVE)
    expect(await call('sync:forget-server')).toEqual({ ok: true, value: { forgotten: true } })
    expect(await readdir(dir)).toEqual([])
    expect(await call('sync:server')).toEqual({ ok: true, value: null })
    expect(await call('sync:remote')).toEqual({ ok: true, value: null })
    expect(origins).toEqual([SERVER, null])
  })
})

describe('the Authorization header, added by main', () => {
  it('goes to the saved origin only, after a restart too, and never over a header the page set', async () => {
    const keyStore = fakeKeyStore()
    const { store } = storeWith(keyStore)
    await store.save(SAVE)
    // a new run of the app: the password comes back from the key store, not from the page
    const { store: restarted } = storeWith(keyStore)
    await restarted.loadOrigin()
    const web = fakeWebRequest()
    installSyncAuthorization(web.hook, restarted)

    expect((await web.send(`${SERVER}/mr-abc/_changes?since=0`)).Authorization).toBe(EXPECTED_HEADER)
    expect((await web.send(`${SERVER}/_session`)).Authorization).toBe(EXPECTED_HEADER)
    for (const other of [
      'https://tiaojie.example.cn/mr-abc',
      'https://tiaojie.example.cn:6985/mr-abc',
      'http://tiaojie.example.cn:6984/mr-abc',
      'https://tiaojie.example.cn:6984.evil.example/mr-abc',
      'https://evil.example/?https://tiaojie.example.cn:6984/',
    ]) {
      expect(await web.send(other)).toEqual({})
      // and the listener itself refuses, should the filter let one through
      expect(await restarted.authorizationFor(other)).toBeUndefined()
    }
    expect(await web.send(`${SERVER}/_session`, { Authorization: 'Basic dHlwZWQ6Zm9ybQ==' })).toEqual({
      Authorization: 'Basic dHlwZWQ6Zm9ybQ==',
    })
  })

  it('follows a change: a new server gets it, the old one no longer; forgotten, no listener is left', async () => {
    const web = fakeWebRequest()
    let store: SyncServerStore | undefined = undefined
    ;({ store } = storeWith(undefined, () => installSyncAuthorization(web.hook, store!)))
    await store.save(SAVE)
    await store.save({ ...SAVE, url: 'https://zhongxin.example.cn' })
    expect(await web.send(`${SERVER}/mr-abc`)).toEqual({})
    expect((await web.send('https://zhongxin.example.cn/mr-abc')).Authorization).toBe(EXPECTED_HEADER)
    await store.forget()
    expect(web.filter()).toBeNull()
    expect(await web.send('https://zhongxin.example.cn/mr-abc')).toEqual({})
  })
})

describe("the page's CSP and request filter", () => {
  it('connect-src opens exactly the saved origin; the other directives stay as they are', () => {
    expect(connectSrc(contentSecurityPolicy(SERVER))).toBe(`connect-src 'self' ${SERVER}`)
    expect(connectSrc(contentSecurityPolicy('http://127.0.0.1:5984'))).toBe("connect-src 'self' http://127.0.0.1:5984")
    const others = (csp: string) => csp.split('; ').filter((d) => !d.startsWith('connect-src'))
    expect(others(contentSecurityPolicy(SERVER))).toEqual(others(CONTENT_SECURITY_POLICY))
    expect(connectSrc(CONTENT_SECURITY_POLICY)).toBe("connect-src 'self'")
  })

  it('opens nothing for an origin the address rule refuses or one carrying more than an origin', () => {
    for (const bad of [
      'http://192.168.1.20:5984',
      `${SERVER}/mr-abc`,
      `${SERVER}; script-src *`,
      `${SERVER} https://evil.example`,
      '*',
      'https:',
    ]) {
      expect(connectSrc(contentSecurityPolicy(bad))).toBe("connect-src 'self'")
    }
  })

  it("the page is served with the saved server's origin from its next load, and without it once forgotten", async () => {
    const { store } = storeWith()
    const handle = createAppRequestHandler({
      rootDir: dir,
      readFile: async () => new TextEncoder().encode('<!doctype html>'),
      contentSecurityPolicy: async () => contentSecurityPolicy(await store.loadOrigin()),
    })
    const served = async () =>
      connectSrc((await handle(new Request(`${APP_ORIGIN}/index.html`))).headers.get('content-security-policy')!)
    expect(await served()).toBe("connect-src 'self'")
    await store.save(SAVE)
    expect(await served()).toBe(`connect-src 'self' ${SERVER}`)
    await store.save({ ...SAVE, url: 'https://zhongxin.example.cn' })
    expect(await served()).toBe("connect-src 'self' https://zhongxin.example.cn")
    await store.forget()
    expect(await served()).toBe("connect-src 'self'")
  })

  it('lets requests leave for the saved origin only', async () => {
    const { store } = storeWith()
    const policy = { trustedOrigins: [APP_ORIGIN], openExternal: () => undefined, syncServerOrigin: store.origin }
    expect(isAllowedRequestUrl(`${SERVER}/mr-abc`, policy)).toBe(false)
    await store.save(SAVE)
    expect(isAllowedRequestUrl(`${SERVER}/mr-abc/_changes`, policy)).toBe(true)
    expect(isAllowedRequestUrl('https://tiaojie.example.cn/mr-abc', policy)).toBe(false)
    expect(isAllowedRequestUrl('https://evil.example/', policy)).toBe(false)
    await store.forget()
    expect(isAllowedRequestUrl(`${SERVER}/mr-abc`, policy)).toBe(false)
  })
})
