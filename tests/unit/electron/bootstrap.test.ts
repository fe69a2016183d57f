import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ipcChannels } from '../../../src/shared/ipc'

/** Every call the bootstrap makes into Electron, in order. */
const calls: string[] = []
const state = { gotLock: true, packaged: true }
let resolveReady: () => void = () => undefined

vi.mock('electron', () => {
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push(`${name}(${args.filter((a) => typeof a === 'string').join(', ')})`)
    }
  class BrowserWindow {
    static fromWebContents = () => null
    constructor() {
      calls.push('new BrowserWindow')
    }
    once() {}
    on() {}
    loadURL(url: string) {
      calls.push(`loadURL(${url})`)
      return Promise.resolve()
    }
  }
  return {
    app: {
      get isPackaged() {
        return state.packaged
      },
      getPath: (name: string) => (name === 'appData' ? '/home/u/.config' : `/x/${name}`),
      setPath: record('app.setPath'),
      requestSingleInstanceLock: () => {
        calls.push('app.requestSingleInstanceLock')
        return state.gotLock
      },
      quit: record('app.quit'),
      on: record('app.on'),
      whenReady: () => {
        calls.push('app.whenReady')
        return new Promise<void>((resolve) => (resolveReady = resolve))
      },
      getName: () => '调解室',
      getVersion: () => '0.1.0',
    },
    protocol: {
      registerSchemesAsPrivileged: record('protocol.registerSchemesAsPrivileged'),
      handle: record('protocol.handle'),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: record('session.setPermissionRequestHandler'),
        setPermissionCheckHandler: record('session.setPermissionCheckHandler'),
        setDevicePermissionHandler: record('session.setDevicePermissionHandler'),
        webRequest: {
          onBeforeRequest: record('session.webRequest.onBeforeRequest'),
          onBeforeSendHeaders: record('session.webRequest.onBeforeSendHeaders'),
        },
        on: record('session.on'),
      },
    },
    ipcMain: { handle: record('ipcMain.handle') },
    Menu: { setApplicationMenu: record('Menu.setApplicationMenu') },
    dialog: {},
    // the vault asks it only when the page first wants its keys
    safeStorage: {},
    shell: {},
    BrowserWindow,
  }
})

async function boot(): Promise<void> {
  vi.resetModules()
  calls.length = 0
  await import('../../../electron/main/index')
}

/** Electron reports ready; resolves once the ready handler has run to its end (the window loads its page). */
async function ready(): Promise<void> {
  resolveReady()
  await vi.waitFor(() => expect(calls.some((call) => call.startsWith('loadURL('))).toBe(true))
}

describe('the main-process bootstrap', () => {
  beforeEach(() => {
    state.gotLock = true
    state.packaged = true
    // Environment overrides are for test runs of the real app; keep them out of this one.
    vi.stubEnv('MEDIATION_ROOM_USER_DATA_DIR', '')
    vi.stubEnv('ELECTRON_RENDERER_URL', '')
  })

  it('registers the scheme and pins userData before ready, then takes the single-instance lock', async () => {
    await boot()
    expect(calls.slice(0, 3)).toEqual([
      'protocol.registerSchemesAsPrivileged()',
      `app.setPath(userData, ${join('/home/u/.config', 'mediation-room')})`,
      'app.requestSingleInstanceLock',
    ])
    expect(calls).toContain('app.on(web-contents-created)')
    expect(calls).not.toContain('new BrowserWindow')
  })

  it('once ready: hardens the session, serves app://, registers every channel, then opens the window', async () => {
    await boot()
    await ready()
    const after = (name: string) => calls.indexOf(name)
    expect(after('session.setPermissionRequestHandler()')).toBeGreaterThan(-1)
    expect(after('session.webRequest.onBeforeRequest()')).toBeGreaterThan(-1)
    expect(after('session.on(will-download)')).toBeGreaterThan(-1)
    expect(after('protocol.handle(app)')).toBeGreaterThan(-1)
    for (const channel of ipcChannels) expect(calls).toContain(`ipcMain.handle(${channel})`)
    expect(after('new BrowserWindow')).toBeGreaterThan(after('protocol.handle(app)'))
    expect(after('new BrowserWindow')).toBeGreaterThan(after('session.setPermissionCheckHandler()'))
    expect(calls).toContain('loadURL(app://mediation-room/index.html)')
  })

  it('quits at once as a second instance, without a window or handlers', async () => {
    state.gotLock = false
    await boot()
    // nothing waits for ready, so no window or handler can come later
    expect(calls).not.toContain('app.whenReady')
    expect(calls).toContain('app.quit()')
    expect(calls).not.toContain('new BrowserWindow')
    expect(calls.some((call) => call.startsWith('ipcMain.handle'))).toBe(false)
  })

  it('uses the separate development folder when unpackaged', async () => {
    state.packaged = false
    await boot()
    expect(calls).toContain(`app.setPath(userData, ${join('/home/u/.config', 'mediation-room-dev')})`)
  })
})
