/**
 * The window's close waits for the page to write its pending autosaves (electron/main/closeFlush.ts):
 * a fake BrowserWindow that behaves as Electron's does (`close()` emits 'close'; the window closes
 * unless a listener prevented it), with a fake webContents that records what it is sent. The answer
 * arrives through the real `app:flushed` handler behind the real sender check.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { InvokeEvent } from '../../../electron/main/ipc'

vi.mock('electron', () => ({}))

const { holdCloseUntilFlushed } = await import('../../../electron/main/closeFlush')
const { createAppHandlers } = await import('../../../electron/main/handlers/app')
const { createInvokeListener } = await import('../../../electron/main/ipc')
const { APP_FLUSH_REQUEST, CLOSE_FLUSH_TIMEOUT_MS } = await import('../../../src/shared/ipc/app')

const APP = 'app://mediation-room'

class FakeWindow {
  closed = false
  destroyed = false
  readonly webContents = { send: vi.fn(), isDestroyed: () => this.destroyed }
  private readonly listeners: ((event: { preventDefault(): void }) => void)[] = []
  on(event: string, listener: (event: { preventDefault(): void }) => void) {
    if (event === 'close') this.listeners.push(listener)
    return this
  }
  /** as BrowserWindow.close(): emits 'close'; closes unless a listener called preventDefault */
  close() {
    let prevented = false
    for (const l of this.listeners) l({ preventDefault: () => (prevented = true) })
    if (!prevented) this.closed = true
  }
  isDestroyed() {
    return this.destroyed
  }
}

function setUp() {
  const window = new FakeWindow()
  const flush = holdCloseUntilFlushed(window as never)
  const handlers = createAppHandlers(
    { getName: () => '', getVersion: () => '', getPath: () => '' },
    {
      electron: '',
      chrome: '',
    },
    'linux',
    flush,
  )
  const listener = createInvokeListener('app:flushed', handlers['app:flushed'], { trustedOrigins: [APP] })
  const answer = (url: string, sender: unknown = window.webContents) =>
    listener({ senderFrame: { url }, sender } as unknown as InvokeEvent, undefined)
  return { window, answer }
}

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('closing the window', () => {
  it('is held until the page confirms that its autosaves are written', async () => {
    const { window, answer } = setUp()
    window.close()
    expect(window.closed).toBe(false)
    expect(window.webContents.send).toHaveBeenCalledExactlyOnceWith(APP_FLUSH_REQUEST, {})
    expect(await answer(`${APP}/index.html`)).toEqual({ ok: true, value: null })
    expect(window.closed).toBe(true)
  })

  it('asks once, however often the user clicks close while it waits', () => {
    const { window } = setUp()
    window.close()
    window.close()
    expect(window.closed).toBe(false)
    expect(window.webContents.send).toHaveBeenCalledTimes(1)
  })

  it('is not released by an answer from another origin or another page', async () => {
    const { window, answer } = setUp()
    window.close()
    expect(await answer('https://evil.example/')).toMatchObject({ ok: false, error: { code: 'sender-rejected' } })
    expect(await answer(`${APP}/index.html`, { other: 'page' })).toEqual({ ok: true, value: null })
    expect(window.closed).toBe(false)
  })

  it('goes ahead after a timeout when the page does not answer', () => {
    const { window } = setUp()
    window.close()
    vi.advanceTimersByTime(CLOSE_FLUSH_TIMEOUT_MS - 1)
    expect(window.closed).toBe(false)
    vi.advanceTimersByTime(1)
    expect(window.closed).toBe(true)
  })

  it('goes ahead at once when there is no live page to ask', () => {
    const { window } = setUp()
    window.destroyed = false
    window.webContents.isDestroyed = () => true
    window.close()
    expect(window.closed).toBe(true)
    expect(window.webContents.send).not.toHaveBeenCalled()
  })

  it('an answer nobody waits for closes nothing', async () => {
    const { window, answer } = setUp()
    await answer(`${APP}/index.html`)
    expect(window.closed).toBe(false)
  })
})
