import { EventEmitter } from 'node:events'
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => ({}))

const { buildWebPreferences, hardenSession, hardenWebContents, isAllowedRequestUrl, isPermissionGranted } =
  await import('../../../electron/main/security')
type SecurityPolicy = import('../../../electron/main/security').SecurityPolicy
type HardenableContents = import('../../../electron/main/security').HardenableContents

const APP = 'app://mediation-room'
const DEV = 'http://localhost:5173'

function policy(openExternal = vi.fn()): SecurityPolicy {
  return { trustedOrigins: [APP], openExternal }
}

/** A stand-in for WebContents: an event emitter that remembers its window-open handler. */
class FakeContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler
  }
  /** Emits a navigation-like event and reports whether a listener cancelled it. */
  attempt(
    event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect' | 'will-attach-webview',
    url = '',
    isMainFrame = true,
  ): boolean {
    let prevented = false
    this.emit(event, { url, isMainFrame, preventDefault: () => (prevented = true) })
    return prevented
  }
}

function hardened(openExternal = vi.fn(), trustedOrigins = [APP]): FakeContents {
  const contents = new FakeContents()
  hardenWebContents(contents satisfies HardenableContents, { trustedOrigins, openExternal })
  return contents
}

describe('buildWebPreferences (used by the main window)', () => {
  it('isolates, sandboxes and keeps Node and experimental features out of the page', () => {
    const preferences = buildWebPreferences('/app/out/preload/index.cjs', { devTools: false })
    expect(preferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      devTools: false,
    })
    expect(preferences).not.toHaveProperty('enableBlinkFeatures')
    expect(preferences).not.toHaveProperty('additionalArguments')
  })
})

describe('hardenWebContents', () => {
  it('denies every window.open, opening only allow-listed links in the system browser', () => {
    const openExternal = vi.fn()
    const contents = hardened(openExternal)
    expect(contents.windowOpenHandler?.({ url: 'app://mediation-room/index.html' })).toEqual({ action: 'deny' })
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    expect(openExternal).not.toHaveBeenCalled()
    expect(contents.windowOpenHandler?.({ url: 'https://flk.npc.gov.cn/index' })).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://flk.npc.gov.cn/index')
  })

  it('blocks navigation away from the app, but not within it', () => {
    const openExternal = vi.fn()
    const contents = hardened(openExternal)
    expect(contents.attempt('will-navigate', 'https://evil.example/')).toBe(true)
    expect(contents.attempt('will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(contents.attempt('will-navigate', 'app://other-host/index.html')).toBe(true)
    expect(contents.attempt('will-navigate', 'http://localhost:5173/')).toBe(true)
    expect(contents.attempt('will-navigate', 'app://mediation-room/index.html')).toBe(false)
    expect(openExternal).not.toHaveBeenCalled()
  })

  it('sends an allow-listed link to the system browser instead of navigating', () => {
    const openExternal = vi.fn()
    const contents = hardened(openExternal)
    expect(contents.attempt('will-navigate', 'https://www.moj.gov.cn/')).toBe(true)
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://www.moj.gov.cn/')
  })

  it('trusts the dev server only when it is one of the trusted origins', () => {
    const contents = hardened(vi.fn(), [APP, DEV])
    expect(contents.attempt('will-navigate', `${DEV}/#/cases`)).toBe(false)
  })

  it('blocks redirects to other origins', () => {
    const contents = hardened()
    expect(contents.attempt('will-redirect', 'https://evil.example/')).toBe(true)
    expect(contents.attempt('will-redirect', 'app://mediation-room/index.html')).toBe(false)
  })

  it.each([
    // url, main frame, allowed
    ['app://mediation-room/index.html', true, true],
    ['app://mediation-room/index.html', false, true],
    ['blob:app://mediation-room/3f2a', false, true],
    ['blob:app://mediation-room/3f2a', true, false],
    ['about:blank', false, true],
    ['about:srcdoc', false, true],
    ['about:blank', true, false],
    ['chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html', false, true],
    ['chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html', true, false],
    ['chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/index.html', false, false],
    ['chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai.evil/', false, false],
    ['blob:https://evil.example/3f2a', false, false],
    ['blob:app://other-host/3f2a', false, false],
    ['data:text/html,<h1>x</h1>', false, false],
    ['data:application/pdf;base64,JVBERi0=', false, false],
    ['javascript:alert(1)', false, false],
    ['file:///etc/passwd', false, false],
    ['https://flk.npc.gov.cn/', false, false],
    ['about:blank#x', false, false],
  ])('will-frame-navigate to %s (main frame: %s) is allowed: %s', (url, isMainFrame, allowed) => {
    const openExternal = vi.fn()
    expect(hardened(openExternal).attempt('will-frame-navigate', url, isMainFrame)).toBe(!allowed)
    expect(openExternal).not.toHaveBeenCalled()
  })

  it('refuses every <webview>', () => {
    expect(hardened().attempt('will-attach-webview')).toBe(true)
  })

  it('blocks every navigation to an origin it does not trust (fuzz)', () => {
    const contents = hardened()
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['http', 'https', 'ftp', 'file', 'smb'] }), (url) => {
        expect(contents.attempt('will-navigate', url)).toBe(true)
        expect(contents.attempt('will-frame-navigate', url, true)).toBe(true)
        expect(contents.attempt('will-frame-navigate', url, false)).toBe(true)
        expect(contents.attempt('will-frame-navigate', `blob:${url}`, false)).toBe(true)
        expect(contents.attempt('will-redirect', url)).toBe(true)
      }),
    )
  })
})

describe('permissions', () => {
  const permissions = ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'midi']

  it.each(permissions)('refuses %s, even to the app itself', (permission) => {
    expect(isPermissionGranted(permission, `${APP}/index.html`, policy())).toBe(false)
  })

  it('grants persistent storage to the app only, so the case database is never evicted', () => {
    expect(isPermissionGranted('persistent-storage', `${APP}/index.html`, policy())).toBe(true)
    expect(isPermissionGranted('persistent-storage', 'https://evil.example/', policy())).toBe(false)
  })

  it('installs request, check and device handlers that deny, and a request filter', () => {
    const handlers: {
      request?: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void
      check?: (contents: unknown, permission: string, origin: string) => boolean
      device?: () => boolean
      filter?: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void
      download?: (event: { preventDefault(): void }) => void
    } = {}
    const session = {
      setPermissionRequestHandler: (handler: typeof handlers.request) => (handlers.request = handler),
      setPermissionCheckHandler: (handler: typeof handlers.check) => (handlers.check = handler),
      setDevicePermissionHandler: (handler: typeof handlers.device) => (handlers.device = handler),
      webRequest: { onBeforeRequest: (handler: typeof handlers.filter) => (handlers.filter = handler) },
      on: (event: string, handler: typeof handlers.download) =>
        event === 'will-download' && (handlers.download = handler),
    }
    // The fake implements only what hardenSession touches; Electron's overloads are wider.
    hardenSession(session as unknown as Parameters<typeof hardenSession>[0], policy())

    const granted = vi.fn()
    handlers.request?.({}, 'media', granted, { requestingUrl: `${APP}/index.html` })
    expect(granted).toHaveBeenCalledWith(false)
    expect(handlers.check?.({}, 'notifications', APP)).toBe(false)
    expect(handlers.device?.()).toBe(false)

    const answered = vi.fn()
    handlers.filter?.({ url: 'https://example.com/track.gif' }, answered)
    handlers.filter?.({ url: `${APP}/assets/index.js` }, answered)
    expect(answered.mock.calls).toEqual([[{ cancel: true }], [{ cancel: false }]])

    const preventDefault = vi.fn()
    handlers.download?.({ preventDefault })
    expect(preventDefault).toHaveBeenCalledOnce()
  })
})

describe('isAllowedRequestUrl (offline by construction)', () => {
  it('lets through the app, data: and blob: URLs', () => {
    for (const url of [`${APP}/index.html`, 'data:image/png;base64,AAAA', `blob:${APP}/1234`]) {
      expect(isAllowedRequestUrl(url, policy())).toBe(true)
    }
  })

  it('lets the dev server and its hot-reload socket through only when trusted', () => {
    const dev: SecurityPolicy = { trustedOrigins: [APP, DEV], openExternal: vi.fn() }
    expect(isAllowedRequestUrl(`${DEV}/src/main.ts`, dev)).toBe(true)
    expect(isAllowedRequestUrl('ws://localhost:5173/', dev)).toBe(true)
    expect(isAllowedRequestUrl('ws://localhost:5173/', policy())).toBe(false)
    expect(isAllowedRequestUrl(`${DEV}/src/main.ts`, policy())).toBe(false)
  })

  it('cancels every request to the network or the file system (fuzz)', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['http', 'https', 'ftp', 'file', 'ws', 'wss'] }), (url) => {
        expect(isAllowedRequestUrl(url, policy())).toBe(false)
      }),
    )
  })
})
