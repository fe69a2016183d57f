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

function securityHeaders(csp: string) {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
  } as const
}

function notFound(csp: string): Response {
  return new Response('Not found', {
    status: 404,
    headers: { ...securityHeaders(csp), 'content-type': 'text/plain; charset=utf-8' },
  })
}

export interface AppRequestHandlerOptions {
  /** The built renderer folder (out/renderer, inside app.asar when packaged). */
  rootDir: string
  readFile?: (filePath: string) => Promise<Uint8Array>
  /** the policy of each response; it opens the saved sync server's origin (csp.ts), read when the page loads */
  contentSecurityPolicy?: () => Promise<string> | string
}

/** Serves the built renderer, with the CSP header on every response. Missing or refused paths get 404. */
export function createAppRequestHandler({
  rootDir,
  readFile = readFileFromDisk,
  contentSecurityPolicy = () => CONTENT_SECURITY_POLICY,
}: AppRequestHandlerOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    const csp = await Promise.resolve()
      .then(contentSecurityPolicy)
      .catch(() => CONTENT_SECURITY_POLICY)
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: securityHeaders(csp) })
    }
    const resolved = resolveAppRequestPath(request.url, rootDir)
    if (!resolved.ok) return notFound(csp)
    let body: Uint8Array
    try {
      body = await readFile(resolved.filePath)
    } catch {
      return notFound(csp)
    }
    const headers = { ...securityHeaders(csp), 'content-type': mimeTypeFor(resolved.filePath) }
    // Copy into a fresh ArrayBuffer-backed view: Response wants a BufferSource, not a Node Buffer's pooled slab.
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers })
  }
}

export function serveAppScheme(
  protocol: Pick<Protocol, 'handle'>,
  rootDir: string,
  contentSecurityPolicy?: () => Promise<string> | string,
): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler({ rootDir, contentSecurityPolicy }))
}
