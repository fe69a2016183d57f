/**
 * Sharing with the committee's server as the shell sees it: the live replicator's latest snapshot and its
 * words (src/domain/syncState.ts). The replicator (src/db/sync/liveSync.ts) and the database are loaded
 * when sync starts, not with the first screen: the status line reads this store from the shell.
 *
 * Not started from anywhere yet: at merge, the lead starts it once the database is open and whenever
 * 设置 → 同步 saves or forgets the server, with
 *   useSyncStore().start({ remote: () => platform().sync.remote(), committeeKey: () => readCommitteeKey(db),
 *                          afterRound: (remote) => topUpNumbers(db, remote, committeeId) })
 * and the case-writing stores may call `nudge()` after a save (the replicator also sees the outbox itself).
 */
import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { syncStateLabel, type SyncLabel, type SyncSnapshot } from '../domain/syncState'
import type { LiveSync, LiveSyncSources } from '../db/sync/liveSync'

const NOT_CONFIGURED: SyncSnapshot = { configured: false, online: true, pendingUpload: 0, conflicts: 0 }

export const useSyncStore = defineStore('sync', () => {
  const snapshot = shallowRef<SyncSnapshot>(NOT_CONFIGURED)
  const label = computed<SyncLabel | undefined>(() => syncStateLabel(snapshot.value, new Date()))
  let live: LiveSync | undefined
  /** the start under way: a stop() or a newer start() waits for it, so two replicators never run */
  let starting: Promise<void> = Promise.resolve()

  /** (Re)starts live sync with these sources: after start-up, and after the settings changed. */
  function start(sources: LiveSyncSources): Promise<void> {
    return queue(async () => {
      await live?.stop()
      const [{ LiveSync }, { getDatabase }] = await Promise.all([
        import('../db/sync/liveSync'),
        import('../db/connection'),
      ])
      const { db } = await getDatabase()
      live = new LiveSync(db, sources, { onSnapshot: (s) => (snapshot.value = s) })
      live.start()
    })
  }

  function stop(): Promise<void> {
    return queue(async () => {
      await live?.stop()
      live = undefined
      snapshot.value = NOT_CONFIGURED
    })
  }

  /** Runs after the start or stop before it; a failed one does not hold back the next. */
  function queue(step: () => Promise<void>): Promise<void> {
    const next = starting.then(step)
    starting = next.catch(() => undefined)
    return next
  }

  /** 立即同步: a round now, also after a failure or a refusal. */
  async function syncNow(): Promise<void> {
    await starting
    await live?.syncNow()
  }

  /** A case was saved here: a round soon. */
  function nudge(): void {
    live?.nudge()
  }

  return { snapshot, label, start, stop, syncNow, nudge }
})
