import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  ENTERPRISE_CODE_MESSAGES as M,
  encodeEnterpriseCode,
  readEnterpriseCode,
  type EnterpriseCard,
} from '../../../src/domain/enterpriseCode'
import { creditCodeArb } from './arbitraries'

// An independent reference: Crockford base32 and the check written out plainly with Node's own SHA-256.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
function base32(bytes: Uint8Array): string {
  let bits = ''
  for (const b of bytes) bits += b.toString(2).padStart(8, '0')
  while (bits.length % 5) bits += '0'
  let out = ''
  for (let i = 0; i < bits.length; i += 5) out += ALPHABET[parseInt(bits.slice(i, i + 5), 2)]
  return out
}
function referenceCode(fields: string[]): string {
  const head = 'MRQY1:' + base32(Buffer.from(fields.join('\u001f'), 'utf8'))
  return head + base32(createHash('sha256').update(head, 'utf8').digest().subarray(0, 5))
}

const ACME: EnterpriseCard = {
  name: '沙湾镇𠮷祥五金制品有限公司',
  creditCode: '91350100M000100Y43',
  legalRep: '陈国强',
  address: '沙湾镇工业路8号',
  phone: '0757-88886666',
}

describe('encodeEnterpriseCode', () => {
  it('writes the documented format', () => {
    const code = encodeEnterpriseCode(ACME)
    expect(code).toBe(referenceCode([ACME.name, ACME.creditCode, ACME.legalRep, ACME.address, ACME.phone]))
    // only characters of the QR code's alphanumeric mode: a scanner types them without an IME
    expect(code).toMatch(/^[0-9A-Z:]+$/)
  })
})

describe('readEnterpriseCode', () => {
  it('reads back what was written, rare characters included', () => {
    expect(readEnterpriseCode(encodeEnterpriseCode(ACME))).toEqual({ ok: true, card: ACME })
  })

  it('tolerates a scanner with Caps Lock on, spaces, line breaks and full-width characters', () => {
    const code = encodeEnterpriseCode(ACME)
    const fullWidth = code.replace(/[0-9A-Z:]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
    for (const typed of [code.toLowerCase(), ` ${code.slice(0, 20)}\n${code.slice(20)} `, fullWidth])
      expect(readEnterpriseCode(typed)).toEqual({ ok: true, card: ACME })
  })

  it.each([
    ['', M.empty],
    ['   ', M.empty],
    ['https://example.com/qy?id=1', M.foreign],
    ['沙湾镇五金', M.foreign],
    ['MRQY2:ABCDEFGH12345678', M.newer],
    ['MRQY0:ABCDEFGH12345678', M.foreign],
    ['MRQY1:', M.damaged],
    ['MRQY1:ABC', M.damaged],
    ['MRQY1:!!!!!!!!!!!!!!!!!!', M.damaged],
  ])('refuses %j with a message', (typed, message) => {
    expect(readEnterpriseCode(typed)).toEqual({ ok: false, message })
  })

  it('refuses a code cut short', () => {
    const code = encodeEnterpriseCode(ACME)
    expect(readEnterpriseCode(code.slice(0, -1))).toEqual({ ok: false, message: M.damaged })
    expect(readEnterpriseCode(code.slice(0, 40))).toEqual({ ok: false, message: M.damaged })
  })

  it('refuses a well-formed code whose credit code is wrong, and one without a name', () => {
    const badCredit = referenceCode(['某公司', '91350100M000100Y44', '', '', ''])
    expect(readEnterpriseCode(badCredit)).toEqual({
      ok: false,
      message: '企业码里的统一社会信用代码有误：统一社会信用代码最后一位不对，请核对',
    })
    expect(readEnterpriseCode(referenceCode(['', '91350100M000100Y43', '', '', '']))).toEqual({
      ok: false,
      message: M.noName,
    })
    expect(readEnterpriseCode(referenceCode(['只有四段', '91350100M000100Y43', '', '']))).toEqual({
      ok: false,
      message: M.damaged,
    })
  })

  const cardArb = fc.record({
    name: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== ''),
    creditCode: creditCodeArb(),
    legalRep: fc.string({ unit: 'grapheme', maxLength: 10 }),
    address: fc.string({ unit: 'grapheme', maxLength: 60 }),
    phone: fc.stringMatching(/^[0-9-]{0,15}$/),
  })
  const trimmed = (c: EnterpriseCard): EnterpriseCard => ({
    name: c.name.trim().replaceAll('\u001f', ' '),
    creditCode: c.creditCode,
    legalRep: c.legalRep.trim().replaceAll('\u001f', ' '),
    address: c.address.trim().replaceAll('\u001f', ' '),
    phone: c.phone.trim(),
  })

  it('round-trips any organisation', () => {
    fc.assert(
      fc.property(cardArb, (card) => {
        const expected = trimmed(card)
        fc.pre(expected.name !== '')
        expect(readEnterpriseCode(encodeEnterpriseCode(card))).toEqual({ ok: true, card: expected })
      }),
    )
  })

  it('refuses any one-character change', () => {
    fc.assert(
      fc.property(cardArb, fc.nat(), fc.nat(), (card, at, by) => {
        const code = encodeEnterpriseCode(card)
        const start = 'MRQY1:'.length
        const i = start + (at % (code.length - start))
        // a different canonical character (O, I, L are read as 0, 1, 1: the same data, not a change)
        const others = ALPHABET.replace(code[i]!, '')
        const changed = code.slice(0, i) + others[by % others.length] + code.slice(i + 1)
        expect(readEnterpriseCode(changed).ok).toBe(false)
      }),
    )
  })
})
