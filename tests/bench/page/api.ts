/**
 * What the bench page (tests/bench/page/main.ts) exposes on `window.bench`, and what the Node driver
 * sends it. Plain data only: everything crosses `page.evaluate`.
 */
import type { CaseQuery } from '../../../src/db/caseQueries'
import type { CaseWorld } from '../../fixtures/generate/cases'

export interface LoadRequest {
  dbName: string
  seed: number
  world: CaseWorld
  /** the indices start, start + step, start + 2·step … below world.total, `count` of them at most */
  start: number
  step: number
  count: number
  /**
   * the same indices in the order a load of this many interleaved slices writes them (slice c first holds
   * c, c + slices, …): the full-size floor writes its records in the load's key order
   */
  interleave?: number
  /** cases per transaction */
  batch: number
  sessions: boolean
  /** skip the cases already stored: resuming a load that stopped inside this slice */
  resume?: boolean
  /** bench only: the same writes into a scratch database without the sealing middleware (not resumable) */
  plain?: boolean
  /** with `plain`: without the sync outbox either (what the outbox costs a load) */
  bare?: boolean
  /** with `plain`: as a PC that has joined a server, whose writes are queued in the outbox */
  joined?: boolean
}

export interface LoadReport {
  cases: number
  parties: number
  sessions: number
  /** wall time of the whole load (generation, derived fields and writes overlap) */
  totalMs: number
  /** CPU time spent generating records and the party summary (inside totalMs) */
  generateMs: number
  deriveMs: number
  /** bytes of facts + session notes (UTF-16 code units × 2) */
  textBytes: number
}

/** The case index read the first time by a page (src/db/caseIndex.ts `caseDigests`). */
export interface IndexLoadReport {
  /** opening the database (Dexie's open, IndexedDB's connection) */
  openMs: number
  /** the first `caseDigests(db)`: every digest batch read and sorted */
  firstMs: number
  /** a second call: the meta record compared, nothing read again */
  againMs: number
  digests: number
}

/** The CPU cost of the digests alone: derived for the same documents, nothing written. */
export interface DigestCostReport {
  cases: number
  ms: number
}

export type FloorLayout = 'records-no-index' | 'one-record-per-case'

export interface Timed {
  ms: number
  rows: number
}

export interface TypingReport {
  times: number[]
  stored: string
}

export interface UpgradeReport {
  cases: number
  digests: number
  /** writing the v2 tables (set-up, not the figure) */
  writeMs: number
  /** opening the v2 database with the app's schema: the upgrade */
  upgradeMs: number
}

/** The 统计 figures: a year's report with every breakdown over the stored cases (tests/bench/page/stats.ts). */
export interface StatsRequest {
  year: number
  today: string
  runs: number
}

export interface StatsReport {
  cases: number
  /** 受理 of the year, by the floor's loop (checked against the report's) */
  accepted: number
  /** the case index loaded (every case's digest and report facts), as when 统计 opens first */
  readMs: number
  /** per run: the report, 环比/同比, the breakdowns and the trend, CPU time of the tables */
  reportMs: number[]
  /** per run: the longest single table, what holds the window in one go */
  longestStepMs: number[]
  /** per run: a plain loop over the same records counting one column */
  floorMs: number[]
  excelMs: number[]
  excelBytes: number
  /** the first PDF: the worker started and its fonts loaded */
  pdfColdMs: number
  pdfMs: number[]
  pdfBytes: number
}

/** The list while sync pulls (tests/bench/syncChromium.ts): this page's database is one PC's. */
export interface SyncPullRequest {
  dbName: string
  /** the committee's database on the loopback server */
  url: string
  /** this PC's Basic credentials there */
  authorization: string
  /** the committee's data key, its raw bytes */
  key: number[]
  /** run in turn, again and again, before, during and after the pull */
  queries: CaseQuery[]
}

/** Each query's time (ms) in the order run: a pass idle before the pull, those during it, a pass after. */
export interface SyncPullReport {
  before: number[]
  during: number[]
  after: number[]
  /** from the live sync's start to 已同步 */
  pullMs: number
  /** cases stored here after the pull */
  stored: number
  /** each of the pull's read-write transactions over the case tables, start to commit (ms) */
  writes: number[]
}

export interface BenchApi {
  deleteDb(dbName: string): Promise<void>
  /** completes first-run setup in the app's database unless done; returns the stored settings' world */
  setup(seed: number, span: Pick<CaseWorld, 'firstDay' | 'today' | 'total'>): Promise<CaseWorld>
  caseCount(dbName: string): Promise<number>
  /** loads the cases as an import writes them: one transaction per batch, `addCaseDocs` (documents and digest batches) */
  load(request: LoadRequest): Promise<LoadReport>
  /** derives the digests of the request's documents, timing that alone */
  digestCost(request: LoadRequest): Promise<DigestCostReport>
  /** the 在案情中查找 search (src/db/caseFacts.ts) over every case, timed; rows found */
  facts(queries: CaseQuery[]): Promise<Timed[]>
  /** writes a v2 database of the request's cases, then times the app opening (upgrading) it */
  upgradeV2(request: LoadRequest): Promise<UpgradeReport>
  /** in a page that has not read the case index yet: opens the app's database and reads the index */
  indexLoad(): Promise<IndexLoadReport>
  /**
   * The same cases written with raw IndexedDB into a scratch database with no index at all, either as
   * the app stores them (a case, its parties and its session: one record each) or as one record per
   * case (parties and session inside): the floor any index design adds to.
   */
  loadFloor(request: LoadRequest, layout: FloorLayout): Promise<LoadReport>
  /** runs each query in turn (first page of 50), timing each */
  list(queries: CaseQuery[]): Promise<Timed[]>
  /**
   * The floor under a first page: 51 stored case documents read by id with raw IndexedDB (one read-only
   * transaction, records as stored, not opened), `pages` times, each at a random place in the list
   */
  listFloor(pages: number, seed: number): Promise<Timed[]>
  count(queries: CaseQuery[]): Promise<Timed[]>
  /** saves a session note growing one character at a time, each save awaited, timing each */
  typeNote(caseId: string, text: string): Promise<TypingReport>
  stats(request: StatsRequest): Promise<StatsReport>
  /** puts this PC's stored cases on the server as pushed before (set-up); the ms it took */
  syncSeedOwn(request: SyncPullRequest): Promise<number>
  /** the queries idle, during this PC's live pull of the server's newer cases, and after it */
  syncListDuringPull(request: SyncPullRequest): Promise<SyncPullReport>
}

declare global {
  interface Window {
    bench: BenchApi
  }
}
