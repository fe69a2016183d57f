/**
 * Issue 3's figures in Chromium against a real IndexedDB: loading the generated cases, the first page of
 * the case list under every single filter and search, counts, the autosave of a session note, and what
 * the search and filter index keys cost on write. Drives the bench page (tests/bench/page) over
 * `page.evaluate`; the timings are taken inside the page with performance.now().
 */
import type { Page } from '@playwright/test'
import { DB_NAME } from '../../src/db/schema'
import { addDays } from '../../src/domain/dates'
import { generateCaseBundle, type CaseWorld } from '../fixtures/generate/cases'
import { sessionNotes } from '../fixtures/generate/text'
import { seededRandom } from '../fixtures/generate/random'
import { launchProfile } from './browser'
import { countQueries, listQueries, searchQueries, type QueryKinds } from './queries'
import { figure, median, round, summarize, type Figure } from './stats'
import type { LoadReport, LoadRequest } from './page/api'

export const LIST_TARGET = '< 50'
export const SAVE_TARGET = '< 20'
export const LOAD_TARGET_100K = '< 60000'

export interface CaseBenchOptions {
  origin: string
  profileDir: string
  total: number
  seed: number
  /** cases loaded with and without index keys to price them */
  writeCostCases: number
  /** the data set's last day of intake; it spans three years back */
  today: string
  emit: (f: Figure) => void
  log: (message: string) => void
}

const LOAD_CHUNK = 10_000
const BATCH = 1_000

function addReports(a: LoadReport, b: LoadReport): LoadReport {
  return {
    cases: a.cases + b.cases,
    parties: a.parties + b.parties,
    sessions: a.sessions + b.sessions,
    totalMs: a.totalMs + b.totalMs,
    generateMs: a.generateMs + b.generateMs,
    deriveMs: a.deriveMs + b.deriveMs,
    searchTokens: a.searchTokens + b.searchTokens,
    facets: a.facets + b.facets,
    maxSearchTokens: Math.max(a.maxSearchTokens, b.maxSearchTokens),
    textBytes: a.textBytes + b.textBytes,
  }
}

const EMPTY_REPORT: LoadReport = { cases: 0, parties: 0, sessions: 0, totalMs: 0, generateMs: 0, deriveMs: 0, searchTokens: 0, facets: 0, maxSearchTokens: 0, textBytes: 0 }

async function load(page: Page, request: LoadRequest, log?: (m: string) => void): Promise<LoadReport> {
  let total = EMPTY_REPORT
  for (let from = request.from; from < request.to; from += LOAD_CHUNK) {
    const to = Math.min(request.to, from + LOAD_CHUNK)
    const part = await page.evaluate((r) => window.bench.load(r), { ...request, from, to })
    total = addReports(total, part)
    log?.(`  loaded ${to - request.from}/${request.to - request.from} cases, ${Math.round(total.totalMs / 1000)} s, ${Math.round((total.cases / total.totalMs) * 1000)} cases/s`)
  }
  return total
}

/** What the search keys and filter keys cost on write: the same cases loaded three ways into a scratch database. */
async function writeCost(page: Page, world: CaseWorld, o: CaseBenchOptions): Promise<void> {
  const n = Math.min(o.writeCostCases, world.total)
  const dbName = 'bench-write-cost'
  const modes = [
    { key: 'all-keys', searchKeys: true, facets: true },
    { key: 'no-search-keys', searchKeys: false, facets: true },
    { key: 'no-keys', searchKeys: false, facets: false },
  ] as const
  const results: Record<string, LoadReport> = {}
  // Two rounds, alternating, keeping the faster: the machine is noisy.
  for (let round = 0; round < 2; round++) {
    for (const m of modes) {
      await page.evaluate((name) => window.bench.deleteDb(name), dbName)
      const r = await page.evaluate((req) => window.bench.load(req), { dbName, seed: o.seed, world, from: 0, to: n, batch: BATCH, searchKeys: m.searchKeys, facets: m.facets, sessions: true } satisfies LoadRequest)
      if (!results[m.key] || r.totalMs < results[m.key]!.totalMs) results[m.key] = r
    }
  }
  await page.evaluate((name) => window.bench.deleteDb(name), dbName)
  const all = results['all-keys']!
  const noSearch = results['no-search-keys']!
  const none = results['no-keys']!
  for (const m of modes) {
    const r = results[m.key]!
    o.emit(figure(`cases.write-cost.${m.key}`, (r.totalMs / r.cases) * 1000, 'µs/case', undefined, { cases: r.cases, totalMs: round(r.totalMs), indexEntriesPerCase: round((r.searchTokens + r.facets) / r.cases), note: 'best of 2; generation and derived keys included (see cases.load)' }))
  }
  const searchCost = all.totalMs - noSearch.totalMs
  const facetCost = noSearch.totalMs - none.totalMs
  o.emit(figure('cases.write-cost.per-search-key', (searchCost / all.searchTokens) * 1000, 'µs/entry', undefined, { share: round((searchCost / all.totalMs) * 100), shareUnit: '% of load time', entriesPerCase: round(all.searchTokens / all.cases) }))
  o.emit(figure('cases.write-cost.per-facet-key', (facetCost / Math.max(1, all.facets)) * 1000, 'µs/entry', undefined, { share: round((facetCost / all.totalMs) * 100), shareUnit: '% of load time', entriesPerCase: round(all.facets / all.cases) }))
}

async function timeKinds(page: Page, prefix: string, kinds: QueryKinds, o: CaseBenchOptions): Promise<void> {
  for (const [kind, queries] of Object.entries(kinds)) {
    const timed = await page.evaluate((q) => window.bench.list(q), queries)
    const s = summarize(timed.map((t) => t.ms))
    const rows = timed.map((t) => t.rows)
    o.emit(figure(`${prefix}.${kind}`, s.p95, 'ms', LIST_TARGET, { stat: 'p95', p50: s.p50, max: s.max, n: s.n, rowsMin: Math.min(...rows), rowsMax: Math.max(...rows), sample: queries.slice(0, 3) }))
  }
}

async function counts(page: Page, world: CaseWorld, o: CaseBenchOptions): Promise<void> {
  for (const [kind, queries] of Object.entries(countQueries(o.seed, world))) {
    const runs = await page.evaluate((q) => window.bench.count([q[0]!, q[0]!, q[0]!]), queries)
    o.emit(figure(`cases.count.${kind}`, median(runs.map((r) => r.ms)), 'ms', undefined, { stat: 'median of 3', count: runs[0]?.rows, query: queries[0] }))
  }
}

/** A case the note is typed into: the newest one that is not archived (archived cases are read-only). */
function writableCaseId(seed: number, world: CaseWorld): string {
  for (let i = world.total - 1; i >= 0; i--) {
    const c = generateCaseBundle(seed, i, world).case
    if (c.status !== 'archived') return c.id
  }
  throw new Error('no writable case in the data set')
}

async function typing(page: Page, world: CaseWorld, o: CaseBenchOptions): Promise<void> {
  const text = sessionNotes(seededRandom(o.seed), { a: '李淑珺', b: '王𠮷' }, 300)
  const report = await page.evaluate(([id, t]) => window.bench.typeNote(id, t), [writableCaseId(o.seed, world), text] as const)
  const s = summarize(report.times)
  const typed = [...text].length
  const kept = report.stored === text ? typed : 0
  o.emit(figure('cases.save-note', s.p95, 'ms', SAVE_TARGET, { stat: 'p95 per save', p50: s.p50, max: s.max, saves: s.n, note: 'saveSession on one record, text growing one character per save, each save awaited; strict durability' }))
  o.emit(figure('cases.save-note.dropped-keystrokes', typed - kept, 'chars', '<= 0', { typed, storedLength: [...report.stored].length, storedEqualsTyped: report.stored === text }))
}

export async function runCaseFigures(o: CaseBenchOptions): Promise<void> {
  const { context, page } = await launchProfile(o.profileDir)
  try {
    await page.goto(`${o.origin}/__bench/`)
    await page.waitForFunction(() => 'bench' in window)
    const span = { firstDay: addDays(o.today, -(3 * 365) + 1), today: o.today, total: o.total }
    const world = await page.evaluate((a) => window.bench.setup(a.seed, a.span), { seed: o.seed, span })
    const existing = await page.evaluate((name) => window.bench.caseCount(name), DB_NAME)

    if (existing === 0) {
      o.log(`write cost: ${Math.min(o.writeCostCases, o.total)} cases loaded three ways (all keys, no search keys, no keys), twice`)
      await writeCost(page, world, o)
      o.log(`loading ${o.total} cases in transactions of ${BATCH}`)
      const r = await load(page, { dbName: DB_NAME, seed: o.seed, world, from: 0, to: o.total, batch: BATCH, searchKeys: true, facets: true, sessions: true }, o.log)
      const target = o.total >= 100_000 ? LOAD_TARGET_100K : `< ${Math.round((60_000 * o.total) / 100_000)}`
      o.emit(figure('cases.load', r.totalMs, 'ms', target, { cases: r.cases, parties: r.parties, sessions: r.sessions, generateMs: round(r.generateMs), deriveMs: round(r.deriveMs), batch: BATCH, note: 'wall time: generation, withDerivedKeys and bulkAdd per transaction overlap' }))
      o.emit(figure('cases.load.rate', (r.cases / r.totalMs) * 1000, 'cases/s'))
      o.emit(figure('cases.index.search-keys-per-case', r.searchTokens / r.cases, 'entries', undefined, { max: r.maxSearchTokens, total: r.searchTokens }))
      o.emit(figure('cases.index.facets-per-case', r.facets / r.cases, 'entries', undefined, { total: r.facets }))
      o.emit(figure('cases.text-per-case', r.textBytes / r.cases, 'bytes', undefined, { note: 'facts + session notes, UTF-16' }))
    } else if (existing === o.total) {
      o.log(`profile already holds ${existing} cases: load and write-cost figures skipped`)
    } else {
      throw new Error(`profile ${o.profileDir} holds ${existing} cases, not ${o.total}: use a fresh profile`)
    }

    await page.evaluate(() => window.bench.list([{}]))
    o.log('first page of the case list: every single filter')
    await timeKinds(page, 'cases.list', listQueries(o.seed, world), o)
    o.log('first page of a search: every kind')
    await timeKinds(page, 'cases.search', searchQueries(o.seed, world), o)
    o.log('counts')
    await counts(page, world, o)
    o.log('typing a session note')
    await typing(page, world, o)
  } finally {
    await context.close()
  }
}
