import type { BrowserWindow } from 'electron'

type FocusableWindow = Pick<BrowserWindow, 'isMinimized' | 'restore' | 'focus'>

/** The part of Electron's app used here; narrow so tests can drive it with a fake. */
export interface LockableApp {
  requestSingleInstanceLock(): boolean
  quit(): void
  on(event: 'second-instance', listener: () => void): unknown
}

/**
 * Two processes on one IndexedDB store can corrupt it, so only one instance runs. A second launch hands
 * over to the first (which comes to the front) and quits. Returns false in the instance that must quit.
 */
export function claimSingleInstance(app: LockableApp, currentWindow: () => FocusableWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return false
  }
  app.on('second-instance', () => {
    const window = currentWindow()
    if (window === null) return
    if (window.isMinimized()) window.restore()
    window.focus()
  })
  return true
}
