import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  agreementHash,
  canonicalJson,
  decodeVerificationPayload,
  encodeVerificationPayload,
  normaliseVerifyCode,
  verifyCodeOf,
} from '../../../src/domain/canonical'
import { wageArrearsBundle } from '../../fixtures/cases/wage-arrears'

const ctx = { caseNo: '（2026）云溪镇调字第012号', committeeName: '岳阳市云溪区云溪镇人民调解委员会' }

describe('canonical JSON', () => {
  it('does not depend on key order and drops undefined', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.constant(undefined))), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse())
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj))
        expect(canonicalJson(obj)).not.toContain('undefined')
      }),
    )
  })
})

describe('agreement hash', () => {
  it('ignores ids, timestamps and status but not the legal content or the parties', () => {
    const b = wageArrearsBundle()
    const a = b.agreements[0]
    if (!a) throw new Error('no agreement')
    const h = agreementHash(a, b.parties, ctx)
    expect(h).toMatch(/^[0-9a-f]{64}$/)
    expect(agreementHash({ ...a, updatedAt: '2030-01-01', status: 'final', verifyCode: 'X' }, b.parties, ctx)).toBe(h)
    expect(agreementHash(a, [...b.parties].reverse(), ctx)).toBe(h)
    expect(agreementHash({ ...a, copies: a.copies + 1 }, b.parties, ctx)).not.toBe(h)
    expect(
      agreementHash(
        a,
        b.parties.map((p) => (p.name === '王𠮷' ? { ...p, name: '王吉' } : p)),
        ctx,
      ),
    ).not.toBe(h)
    expect(agreementHash(a, b.parties, { ...ctx, caseNo: '（2026）云溪镇调字第013号' })).not.toBe(h)
  })
})

describe('verification code and payload', () => {
  it('derives a short code that survives typing slips', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f]{64}$/), (hash) => {
        const code = verifyCodeOf(hash)
        expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/)
        expect(normaliseVerifyCode(code.toLowerCase().replace('-', ' '))).toBe(code)
      }),
    )
  })

  it('round-trips the QR payload and rejects anything else', () => {
    const p = { v: 1 as const, caseNo: ctx.caseNo, sha256: 'a'.repeat(64), sig: 'c2ln', keyId: '0123456789abcdef' }
    expect(decodeVerificationPayload(encodeVerificationPayload(p))).toEqual(p)
    for (const bad of ['', 'not json', '{"v":2}', JSON.stringify({ ...p, sha256: 'zz' })])
      expect(decodeVerificationPayload(bad)).toBeUndefined()
  })
})
