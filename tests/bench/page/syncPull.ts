/**
 * The case list while sync pulls, in Chromium (issue 17: "the app's list/search figures unchanged while
 * sync runs"): the app's database in this page holds a PC's cases, already on the committee's server; the
 * page's LiveSync takes in another PC's cases from the loopback server while the list and search queries
 * run one after another on the same thread, as in the app. tests/bench/syncChromium.ts drives it.
 */
import type { MediationDb } from '../../../src/db/schema'
import { documentOf } from '../../../src/db/sync/dexieReplica'
import { JOINED_ROW } from '../../../src/db/sync/outbox'
import { importCommitteeKey } from '../../../src/db/sync/seal'
import { startLive, timed } from '../liveSyncIdle'
import { runQueries } from '../queryLoop'
import { seedServer } from '../seedServer'
import type { SyncPullReport, SyncPullRequest } from './api'

/** Where the pull's write transactions are noted while `watchCaseWrites` watches (undefined otherwise). */
let noting: number[] | undefined

// Wrapped once, as the page loads: Dexie keeps IndexedDB's own `transaction` of the database it opens.
const openTransaction = IDBDatabase.prototype.transaction
IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<typeof openTransaction>) {
  const tx = openTransaction.apply(this, args)
  const stores = typeof args[0] === 'string' ? 1 : [...args[0]].length
  const into = noting
  if (into && args[1] === 'readwrite' && stores >= 4) {
    const start = performance.now()
    tx.addEventListener('complete', () => into.push(performance.now() - start))
  }
  return tx
} as typeof openTransaction

/**
 * The read-write transactions over the case tables (four stores or more: a pull's write of a batch) begun
 * until the returned stop function is called, each from its start to its 'complete', in ms. A list query
 * that meets one waits for it: IndexedDB starts a reader only once a writer over the same stores has ended.
 */
function watchCaseWrites(): () => number[] {
  const durations: number[] = []
  noting = durations
  return () => {
    if (noting === durations) noting = undefined
    return durations
  }
}

/**
 * This PC pushed its stored cases before: on the server, their revisions kept, its checkpoint after them
 * (so the other PC's cases put on the server next are what its pull takes in). Returns the time taken.
 */
export async function seedOwnCases(db: MediationDb, r: SyncPullRequest): Promise<number> {
  const key = await importCommitteeKey(new Uint8Array(r.key))
  return timed(async () => {
    const docs = (await db.caseDocs.toArray()).map(documentOf)
    await db.syncRevs.put(JOINED_ROW)
    await seedServer(r.url, r.authorization, db, docs, key)
  })
}

/** After `seedOwnCases` and the other PC's cases: the queries idle, during this PC's pull, and after it. */
export async function syncListDuringPull(db: MediationDb, r: SyncPullRequest): Promise<SyncPullReport> {
  const key = await importCommitteeKey(new Uint8Array(r.key))
  const remote = { url: r.url, authorization: r.authorization }
  // a pass untimed: the index read once, as the app's first list does, and the code warmed
  await runQueries(db, r.queries, (n) => n === r.queries.length)
  const before = await runQueries(db, r.queries, (n) => n === r.queries.length)
  let synced = false
  const stopWatching = watchCaseWrites()
  const live = startLive(db, remote, key)
  const pull = timed(async () => {
    await live.idle()
    synced = true
  })
  let during: number[]
  let writes: number[]
  try {
    during = await runQueries(db, r.queries, () => synced)
  } finally {
    // the next round (its own audit entries coming back in the feed) is not waited for: stopped
    writes = stopWatching()
    await live.sync.stop()
  }
  const pullMs = await pull
  const stored = await db.caseDocs.count()
  const after = await runQueries(db, r.queries, (n) => n === r.queries.length)
  return { before, during, after, pullMs, stored, writes }
}
