import { platform } from '../platform'
import { flushAllAutosaves } from '../composables/pendingSaves'

let connected = false

/**
 * Answers the host's request before the window closes (Electron holds the close until answered,
 * electron/main/closeFlush.ts): every autosave writes what it still holds. Boot calls it once.
 */
export function connectCloseFlushToHost(): void {
  if (connected) return
  connected = true
  platform().onFlushRequest(flushAllAutosaves)
}
