import { join } from 'node:path'
import type { App } from 'electron'
import type { Runtime } from './runtime'

/**
 * userData holds the IndexedDB store and the backups. Electron derives its default from the product name
 * (调解室, non-ASCII, and renamable), so it is pinned to a constant ASCII folder before `ready`;
 * unpackaged runs get their own folder so development never touches an office's real cases.
 */
export const USER_DATA_FOLDER = 'mediation-room'
export const DEV_USER_DATA_FOLDER = 'mediation-room-dev'

export function userDataPathFor(appDataPath: string, runtime: Runtime): string {
  if (!runtime.packaged && runtime.userDataOverride !== null) return runtime.userDataOverride
  return join(appDataPath, runtime.packaged ? USER_DATA_FOLDER : DEV_USER_DATA_FOLDER)
}

/** Must run before `app.whenReady()`: Chromium opens its storage in userData at startup. */
export function pinUserDataPath(app: Pick<App, 'getPath' | 'setPath'>, runtime: Runtime): string {
  const userData = userDataPathFor(app.getPath('appData'), runtime)
  app.setPath('userData', userData)
  return userData
}
