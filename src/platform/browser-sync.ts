import { checkSyncServerForm, databaseUrl } from '../domain/syncConnection'
import { basicAuthorization } from '../shared/basicAuthorization'
import { PlatformError, type PlatformSync, type SyncServerSettings } from './types'

/**
 * TEST-ONLY storage. The browser build exists for the end-to-end tests and the bench, so the sync
 * password sits in this origin's localStorage, in clear, under a key that says so: any script of the
 * page can read it back. The desktop app never does this: there the password is sealed with the
 * operating system's key store in the main process and never returns to the page (electron/main/syncServer.ts).
 */
export const BROWSER_SYNC_STORAGE_KEY = 'mediation-room.sync-server.TEST-ONLY-plaintext-password'

interface Kept extends SyncServerSettings {
  password: string
}

export function createBrowserSync(storage: () => Storage = () => window.localStorage): PlatformSync {
  // read through once per page; every save and forget updates both
  let memory: Kept | null | undefined
  const kept = (): Kept | null => (memory ??= parse(storage().getItem(BROWSER_SYNC_STORAGE_KEY)))
  return {
    async readServer() {
      const k = kept()
      return k ? { url: k.url, database: k.database, user: k.user } : undefined
    },
    async saveServer(settings) {
      // the same rule as the desktop's main process: nothing is kept that it would refuse
      const checked = checkSyncServerForm(settings)
      if (!checked.ok) throw new PlatformError(checked.message)
      storage().setItem(BROWSER_SYNC_STORAGE_KEY, JSON.stringify(checked.settings))
      memory = checked.settings
    },
    async forgetServer() {
      storage().removeItem(BROWSER_SYNC_STORAGE_KEY)
      memory = null
    },
    async remote() {
      const k = kept()
      if (!k) return undefined
      return { url: databaseUrl(k.url, k.database), authorization: basicAuthorization(k.user, k.password) }
    },
  }
}

function parse(text: string | null): Kept | null {
  if (!text) return null
  try {
    const value = JSON.parse(text) as Partial<Kept>
    const { url, database, user, password } = value
    if (typeof url !== 'string' || typeof database !== 'string' || typeof user !== 'string') return null
    if (typeof password !== 'string') return null
    const checked = checkSyncServerForm({ url, database, user, password })
    return checked.ok ? checked.settings : null
  } catch {
    return null
  }
}
