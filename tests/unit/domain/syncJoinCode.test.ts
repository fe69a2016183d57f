/**
 * The join code (src/domain/syncJoinCode.ts): what goes in comes out; a code mistyped by one character or
 * by two neighbours swapped is refused, never read as another committee or key; what a person adds
 * without changing the meaning (spaces, dashes, lower case, full width, I/L/O for 1/0) is read as typed.
 * The encoding is held to @scure/base's Crockford base32, an independent implementation.
 */
import fc from 'fast-check'
import { base32crockford } from '@scure/base'
import { describe, expect, it } from 'vitest'
import {
  JOIN_CODE_LENGTH,
  decodeJoinCode,
  encodeJoinCode,
  joinCodeGroups,
  type JoinCodePayload,
} from '../../../src/domain/syncJoinCode'

/** The 32 symbols of Crockford's base32, written out. */
const SYMBOLS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

const payloadArb: fc.Arbitrary<JoinCodePayload> = fc.record({
  committeeId: fc.uuid({ version: 4 }),
  key: fc.uint8Array({ minLength: 32, maxLength: 32 }),
})

const FIXED: JoinCodePayload = {
  committeeId: '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
  key: Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff),
}

function decoded(text: string): JoinCodePayload {
  const reading = decodeJoinCode(text)
  if (!reading.ok) throw new Error(`refused: ${reading.problem}`)
  return reading.payload
}

function problemOf(text: string): string {
  const reading = decodeJoinCode(text)
  if (reading.ok) throw new Error(`accepted ${text}`)
  return reading.problem
}

describe('the join code', () => {
  it('is 80 characters of Crockford base32: the id, the key and a check, as an independent encoder writes them', () => {
    const code = encodeJoinCode(FIXED)
    expect(code).toHaveLength(80)
    expect(JOIN_CODE_LENGTH).toBe(80)
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{80}$/)
    const hex = FIXED.committeeId.replace(/-/g, '')
    const id = Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16))
    // the id and the key are the first 48 bytes; the reference encodes them to the first 76.8 characters
    const reference = base32crockford.encode(new Uint8Array([...id, ...FIXED.key, 0, 0]))
    expect(code.slice(0, 76)).toBe(reference.slice(0, 76))
    const whole = base32crockford.decode(code)
    expect([...whole.subarray(0, 16)]).toEqual([...id])
    expect([...whole.subarray(16, 48)]).toEqual([...FIXED.key])
  })

  it('is shown in 20 groups of 4', () => {
    const groups = joinCodeGroups(encodeJoinCode(FIXED))
    expect(groups).toHaveLength(20)
    for (const g of groups) expect(g).toHaveLength(4)
    expect(groups.join('')).toBe(encodeJoinCode(FIXED))
  })

  it('gives back the committee id and the key it was made from', () => {
    fc.assert(
      fc.property(payloadArb, (payload) => {
        const back = decoded(encodeJoinCode(payload))
        expect(back.committeeId).toBe(payload.committeeId.toLowerCase())
        expect([...back.key]).toEqual([...payload.key])
      }),
    )
  })

  it('refuses a code with any one character changed to another symbol', () => {
    fc.assert(
      fc.property(payloadArb, fc.nat(79), fc.integer({ min: 1, max: 31 }), (payload, at, shift) => {
        const code = encodeJoinCode(payload)
        const changed = SYMBOLS[(SYMBOLS.indexOf(code[at]!) + shift) % 32]!
        const typo = code.slice(0, at) + changed + code.slice(at + 1)
        expect(problemOf(typo)).toBe('加入码校验不符，可能抄错了。请对照原码逐组检查，或改用扫描二维码。')
      }),
      { numRuns: 2000 },
    )
  })

  it('refuses a code with two neighbouring characters swapped', () => {
    fc.assert(
      fc.property(payloadArb, fc.nat(78), (payload, at) => {
        const code = encodeJoinCode(payload)
        fc.pre(code[at] !== code[at + 1])
        const swapped = code.slice(0, at) + code[at + 1]! + code[at]! + code.slice(at + 2)
        expect(problemOf(swapped)).toContain('校验不符')
      }),
      { numRuns: 2000 },
    )
  })

  it('refuses every single-character change and swap of one code, exhaustively', () => {
    const code = encodeJoinCode(FIXED)
    for (let at = 0; at < 80; at++) {
      for (const symbol of SYMBOLS) {
        if (symbol === code[at]) continue
        expect(decodeJoinCode(code.slice(0, at) + symbol + code.slice(at + 1)).ok).toBe(false)
      }
      if (at < 79 && code[at] !== code[at + 1])
        expect(decodeJoinCode(code.slice(0, at) + code[at + 1]! + code[at]! + code.slice(at + 2)).ok).toBe(false)
    }
  })

  it('reads spaces, dashes, line breaks, lower case and full-width characters as the same code', () => {
    fc.assert(
      fc.property(
        payloadArb,
        fc.array(fc.constantFrom(' ', '-', '  ', '\n', '—', '　', '－'), { minLength: 80, maxLength: 80 }),
        fc.boolean(),
        (payload, separators, lower) => {
          const code = encodeJoinCode(payload)
          let typed = Array.from(code, (c, i) => c + separators[i]).join('')
          if (lower) typed = typed.toLowerCase()
          expect(decoded(typed)).toEqual(decoded(code))
        },
      ),
    )
    const code = encodeJoinCode(FIXED)
    const fullWidth = Array.from(code, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('')
    expect(decoded(fullWidth)).toEqual(decoded(code))
    expect(decoded(joinCodeGroups(code).join(' '))).toEqual(decoded(code))
  })

  it('reads O as 0 and I or L as 1 (the letters the alphabet leaves out)', () => {
    const code = encodeJoinCode(FIXED)
    const at = [...code].findIndex((c) => c === '0' || c === '1')
    expect(at).toBeGreaterThanOrEqual(0)
    const spellings = code[at] === '0' ? ['O', 'o'] : ['I', 'i', 'L', 'l']
    for (const s of spellings) expect(decoded(code.slice(0, at) + s + code.slice(at + 1))).toEqual(decoded(code))
  })

  it('says what is wrong: nothing typed, a character it cannot read, the wrong length', () => {
    const code = encodeJoinCode(FIXED)
    expect(problemOf('  - ')).toBe('请输入加入码。')
    expect(problemOf(code.slice(0, 40) + 'U' + code.slice(41))).toBe(
      '加入码中有字符无法识别：“U”。加入码只由数字和英文字母组成，请对照原码检查。',
    )
    expect(problemOf(code.slice(0, 10) + '码?' + code.slice(12))).toContain('“码”、“?”')
    expect(problemOf(code.slice(0, 76))).toBe(
      '加入码长度不对：应为 80 个字符（20 组，每组 4 个），现在是 76 个。请检查是否漏抄或多抄了一组。',
    )
    expect(problemOf(code + 'A')).toContain('现在是 81 个')
  })

  it('refuses to encode a key that is not 32 bytes or a committee id that is not a UUID', () => {
    expect(() => encodeJoinCode({ ...FIXED, key: new Uint8Array(16) })).toThrow(RangeError)
    expect(() => encodeJoinCode({ ...FIXED, committeeId: 'committee-1' })).toThrow(RangeError)
  })
})
