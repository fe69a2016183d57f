// throw-away: CPU profile of the bench page's sealed and plain loads (not committed)
import { resolve } from 'node:path'
import { build } from 'vite'
import { addDays } from '../../src/domain/dates'
import { launchProfile, tempProfile } from './browser'
import { startServer } from './server'
import { pdfmakeFontHook } from '../../src/documents/node/pdfmake-font-hook'

const outDir = tempProfile('page')
await build({
  configFile: false,
  root: resolve(import.meta.dirname, 'page'),
  base: './',
  logLevel: 'warn',
  worker: { format: 'es', plugins: () => [pdfmakeFontHook()] },
  build: { outDir, emptyOutDir: true, minify: false, chunkSizeWarningLimit: 8192, reportCompressedSize: false },
})
const server = await startServer({ '/__bench/': outDir }, 4491, {})
const { context, page } = await launchProfile(tempProfile('prof'))
await page.goto(`${server.origin}/__bench/`)
await page.waitForFunction(() => 'bench' in window)
const total = Number(process.env.TOTAL ?? 5000)
const n = Number(process.env.N ?? 2000)
const span = { firstDay: addDays('2026-11-22', -(3 * 365) + 1), today: '2026-11-22', total }
const world = await page.evaluate((a) => window.bench.setup(a.seed, a.span), { seed: 20261122, span })
const request = { dbName: 'p', seed: 20261122, world, start: 0, step: Math.max(1, Math.floor(total / n)), count: n, batch: 1000, sessions: true }
const cdp = await context.newCDPSession(page)
await cdp.send('Profiler.enable')
await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
async function profiled(label: string, plain: boolean) {
  await page.evaluate((name) => window.bench.deleteDb(name), 'p')
  await cdp.send('Profiler.start')
  const r = await page.evaluate((req) => window.bench.load(req), { ...request, dbName: plain ? 'p-plain' : 'p', plain })
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] } }
  const self = new Map<number, number>()
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000))
  const by = new Map<string, number>()
  for (const node of profile.nodes) {
    const f = node.callFrame
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`
    by.set(key, (by.get(key) ?? 0) + (self.get(node.id) ?? 0))
  }
  const top = [...by].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 30))
  console.log(`\n== ${label}: ${Math.round(r.totalMs)} ms`)
  for (const [k, v] of top) console.log(`${v.toFixed(1).padStart(8)}  ${k}`)
  return by
}
for (let round = 0; round < Number(process.env.ROUNDS ?? 2); round++) {
  await profiled('sealed', false)
  await profiled('plain', true)
}
await context.close()
await server.close()
