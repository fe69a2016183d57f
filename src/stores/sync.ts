/**
 * Sharing with the committee's server as the shell sees it: the live replicator's latest snapshot and its
 * words (src/domain/syncState.ts). The replicator (src/db/sync/liveSync.ts) and the database are loaded
 * when sync starts, not with the first screen: the status line reads this store from the shell.
 *
 * `startIfConfigured` is the one way in: the shell's status line calls it once after the first paint, and
 * 设置 → 同步 after the server or the committee key changed. Sync runs only with both a server and the key.
 */
import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { syncStateLabel, type SyncLabel, type SyncSnapshot } from '../domain/syncState'
import type { LiveSync, LiveSyncSources } from '../db/sync/liveSync'
import { useSettingsStore } from './settings'

const NOT_CONFIGURED: SyncSnapshot = { configured: false, online: true, pendingUpload: 0, conflicts: 0 }

export const useSyncStore = defineStore('sync', () => {
  const snapshot = shallowRef<SyncSnapshot>(NOT_CONFIGURED)
  const label = computed<SyncLabel | undefined>(() => syncStateLabel(snapshot.value, new Date()))
  const settings = useSettingsStore()
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
      live = new LiveSync(db, sources, {
        onSnapshot: (s) => (snapshot.value = s),
        // rooms and mediators from another PC: the names the screens show are read again
        onRosterTaken: () => void settings.reload(),
      })
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

  let autoStarted = false

  /**
   * Starts live sync when this PC has a server and the committee's data key, stops it otherwise. `once`:
   * only the first call does anything (the shell's status line, at every mount).
   */
  async function startIfConfigured(options: { once?: boolean } = {}): Promise<void> {
    if (options.once && autoStarted) return
    autoStarted = true
    try {
      await startWithSources()
    } catch (error) {
      autoStarted = false // the next mount tries again
      throw error
    }
  }

  async function startWithSources(): Promise<void> {
    const [{ platform }, { getDatabase }, keys, numbering, replicaNumbers, settingsRepo] = await Promise.all([
      import('../platform'),
      import('../db/connection'),
      import('../db/sync/committeeKeyStore'),
      import('../db/sync/numberingState'),
      import('../db/sync/numberingStore'),
      import('../db/settingsRepo'),
    ])
    const server = await platform().sync.readServer()
    const { db } = await getDatabase()
    const committeeId = (await settingsRepo.loadSettings(db)).committee?.id
    if (!server || !committeeId || !(await keys.readCommitteeKey(db))) return stop()
    // the PC's name on the server's case-number counter: its user and a part of its own, since two PCs
    // may share one user
    await numbering.startSyncNumbering(db, `${server.user}:${crypto.randomUUID().slice(0, 8)}`)
    await start({
      remote: () => platform().sync.remote(),
      committeeKey: () => keys.readCommitteeKey(db),
      afterRound: (remote) => replicaNumbers.topUpNumbers(db, remote, committeeId),
    })
  }

  return { snapshot, label, start, stop, syncNow, nudge, startIfConfigured }
})
