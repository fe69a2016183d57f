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
  /** the committee's sync server saved in 设置 → 同步 (electron/main/syncServer.ts): its origin only, null when none */
  syncServerOrigin?: () => string | null
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

interface FrameNavigationEvent extends NavigationEvent {
  isMainFrame: boolean
}

/** The part of WebContents the hardening touches; narrow so tests can drive it with a fake. */
export interface HardenableContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown
  on(event: 'will-frame-navigate', listener: (event: FrameNavigationEvent) => void): unknown
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
  // will-navigate sees the main frame only; an <iframe> moved by the page is checked here. Nothing is
  // opened from a frame: a link the user clicks in the main frame is handled by will-navigate above.
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedFrameUrl(event.url, event.isMainFrame, policy)) event.preventDefault()
  })
  contents.on('will-redirect', (event) => {
    if (!hasTrustedOrigin(event.url, policy.trustedOrigins)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

/** Chromium's built-in PDF viewer, which a frame showing a PDF attachment hosts. */
const PDF_VIEWER_ORIGIN = 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai'
const EMPTY_FRAME_URLS = new Set(['about:blank', 'about:srcdoc'])

/**
 * The main frame stays on a trusted origin. A sub-frame may also show an empty document, a blob: URL the
 * page made itself (PDF attachments, CaseAttachmentsTab) or the PDF viewer; never data: (a page could
 * paint a fake lock screen with it) nor another origin's blob.
 */
export function isAllowedFrameUrl(url: string, isMainFrame: boolean, policy: SecurityPolicy): boolean {
  if (hasTrustedOrigin(url, policy.trustedOrigins)) return true
  if (isMainFrame) return false
  if (EMPTY_FRAME_URLS.has(url)) return true
  if (url.startsWith('blob:')) return hasTrustedOrigin(url.slice('blob:'.length), policy.trustedOrigins)
  return url === PDF_VIEWER_ORIGIN || url.startsWith(`${PDF_VIEWER_ORIGIN}/`)
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
 * The app is offline: it may load its own origin and in-memory URLs, in development the dev server's
 * hot-reload socket, and the one sync server saved in 设置 → 同步. Everything else (http, https, file,
 * ftp…) is cancelled before it leaves the machine.
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
  const syncServer = policy.syncServerOrigin?.() ?? null
  return hasTrustedOrigin(url, syncServer === null ? policy.trustedOrigins : [...policy.trustedOrigins, syncServer])
}

/** The part of Session the hardening touches; narrow so tests can drive it with a fake. */
export type HardenableSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
> & {
  webRequest: Pick<Session['webRequest'], 'onBeforeRequest'>
  on(event: 'will-download', listener: (event: PreventableEvent) => void): unknown
}

/** Sessions already hardened: a session is shared by many web contents, its handlers are set once. */
const hardenedSessions = new WeakSet<object>()

export function hardenSession(session: HardenableSession, policy: SecurityPolicy): void {
  if (hardenedSessions.has(session)) return
  hardenedSessions.add(session)
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
  // Files leave the app only through the save dialog of files:save; the PDF viewer's download button,
  // <a download> and navigations to a file are cancelled.
  session.on('will-download', (event) => event.preventDefault())
}

/** The part of WebContents the wiring touches beyond the navigation guards. */
export type GuardedContents = HardenableContents & {
  readonly session: HardenableSession
  closeDevTools(): void
  on(event: 'devtools-opened', listener: () => void): unknown
}

export interface SecuredApp {
  on(event: 'web-contents-created', listener: (event: unknown, contents: GuardedContents) => void): unknown
}

/**
 * Every web contents, whoever creates it (the window, a frame's guest, the PDF viewer), gets the navigation,
 * window and webview guards, and its session (not only the default one) the permission, request and download
 * rules. Packaged, DevTools are off in webPreferences and closed again should anything open them.
 */
export function installSecurityHandlers(
  app: SecuredApp,
  policy: SecurityPolicy,
  { devTools }: { devTools: boolean },
): void {
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, policy)
    hardenSession(contents.session, policy)
    if (!devTools) contents.on('devtools-opened', () => contents.closeDevTools())
  })
}
