/**
 * `npm run bench`: every figure as one JSON line on stdout, progress on stderr.
 *
 *   node --import tsx tests/bench/run.ts [--only <name-prefix>] [--cases <N>] [--seed <n>] [--profile <dir>] [--port <n>]
 *
 * --only runs the groups whose figures start with the prefix (shell, cases, dashboard, stats, documents, backup, sync) and
 * prints only those figures; `--only cases.list`, `cases.search` or `cases.queries` (both) time only the list and
 * search figures, beside their floor (raw reads of a page), skipping the index load, counts and typing, and
 * `--only cases.load.sealed-over-plain.rounds` only issue 12's rounds of sealed and plain loads (with
 * --profile, a kept 100,000-case profile is then re-timed in about a minute); --cases sizes the data set (default 100000); --load-budget stops loading
 * after that many seconds (default 180: the rate and the count reached are reported); --profile keeps the Chromium
 * profile with the loaded cases in <dir> and reuses it next time (the load is then skipped).
 * --port fixes the server's port (default 4180): IndexedDB is per origin, so a kept profile needs it.
 * Exit code 0 when every figure was measured, whether or not it met its target; 1 when a bench crashed.
 */
import { cpSync, existsSync, readdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { REPO_ROOT, buildBenchPage } from './bundle'
import { startServer } from './server'
import { launchProfile, removeProfile, tempProfile } from './browser'
import { runSetupShellFigures, runShellFigures } from './shell'
import { runCaseFigures } from './cases'
import { runDashboardFillFigures } from './dashboardFill'
import { runStatsFigures } from './reportStats'
import { addDays } from '../../src/domain/dates'
import { normalizeFigure, type Figure } from './stats'

/** The data set's "today": fixed, so that a seed always gives the same cases and deadlines. */
const DATA_TODAY = '2026-11-22'

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    cases: { type: 'string', default: process.env.BENCH_CASES ?? '100000' },
    seed: { type: 'string', default: '20261122' },
    profile: { type: 'string', default: process.env.BENCH_PROFILE },
    port: { type: 'string', default: process.env.BENCH_PORT ?? '4180' },
    'load-budget': { type: 'string', default: process.env.BENCH_LOAD_BUDGET ?? '180' },
  },
})

const only = args.only ?? process.env.BENCH_ONLY
const total = Number(args.cases)
const seed = Number(args.seed)
if (!Number.isInteger(total) || total < 100)
  throw new Error(`--cases must be a whole number of at least 100, got ${args.cases}`)

const log = (message: string): void => console.error(`[bench] ${message}`)
const wants = (group: string): boolean => !only || group.startsWith(only) || only.startsWith(group)
let crashed = false

function emit(f: Figure): void {
  const shown = only === 'cases.queries' ? ['cases.list', 'cases.search', 'cases.loaded'] : only ? [only] : ['']
  if (!shown.some((prefix) => f.name.startsWith(prefix))) return
  process.stdout.write(`${JSON.stringify(f)}\n`)
}

async function step(name: string, run: () => Promise<void>): Promise<void> {
  const started = Date.now()
  log(`${name}…`)
  try {
    await run()
    log(`${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  } catch (error) {
    crashed = true
    log(`${name} CRASHED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  }
}

/** Figures from another engineer's module (tests/bench/documents*.ts, backup*.ts): its exported run functions. */
async function runModule(file: string): Promise<void> {
  const mod: Record<string, unknown> = await import(pathToFileURL(file).href)
  // a module naming its figures (FIGURE_PREFIXES) runs only when --only asks for one of them
  const prefixes = mod.FIGURE_PREFIXES
  if (only && Array.isArray(prefixes) && !prefixes.some((p: string) => only.startsWith(p) || p.startsWith(only))) {
    log(`${file}: none of its figures (${prefixes.join(', ')}) asked for; skipped`)
    return
  }
  const fns = Object.entries(mod).filter((e): e is [string, () => unknown] => typeof e[1] === 'function')
  const runners = fns.filter(([name]) => /^(run|bench|measure)|^default$/i.test(name))
  const chosen = runners.length ? runners : fns.length === 1 ? fns : []
  if (chosen.length === 0) {
    log(`${file}: no exported run/bench function; skipped`)
    return
  }
  for (const [name, fn] of chosen) {
    log(`  ${name}()`)
    const result = await fn()
    const list = Array.isArray(result)
      ? result
      : typeof result === 'object' && result !== null && 'figures' in result
        ? (result as { figures: unknown }).figures
        : [result]
    for (const raw of Array.isArray(list) ? list : [list]) {
      const f = normalizeFigure(raw)
      if (f) emit(f)
      else log(`  ${name}() returned something that is not a figure: ${JSON.stringify(raw)?.slice(0, 200)}`)
    }
  }
}

async function main(): Promise<void> {
  // A private copy of the app: a rebuild running alongside (it empties out/renderer) must not change it mid-run.
  const appDir = tempProfile('app')
  if (wants('shell') || wants('dashboard')) {
    const builtApp = resolve(REPO_ROOT, 'out/renderer')
    if (!existsSync(resolve(builtApp, 'index.html')))
      throw new Error('out/renderer is missing: run `npm run build:app` first (npm run bench does).')
    cpSync(builtApp, appDir, { recursive: true })
  }
  log('building the bench page (real data layer) with Vite')
  const pageDir = await buildBenchPage(tempProfile('page'))
  // the app's hashed assets may be cached, as app:// scripts are in Electron: the shell's second start
  const server = await startServer({ '/__bench/': pageDir, '/': appDir }, Number(args.port), { cacheAssets: true })
  log(`serving the app and the bench page at ${server.origin}`)
  // for the figures of other modules that drive the page (tests/bench/syncChromium.ts)
  process.env.BENCH_PAGE_ORIGIN = server.origin
  const casesProfile = args.profile ? resolve(args.profile) : tempProfile('cases')
  const span = { firstDay: addDays(DATA_TODAY, -(3 * 365) + 1), today: DATA_TODAY, total }
  try {
    if (wants('shell')) {
      await step('shell on an empty profile (setup screen)', async () =>
        (await runSetupShellFigures(server.origin)).forEach(emit),
      )
      await step('shell after first-run setup (dashboard)', async () => {
        const profile = tempProfile('setup')
        try {
          const { context, page } = await launchProfile(profile)
          await page.goto(`${server.origin}/__bench/`)
          await page.waitForFunction(() => 'bench' in window)
          await page.evaluate((a) => window.bench.setup(a.seed, a.span), { seed, span })
          await context.close()
          ;(await runShellFigures(server.origin, profile)).forEach(emit)
        } finally {
          removeProfile(profile)
        }
      })
    }
    // 统计 counts the loaded cases: `--only stats` loads them too, or finds them in a kept profile (its own
    // figures alone are printed)
    const casesLoaded = wants('cases') || wants('stats') || args.profile !== undefined
    if (wants('cases') || wants('stats')) {
      await step(`cases (${total} generated)`, () =>
        runCaseFigures({
          origin: server.origin,
          profileDir: casesProfile,
          total,
          seed,
          writeCostCases: 2_000,
          writeCostOnly: only?.startsWith('cases.write-cost') === true,
          sealingOnly: only?.startsWith('cases.load.sealed-over-plain.rounds') === true,
          ...(only?.startsWith('cases.list') ? { queriesOnly: 'list' as const } : {}),
          ...(only?.startsWith('cases.search') ? { queriesOnly: 'search' as const } : {}),
          ...(only === 'cases.queries' ? { queriesOnly: 'both' as const } : {}),
          loadBudgetMs: Number(args['load-budget']) * 1000,
          today: DATA_TODAY,
          emit,
          log,
        }),
      )
    }
    if (wants('shell.dashboard-loaded') && casesLoaded) {
      await step(`shell over ${total} cases`, async () =>
        (
          await runShellFigures(server.origin, casesProfile, {
            label: 'shell.dashboard-loaded',
            note: 'setup complete, the cases profile (see cases.loaded)',
            copyProfile: false,
          })
        ).forEach(emit),
      )
    }
    if (wants('dashboard') && casesLoaded) {
      await step(`dashboard filled over ${total} cases`, async () => {
        const empty = tempProfile('dashboard-empty')
        try {
          const { context, page } = await launchProfile(empty)
          await page.goto(`${server.origin}/__bench/`)
          await page.waitForFunction(() => 'bench' in window)
          await page.evaluate((a) => window.bench.setup(a.seed, a.span), { seed, span })
          await context.close()
          ;(await runDashboardFillFigures(server.origin, casesProfile, empty, total)).forEach(emit)
        } finally {
          removeProfile(empty)
        }
      })
    }
    if (wants('stats') && casesLoaded) {
      await step(`stats over ${total} cases`, () =>
        runStatsFigures({ origin: server.origin, profileDir: casesProfile, today: DATA_TODAY, emit, log }),
      )
    }
    for (const group of ['documents', 'backup', 'kill', 'sync']) {
      if (!wants(group)) continue
      const files = readdirSync(import.meta.dirname).filter((f) => f.startsWith(group) && f.endsWith('.ts'))
      if (files.length === 0) log(`${group}: no tests/bench/${group}*.ts yet; skipped`)
      for (const f of files) await step(`${group} (${f})`, () => runModule(resolve(import.meta.dirname, f)))
    }
  } finally {
    await server.close()
    removeProfile(appDir)
    removeProfile(pageDir)
    if (!args.profile) removeProfile(casesProfile)
  }
}

main().then(
  () => {
    process.exitCode = crashed ? 1 : 0
  },
  (error: unknown) => {
    log(`bench crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    process.exitCode = 1
  },
)
