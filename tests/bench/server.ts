/**
 * A loopback static server for the bench: the built app at / and the bench page at /__bench/, on one
 * origin so that both see the same IndexedDB (the shell can be timed over the 100,000 loaded cases).
 */
import { createServer, type Server } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { AddressInfo } from 'node:net'

const TYPES: Record<string, string> = {
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

export interface BenchServer {
  origin: string
  close(): Promise<void>
}

/** Maps a request path to a file under one of the roots (longest prefix first), or undefined. */
export function resolveFile(roots: Record<string, string>, urlPath: string): string | undefined {
  const prefix = Object.keys(roots)
    .sort((a, b) => b.length - a.length)
    .find((p) => urlPath.startsWith(p))
  if (prefix === undefined) return undefined
  const root = roots[prefix]!
  const rest = urlPath.slice(prefix.length)
  const file = normalize(join(root, rest === '' || rest.endsWith('/') ? `${rest}index.html` : rest))
  return file.startsWith(root + sep) ? file : undefined
}

/** `port` is fixed by default: IndexedDB belongs to the origin, port included, so a kept profile needs the same one. */
export async function startServer(roots: Record<string, string>, port = 0): Promise<BenchServer> {
  const server: Server = createServer((req, res) => {
    let path: string
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
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' })
        res.end(body)
      },
      () => res.writeHead(404).end('not found'),
    )
  })
  await new Promise<void>((ok, fail) => {
    server.once('error', fail)
    server.listen(port, '127.0.0.1', ok)
  })
  const address = server.address() as AddressInfo // listen() on a TCP port always gives AddressInfo
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((ok) => server.close(() => ok())),
  }
}
