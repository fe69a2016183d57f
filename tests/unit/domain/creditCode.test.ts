import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { CREDIT_CODE_CHARSET, creditCodeCheckChar, parseCreditCode } from '../../../src/domain/creditCode'
import { creditCodeArb } from './arbitraries'

describe('parseCreditCode', () => {
  it('accepts published codes', () => {
    // 国家税务总局's own 统一社会信用代码 and a common enterprise example
    for (const code of ['11100000000013127D', '91350100M000100Y43'])
      expect(parseCreditCode(code)).toEqual({ ok: true, creditCode: code })
  })

  it('normalises case, spaces and full-width characters', () => {
    expect(parseCreditCode(' 91350100m000100y43 ')).toEqual({ ok: true, creditCode: '91350100M000100Y43' })
  })

  it.each([
    ['', '请填写统一社会信用代码'],
    ['91350100M000100Y4', '统一社会信用代码应为18位，现为17位'],
    ['91350100M000100I43', '统一社会信用代码含有不允许的字符“I”（不使用I、O、Z、S、V）'],
    ['9135A100M000100Y43', '统一社会信用代码第3至8位应是数字（地区），请核对'],
    ['91350100M000100Y44', '统一社会信用代码最后一位不对，请核对'],
  ])('refuses %s with “%s”', (input, message) => {
    expect(parseCreditCode(input)).toEqual({ ok: false, message })
  })

  it('accepts every generated code', () => {
    fc.assert(
      fc.property(creditCodeArb(), (code) => {
        expect(parseCreditCode(code)).toEqual({ ok: true, creditCode: code })
      }),
    )
  })

  it('refuses any single-character substitution', () => {
    fc.assert(
      fc.property(
        creditCodeArb(),
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 30 }),
        (code, pos, delta) => {
          const replacement = CREDIT_CODE_CHARSET[(CREDIT_CODE_CHARSET.indexOf(code[pos]) + delta) % 31]
          const mutated = code.slice(0, pos) + replacement + code.slice(pos + 1)
          expect(parseCreditCode(mutated).ok).toBe(false)
        },
      ),
    )
  })

  it('computes a check character from the charset, never 31', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CREDIT_CODE_CHARSET), { minLength: 17, maxLength: 17 }), (chars) => {
        expect(CREDIT_CODE_CHARSET).toContain(creditCodeCheckChar(chars.join('')))
      }),
    )
  })
})
