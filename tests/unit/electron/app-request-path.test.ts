import { join, relative, isAbsolute, sep } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { resolveAppRequestPath } from '../../../electron/main/app-request-path'

const ROOT = join(sep, 'opt', 'mediation-room', 'out', 'renderer')

function served(url: string): string | null {
  const result = resolveAppRequestPath(url, ROOT)
  return result.ok ? result.filePath : null
}

function isInsideRoot(filePath: string): boolean {
  const fromRoot = relative(ROOT, filePath)
  return fromRoot !== '' && !fromRoot.startsWith('..') && !isAbsolute(fromRoot)
}

describe('resolveAppRequestPath', () => {
  it('serves files of the built renderer', () => {
    expect(served('app://mediation-room/index.html')).toBe(join(ROOT, 'index.html'))
    expect(served('app://mediation-room/assets/index-abc123.js')).toBe(join(ROOT, 'assets', 'index-abc123.js'))
    expect(served('app://mediation-room/fonts/%E5%AE%8B%E4%BD%93.ttf')).toBe(join(ROOT, 'fonts', '宋体.ttf'))
  })

  it('answers the root and client-side routes with index.html', () => {
    expect(served('app://mediation-room/')).toBe(join(ROOT, 'index.html'))
    expect(served('app://mediation-room')).toBe(join(ROOT, 'index.html'))
    expect(served('app://mediation-room/cases/123')).toBe(join(ROOT, 'index.html'))
  })

  it.each([
    ['dot-dot segments', 'app://mediation-room/assets/../../../etc/passwd.txt'],
    ['encoded dot-dot and slash', 'app://mediation-room/..%2f..%2fetc/passwd'],
    ['encoded dot-dot segment', 'app://mediation-room/%2e%2e/%2e%2e/etc/passwd.txt'],
    ['upper-case encoding', 'app://mediation-room/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd'],
    ['encoded slash inside a name', 'app://mediation-room/assets%2f..%2f..%2fsecret.txt'],
    ['double encoding', 'app://mediation-room/%252e%252e%252fetc%252fpasswd.txt'],
    ['backslash', 'app://mediation-room/..\\..\\windows\\win.ini'],
    ['encoded backslash', 'app://mediation-room/..%5c..%5cwindows%5cwin.ini'],
    ['NUL byte', 'app://mediation-room/index.html%00.png'],
    ['control character', 'app://mediation-room/in%0adex.html'],
    ['absolute path smuggled in a segment', 'app://mediation-room/%2Fetc%2Fpasswd'],
    ['Windows drive', 'app://mediation-room/C:%5Cwindows%5Cwin.ini'],
    ['Windows device name', 'app://mediation-room/assets/con.js'],
    ['malformed escape', 'app://mediation-room/%E0%A4%A.js'],
    ['other host', 'app://evil.example/index.html'],
    ['look-alike host', 'app://mediation-room.evil/index.html'],
    ['port', 'app://mediation-room:8080/index.html'],
    ['credentials', 'app://user:pw@mediation-room/index.html'],
    ['other scheme', 'file:///etc/passwd'],
    ['https', 'https://mediation-room/index.html'],
    ['not a URL', 'index.html'],
  ])('refuses %s', (_label, url) => {
    expect(resolveAppRequestPath(url, ROOT)).toEqual({ ok: false })
  })

  it('never serves a file outside the root, whatever the path (fuzz)', () => {
    const segment = fc.oneof(
      fc.constantFrom(
        '..',
        '.',
        '%2e%2e',
        '%2E%2e',
        '..%2f',
        '%2f',
        '%5c',
        '%00',
        '%252e',
        'assets',
        'a.js',
        '%',
        '\\',
        ':',
      ),
      fc.string({ unit: 'binary', maxLength: 8 }),
    )
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), fc.boolean(), (segments, trailingSlash) => {
        const url = `app://mediation-room/${segments.join('/')}${trailingSlash ? '/' : ''}`
        const filePath = served(url)
        if (filePath !== null) expect(isInsideRoot(filePath)).toBe(true)
      }),
      { numRuns: 5000 },
    )
  })

  it('never serves a file outside the root for arbitrary strings after the host (fuzz)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 60 }), (tail) => {
        const filePath = served(`app://mediation-room/${tail}`)
        if (filePath !== null) expect(isInsideRoot(filePath)).toBe(true)
      }),
      { numRuns: 5000 },
    )
  })
})
