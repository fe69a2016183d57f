/**
 * Document figures in the place the app renders: the real PDF worker (src/documents/browser) built by
 * Vite into a bench page and run in Debian's Chromium. Warm: one page, median of 5 after warm-up.
 * Cold: a fresh browser context per run (new worker, fonts fetched and parsed, first render).
 */
import { chromium, type Browser, type Page } from '@playwright/test'
import { build } from 'vite'
import type { DocumentKind } from '../../../src/documents/builders/index'
import { pdfmakeFontHook } from '../../../src/documents/node/pdfmake-font-hook'
import type { CaseBundle } from '../../../src/domain/types'
import { CHROMIUM_ARGS, findChromium } from '../../e2e/chromium'
import { removeProfile, tempProfile } from '../browser'
import { startServer } from '../server'
import type { DocumentsBenchApi } from './main'
import { measureColdWithoutDevtools } from './without-devtools'

export interface WorkerRuns {
  warm: number[]
  cold: number[]
  /** cold split: the case-open preload (worker, fonts for the names, warm-up), then the first render */
  coldPreload: number[]
  coldFirstRender: number[]
  /** the first render after the warm-up the app starts when idle after start-up (no case text) */
  idleFirstRender: number[]
  /** the cold figure again in a Chromium with no DevTools client attached (./without-devtools.ts) */
  coldWithoutDevtools: number[]
  bytes: number
  /** distinct SHA-256 of every agreement made (fixed creation date): 1 when the output is reproducible */
  distinctPdfs: number
}

async function buildPage(outDir: string): Promise<string> {
  await build({
    configFile: false,
    root: import.meta.dirname,
    base: './',
    logLevel: 'warn',
    worker: { format: 'es', plugins: () => [pdfmakeFontHook()] },
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 8192, reportCompressedSize: false },
  })
  return outDir
}

async function openPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(url)
  await page.waitForFunction(() => 'benchDocuments' in window)
  return page
}

const digests = new Set<string>()

async function render(page: Page, kind: DocumentKind, bundle: CaseBundle): Promise<{ ms: number; bytes: number }> {
  const result = await page.evaluate(
    ([k, b]) => (window as unknown as { benchDocuments: DocumentsBenchApi }).benchDocuments.render(k, b),
    [kind, bundle] as const,
  )
  digests.add(result.sha256)
  return result
}

/** The names a case prints, as the documents store preloads them when the case opens. */
function namesOf(bundle: CaseBundle): string {
  return [
    ...bundle.parties.flatMap((p) => [p.name, ...p.agents.map((a) => a.name)]),
    ...bundle.mediators.map((m) => m.name),
    bundle.committee.fullName,
  ].join('')
}

/**
 * `besideWarm` runs after each warm render: the floors measured in turn with the worker's warm runs, so that
 * the same machine load weighs on both (documents.ts: Chromium's page.pdf and LibreOffice).
 */
export async function measureWorker(
  bundle: CaseBundle,
  runs: number,
  besideWarm?: () => Promise<void>,
): Promise<WorkerRuns> {
  digests.clear()
  const outDir = await buildPage(tempProfile('documents-page'))
  const server = await startServer({ '/': outDir })
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true })
  const url = `${server.origin}/index.html`
  try {
    const cold: number[] = []
    const coldPreload: number[] = []
    const coldFirstRender: number[] = []
    const idleFirstRender: number[] = []
    for (let i = 0; i < runs; i++) {
      const page = await openPage(browser, url)
      cold.push((await render(page, 'agreement', bundle)).ms)
      await page.context().close()
      // the same, split: start the worker and load its fonts (what opening a case does), then render
      const split = await openPage(browser, url)
      coldPreload.push(
        await split.evaluate(
          (t) => (window as unknown as { benchDocuments: DocumentsBenchApi }).benchDocuments.preload(t.names, t.bundle),
          { names: namesOf(bundle), bundle },
        ),
      )
      coldFirstRender.push((await render(split, 'agreement', bundle)).ms)
      await split.context().close()
      // the app's idle warm-up a few seconds after start (src/documents/browser/idleWarmUp.ts), then a case's first 预览
      const idle = await openPage(browser, url)
      await idle.evaluate(() => (window as unknown as { benchDocuments: DocumentsBenchApi }).benchDocuments.preload(''))
      idleFirstRender.push((await render(idle, 'agreement', bundle)).ms)
      await idle.context().close()
    }
    const page = await openPage(browser, url)
    for (let i = 0; i < 8; i++) await render(page, 'agreement', bundle)
    const warm: number[] = []
    let bytes = 0
    for (let i = 0; i < runs; i++) {
      const r = await render(page, 'agreement', bundle)
      warm.push(r.ms)
      bytes = r.bytes
      await besideWarm?.()
    }
    const plain = await measureColdWithoutDevtools(outDir, bundle, runs)
    for (const run of plain) digests.add(run.sha256)
    return {
      warm,
      cold,
      coldPreload,
      coldFirstRender,
      idleFirstRender,
      coldWithoutDevtools: plain.map((r) => r.ms),
      bytes,
      distinctPdfs: digests.size,
    }
  } finally {
    await browser.close()
    await server.close()
    removeProfile(outDir)
  }
}
