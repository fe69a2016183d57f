import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron'
import { buildWebPreferences } from './security'

export interface MainWindowOptions {
  preloadPath: string
  /** app://mediation-room/index.html, or the dev server URL in development. */
  entryUrl: string
  devTools: boolean
}

export function mainWindowConstructorOptions(options: MainWindowOptions): BrowserWindowConstructorOptions {
  return {
    title: '调解室',
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    // Shown once painted, so the user never sees a blank white frame.
    show: false,
    backgroundColor: '#f7f7f5',
    autoHideMenuBar: true,
    webPreferences: buildWebPreferences(options.preloadPath, { devTools: options.devTools }),
  }
}

/** Creates the app's single window and loads the renderer into it. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  // Electronegativity cannot follow the options into buildWebPreferences, where isolation and sandbox are set.
  const window = new BrowserWindow(mainWindowConstructorOptions(options)) // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  window.once('ready-to-show', () => window.show())
  void window.loadURL(options.entryUrl)
  return window
}
