/**
 * The case list while sync pulls, in Chromium (issue 17): as syncList.ts, but the PC is the bench page
 * (tests/bench/page/syncPull.ts), with the app's real IndexedDB, sealing and case index, where syncList.ts
 * runs in Node on fake-indexeddb (whose requests run on the same thread as the queries):
 * - the page's database holds LOCAL generated cases of the cases bench's kind, put on the loopback server
 *   as pushed before; another PC's PULLED cases follow them there;
 * - sync.chromium.list-during-pull / sync.chromium.search-during-pull: p95 of the queries run during the
 *   page's live pull; floor: the same queries idle after it, over the larger store; idle before it beside.
 * Needs the bench page's origin (BENCH_PAGE_ORIGIN, set by run.ts, which builds and serves the page).
 */
import { launchProfile, removeProfile, tempProfile } from './browser'
import { importCommitteeKey } from '../../src/db/sync/seal'
import { committeeDbName } from '../../src/domain/syncServer'
import { useTestStoreKeys } from '../unit/setup/keys'
import { basicAuth, createCommitteeDb, startLoopbackServer } from '../sync/server'
import type { SyncPullRequest } from './page/api'
import { round, summarize, type Figure } from './stats'
import { seedServer } from './seedServer'
import { COMMITTEE, load, pc, pcA, pcB } from './sync'
import { groupFigure, LOCAL, otherPcCases, PULLED, SEED, syncQueries, syncWorld } from './syncList'

const DB = 'bench-sync-chromium'
/** the figures this module gives (run.ts runs it only when --only asks for one) */
export const FIGURE_PREFIXES = ['sync.chromium']
const log = (m: string): void => console.error(`[bench] [sync.chromium] ${m}`)

export async function runSyncChromiumFigures(): Promise<Figure[]> {
  const origin = process.env.BENCH_PAGE_ORIGIN
  if (!origin) throw new Error('BENCH_PAGE_ORIGIN is not set: run through tests/bench/run.ts, which serves the page')
  useTestStoreKeys()
  const server = await startLoopbackServer()
  const profile = tempProfile('sync-chromium')
  try {
    await createCommitteeDb(server, COMMITTEE, [pcA, pcB])
    const url = `${server.url}/${committeeDbName(COMMITTEE)}`
    const keyBytes = crypto.getRandomValues(new Uint8Array(32))
    const key = await importCommitteeKey(keyBytes)
    const world = syncWorld()
    const queries = syncQueries(world)
    const request: SyncPullRequest = {
      dbName: DB,
      url,
      authorization: basicAuth(pcB),
      key: [...keyBytes],
      queries: queries.map((q) => q.q),
    }

    const { context, page } = await launchProfile(profile)
    try {
      await page.goto(`${origin}/__bench/`)
      await page.waitForFunction(() => 'bench' in window)
      log(`${LOCAL} cases in the page's database, then on the server as pushed`)
      const loaded = await page.evaluate(
        (r) =>
          window.bench.load({
            dbName: r.db,
            seed: r.seed,
            world: r.world,
            start: 0,
            step: 1,
            count: r.n,
            batch: 1_000,
            sessions: true,
          }),
        { db: DB, seed: SEED, world, n: LOCAL },
      )
      log(`  loaded in ${Math.round(loaded.totalMs)} ms`)
      const seedMs = await page.evaluate((r) => window.bench.syncSeedOwn(r), request)
      log(`  on the server in ${Math.round(seedMs)} ms; then ${PULLED} of another PC's`)
      await seedServer(url, basicAuth(pcA), pc('bench-sync-chromium-other'), otherPcCases(), key)
      const loadavg = load()
      const runs = await page.evaluate((r) => window.bench.syncListDuringPull(r), request)
      if (runs.stored !== LOCAL + PULLED) throw new Error(`the page holds ${runs.stored} cases, not ${LOCAL + PULLED}`)
      log(`  pull: ${PULLED} cases in ${Math.round(runs.pullMs)} ms, ${runs.during.length} queries meanwhile`)
      const writes = summarize(runs.writes)
      log(`  its ${writes.n} write transactions: p50 ${writes.p50} ms, p95 ${writes.p95} ms`)
      const extra = {
        // what a query during the pull may wait for: one of the pull's write transactions
        pullWrites: writes.n,
        pullWriteP50: writes.p50,
        pullWriteP95: writes.p95,
        pullWriteShare: round(runs.writes.reduce((a, b) => a + b, 0) / runs.pullMs),
        local: LOCAL,
        pulled: PULLED,
        pullS: round(runs.pullMs / 1000),
        loadavg,
        loadavgAfter: load(),
        note: `listCases (first page of 50) for the cases bench's ${queries.length} list and search queries in turn, back to back, in the bench page (Chromium, the app's IndexedDB, sealing and index) holding ${LOCAL} generated cases while its LiveSync pulls ${PULLED} more (pullS: until 已同步, slowed by the queries); floor: the same queries idle after the pull (${LOCAL + PULLED} cases), idleBefore: idle before it (${LOCAL}); loopback PouchDB Server`,
      }
      return (['list', 'search'] as const).map((g) => groupFigure(g, queries, runs, extra, 'sync.chromium'))
    } finally {
      await context.close()
    }
  } finally {
    removeProfile(profile)
    await server.stop()
  }
}
