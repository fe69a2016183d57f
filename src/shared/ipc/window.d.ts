import type { MediationRoomApi } from '../ipc'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser (e2e tests, `npm run preview`). */
    mediationRoom?: MediationRoomApi
  }
}
