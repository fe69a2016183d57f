/**
 * The cold agreement again, in a Chromium that no DevTools client is attached to, as in the app.
 * Playwright attaches the DevTools protocol to every worker; with it attached, V8 collects source
 * positions for the functions on the stack of every exception, and pdfmake's bundle throws (and catches)
 * a few in its feature checks while it is evaluated, inside functions that span the whole ~1 MB bundle:
 * ~0.15–0.2 s more to start the worker (session 3, tests/bench/RESULTS.md). Here each run launches a
 * plain headless Chromium on the bench page, and the page posts its figure back over HTTP.
 * Same page, same worker, same "fresh worker, nothing preloaded" as `measureWorker`'s cold figure.
 */
import { spawn } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage } from 'node:http'
import { extname } from 'node:path'
import type { CaseBundle } from '../../../src/domain/types'
import { CHROMIUM_ARGS, findChromium } from '../../e2e/chromium'
import { resolveFile } from '../server'
import { tempProfile } from '../browser'

export interface PlainRun {
  ms: number
  sha256: string
}

/** Give up on a run after this long (a page that failed to load never posts). */
const RUN_TIMEOUT_MS = 60_000
/** The browser itself starts with the page; the render waits until it has settled, as the Playwright runs do. */
const SETTLE_MS = 1000

const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.ttf': 'font/ttf' }

function coldPage(entry: string): string {
  return `<!doctype html><meta charset="utf-8"><script type="module" src="${entry}"></script><script type="module">
    const bundle = await (await fetch('./bundle.json')).json()
    while (!('benchDocuments' in window)) await new Promise((r) => setTimeout(r, 10))
    await new Promise((r) => setTimeout(r, ${SETTLE_MS}))
    const result = await window.benchDocuments.render('agreement', bundle)
    await fetch('./result', { method: 'POST', body: JSON.stringify({ ms: result.ms, sha256: result.sha256 }) })
  </script>`
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    req.on('data', (chunk: Buffer) => (text += chunk.toString()))
    req.on('end', () => resolve(text))
    req.on('error', reject)
  })
}

/** `runs` cold agreements from the built bench page in `pageDir`, each in a new Chromium process. */
export async function measureColdWithoutDevtools(
  pageDir: string,
  bundle: CaseBundle,
  runs: number,
): Promise<PlainRun[]> {
  const entry = /src="(\.\/assets\/index-[^"]+\.js)"/.exec(readFileSync(`${pageDir}/index.html`, 'utf8'))?.[1]
  if (!entry) throw new Error(`no entry script in ${pageDir}/index.html`)
  let deliver: ((run: PlainRun) => void) | undefined
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    if (req.method === 'POST' && path === '/result') {
      void body(req).then((text) => {
        res.end('ok')
        deliver?.(JSON.parse(text) as PlainRun)
      })
      return
    }
    if (path === '/cold.html') return void res.writeHead(200, { 'content-type': 'text/html' }).end(coldPage(entry))
    if (path === '/bundle.json')
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(bundle))
    const file = resolveFile({ '/': pageDir }, path)
    if (!file) return void res.writeHead(404).end()
    let content: Buffer
    try {
      content = readFileSync(file)
    } catch {
      return void res.writeHead(404).end()
    }
    res
      .writeHead(200, {
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      })
      .end(content)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/cold.html`
  const results: PlainRun[] = []
  const profiles: string[] = []
  try {
    for (let i = 0; i < runs; i++) {
      const profile = tempProfile('documents-plain')
      const posted = new Promise<PlainRun>((resolve) => (deliver = resolve))
      const browser = spawn(findChromium(), ['--headless', ...CHROMIUM_ARGS, `--user-data-dir=${profile}`, url], {
        stdio: 'ignore',
      })
      const exited = new Promise((resolve) => browser.once('exit', resolve))
      let timer: NodeJS.Timeout | undefined
      try {
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no result from the plain Chromium run within ${RUN_TIMEOUT_MS} ms`)),
            RUN_TIMEOUT_MS,
          )
        })
        results.push(await Promise.race([posted, timeout]))
      } finally {
        clearTimeout(timer)
        browser.kill()
        await exited
        profiles.push(profile)
      }
    }
  } finally {
    server.close()
    // Chromium's helper processes may still write to a profile for a while after the browser exits
    await new Promise((resolve) => setTimeout(resolve, 1000))
    for (const profile of profiles) rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 })
  }
  return results
}
