/**
 * The case list while sync pulls (issue 17: "the app's list/search figures unchanged while sync runs"),
 * in Node on fake-indexeddb and the loopback CouchDB-protocol server, like sync.ts:
 * - PC C holds LOCAL generated cases of the cases bench's kind (tests/fixtures/generate), already on the
 *   server; another PC's PULLED cases (caseDocs.ts) follow them there;
 * - the list and search queries of the cases bench (queries.ts: every filter and every kind of search,
 *   each the first page of 50 from listCases) run one after another on C: idle (after a pass untimed),
 *   then while C's live sync takes in the PULLED cases (until 已同步), then idle again over all of them
 *   with the live sync stopped;
 * - sync.list-during-pull / sync.search-during-pull: p95 of the queries run during the pull; floor: p95 of
 *   the same queries (each run during the pull matched with its own idle run) idle after the pull, over
 *   the larger store; the idle run before the pull is reported beside it.
 * The queries and the pull share one thread, as in the app's page. The queries run back to back, harder
 * on the pull than a person is: the pull's time is reported too (sync.initial-pull is the pull alone).
 */
import { addCaseDocs, caseDocTables } from '../../src/db/caseDocs'
import type { CaseQuery } from '../../src/db/caseQueries'
import type { NewCaseDoc } from '../../src/db/records'
import { importCommitteeKey } from '../../src/db/sync/seal'
import { addDays } from '../../src/domain/dates'
import { withPartySummary } from '../../src/domain/intake'
import { committeeDbName } from '../../src/domain/syncServer'
import { generateCaseBundle, testWorld, type CaseWorld } from '../fixtures/generate/cases'
import { randomInt } from '../fixtures/generate/random'
import { useTestStoreKeys } from '../unit/setup/keys'
import { basicAuth, createCommitteeDb, startLoopbackServer } from '../sync/server'
import { generateCaseDocs } from './caseDocs'
import { listQueries, searchQueries, type QueryKinds } from './queries'
import { figure, round, summarize, type Figure } from './stats'
import { startLive, timed } from './liveSyncIdle'
import { runQueries } from './queryLoop'
import { seedServer } from './seedServer'
import { COMMITTEE, load, pc, pcA, pcB } from './sync'

export const LOCAL = 10_000
export const PULLED = 10_000
export const SEED = 20261122
export const TODAY = '2026-11-22'
/** the figures this module gives (run.ts runs it only when --only asks for one) */
export const FIGURE_PREFIXES = ['sync.list-during-pull', 'sync.search-during-pull']
const log = (m: string): void => console.error(`[bench] [sync.list] ${m}`)

export type Group = 'list' | 'search'

export interface Query {
  group: Group
  q: CaseQuery
}

/** Each kind's i-th query before any kind's (i+1)-th: any stretch of the sequence covers every kind. */
function interleave(groups: Record<Group, QueryKinds>): Query[] {
  const kinds = (Object.keys(groups) as Group[]).flatMap((group) =>
    Object.values(groups[group]).map((queries) => ({ group, queries })),
  )
  const out: Query[] = []
  for (let i = 0; i < Math.max(...kinds.map((k) => k.queries.length)); i++)
    for (const { group, queries } of kinds) if (i < queries.length) out.push({ group, q: queries[i]! })
  return out
}

/** One group's runs during the pull beside the idle runs of the same queries. */
export function groupFigure(
  group: Group,
  queries: readonly Query[],
  runs: { before: number[]; during: number[]; after: number[] },
  extra: Record<string, unknown>,
  prefix = 'sync',
): Figure {
  const at = runs.during.flatMap((_, i) => (queries[i % queries.length]!.group === group ? [i] : []))
  const during = summarize(at.map((i) => runs.during[i]!))
  const after = summarize(at.map((i) => runs.after[i % queries.length]!))
  const before = summarize(at.map((i) => runs.before[i % queries.length]!))
  // the share of queries over the cases bench's target (50 ms at 100,000 cases in Chromium)
  const over = (ms: (i: number) => number): number => round(at.filter((i) => ms(i) > 50).length / at.length)
  return figure(`${prefix}.${group}-during-pull`, during.p95, 'ms', undefined, {
    stat: 'p95',
    p50: during.p50,
    max: during.max,
    n: during.n,
    floor: after.p95,
    floorP50: after.p50,
    ratio: round(during.p95 / after.p95),
    ratioP50: round(during.p50 / after.p50),
    idleBefore: before.p95,
    ratioToBefore: round(during.p95 / before.p95),
    over50ms: over((i) => runs.during[i]!),
    over50msFloor: over((i) => runs.after[i % queries.length]!),
    ...extra,
  })
}

/** The cases bench's kind of case, as the bench page stores them (parties and the session inside). */
function localCases(world: ReturnType<typeof testWorld>): NewCaseDoc[] {
  return Array.from({ length: world.total }, (_, i) => {
    const b = generateCaseBundle(SEED, i, world)
    return { ...withPartySummary(b.case, b.parties), parties: b.parties, sessions: b.session ? [b.session] : [] }
  })
}

/** The PC's LOCAL generated cases' world (the cases bench's kind, three years up to TODAY): shared with syncChromium.ts. */
export function syncWorld(): CaseWorld {
  return testWorld({ firstDay: addDays(TODAY, -(3 * 365) + 1), today: TODAY, total: LOCAL, committeeId: COMMITTEE })
}

/** The cases bench's list and search queries over `world`, interleaved. */
export function syncQueries(world: CaseWorld): Query[] {
  return interleave({
    list: listQueries(SEED, world),
    search: searchQueries(SEED, world, (rand) => randomInt(rand, 0, LOCAL - 1)),
  })
}

/** The other PC's PULLED cases, put on the server after this PC's. */
export function otherPcCases(): NewCaseDoc[] {
  return generateCaseDocs(PULLED, { committeeId: COMMITTEE, caseNoPlace: '城关' })
}

export async function runSyncListFigures(): Promise<Figure[]> {
  useTestStoreKeys()
  const server = await startLoopbackServer()
  let stop = async (): Promise<void> => undefined
  try {
    await createCommitteeDb(server, COMMITTEE, [pcA, pcB])
    const url = `${server.url}/${committeeDbName(COMMITTEE)}`
    const key = await importCommitteeKey(crypto.getRandomValues(new Uint8Array(32)))
    const world = syncWorld()
    log(`${LOCAL} cases on PC C and on the server, then ${PULLED} of another PC's on the server`)
    const c = pc('bench-sync-list-c')
    const local = localCases(world)
    for (let i = 0; i < local.length; i += 500)
      await c.transaction('rw', caseDocTables(c), () => addCaseDocs(c, local.slice(i, i + 500)))
    // C pushed its cases before (its checkpoint is after them); the other PC's come after that checkpoint
    await seedServer(url, basicAuth(pcA), c, local, key)
    await seedServer(url, basicAuth(pcA), pc('bench-sync-list-other'), otherPcCases(), key)

    const queries = syncQueries(world)
    const caseQueries = queries.map((q) => q.q)
    // a pass untimed: the index read once, as the app's first list does, and the code warmed
    await runQueries(c, caseQueries, (n) => n === queries.length)
    const loadavg = load()
    const before = await runQueries(c, caseQueries, (n) => n === queries.length)
    log(`  idle: ${queries.length} queries over ${LOCAL} cases`)
    let synced = false
    const live = startLive(c, { url, authorization: basicAuth(pcB) }, key)
    stop = () => live.sync.stop()
    const pull = timed(async () => {
      await live.idle()
      synced = true
    })
    const during = await runQueries(c, caseQueries, () => synced)
    const pullMs = await pull
    // the next round (its own audit entries coming back in the feed) is not waited for: stopped
    await stop()
    const loadavgPull = load()
    const stored = await c.caseDocs.count()
    if (stored !== LOCAL + PULLED) throw new Error(`PC C holds ${stored} cases, not ${LOCAL + PULLED}`)
    log(`  pull: ${PULLED} cases in ${Math.round(pullMs)} ms, ${during.length} queries meanwhile`)
    const after = await runQueries(c, caseQueries, (n) => n === queries.length)
    const extra = {
      local: LOCAL,
      pulled: PULLED,
      pullS: round(pullMs / 1000),
      loadavg,
      loadavgPull,
      loadavgAfter: load(),
      note: `listCases (first page of 50) for the cases bench's ${queries.length} list and search queries in turn, back to back, on a PC holding ${LOCAL} generated cases while its LiveSync pulls ${PULLED} more (pullS: until 已同步, slowed by the queries); floor: the same queries idle after the pull (${LOCAL + PULLED} cases), idleBefore: idle before it (${LOCAL}); loopback PouchDB Server, fake-indexeddb in Node`,
    }
    return (['list', 'search'] as const).map((g) => groupFigure(g, queries, { before, during, after }, extra))
  } finally {
    await stop()
    await server.stop()
  }
}
