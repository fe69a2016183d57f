import { readFile as readFileFromDisk } from 'node:fs/promises'
import type { CustomScheme, Protocol } from 'electron'
import { resolveAppRequestPath } from './app-request-path'
import { CONTENT_SECURITY_POLICY } from './csp'
import { mimeTypeFor } from './mime'
import { APP_SCHEME } from './origin'

/**
 * standard: a real origin, so IndexedDB and relative URLs work; secure: a secure context like https;
 * supportFetchAPI: fetch() and module scripts may load app:// URLs; codeCache: V8 caches our scripts.
 * corsEnabled stays off: it would let other origins read app:// responses without any
 * Access-Control-Allow-Origin check (electron#52912), and we only ever load same-origin.
 */
export const APP_SCHEME_PRIVILEGED: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
}

/** Must run before `ready`. */
export function registerAppSchemeAsPrivileged(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGED])
}

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
} as const

function notFound(): Response {
  return new Response('Not found', {
    status: 404,
    headers: { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' },
  })
}

export interface AppRequestHandlerOptions {
  /** The built renderer folder (out/renderer, inside app.asar when packaged). */
  rootDir: string
  readFile?: (filePath: string) => Promise<Uint8Array>
}

/** Serves the built renderer, with the CSP header on every response. Missing or refused paths get 404. */
export function createAppRequestHandler({
  rootDir,
  readFile = readFileFromDisk,
}: AppRequestHandlerOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: SECURITY_HEADERS })
    }
    const resolved = resolveAppRequestPath(request.url, rootDir)
    if (!resolved.ok) return notFound()
    let body: Uint8Array
    try {
      body = await readFile(resolved.filePath)
    } catch {
      return notFound()
    }
    const headers = { ...SECURITY_HEADERS, 'content-type': mimeTypeFor(resolved.filePath) }
    // Copy into a fresh ArrayBuffer-backed view: Response wants a BufferSource, not a Node Buffer's pooled slab.
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers })
  }
}

export function serveAppScheme(protocol: Pick<Protocol, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler({ rootDir }))
}
