/**
 * Where a first screen's time goes (issue #16): Chromium traces of fresh-profile starts of the built app,
 * summed up per phase, not a figure of `npm run bench`.
 *
 *   node --import tsx tests/bench/startupTrace.ts [--app <built renderer dir>] [--screen setup|dashboard]
 *     [--cases <n>] [--runs <n>] [--keep <dir>]
 *
 * Each run: a new profile (for `dashboard`, a copy of one set up by the bench page with `--cases` cases), one
 * browser process, a Chromium trace from before the navigation to the screen usable (the watcher of
 * tests/e2e/helpers/firstScreen.ts). Printed per run, then as medians:
 * - the renderer main thread from navigation start to the screen usable: busy (per trace event, self time:
 *   compile, module evaluation, functions, microtasks, style, layout, paint, GC…) and idle (waiting for the
 *   network, IndexedDB or a timer);
 * - the main thread's CPU samples per source (node_modules package, or the app's own folder), through the
 *   build's source maps when it has them (a renderer built with `build.sourcemap: true`, e.g. by a throw-away
 *   config importing electron.vite.config.ts and setting it, with another outDir);
 * - each script's fetch (resource timing), and IndexedDB as the page saw it (open, each transaction).
 * `--keep` writes each trace there (open it in Chromium's Performance panel).
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { SourceMap } from 'node:module'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { CDPSession } from '@playwright/test'
import { REPO_ROOT, buildBenchPage } from './bundle'
import { startServer } from './server'
import { launchProfile, removeProfile, tempProfile } from './browser'
import { watchReadyScript, type FirstScreen } from '../e2e/helpers/firstScreen'
import { median, round } from './stats'

const { values: args } = parseArgs({
  options: {
    app: { type: 'string', default: resolve(REPO_ROOT, 'out/renderer') },
    screen: { type: 'string', default: 'setup' },
    cases: { type: 'string', default: '20' },
    runs: { type: 'string', default: '5' },
    keep: { type: 'string' },
    port: { type: 'string', default: '4399' },
  },
})
const screen = args.screen as FirstScreen
const appDir = resolve(args.app)

const CATEGORIES = [
  '-*',
  'toplevel',
  'v8',
  'v8.execute',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-v8.cpu_profiler',
  'blink.user_timing',
  'loading',
  'IndexedDB',
  '__metadata',
]

/** The page's own view of IndexedDB and of the ready moment, recorded from before its first script. */
const PAGE_PROBE = `(() => {
  const log = (window.__idbLog = [])
  const now = () => performance.now()
  const open = IDBFactory.prototype.open
  IDBFactory.prototype.open = function (name, version) {
    const entry = { what: 'open ' + name, start: now() }
    log.push(entry)
    const request = open.apply(this, arguments)
    request.addEventListener('upgradeneeded', () => (entry.upgrade = now()))
    request.addEventListener('success', () => (entry.end = now()))
    request.addEventListener('error', () => (entry.end = now()))
    return request
  }
  const databases = IDBFactory.prototype.databases
  if (databases) IDBFactory.prototype.databases = function () {
    const entry = { what: 'databases()', start: now(), stack: new Error().stack }
    log.push(entry)
    return databases.apply(this, arguments).finally(() => (entry.end = now()))
  }
  const transaction = IDBDatabase.prototype.transaction
  IDBDatabase.prototype.transaction = function (stores, mode) {
    const entry = { what: 'tx ' + (mode || 'readonly') + ' ' + [].concat(stores).join(','), start: now() }
    log.push(entry)
    const tx = transaction.apply(this, arguments)
    tx.addEventListener('complete', () => (entry.end = now()))
    tx.addEventListener('abort', () => (entry.end = now()))
    return tx
  }
  new MutationObserver((_, observer) => {
    if (window.__shellReadyAt !== undefined) {
      performance.mark('shellReady', { startTime: window.__shellReadyAt })
      observer.disconnect()
    }
  }).observe(document, { childList: true, subtree: true, attributes: true })
})()`

interface TraceEvent {
  name: string
  cat: string
  ph: string
  ts: number
  dur?: number
  pid: number
  tid: number
  id?: string
  args?: Record<string, unknown> & { data?: Record<string, unknown>; name?: string }
}

interface IdbEntry {
  what: string
  start: number
  end?: number
  upgrade?: number
}

interface RunResult {
  readyMs: number
  busy: Record<string, number>
  idleMs: number
  tasks: number
  samples: Record<string, number>
  scripts: { name: string; start: number; end: number; kb: number }[]
  idb: IdbEntry[]
  /** the main thread's time line in slices of 25 ms: busy ms in each */
  timeline: number[]
  /** per slice of 25 ms, CPU ms per source */
  slots: Record<string, number>[]
  /** self ms per function (source: name) */
  functions: Record<string, number>
  /** CPU ms per 'phase | source', the phase being what started the main thread's task */
  byPhase: Record<string, number>
  /** CPU ms per outermost script frame (what called into the work) */
  outers: Record<string, number>
  /** CPU ms per function, its callees included */
  inclusive: Record<string, number>
  /** when things happened on the way (ms after navigation start) */
  milestones: Record<string, number>
}

/** What a main-thread task was doing, from a trace event inside it. */
function phaseOf(name: string): string | undefined {
  if (name === 'v8.evaluateModule' || name === 'v8.compileModule') return 'module evaluation'
  if (name.startsWith('IDB')) return 'IndexedDB event'
  if (name === 'RunMicrotasks' || name === 'BlinkScheduler_PerformMicrotaskCheckpoint') return 'microtasks'
  if (name === 'TimerFire' || name === 'FireAnimationFrame' || name === 'EventDispatch') return name
  if (name === 'ParseHTML' || name === 'EvaluateScript') return name
  if (name === 'UpdateLayoutTree' || name === 'Layout' || name === 'Paint' || name === 'PrePaint')
    return 'style, layout, paint'
  if (name.includes('GC')) return 'GC'
  return undefined
}

async function collectTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const done = new Promise<string>((ok) => cdp.once('Tracing.tracingComplete', (e) => ok(String(e.stream))))
  await cdp.send('Tracing.end')
  const stream = await done
  let text = ''
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 20 })
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data
    if (chunk.eof) break
  }
  await cdp.send('IO.close', { handle: stream })
  const parsed = JSON.parse(text) as { traceEvents?: TraceEvent[] } | TraceEvent[]
  return Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? [])
}

// --- source maps: a (chunk, line, column) to the source it came from -------------------------------------

const maps = new Map<string, SourceMap | null>()
function sourceOf(url: string, line: number, column: number): string {
  const file = url.split('/').pop() ?? url
  if (!maps.has(file)) {
    const path = join(appDir, 'assets', `${file}.map`)
    maps.set(file, existsSync(path) ? new SourceMap(JSON.parse(readFileSync(path, 'utf8'))) : null)
  }
  const map = maps.get(file)
  if (!map) return file
  const entry = map.findEntry(line, column) as { originalSource?: string }
  return entry.originalSource ? group(entry.originalSource) : file
}

/** node_modules/<package>, or the app's folder under src/ (one level deeper for src/components). */
function group(source: string): string {
  const nm = source.lastIndexOf('node_modules/')
  if (nm >= 0) {
    const parts = source.slice(nm + 'node_modules/'.length).split('/')
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? source)
  }
  const src = source.indexOf('src/')
  if (src >= 0) {
    const parts = source.slice(src).split('/')
    return parts.length > 3 ? parts.slice(0, 3).join('/') : parts.join('/')
  }
  return source
}

// --- one trace, summed up -----------------------------------------------------------------------------

function analyse(events: TraceEvent[], readyMs: number): Omit<RunResult, 'scripts' | 'idb'> {
  const ready = events.find((e) => e.name === 'shellReady' && e.cat.includes('blink.user_timing'))
  if (!ready) throw new Error('no shellReady mark in the trace')
  const pid = ready.pid
  const mainTid = events.find(
    (e) => e.pid === pid && e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  )?.tid
  // navigation start: performance.now() = 0; the mark's ts minus its startTime
  const t0 = ready.ts - readyMs * 1000
  const t1 = ready.ts
  const inWindow = (e: TraceEvent) => e.ts + (e.dur ?? 0) > t0 && e.ts < t1
  const slices = events
    .filter((e) => e.pid === pid && e.tid === mainTid && e.ph === 'X' && e.dur !== undefined && inWindow(e))
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))

  // self time per event name, the events nested by their extent
  const busy: Record<string, number> = {}
  const stack: { e: TraceEvent; end: number; child: number }[] = []
  const close = (upTo: number) => {
    while (stack.length && (stack[stack.length - 1]?.end ?? 0) <= upTo) {
      const top = stack.pop()!
      const from = Math.max(top.e.ts, t0)
      const to = Math.min(top.end, t1)
      const self = Math.max(0, to - from - top.child) / 1000
      busy[top.e.name] = (busy[top.e.name] ?? 0) + self
      const parent = stack[stack.length - 1]
      if (parent) parent.child += Math.max(0, to - from)
    }
  }
  let tasks = 0
  let busyTotal = 0
  const phases: { from: number; to: number; phase: string }[] = []
  const timeline = Array.from({ length: Math.ceil(readyMs / 25) }, () => 0)
  for (const e of slices) {
    close(e.ts)
    const end = e.ts + (e.dur ?? 0)
    if (stack.length === 0) {
      phases.push({ from: e.ts, to: end, phase: 'other' })
      tasks++
      const from = Math.max(e.ts, t0)
      const to = Math.min(end, t1)
      busyTotal += (to - from) / 1000
      for (let t = from; t < to; t += 1000) {
        const slot = Math.floor((t - t0) / 25_000)
        if (slot < timeline.length) timeline[slot] = (timeline[slot] ?? 0) + Math.min(1, (to - t) / 1000)
      }
    }
    const phase = phases[phases.length - 1]
    if (phase && phase.phase === 'other') phase.phase = phaseOf(e.name) ?? 'other'
    stack.push({ e, end, child: 0 })
  }
  close(Number.POSITIVE_INFINITY)
  const phaseAt = (ts: number): string => {
    let lo = 0
    let hi = phases.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const p = phases[mid]!
      if (ts < p.from) hi = mid - 1
      else if (ts > p.to) lo = mid + 1
      else return p.phase
    }
    return 'between tasks'
  }

  // CPU samples of the main thread, attributed to the innermost frame that has a script
  const samples: Record<string, number> = {}
  const functions: Record<string, number> = {}
  const byPhase: Record<string, number> = {}
  const outers: Record<string, number> = {}
  const inclusive: Record<string, number> = {}
  const slots: Record<string, number>[] = Array.from({ length: Math.ceil(readyMs / 25) }, () => ({}))
  const nodes = new Map<number, { parent?: number; url: string; fn: string; line: number; col: number }>()
  const profiles = events.filter((e) => e.pid === pid && (e.name === 'Profile' || e.name === 'ProfileChunk'))
  const profileId = events.find((e) => e.pid === pid && e.tid === mainTid && e.name === 'Profile')?.id
  let time = 0
  for (const e of profiles) {
    if (e.id !== profileId) continue
    if (e.name === 'Profile') {
      time = Number((e.args?.data as { startTime?: number })?.startTime ?? 0)
      continue
    }
    const data = e.args?.data as {
      cpuProfile?: {
        nodes?: {
          id: number
          parent?: number
          callFrame: { url: string; functionName: string; lineNumber: number; columnNumber: number }
        }[]
        samples?: number[]
      }
      timeDeltas?: number[]
    }
    for (const n of data.cpuProfile?.nodes ?? [])
      nodes.set(n.id, {
        parent: n.parent,
        url: n.callFrame.url ?? '',
        fn: n.callFrame.functionName ?? '',
        line: n.callFrame.lineNumber,
        col: n.callFrame.columnNumber,
      })
    const ids = data.cpuProfile?.samples ?? []
    const deltas = data.timeDeltas ?? []
    ids.forEach((id, i) => {
      const before = time
      time += deltas[i] ?? 0
      if (time < t0 || time > t1) return
      const ms = (time - before) / 1000
      let node = nodes.get(id)
      let key = node?.fn ? `(${node.fn})` : '(unknown)'
      let fn = key
      if (node && (node.fn === '(idle)' || node.fn === '(program)' || node.fn === '(garbage collector)')) key = node.fn
      else
        while (node) {
          if (node.url.startsWith('http')) {
            key = sourceOf(node.url, node.line, node.col)
            fn = `${key}: ${node.fn || '(anonymous)'}`
            break
          }
          node = node.parent === undefined ? undefined : nodes.get(node.parent)
        }
      // the outermost frame with a script: who started this work
      let outer: string | undefined
      const w = Math.min(ms, 5)
      const onStack = new Set<string>()
      for (let n = nodes.get(id); n; n = n.parent === undefined ? undefined : nodes.get(n.parent))
        if (n.url.startsWith('http')) {
          outer = `${sourceOf(n.url, n.line, n.col)}: ${n.fn || '(top level)'}`
          onStack.add(outer)
        }
      for (const f of onStack) inclusive[f] = (inclusive[f] ?? 0) + w
      if (outer) outers[outer] = (outers[outer] ?? 0) + w
      samples[key] = (samples[key] ?? 0) + w
      const ph = `${phaseAt(time)} | ${key}`
      byPhase[ph] = (byPhase[ph] ?? 0) + w
      functions[fn] = (functions[fn] ?? 0) + w
      const slot = slots[Math.floor((time - t0) / 25_000)]
      if (slot) slot[key] = (slot[key] ?? 0) + w
    })
  }
  // milestones from the trace: each script's background parse and each module evaluation of the main thread
  const milestones: Record<string, number> = {}
  const at = (ts: number) => (ts - t0) / 1000
  for (const e of events) {
    if (e.pid !== pid || e.ts > t1) continue
    const url = String((e.args?.data as { url?: string } | undefined)?.url ?? '')
    const file =
      url
        .split('/')
        .pop()
        ?.replace(/-[\w-]{8}\.js$/, '') ?? ''
    if (e.name === 'v8.parseOnBackground' && file) {
      milestones[`parse ${file} start`] = at(e.ts)
      milestones[`parse ${file} end`] = at(e.ts + (e.dur ?? 0))
    }
    if (e.name === 'v8.evaluateModule' && e.tid === mainTid && (e.dur ?? 0) > 1000) {
      const n = Object.keys(milestones).filter((k) => k.startsWith('evaluate #')).length / 2
      milestones[`evaluate #${n} start`] = at(e.ts)
      milestones[`evaluate #${n} end`] = at(e.ts + (e.dur ?? 0))
    }
  }
  return {
    readyMs,
    busy,
    idleMs: readyMs - busyTotal,
    tasks,
    samples,
    timeline,
    slots,
    functions,
    byPhase,
    outers,
    inclusive,
    milestones,
  }
}

async function traceOnce(origin: string, profile: string, n: number): Promise<RunResult> {
  const { context, page } = await launchProfile(profile)
  try {
    await page.addInitScript({ content: watchReadyScript(screen) })
    await page.addInitScript({ content: PAGE_PROBE })
    const cdp = await context.newCDPSession(page)
    await cdp.send('Tracing.start', {
      transferMode: 'ReturnAsStream',
      traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible' },
    })
    await page.goto(`${origin}/`, { waitUntil: 'commit' })
    await page.waitForFunction(() => performance.getEntriesByName('shellReady').length > 0)
    const { readyMs, scripts, idb } = await page.evaluate(() => {
      const w = window as unknown as { __shellReadyAt: number; __idbLog: IdbEntry[] }
      return {
        readyMs: w.__shellReadyAt,
        idb: w.__idbLog,
        scripts: performance
          .getEntriesByType('resource')
          .filter((e): e is PerformanceResourceTiming => e instanceof PerformanceResourceTiming)
          .filter((e) => e.startTime <= w.__shellReadyAt && /\.(js|css)$/.test(new URL(e.name).pathname))
          .map((e) => ({
            name: new URL(e.name).pathname.split('/').pop() ?? e.name,
            start: e.startTime,
            end: e.responseEnd,
            kb: e.decodedBodySize / 1024,
          })),
      }
    })
    const events = await collectTrace(cdp)
    if (args.keep) {
      mkdirSync(args.keep, { recursive: true })
      writeFileSync(join(args.keep, `${screen}-${n}.json`), JSON.stringify({ traceEvents: events }))
    }
    const result = { ...analyse(events, readyMs), scripts, idb }
    for (const sc of scripts) {
      const name = sc.name.replace(/-[\w-]{8}\.(js|css)$/, '.$1')
      result.milestones[`fetch ${name} start`] ??= sc.start
      result.milestones[`fetch ${name} end`] ??= sc.end
    }
    const seen = new Map<string, number>()
    for (const e of idb) {
      const what = e.what.length > 40 ? `${e.what.slice(0, 40)}…` : e.what
      const k = seen.get(what) ?? 0
      seen.set(what, k + 1)
      result.milestones[`idb ${what}${k ? ` #${k + 1}` : ''} start`] = e.start
      if (e.end !== undefined) result.milestones[`idb ${what}${k ? ` #${k + 1}` : ''} end`] = e.end
    }
    result.milestones['ready'] = readyMs
    return result
  } finally {
    await context.close()
  }
}

async function setUpProfile(origin: string): Promise<string> {
  const profile = tempProfile('trace-setup')
  const { context, page } = await launchProfile(profile)
  try {
    await page.goto(`${origin}/__bench/`)
    await page.waitForFunction(() => 'bench' in window)
    await page.evaluate(
      async ({ cases }) => {
        const world = await window.bench.setup(20261122, { firstDay: '2024-01-01', today: '2026-11-22', total: cases })
        await window.bench.load({
          dbName: 'mediation-room',
          seed: 20261122,
          world,
          start: 0,
          step: 1,
          count: cases,
          batch: 50,
          sessions: true,
        })
      },
      { cases: Number(args.cases) },
    )
  } finally {
    await context.close()
  }
  return profile
}

const fmt = (x: number) => String(Math.round(x)).padStart(5)

function report(runs: RunResult[]): void {
  const med = (f: (r: RunResult) => number) => median(runs.map(f))
  console.log(`\n## ${screen}: ${runs.length} fresh starts, ${appDir}`)
  console.log(`ready (ms): ${runs.map((r) => round(r.readyMs)).join(' ')}; median ${round(med((r) => r.readyMs))}`)
  console.log(`main thread idle before ready: median ${round(med((r) => r.idleMs))} ms; tasks ${med((r) => r.tasks)}`)
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.busy)))]
  const busyRows = names
    .map((n) => [n, med((r) => r.busy[n] ?? 0)] as const)
    .filter(([, v]) => v >= 1)
    .sort((a, b) => b[1] - a[1])
  console.log('main thread busy, self time per trace event (median ms):')
  for (const [n, v] of busyRows) console.log(`  ${fmt(v)}  ${n}`)
  const sources = [...new Set(runs.flatMap((r) => Object.keys(r.samples)))]
  const sampleRows = sources
    .map((n) => [n, med((r) => r.samples[n] ?? 0)] as const)
    .filter(([, v]) => v >= 1)
    .sort((a, b) => b[1] - a[1])
  console.log('main thread CPU samples per source (median ms):')
  for (const [n, v] of sampleRows) console.log(`  ${fmt(v)}  ${n}`)
  const phaseKeys = [...new Set(runs.flatMap((r) => Object.keys(r.byPhase)))]
  const phaseTotals = new Map<string, number>()
  for (const k of phaseKeys) {
    const ph = k.split(' | ')[0] ?? k
    phaseTotals.set(ph, (phaseTotals.get(ph) ?? 0) + med((r) => r.byPhase[k] ?? 0))
  }
  console.log('main thread CPU per phase (what started the task) and source (median ms; sums of medians):')
  for (const [ph, total] of [...phaseTotals].sort((a, b) => b[1] - a[1])) {
    if (total < 1) continue
    const top = phaseKeys
      .filter((k) => k.startsWith(`${ph} | `))
      .map((k) => [k.slice(ph.length + 3), med((r) => r.byPhase[k] ?? 0)] as const)
      .filter(([, v]) => v >= 1)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${Math.round(v)}`)
      .join(', ')
    console.log(`  ${fmt(total)}  ${ph}: ${top}`)
  }
  const outerRows = [...new Set(runs.flatMap((r) => Object.keys(r.outers)))]
    .map((n) => [n, med((r) => r.outers[n] ?? 0)] as const)
    .filter(([, v]) => v >= 2)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 30)
  console.log('CPU per outermost script frame (median ms):')
  for (const [n, v] of outerRows) console.log(`  ${fmt(v)}  ${n}`)
  const incRows = [...new Set(runs.flatMap((r) => Object.keys(r.inclusive)))]
    .map((n) => [n, med((r) => r.inclusive[n] ?? 0)] as const)
    .filter(([, v]) => v >= 3)
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(process.env.TRACE_INCLUSIVE ?? 60))
  console.log('CPU per function, callees included (median ms):')
  for (const [n, v] of incRows) console.log(`  ${fmt(v)}  ${n}`)
  const last = runs[runs.length - 1]
  if (!last) return
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.milestones)))]
  console.log('milestones (median ms after navigation start; runs):')
  for (const k of keys.sort((a, b) => med((r) => r.milestones[a] ?? 0) - med((r) => r.milestones[b] ?? 0)))
    console.log(
      `  ${fmt(med((r) => r.milestones[k] ?? 0))}  ${k}  (${runs.map((r) => Math.round(r.milestones[k] ?? -1)).join(' ')})`,
    )
  console.log('last run, scripts and styles (start → response end, ms):')
  for (const s of last.scripts) console.log(`  ${fmt(s.start)} → ${fmt(s.end)}  ${s.name} (${Math.round(s.kb)} KB)`)
  console.log('last run, IndexedDB as the page saw it (start → end, ms):')
  if (process.env.TRACE_STACKS)
    for (const e of last.idb as (IdbEntry & { stack?: string })[])
      if (e.stack) console.log(`  ${e.what} at ${Math.round(e.start)}:\n${e.stack}`)
  for (const e of last.idb)
    console.log(
      `  ${fmt(e.start)} → ${e.end === undefined ? '  ...' : fmt(e.end)}  ${e.what}${e.upgrade ? ` (upgrade at ${Math.round(e.upgrade)})` : ''}`,
    )
  console.log('last run, main thread per 25 ms slice: busy ms, then CPU ms of its top sources:')
  last.timeline.forEach((v, i) => {
    const top = Object.entries(last.slots[i] ?? {})
      .filter(([k]) => k !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([k, ms]) => `${k} ${Math.round(ms)}`)
      .join(', ')
    console.log(`  ${fmt(i * 25)} ms: ${String(Math.round(v)).padStart(2)}  ${top}`)
  })
  const fns = [...new Set(runs.flatMap((r) => Object.keys(r.functions)))]
    .map((n) => [n, med((r) => r.functions[n] ?? 0)] as const)
    .filter(([, v]) => v >= 2)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 40)
  console.log('top functions, self CPU (median ms):')
  for (const [n, v] of fns) console.log(`  ${fmt(v)}  ${n}`)
}

async function main(): Promise<void> {
  const pageDir = screen === 'dashboard' ? await buildBenchPage(tempProfile('trace-page')) : undefined
  const roots: Record<string, string> = { '/': appDir }
  if (pageDir) roots['/__bench/'] = pageDir
  const server = await startServer(roots, Number(args.port), { cacheAssets: true })
  const setUp = pageDir ? await setUpProfile(server.origin) : undefined
  const runs: RunResult[] = []
  try {
    for (let i = 0; i < Number(args.runs); i++) {
      const profile = tempProfile('trace')
      if (setUp) cpSync(setUp, profile, { recursive: true })
      try {
        const r = await traceOnce(server.origin, profile, i)
        console.error(`[trace] run ${i}: ready at ${round(r.readyMs)} ms, idle ${round(r.idleMs)} ms`)
        runs.push(r)
      } finally {
        removeProfile(profile)
      }
    }
    report(runs)
  } finally {
    await server.close()
    if (setUp) removeProfile(setUp)
    if (pageDir) removeProfile(pageDir)
  }
}

void main()
