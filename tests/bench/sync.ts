/**
 * Sync figures (issue 17), on the loopback CouchDB-protocol server (tests/sync/server.ts) and fake-indexeddb
 * in Node, each beside a floor measured in the same run with the load average:
 * - sync.initial-pull: a fresh PC's live sync (src/db/sync/liveSync.ts) taking in 10,000 cases another PC
 *   pushed, from start to 已同步 (target < 60 s); floor: the same documents fetched raw with
 *   `_all_docs?include_docs=true`, 5,000 a request;
 * - sync.change-visible: a case saved on one PC, both live, until the other PC's store has it (p95 of 20,
 *   target < 2 s); floor: a bare PUT + GET round trip of a document on the same server.
 * The list and search queries while a pull runs: syncList.ts (here, in Node) and syncChromium.ts (the bench page).
 * Registered in run.ts with the 'sync' group; alone: node --import tsx tests/bench/run.ts --only sync.
 * SYNC_BENCH_CASES sets the number of cases (default 10000), e.g. 100000 for the larger figure.
 * Real IndexedDB in Chromium will differ from fake-indexeddb (which is slower at many small transactions).
 */
import { cpus, loadavg } from 'node:os'
import Dexie, { liveQuery } from 'dexie'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { MediationDb } from '../../src/db/schema'
import { addCaseDocs, caseDocTables, putCaseDoc } from '../../src/db/caseDocs'
import type { RemoteDb } from '../../src/db/sync/couchHttp'
import { importCommitteeKey } from '../../src/db/sync/seal'
import { committeeDbName } from '../../src/domain/syncServer'
import { useTestStoreKeys } from '../unit/setup/keys'
import { basicAuth, createCommitteeDb, startLoopbackServer, type LoopbackServer } from '../sync/server'
import { generateCaseDocs } from './caseDocs'
import { startLive, timed } from './liveSyncIdle'
import { seedServer } from './seedServer'
import { figure, percentile, round, summarize, type Figure } from './stats'

export const COMMITTEE = '3e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b'
export const pcA = { name: 'bench-a', password: 'pw-bench-a' }
export const pcB = { name: 'bench-b', password: 'pw-bench-b' }
const LATENCY_RUNS = 20
const FLOOR_PAGE = 5_000
/** the figures this module gives (run.ts runs it only when --only asks for one) */
export const FIGURE_PREFIXES = ['sync.initial-pull', 'sync.change-visible']
const log = (m: string): void => console.error(`[bench] [sync] ${m}`)

export const load = (): number[] => loadavg().map((x) => round(x / Math.max(1, cpus().length)))

export function pc(name: string): MediationDb {
  return new MediationDb(name, { indexedDB: new IDBFactory(), IDBKeyRange })
}

/** Resolves when the case's stored title on `db` is `title` (Dexie's liveQuery: no polling). */
function whenTitle(db: MediationDb, id: string, title: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const sub = liveQuery(() => db.caseDocs.get(id)).subscribe({
      next: (doc) => {
        if (doc?.title !== title) return
        queueMicrotask(() => sub.unsubscribe())
        resolve()
      },
      error: reject,
    })
  })
}

/** Every document of the database, raw, FLOOR_PAGE a request (one request for 100,000 had not ended in 14 min). */
async function rawAllDocs(server: LoopbackServer, path: string): Promise<number> {
  let rows = 0
  const ms = await timed(async () => {
    for (let after: string | undefined; ;) {
      const from = after === undefined ? '' : `&startkey=${encodeURIComponent(JSON.stringify(after))}&skip=1`
      const res = await fetch(`${server.url}${path}/_all_docs?include_docs=true&limit=${FLOOR_PAGE}${from}`, {
        headers: { Authorization: basicAuth(pcB), Accept: 'application/json' },
      })
      const page = ((await res.json()) as { rows: { id: string }[] }).rows
      rows += page.length
      if (page.length < FLOOR_PAGE) break
      after = page.at(-1)!.id
    }
  })
  log(`  floor: _all_docs?include_docs=true, ${rows} rows in ${Math.round(ms)} ms`)
  return ms
}

export async function runSyncFigures(): Promise<Figure[]> {
  const cases = Number(process.env.SYNC_BENCH_CASES ?? 10_000)
  useTestStoreKeys()
  // liveQuery (whenTitle) runs where there is a global indexedDB, as in the page; Node has none
  Dexie.dependencies.indexedDB = new IDBFactory()
  Dexie.dependencies.IDBKeyRange = IDBKeyRange
  const server = await startLoopbackServer()
  const stops: (() => Promise<void>)[] = []
  try {
    const path = await createCommitteeDb(server, COMMITTEE, [pcA, pcB])
    const url = `${server.url}/${committeeDbName(COMMITTEE)}`
    const remoteA: RemoteDb = { url, authorization: basicAuth(pcA) }
    const remoteB: RemoteDb = { url, authorization: basicAuth(pcB) }
    const key = await importCommitteeKey(crypto.getRandomValues(new Uint8Array(32)))

    log(`${cases} cases on PC A and on the server`)
    const a = pc('bench-sync-a')
    const docs = generateCaseDocs(cases, { committeeId: COMMITTEE, caseNoPlace: '城关' })
    for (let i = 0; i < docs.length; i += 500)
      await a.transaction('rw', caseDocTables(a), () => addCaseDocs(a, docs.slice(i, i + 500)))
    const seedMs = await timed(() => seedServer(url, basicAuth(pcA), a, docs, key))
    log(`  sealed and stored on the server in ${Math.round(seedMs)} ms`)
    const loadBefore = load()
    const floorBefore = await rawAllDocs(server, path)
    const b = pc('bench-sync-b')
    let pulled = 0
    let liveB: ReturnType<typeof startLive> | undefined
    const pullMs = await timed(async () => {
      const live = startLive(b, remoteB, key, log)
      liveB = live
      stops.push(() => live.sync.stop())
      await live.idle()
      pulled = await b.caseDocs.count()
    })
    const floorAfter = await rawAllDocs(server, path)
    if (pulled !== cases) throw new Error(`PC B holds ${pulled} cases, not ${cases}`)
    const floor = Math.min(floorBefore, floorAfter)
    log(`  PC B live sync: ${pulled} cases in ${Math.round(pullMs)} ms`)

    log(`change on A visible on B, ${LATENCY_RUNS} runs, each beside a bare PUT + GET`)
    const liveA = startLive(a, remoteA, key, log)
    stops.push(() => liveA.sync.stop())
    await liveA.idle()
    const loadLatency = load()
    const app: number[] = []
    const bare: number[] = []
    for (let i = 0; i < LATENCY_RUNS; i++) {
      const doc = docs[(i * 7919) % docs.length]!
      const title = `改过的标题 ${i}`
      const seen = whenTitle(b, doc.id, title)
      app.push(
        await timed(async () => {
          await a.transaction('rw', caseDocTables(a), async () => {
            const stored = (await a.caseDocs.get(doc.id))!
            await putCaseDoc(a, { ...stored, title })
          })
          await seen
        }),
      )
      // the round trip no sync can beat: one document written and read back on the same server
      bare.push(
        await timed(async () => {
          const put = await fetch(`${url}/bench:floor-${i}`, {
            method: 'PUT',
            headers: { Authorization: basicAuth(pcA), 'Content-Type': 'application/json' },
            body: JSON.stringify({ type: 'bench', title }),
          })
          if (!put.ok) throw new Error(`floor PUT: ${put.status}`)
          await put.text()
          const got = await fetch(`${url}/bench:floor-${i}`, { headers: { Authorization: basicAuth(pcB) } })
          await got.json()
        }),
      )
      // both idle again before the next run
      await Promise.all([liveA.idle(), liveB!.idle()])
    }
    const s = summarize(app)
    const f = summarize(bare)
    const note = 'loopback PouchDB Server, fake-indexeddb in Node, sealed case documents'
    return [
      figure('sync.initial-pull', pullMs / 1000, 's', '< 60', {
        cases,
        floor: round(floor / 1000),
        floorRuns: [floorBefore, floorAfter].map((x) => round(x / 1000)),
        ratio: round(pullMs / floor),
        loadavg: loadBefore,
        loadavgAfter: load(),
        note: `a fresh PC's LiveSync from start to idle (已同步): _changes in batches of 100, each case opened and written through the app's write path; floor: the same documents raw, _all_docs?include_docs=true&limit=${FLOOR_PAGE} page after page; ${note}`,
      }),
      figure('sync.change-visible', s.p95, 'ms', '< 2000', {
        p50: s.p50,
        max: s.max,
        n: s.n,
        runs: app.map(round),
        floor: f.p95,
        floorP50: f.p50,
        ratio: round(s.p95 / Math.max(f.p95, 0.01)),
        ratioP50: round(percentile(app, 50) / Math.max(percentile(bare, 50), 0.01)),
        loadavg: loadLatency,
        loadavgAfter: load(),
        note: `p95 of ${LATENCY_RUNS}: a case saved on PC A (putCaseDoc) until PC B's store has it, both live (the 250 ms gathering of local writes included); floor: a bare PUT + GET round trip; ${note}`,
      }),
    ]
  } finally {
    for (const stop of stops) await stop()
    await server.stop()
  }
}
