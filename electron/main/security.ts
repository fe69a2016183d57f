import type { Session, WebPreferences } from 'electron'
import { allowedExternalUrl } from './external-links'
import { hasTrustedOrigin } from './origin'

/**
 * Electron's security checklist in one place: window preferences, navigation, new windows, webviews,
 * permissions and outgoing requests. index.ts applies it to every web contents and the default session.
 */

export interface SecurityPolicy {
  /** app://mediation-room, plus the dev server's origin in development. */
  trustedOrigins: readonly string[]
  /** Opens an allow-listed URL in the system browser. */
  openExternal: (url: string) => void
}

/** The window's webPreferences: isolated, sandboxed, no Node, web security on, nothing experimental. */
export function buildWebPreferences(preloadPath: string, { devTools }: { devTools: boolean }): WebPreferences {
  return {
    preload: preloadPath,
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
    // Middle-click would otherwise ask for a new window (denied anyway by the window-open handler).
    disableBlinkFeatures: 'Auxclick',
    safeDialogs: true,
    // The spell checker downloads dictionaries from the network on Linux and Windows; this app is offline.
    spellcheck: false,
    devTools,
  }
}

interface PreventableEvent {
  preventDefault(): void
}

interface NavigationEvent extends PreventableEvent {
  url: string
}

/** The part of WebContents the hardening touches; narrow so tests can drive it with a fake. */
export interface HardenableContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown
}

export function hardenWebContents(contents: HardenableContents, policy: SecurityPolicy): void {
  // No new windows, ever. An allow-listed link opens in the system browser instead.
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowedExternal(url, policy)
    return { action: 'deny' }
  })
  // The page may reload itself or move within the app; every other navigation is cancelled.
  contents.on('will-navigate', (event) => {
    if (hasTrustedOrigin(event.url, policy.trustedOrigins)) return
    event.preventDefault()
    openIfAllowedExternal(event.url, policy)
  })
  contents.on('will-redirect', (event) => {
    if (!hasTrustedOrigin(event.url, policy.trustedOrigins)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

function openIfAllowedExternal(url: string, policy: SecurityPolicy): void {
  const external = allowedExternalUrl(url)
  if (external !== null) policy.openExternal(external) // eng-disable OPEN_EXTERNAL_JS_CHECK
}

/**
 * Every permission is refused except persistent storage for our own page: it keeps Chromium from
 * evicting the IndexedDB store that holds the cases.
 */
export function isPermissionGranted(permission: string, requestingUrl: string, policy: SecurityPolicy): boolean {
  return permission === 'persistent-storage' && hasTrustedOrigin(requestingUrl, policy.trustedOrigins)
}

const INTERNAL_SCHEMES = new Set(['data:', 'blob:', 'devtools:', 'chrome-devtools:'])

/**
 * The app is offline: it may load its own origin and in-memory URLs, and in development the dev server's
 * hot-reload socket. Everything else (http, https, file, ftp…) is cancelled before it leaves the machine.
 */
export function isAllowedRequestUrl(url: string, policy: SecurityPolicy): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (INTERNAL_SCHEMES.has(parsed.protocol)) return true
  if (parsed.protocol === 'ws:') return hasTrustedOrigin(`http://${parsed.host}/`, policy.trustedOrigins)
  return hasTrustedOrigin(url, policy.trustedOrigins)
}

type HardenableSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
> & { webRequest: Pick<Session['webRequest'], 'onBeforeRequest'> }

export function hardenSession(session: HardenableSession, policy: SecurityPolicy): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionGranted(permission, details.requestingUrl, policy))
  })
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin, policy),
  )
  session.setDevicePermissionHandler(() => false)
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url, policy) })
  })
}
