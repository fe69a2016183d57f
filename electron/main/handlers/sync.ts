import type { syncChannels } from '../../../src/shared/ipc/sync'
import { IpcRefusal, type GroupHandlers } from '../ipc'
import { SyncServerError, type SyncServerStore } from '../syncServer'

/** A SyncServerError's message is for the user (no key store, a bad address): pass it on. */
async function withSyncMessages<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof SyncServerError) throw new IpcRefusal('not-allowed', error.message)
    throw error
  }
}

/**
 * The sync:* channels over the saved server (electron/main/syncServer.ts). None answers the password or
 * an Authorization header: the page writes them, main keeps them.
 */
export function createSyncHandlers(store: SyncServerStore): GroupHandlers<typeof syncChannels> {
  return {
    'sync:server': () => store.read(),
    'sync:save-server': (request) =>
      withSyncMessages(async () => {
        await store.save(request)
        return { saved: true as const }
      }),
    'sync:forget-server': async () => {
      await store.forget()
      return { forgotten: true as const }
    },
    'sync:remote': async () => {
      const url = await store.remoteUrl()
      return url === null ? null : { url }
    },
  }
}

/** Where no store was given (tests of other channels): every sync channel says it is unavailable here. */
export function unavailableSyncHandlers(): GroupHandlers<typeof syncChannels> {
  const refuse = () => {
    throw new IpcRefusal('unavailable', '同步设置在当前环境中不可用。')
  }
  return { 'sync:server': refuse, 'sync:save-server': refuse, 'sync:forget-server': refuse, 'sync:remote': refuse }
}
