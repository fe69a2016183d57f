import { join, sep } from 'node:path'
import { describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => ({}))

const { APP_SCHEME_PRIVILEGED, createAppRequestHandler, registerAppSchemeAsPrivileged, serveAppScheme } =
  await import('../../../electron/main/protocol')
const { CONTENT_SECURITY_POLICY } = await import('../../../electron/main/csp')

const ROOT = join(sep, 'srv', 'renderer')
const FILES: Record<string, string> = {
  [join(ROOT, 'index.html')]: '<!doctype html><title>调解室</title>',
  [join(ROOT, 'assets', 'index.js')]: 'console.log(1)',
  [join(ROOT, 'assets', 'index.css')]: 'body{}',
  [join(ROOT, 'assets', 'font.woff2')]: 'woff2',
}

async function readFake(filePath: string): Promise<Uint8Array> {
  const text = FILES[filePath]
  if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' })
  return new TextEncoder().encode(text)
}

const handle = createAppRequestHandler({ rootDir: ROOT, readFile: readFake })

describe('the app:// scheme', () => {
  it('is registered as standard, secure and fetch-capable, without CORS', () => {
    expect(APP_SCHEME_PRIVILEGED).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    })
    const registerSchemesAsPrivileged = vi.fn()
    registerAppSchemeAsPrivileged({ registerSchemesAsPrivileged })
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([APP_SCHEME_PRIVILEGED])
  })

  it('registers its handler for the app scheme', () => {
    const protocolHandle = vi.fn()
    serveAppScheme({ handle: protocolHandle }, ROOT)
    expect(protocolHandle).toHaveBeenCalledWith('app', expect.any(Function))
  })
})

describe('the app:// request handler', () => {
  it('serves the page with the CSP header and its MIME type', async () => {
    const response = await handle(new Request('app://mediation-room/index.html'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await response.text()).toContain('调解室')
  })

  it.each([
    ['assets/index.js', 'text/javascript; charset=utf-8'],
    ['assets/index.css', 'text/css; charset=utf-8'],
    ['assets/font.woff2', 'font/woff2'],
  ])('serves %s as %s', async (path, mime) => {
    const response = await handle(new Request(`app://mediation-room/${path}`))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(mime)
  })

  it('answers 404, still with the CSP, for traversal attempts and missing files', async () => {
    for (const url of [
      'app://mediation-room/..%2f..%2fetc/passwd',
      'app://mediation-room/%2e%2e/%2e%2e/etc/passwd.txt',
      'app://mediation-room/assets/missing.js',
      'app://other-host/index.html',
    ]) {
      const response = await handle(new Request(url))
      expect(response.status, url).toBe(404)
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    }
  })

  it('refuses methods other than GET and HEAD', async () => {
    const response = await handle(new Request('app://mediation-room/index.html', { method: 'POST', body: 'x' }))
    expect(response.status).toBe(405)
  })

  it('answers HEAD without a body', async () => {
    const response = await handle(new Request('app://mediation-room/index.html', { method: 'HEAD' }))
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('')
  })
})

describe('the Content Security Policy', () => {
  it('allows only our own scripts and forbids framing, plugins, forms and base changes', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/)
        return [name, values] as const
      }),
    )
    expect(directives.get('default-src')).toEqual(["'self'"])
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(directives.get('base-uri')).toEqual(["'none'"])
    expect(directives.get('frame-ancestors')).toEqual(["'none'"])
    expect(directives.get('form-action')).toEqual(["'none'"])
    expect(directives.get('connect-src')).toEqual(["'self'"])
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/)
  })
})
