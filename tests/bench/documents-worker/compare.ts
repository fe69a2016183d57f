/**
 * Before/after for the PDF worker, in one run so both see the same machine load: the bench page built from
 * another checkout's src/documents (e.g. `git archive <commit> src tests/fixtures tests/bench | tar -x -C dir`,
 * with node_modules linked and this folder's main.ts and index.html copied in) against this checkout.
 *
 *   node --import tsx tests/bench/documents-worker/compare.ts <base-dir> [runs]
 *
 * Prints JSON lines: per side, cold (fresh page and worker, first agreement), preload then first render,
 * and warm (median after 8 warm-up renders); base and current alternate run by run.
 */
import { resolve } from 'node:path'
import { chromium, type Browser, type Page } from '@playwright/test'
import { build, type PluginOption } from 'vite'
import { pdfmakeFontHook } from '../../../src/documents/node/pdfmake-font-hook'
import type { CaseBundle } from '../../../src/domain/types'
import { CHROMIUM_ARGS, findChromium } from '../../e2e/chromium'
import { typicalAgreementBundle } from '../../fixtures/cases/typical-agreement'
import { removeProfile, tempProfile } from '../browser'
import { startServer } from '../server'

const [baseDir, runsArg] = process.argv.slice(2)
if (!baseDir) throw new Error('usage: compare.ts <base-dir> [runs]')
const RUNS = Number(runsArg ?? 5)

async function buildPage(root: string, plugins: () => PluginOption[]): Promise<string> {
  const outDir = tempProfile('documents-compare')
  await build({
    configFile: false,
    root,
    base: './',
    logLevel: 'error',
    worker: { format: 'es', plugins },
    build: { outDir, emptyOutDir: true },
  })
  return outDir
}

type Api = { render(k: string, b: CaseBundle): Promise<{ ms: number }>; preload(t: string): Promise<number> }

async function open(browser: Browser, url: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await page.goto(url)
  await page.waitForFunction(() => 'benchDocuments' in window)
  return page
}

const render = async (page: Page, bundle: CaseBundle): Promise<number> =>
  (
    await page.evaluate(([b]) => (window as unknown as { benchDocuments: Api }).benchDocuments.render('agreement', b), [
      bundle,
    ] as const)
  ).ms
const median = (xs: number[]): number =>
  Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN)

const bundle = typicalAgreementBundle()
const names = [...bundle.parties.map((p) => p.name), ...bundle.mediators.map((m) => m.name)].join('')
const sides = {
  base: await buildPage(resolve(baseDir, 'tests/bench/documents-worker'), () => []),
  current: await buildPage(import.meta.dirname, () => [pdfmakeFontHook()]),
}
const server = await startServer({ '/base/': sides.base, '/current/': sides.current })
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true })
const results = Object.fromEntries(
  Object.keys(sides).map((s) => [
    s,
    { cold: [] as number[], preload: [] as number[], firstAfterPreload: [] as number[], warm: [] as number[] },
  ]),
)
try {
  for (let i = 0; i < RUNS; i++) {
    for (const side of Object.keys(sides)) {
      const r = results[side]!
      const cold = await open(browser, `${server.origin}/${side}/index.html`)
      r.cold.push(await render(cold, bundle))
      await cold.context().close()
      const warmed = await open(browser, `${server.origin}/${side}/index.html`)
      r.preload.push(
        await warmed.evaluate((t) => (window as unknown as { benchDocuments: Api }).benchDocuments.preload(t), names),
      )
      r.firstAfterPreload.push(await render(warmed, bundle))
      await warmed.context().close()
    }
  }
  const pages = Object.fromEntries(
    await Promise.all(
      Object.keys(sides).map(async (s) => [s, await open(browser, `${server.origin}/${s}/index.html`)] as const),
    ),
  )
  for (let i = 0; i < 8; i++) for (const s of Object.keys(sides)) await render(pages[s]!, bundle)
  for (let i = 0; i < RUNS; i++)
    for (const s of Object.keys(sides)) results[s]!.warm.push(await render(pages[s]!, bundle))
} finally {
  await browser.close()
  await server.close()
  Object.values(sides).forEach(removeProfile)
}
for (const [side, r] of Object.entries(results)) {
  console.log(
    JSON.stringify({
      side,
      ...Object.fromEntries(Object.entries(r).map(([k, v]) => [k, { median: median(v), runs: v.map(Math.round) }])),
    }),
  )
}
