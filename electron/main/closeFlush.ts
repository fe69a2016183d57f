/**
 * Holding the window's close until the page has written what its autosaves still hold: text typed in
 * the last moment before closing would otherwise be lost while the indicator says 保存中. On 'close'
 * the close is prevented and the page is asked (APP_FLUSH_REQUEST); it answers on `app:flushed`, and
 * the window is closed for real. A page that cannot answer (no page, a hung page) delays the close by
 * at most `timeoutMs`.
 */
import type { BrowserWindow, WebContents } from 'electron'
import { APP_FLUSH_REQUEST, CLOSE_FLUSH_TIMEOUT_MS } from '../../src/shared/ipc/app'
import { sendEvent } from './events'

export type ClosableWindow = Pick<BrowserWindow, 'on' | 'close' | 'isDestroyed'> & {
  readonly webContents: Pick<WebContents, 'send' | 'isDestroyed'>
}

export interface CloseFlush {
  /** the `app:flushed` answer from `sender`: closes the window if it was waiting for that page */
  flushed(sender: unknown): void
}

export function holdCloseUntilFlushed(window: ClosableWindow, timeoutMs = CLOSE_FLUSH_TIMEOUT_MS): CloseFlush {
  let state: 'open' | 'waiting' | 'closing' = 'open'
  let timer: ReturnType<typeof setTimeout> | undefined

  const closeNow = (): void => {
    if (state === 'closing') return
    state = 'closing'
    clearTimeout(timer)
    if (!window.isDestroyed()) window.close()
  }

  window.on('close', (event) => {
    if (state === 'closing') return
    event.preventDefault()
    if (state === 'waiting') return
    if (!sendEvent(window.webContents, APP_FLUSH_REQUEST, {})) return closeNow()
    state = 'waiting'
    timer = setTimeout(closeNow, timeoutMs)
  })

  return {
    flushed(sender) {
      // only the window's own page can release its close
      if (state === 'waiting' && sender === window.webContents) closeNow()
    },
  }
}
