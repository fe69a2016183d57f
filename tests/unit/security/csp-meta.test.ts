import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY, META_CONNECT_SRC } from '../../../electron/main/csp'

const root = new URL('../../../', import.meta.url)

/** Directives a <meta> CSP ignores (and warns about): they only work as a response header. */
const HEADER_ONLY_DIRECTIVES = ['frame-ancestors', 'report-uri', 'sandbox']

function directives(policy: string): string[] {
  return policy
    .split(';')
    .map((part) => part.trim().split(/\s+/).join(' '))
    .filter((part) => part !== '')
}

function metaPolicies(html: string): string[] {
  const metas = html.match(/<meta\s[^>]*http-equiv=["']Content-Security-Policy["'][^>]*>/gi) ?? []
  return metas.map((meta) => /content="([^"]*)"/i.exec(meta)?.[1] ?? '')
}

describe('the renderer ships the same CSP as a <meta> tag (defence in depth for Electronegativity and the browser build)', () => {
  // connect-src aside: the meta one reaches what the sync address rule allows, the header narrows it to
  // the one saved server (electron/main/csp.ts)
  const expected = directives(CONTENT_SECURITY_POLICY)
    .filter((d) => !HEADER_ONLY_DIRECTIVES.includes(d.split(' ')[0] ?? ''))
    .map((d) => (d.startsWith('connect-src ') ? META_CONNECT_SRC : d))

  // `npm test` builds before the unit tests: in CI (CI=true, as .ci/run sets) a missing build fails here
  // instead of skipping; on a developer's machine without a build it is skipped.
  for (const file of ['src/index.html', 'out/renderer/index.html']) {
    it.skipIf(file.startsWith('out/') && !existsSync(new URL(file, root)) && !process.env.CI)(
      `${file} carries exactly the header policy, minus header-only directives (skipped when not built, outside CI)`,
      () => {
        const policies = metaPolicies(readFileSync(new URL(file, root), 'utf8'))
        expect(policies).toHaveLength(1)
        expect(directives(policies[0] ?? '')).toEqual(expected)
      },
    )
  }

  it('opens connect-src no wider than the address rule: https, and http on this computer only', () => {
    expect(directives(META_CONNECT_SRC)).toEqual(["connect-src 'self' https: http://127.0.0.1:* http://localhost:*"])
  })

  it('would notice a drift between the two', () => {
    const drifted = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY.replace("'self'", '*')}">`
    expect(directives(metaPolicies(drifted)[0] ?? '')).not.toEqual(expected)
  })
})
