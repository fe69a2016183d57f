import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { ageOn, idNumberCheckChar, parseIdNumber } from '../../../src/domain/idNumber'
import { parseCreditCode } from '../../../src/domain/creditCode'
import { parsePhone } from '../../../src/domain/phone'
import { idNumberArb, randomCreditCode, randomIdNumber, randomMobile } from './arbitraries'

describe('parseIdNumber', () => {
  it('accepts the GB 11643 example and reads birth date and gender', () => {
    expect(parseIdNumber('11010519491231002X')).toEqual({
      ok: true,
      idNumber: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: '女',
      regionCode: '110105',
    })
  })

  it('accepts a lower-case x, spaces and full-width digits as typed in a Chinese IME', () => {
    const r = parseIdNumber(' １１０１０５ 19491231002x ')
    expect(r.ok && r.idNumber).toBe('11010519491231002X')
  })

  it.each([
    ['', '请填写身份证号'],
    ['11010519491231002', '身份证号应为18位，现在是17位，请核对'],
    ['1101051949123100XX', '身份证号只能是数字，最后一位可以是X，请核对'],
    ['99010519491231002X', '身份证号开头6位（地区）不对，请核对'],
    ['110105194902300023', '身份证号里的出生日期不对，请核对'],
    ['110105189912310023', '身份证号里的出生日期不对，请核对'],
    ['110105194912310021', '身份证号最后一位不对，请核对'],
  ])('refuses %s with “%s”', (input, message) => {
    expect(parseIdNumber(input)).toEqual({ ok: false, message })
  })

  it('refuses a birth date after today when today is given', () => {
    const first17 = '11010520270101001'
    const id = first17 + idNumberCheckChar(first17)
    expect(parseIdNumber(id).ok).toBe(true)
    expect(parseIdNumber(id, '2026-11-22')).toEqual({ ok: false, message: '身份证号里的出生日期晚于今天，请核对' })
  })

  it('accepts every generated valid number and returns its birth date and gender', () => {
    fc.assert(
      fc.property(idNumberArb(), (g) => {
        const r = parseIdNumber(g.idNumber)
        expect(r).toMatchObject({ ok: true, birthDate: g.birthDate, gender: g.gender })
      }),
    )
  })

  it('refuses any single-character change (the check digit catches every substitution)', () => {
    fc.assert(
      fc.property(idNumberArb(), fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }), (g, pos, delta) => {
        const alphabet = '0123456789X'
        const current = alphabet.indexOf(g.idNumber[pos])
        const replacement = alphabet[(current + delta) % 11]
        fc.pre(pos === 17 || replacement !== 'X')
        const mutated = g.idNumber.slice(0, pos) + replacement + g.idNumber.slice(pos + 1)
        expect(parseIdNumber(mutated).ok).toBe(false)
      }),
    )
  })

  it('refuses a swap of two adjacent different digits', () => {
    fc.assert(
      fc.property(idNumberArb(), fc.integer({ min: 0, max: 15 }), (g, pos) => {
        const id = g.idNumber
        fc.pre(id[pos] !== id[pos + 1])
        const swapped = id.slice(0, pos) + id[pos + 1] + id[pos] + id.slice(pos + 2)
        expect(parseIdNumber(swapped).ok).toBe(false)
      }),
    )
  })

  it('never throws and always answers in Chinese for arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const r = parseIdNumber(s)
        if (!r.ok) expect(r.message).toMatch(/身份证号/)
      }),
    )
  })
})

describe('ageOn', () => {
  it('counts a birthday only once it has been reached', () => {
    expect(ageOn('1990-06-15', '2026-06-14')).toBe(35)
    expect(ageOn('1990-06-15', '2026-06-15')).toBe(36)
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25)
  })
})

describe('plain generators for fixtures', () => {
  it('produce valid, reproducible numbers from a seeded source', () => {
    const seeded = (seed: number) => () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const a = seeded(7)
    const ids = Array.from({ length: 200 }, () => randomIdNumber(a, '1975-06-30'))
    for (const id of ids) expect(parseIdNumber(id)).toMatchObject({ ok: true, birthDate: '1975-06-30' })
    const b = seeded(7)
    expect(Array.from({ length: 200 }, () => randomIdNumber(b, '1975-06-30'))).toEqual(ids)
    for (let i = 0; i < 200; i++) {
      expect(parseCreditCode(randomCreditCode(a)).ok).toBe(true)
      expect(parsePhone(randomMobile(a))).toMatchObject({ ok: true, kind: 'mobile' })
    }
  })
})
