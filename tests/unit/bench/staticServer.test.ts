import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type StaticServer } from '../../e2e/staticServer.mjs'

/** The server behind `node tests/e2e/serve.mjs` and the bench: two roots, one origin. */
describe('static server', () => {
  let server: StaticServer
  beforeAll(async () => {
    const app = mkdtempSync(join(tmpdir(), 'mr-static-'))
    writeFileSync(join(app, 'index.html'), '<h1>调解室</h1>')
    writeFileSync(join(app, 'main.js'), 'export {}')
    mkdirSync(join(app, 'bench'))
    writeFileSync(join(app, 'bench', 'index.html'), 'bench page')
    // a sibling of the root, reachable only through an encoded slash: /..%2Fmr-static-secret.txt
    writeFileSync(join(tmpdir(), 'mr-static-secret.txt'), 'outside the root')
    server = await startServer({ '/__bench/': join(app, 'bench'), '/': app })
  })
  afterAll(() => server.close())

  const get = (path: string) => fetch(`${server.origin}${path}`)

  it('serves index.html at / and files by type, never cached', async () => {
    const root = await get('/')
    expect(root.status).toBe(200)
    expect(root.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(root.headers.get('cache-control')).toBe('no-store')
    expect(await root.text()).toBe('<h1>调解室</h1>')
    expect((await get('/main.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8')
  })

  it('lets the bench keep files under assets/ when asked, and nothing else', async () => {
    const app = mkdtempSync(join(tmpdir(), 'mr-static-'))
    writeFileSync(join(app, 'index.html'), 'app')
    mkdirSync(join(app, 'assets'))
    writeFileSync(join(app, 'assets', 'index-abc123.js'), 'export {}')
    const caching = await startServer({ '/': app }, 0, { cacheAssets: true })
    try {
      const header = async (path: string) => (await fetch(`${caching.origin}${path}`)).headers.get('cache-control')
      expect(await header('/assets/index-abc123.js')).toBe('public, max-age=31536000, immutable')
      expect(await header('/')).toBe('no-store')
    } finally {
      await caching.close()
    }
    expect((await get('/main.js')).headers.get('cache-control')).toBe('no-store')
  })

  it('serves the longer prefix from its own root', async () => {
    expect(await (await get('/__bench/')).text()).toBe('bench page')
  })

  it('answers 404 for a missing file or a path out of the root, 400 for a broken escape', async () => {
    expect((await get('/missing.js')).status).toBe(404)
    expect((await get('/..%2Fmr-static-secret.txt')).status).toBe(404)
    expect((await get('/%E0%A4%A')).status).toBe(400)
  })
})
