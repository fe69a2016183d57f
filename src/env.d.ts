/// <reference types="vite/client" />
import type { MediationRoomApi } from './shared/ipc'

declare global {
  interface Window {
    /** present only inside the Electron window (exposed by electron/preload) */
    mediationRoom?: MediationRoomApi
  }
}
