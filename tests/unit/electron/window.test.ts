import { describe, expect, it, vi } from 'vitest'

const created: { options: unknown; loaded: string[]; once: Map<string, () => void>; shown: boolean }[] = []

vi.mock('electron', () => ({
  BrowserWindow: class {
    record: (typeof created)[number]
    constructor(options: unknown) {
      this.record = { options, loaded: [], once: new Map(), shown: false }
      created.push(this.record)
    }
    once(event: string, listener: () => void) {
      this.record.once.set(event, listener)
    }
    show() {
      this.record.shown = true
    }
    loadURL(url: string) {
      this.record.loaded.push(url)
      return Promise.resolve()
    }
  },
}))

const { createMainWindow, mainWindowConstructorOptions } = await import('../../../electron/main/window')
const { buildWebPreferences } = await import('../../../electron/main/security')
const { APP_ENTRY_URL } = await import('../../../electron/main/origin')

describe('the main window', () => {
  const options = { preloadPath: '/app/out/preload/index.cjs', entryUrl: APP_ENTRY_URL, devTools: false }

  it('is created with the hardened webPreferences from buildWebPreferences', () => {
    createMainWindow(options)
    const window = created.at(-1)
    expect(window?.options).toEqual(mainWindowConstructorOptions(options))
    expect(window?.options).toMatchObject({
      webPreferences: buildWebPreferences(options.preloadPath, { devTools: false }),
    })
    expect(window?.options).toMatchObject({
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true },
    })
  })

  it('loads app://mediation-room/index.html in production, never file://', () => {
    createMainWindow(options)
    expect(created.at(-1)?.loaded).toEqual(['app://mediation-room/index.html'])
  })

  it('stays hidden until the first paint', () => {
    createMainWindow(options)
    const window = created.at(-1)
    expect(window?.shown).toBe(false)
    window?.once.get('ready-to-show')?.()
    expect(window?.shown).toBe(true)
  })
})
