import { EventEmitter } from 'node:events'
import { beforeEach, describe, expect, it, vi } from 'vitest'

/**
 * Boots the real electron/main/index.ts against a fake Electron, then hands the `web-contents-created`
 * listener it registered a fake WebContents, as Electron does for every window, frame host and guest.
 * Every guard is asserted through that listener only: if index.ts stops wiring the hardening (or a guard
 * is dropped from it), these tests fail, whatever the unit tests of security.ts say.
 */

const electronState = {
  packaged: true,
  appListeners: new Map<string, ((...args: unknown[]) => void)[]>(),
  windowOptions: [] as { webPreferences?: Record<string, unknown> }[],
  openedExternally: [] as string[],
  defaultSession: null as FakeSession | null,
  resolveReady: () => undefined as void,
}

/** The part of Session the guards use, recording its handlers. */
class FakeSession extends EventEmitter {
  permissionRequest:
    | ((
        contents: unknown,
        permission: string,
        callback: (granted: boolean) => void,
        details: { requestingUrl: string },
      ) => void)
    | null = null
  permissionCheck: ((contents: unknown, permission: string, origin: string) => boolean) | null = null
  devicePermission: (() => boolean) | null = null
  requestFilter: ((details: { url: string }, callback: (response: { cancel: boolean }) => void) => void) | null = null
  setPermissionRequestHandler(handler: FakeSession['permissionRequest']) {
    this.permissionRequest = handler
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheck']) {
    this.permissionCheck = handler
  }
  setDevicePermissionHandler(handler: FakeSession['devicePermission']) {
    this.devicePermission = handler
  }
  webRequest = {
    onBeforeRequest: (handler: FakeSession['requestFilter']) => {
      this.requestFilter = handler
    },
    // the sync server's Authorization header (electron/main/syncServer.ts; its own tests check it)
    onBeforeSendHeaders: () => undefined,
  }
}

/** A stand-in for WebContents: an event emitter with the methods the guards call. */
class FakeContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  devToolsClosed = 0
  constructor(readonly session: FakeSession) {
    super()
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler
  }
  closeDevTools() {
    this.devToolsClosed += 1
  }
}

vi.mock('electron', () => {
  const noop = () => undefined
  class BrowserWindow {
    static fromWebContents = () => null
    constructor(options: { webPreferences?: Record<string, unknown> }) {
      electronState.windowOptions.push(options)
    }
    once() {}
    on() {}
    loadURL() {
      return Promise.resolve()
    }
  }
  return {
    app: {
      get isPackaged() {
        return electronState.packaged
      },
      getPath: (name: string) => `/x/${name}`,
      setPath: noop,
      requestSingleInstanceLock: () => true,
      quit: noop,
      on: (event: string, listener: (...args: unknown[]) => void) => {
        electronState.appListeners.set(event, [...(electronState.appListeners.get(event) ?? []), listener])
      },
      whenReady: () => new Promise<void>((resolve) => (electronState.resolveReady = resolve)),
      getName: () => '调解室',
      getVersion: () => '0.1.0',
    },
    protocol: { registerSchemesAsPrivileged: noop, handle: noop },
    session: {
      get defaultSession() {
        return electronState.defaultSession
      },
    },
    ipcMain: { handle: noop },
    Menu: { setApplicationMenu: noop },
    dialog: {},
    // the vault asks it only when the page first wants its keys
    safeStorage: {},
    shell: {
      openExternal: async (url: string) => {
        electronState.openedExternally.push(url)
      },
    },
    BrowserWindow,
  }
})

async function boot({ packaged }: { packaged: boolean }): Promise<void> {
  vi.resetModules()
  electronState.packaged = packaged
  electronState.appListeners.clear()
  electronState.windowOptions.length = 0
  electronState.openedExternally.length = 0
  electronState.defaultSession = new FakeSession()
  await import('../../../electron/main/index')
  electronState.resolveReady()
  await new Promise((resolve) => setTimeout(resolve, 0))
}

/** What Electron does when it creates a web contents: emits web-contents-created to every app listener. */
function createContents(session = new FakeSession()): FakeContents {
  const contents = new FakeContents(session)
  const listeners = electronState.appListeners.get('web-contents-created') ?? []
  for (const listener of listeners) listener({ preventDefault: () => undefined }, contents)
  return contents
}

/** Emits a cancellable event and reports whether a guard cancelled it. */
function cancelled(target: EventEmitter, event: string, details: Record<string, unknown> = {}): boolean {
  let prevented = false
  target.emit(event, { ...details, preventDefault: () => (prevented = true) })
  return prevented
}

const APP_PAGE = 'app://mediation-room/index.html'
const FOREIGN = [
  'https://evil.example/',
  'http://localhost:5173/',
  'file:///etc/passwd',
  'app://other-host/index.html',
  'javascript:alert(1)',
]

describe('the web-contents-created wiring of electron/main/index.ts (packaged)', () => {
  beforeEach(async () => {
    vi.stubEnv('MEDIATION_ROOM_USER_DATA_DIR', '')
    vi.stubEnv('ELECTRON_RENDERER_URL', '')
    await boot({ packaged: true })
  })

  it('is registered', () => {
    expect(electronState.appListeners.get('web-contents-created')?.length ?? 0).toBeGreaterThan(0)
  })

  it.each(FOREIGN)('cancels will-navigate, will-frame-navigate and will-redirect to %s', (url) => {
    const contents = createContents()
    expect(cancelled(contents, 'will-navigate', { url })).toBe(true)
    expect(cancelled(contents, 'will-frame-navigate', { url, isMainFrame: true })).toBe(true)
    expect(cancelled(contents, 'will-frame-navigate', { url, isMainFrame: false })).toBe(true)
    expect(cancelled(contents, 'will-redirect', { url })).toBe(true)
  })

  it('lets the page move within its own origin', () => {
    const contents = createContents()
    expect(cancelled(contents, 'will-navigate', { url: `${APP_PAGE}#/cases` })).toBe(false)
    expect(cancelled(contents, 'will-frame-navigate', { url: APP_PAGE, isMainFrame: true })).toBe(false)
    expect(cancelled(contents, 'will-redirect', { url: APP_PAGE })).toBe(false)
  })

  it("lets a frame show the page's own blob: URLs (PDF attachments), never another origin's", () => {
    const contents = createContents()
    expect(
      cancelled(contents, 'will-frame-navigate', { url: 'blob:app://mediation-room/0b6c3e7a', isMainFrame: false }),
    ).toBe(false)
    expect(
      cancelled(contents, 'will-frame-navigate', { url: 'blob:https://evil.example/0b6c3e7a', isMainFrame: false }),
    ).toBe(true)
    expect(
      cancelled(contents, 'will-frame-navigate', { url: 'data:text/html,<h1>锁屏</h1>', isMainFrame: false }),
    ).toBe(true)
  })

  it('denies every new window and opens only allow-listed https links in the system browser', async () => {
    const contents = createContents()
    for (const url of [
      ...FOREIGN,
      APP_PAGE,
      'https://flk.npc.gov.cn/',
      'http://flk.npc.gov.cn/',
      'smb://flk.npc.gov.cn/x',
    ]) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' })
    }
    expect(cancelled(contents, 'will-navigate', { url: 'https://www.moj.gov.cn/' })).toBe(true)
    expect(cancelled(contents, 'will-navigate', { url: 'file:///C:/Windows/System32/calc.exe' })).toBe(true)
    await Promise.resolve()
    expect(electronState.openedExternally).toEqual(['https://flk.npc.gov.cn/', 'https://www.moj.gov.cn/'])
  })

  it('never opens anything for a frame navigation, even to an allow-listed site', () => {
    const contents = createContents()
    expect(cancelled(contents, 'will-frame-navigate', { url: 'https://flk.npc.gov.cn/', isMainFrame: false })).toBe(
      true,
    )
    expect(electronState.openedExternally).toEqual([])
  })

  it('refuses every <webview>', () => {
    expect(cancelled(createContents(), 'will-attach-webview', { url: APP_PAGE })).toBe(true)
  })

  it("denies permission requests and checks in the contents' own session, and filters its requests", () => {
    const session = new FakeSession()
    createContents(session)
    const answers: boolean[] = []
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid']) {
      session.permissionRequest?.({}, permission, (granted) => answers.push(granted), { requestingUrl: APP_PAGE })
      expect(session.permissionCheck?.({}, permission, 'app://mediation-room')).toBe(false)
    }
    expect(answers).toEqual([false, false, false, false, false, false])
    expect(session.devicePermission?.()).toBe(false)
    const filtered: boolean[] = []
    session.requestFilter?.({ url: 'https://tracker.example/p.gif' }, ({ cancel }) => filtered.push(cancel))
    expect(filtered).toEqual([true])
  })

  it('cancels every download, in the default session and in the session of any web contents', () => {
    const session = new FakeSession()
    createContents(session)
    expect(cancelled(session, 'will-download')).toBe(true)
    expect(electronState.defaultSession && cancelled(electronState.defaultSession, 'will-download')).toBe(true)
  })

  it('hardens a shared session once, not once per web contents', () => {
    const session = new FakeSession()
    createContents(session)
    createContents(session)
    expect(session.listenerCount('will-download')).toBe(1)
  })

  it('creates the window with devTools off and closes DevTools if they open anyway', () => {
    expect(electronState.windowOptions).toHaveLength(1)
    expect(electronState.windowOptions[0]?.webPreferences?.['devTools']).toBe(false)
    const contents = createContents()
    contents.emit('devtools-opened')
    expect(contents.devToolsClosed).toBe(1)
  })
})

describe('the web-contents-created wiring in development (unpackaged)', () => {
  beforeEach(async () => {
    vi.stubEnv('MEDIATION_ROOM_USER_DATA_DIR', '')
    vi.stubEnv('ELECTRON_RENDERER_URL', '')
    await boot({ packaged: false })
  })

  it('allows DevTools but keeps every navigation guard', () => {
    expect(electronState.windowOptions[0]?.webPreferences?.['devTools']).toBe(true)
    const contents = createContents()
    contents.emit('devtools-opened')
    expect(contents.devToolsClosed).toBe(0)
    expect(cancelled(contents, 'will-navigate', { url: 'https://evil.example/' })).toBe(true)
    expect(cancelled(contents, 'will-frame-navigate', { url: 'https://evil.example/', isMainFrame: false })).toBe(true)
  })
})
