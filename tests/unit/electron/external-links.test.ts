import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  allowedExternalUrl,
  EXTERNAL_HOST_ALLOW_LIST,
  isAllowedExternalUrl,
} from '../../../electron/main/external-links'

describe('isAllowedExternalUrl', () => {
  it('accepts https pages of the allow-listed sites', () => {
    expect(isAllowedExternalUrl('https://flk.npc.gov.cn/detail?id=1')).toBe(true)
    expect(allowedExternalUrl('HTTPS://WWW.MOJ.GOV.CN/pub/')).toBe('https://www.moj.gov.cn/pub/')
  })

  it('opens the normalised URL, so invisible characters cannot change the host that is opened', () => {
    expect(allowedExternalUrl('https://flk.npc.gov.cn\u200b/')).toBe('https://flk.npc.gov.cn/')
  })

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'file:///C:/Windows/System32/calc.exe',
    'smb://flk.npc.gov.cn/share',
    '\\\\flk.npc.gov.cn\\share',
    'http://flk.npc.gov.cn/',
    'ms-msdt:/id PCWDiagnostic',
    'data:text/html,<script>alert(1)</script>',
    'https://flk.npc.gov.cn.evil.example/',
    'https://evil-flk.npc.gov.cn/',
    'https://sub.flk.npc.gov.cn/',
    'https://flk.npc.gov.cn./',
    'https://flk.npc.gov.cn:8443/',
    'https://user@flk.npc.gov.cn/',
    'https://flk.npc.gov.cn@evil.example/',
    'https://flk.npc.gov.cn%2eevil.example/',
    'https://ƒlk.npc.gov.cn/',
    '',
    'flk.npc.gov.cn',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false)
  })

  it('refuses every scheme but https (fuzz)', () => {
    const host = fc.constantFrom(...EXTERNAL_HOST_ALLOW_LIST)
    const scheme = fc.stringMatching(/^[a-z][a-z0-9+.-]{0,10}$/).filter((s) => s !== 'https')
    fc.assert(
      fc.property(scheme, host, fc.webPath(), (s, h, path) => {
        expect(isAllowedExternalUrl(`${s}://${h}${path}`)).toBe(false)
        expect(isAllowedExternalUrl(`${s}:${h}${path}`)).toBe(false)
      }),
    )
  })

  it('refuses every host not exactly on the list (fuzz)', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['https'] }), (url) => {
        const accepted = isAllowedExternalUrl(url)
        expect(accepted).toBe(EXTERNAL_HOST_ALLOW_LIST.includes(new URL(url).hostname) && isPlain(url))
      }),
    )
  })

  it('refuses look-alikes built around an allowed host (fuzz)', () => {
    const host = fc.constantFrom(...EXTERNAL_HOST_ALLOW_LIST)
    const label = fc.stringMatching(/^[a-z0-9-]{1,12}$/)
    fc.assert(
      fc.property(host, label, fc.constantFrom('prefix', 'suffix', 'dash', 'port', 'user'), (h, l, kind) => {
        const url = {
          prefix: `https://${l}.${h}/`,
          suffix: `https://${h}.${l}/`,
          dash: `https://${l}-${h}/`,
          port: `https://${h}:${l.length + 1000}/`,
          user: `https://${l}@${h}/`,
        }[kind]
        expect(isAllowedExternalUrl(url)).toBe(false)
      }),
    )
  })
})

function isPlain(url: string): boolean {
  const parsed = new URL(url)
  return parsed.username === '' && parsed.password === '' && parsed.port === ''
}
