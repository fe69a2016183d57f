// A loopback static file server, shared by the e2e web server (serve.mjs) and the bench (tests/bench/server.ts).
// Plain JavaScript so that `node tests/e2e/serve.mjs` runs it without a TypeScript loader; types in staticServer.d.mts.
import { createServer } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
}

/** Maps a request path to a file under one of the roots (longest prefix first), or undefined. */
export function resolveFile(roots, urlPath) {
  const prefix = Object.keys(roots)
    .sort((a, b) => b.length - a.length)
    .find((p) => urlPath.startsWith(p))
  if (prefix === undefined) return undefined
  const root = roots[prefix]
  const rest = urlPath.slice(prefix.length)
  const file = normalize(join(root, rest === '' || rest.endsWith('/') ? `${rest}index.html` : rest))
  return file.startsWith(root + sep) ? file : undefined
}

/**
 * Serves the roots on 127.0.0.1; port 0 picks a free one (the bench fixes it to keep an origin's IndexedDB).
 * Nothing is cached, unless `cacheAssets`: then files under an `assets/` folder (Vite's content-hashed
 * names) may be kept for good, as Electron keeps app:// scripts, so that a second start finds them and
 * V8's code cache for them (the shell bench's second start).
 */
export async function startServer(roots, port = 0, { cacheAssets = false } = {}) {
  const server = createServer((req, res) => {
    let path
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    } catch {
      res.writeHead(400).end()
      return
    }
    const file = resolveFile(roots, path)
    if (!file) {
      res.writeHead(404).end()
      return
    }
    readFile(file).then(
      (body) => {
        res.writeHead(200, {
          'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control':
            cacheAssets && path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-store',
        })
        res.end(body)
      },
      () => res.writeHead(404).end('not found'),
    )
  })
  await new Promise((ok, fail) => {
    server.once('error', fail)
    server.listen(port, '127.0.0.1', ok)
  })
  const { port: bound } = server.address() // listen() on a TCP port always gives an AddressInfo
  return {
    origin: `http://127.0.0.1:${bound}`,
    close: () => new Promise((ok) => server.close(() => ok())),
  }
}
