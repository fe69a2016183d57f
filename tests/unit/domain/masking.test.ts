import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  containsUnmaskedPersonalNumber,
  findUnmaskedPersonalNumbers,
  maskIdNumber,
  maskPhone,
} from '../../../src/domain/masking'
import { idNumberArb, landlineArb, mobileArb } from './arbitraries'

describe('masking', () => {
  it('keeps the first 6 and last 4 of an ID number', () => {
    expect(maskIdNumber('110105199001011234')).toBe('110105********1234')
    expect(maskIdNumber('11010519491231002x')).toBe('110105********002X')
  })

  it('masks mobiles as 138****5678, landlines keeping the area code, numbers abroad keeping their code', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskPhone('0571-88888888')).toBe('0571-****8888')
    expect(maskPhone('010-6234567-801')).toBe('010-***4567-801')
    expect(maskPhone('12345')).toBe('*2345')
    expect(maskPhone('+85291234567')).toBe('+852****4567')
    expect(maskPhone('+14155550100')).toBe('+141****0100')
    expect(maskPhone('+6591234567')).toBe('+659***4567')
  })

  it('never leaves a masked ID or phone detectable, and always detects the raw ones', () => {
    fc.assert(
      fc.property(
        idNumberArb(),
        mobileArb(),
        landlineArb(),
        fc.string({ maxLength: 20 }),
        (g, mobile, landline, filler) => {
          const safeFiller = filler.replace(/[\dXx]/g, '')
          const masked = `${safeFiller}身份证${maskIdNumber(g.idNumber)}，电话${maskPhone(mobile)}、${maskPhone(landline)}${safeFiller}`
          expect(containsUnmaskedPersonalNumber(masked)).toBe(false)
          expect(masked).not.toContain(g.idNumber.slice(6, 14))
          const raw = `${safeFiller}身份证${g.idNumber}，电话${mobile}${safeFiller}`
          expect(findUnmaskedPersonalNumbers(raw).sort()).toEqual([g.idNumber, mobile].sort())
        },
      ),
    )
  })

  it('reads a mobile followed by capitals as a mobile, and only a credit code with its check character as a code', () => {
    // found by the property above (seed 1004193926): without the check, "13000000000AAAAAAA" read as a credit code
    expect(findUnmaskedPersonalNumbers('电话13000000000AAAAAAA')).toEqual(['13000000000'])
    expect(findUnmaskedPersonalNumbers('代码91350100M000100Y43')).toEqual(['91350100M000100Y43'])
    expect(findUnmaskedPersonalNumbers('代码91350100M000100Y44')).toEqual([])
  })

  it('does not flag longer digit runs such as a 20-digit bank reference', () => {
    expect(containsUnmaskedPersonalNumber('流水号 20261122000000012345')).toBe(false)
    expect(containsUnmaskedPersonalNumber('金额 138123456789 分')).toBe(false)
  })
})
