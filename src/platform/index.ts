import { createBrowserPlatform } from './browser'
import { createElectronPlatform } from './electron'
import type { Platform } from './types'

export type { Platform, HostInfo, SaveFileRequest } from './types'
export { PlatformError } from './types'

let current: Platform | undefined

/** The Electron host when the preload exposed its API, the browser host otherwise. */
export function platform(): Platform {
  current ??= window.mediationRoom ? createElectronPlatform(window.mediationRoom) : createBrowserPlatform()
  return current
}
