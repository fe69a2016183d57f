/**
 * A LiveSync started for the sync figures, with a promise for its being idle (已同步): shared by the
 * figures in Node (sync.ts, syncList.ts) and in the bench page (page/syncPull.ts), so no Node-only imports.
 */
import type { MediationDb } from '../../src/db/schema'
import type { RemoteDb } from '../../src/db/sync/couchHttp'
import { LiveSync } from '../../src/db/sync/liveSync'
import type { CommitteeKey } from '../../src/db/sync/seal'
import type { SyncSnapshot } from '../../src/domain/syncState'

/** 已同步: online, not in a round, nothing left to send, nothing refused. */
const idle = (s: SyncSnapshot | undefined): boolean =>
  !!s && s.online && !s.syncing && !!s.lastSyncedAt && s.pendingUpload === 0 && !s.refused

/** `log`, when given, hears every 10 s how many changes a round still has to go. */
export function startLive(db: MediationDb, remote: RemoteDb, key: CommitteeKey, log?: (m: string) => void) {
  let last: SyncSnapshot | undefined
  let told = performance.now()
  let waiters: (() => void)[] = []
  const sync = new LiveSync(
    db,
    { remote: async () => remote, committeeKey: async () => key },
    {
      onSnapshot: (s) => {
        last = s
        if (log && s.syncing && performance.now() - told > 10_000) {
          told = performance.now()
          log(`  ${db.name}: ${s.syncing.remaining} changes to go`)
        }
        if (idle(s)) {
          const w = waiters
          waiters = []
          w.forEach((f) => f())
        }
      },
    },
  )
  sync.start()
  return {
    sync,
    idle: (): Promise<void> => (idle(last) ? Promise.resolve() : new Promise((r) => waiters.push(r))),
  }
}

export async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await run()
  return performance.now() - start
}
