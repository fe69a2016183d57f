import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { isMobile, parsePhone } from '../../../src/domain/phone'
import { landlineArb, mobileArb } from './arbitraries'

describe('parsePhone', () => {
  it.each([
    ['13812345678', 'mobile', '13812345678'],
    ['138 1234 5678', 'mobile', '13812345678'],
    ['+86 138-1234-5678', 'mobile', '13812345678'],
    ['１３８１２３４５６７８', 'mobile', '13812345678'],
    ['0571-88888888', 'landline', '0571-88888888'],
    ['057188888888', 'landline', '0571-88888888'],
    ['(0571)88888888', 'landline', '0571-88888888'],
    ['（010）62345678', 'landline', '010-62345678'],
    ['021-6234567-801', 'landline', '021-6234567-801'],
    ['0086 138 1234 5678', 'mobile', '13812345678'],
    ['138.1234.5678', 'mobile', '13812345678'],
    ['138—1234—5678', 'mobile', '13812345678'],
    ['0755-8888-6666', 'landline', '0755-88886666'],
    ['010 8888 6666', 'landline', '010-88886666'],
    ['（0571）8888-8888', 'landline', '0571-88888888'],
    ['0571-88888888转801', 'landline', '0571-88888888-801'],
    ['010-8888-6666-801', 'landline', '010-88886666-801'],
    ['+86 571 88888888', 'landline', '0571-88888888'],
    ['+86 10 8888 6666', 'landline', '010-88886666'],
    ['+852 9123 4567', 'international', '+85291234567'],
    ['00852-9123-4567', 'international', '+85291234567'],
    ['（+853）6612 3456', 'international', '+85366123456'],
    ['+886 912 345 678', 'international', '+886912345678'],
    ['+1 (415) 555-0100', 'international', '+14155550100'],
    ['＋４４ ２０ ７９４６ ００１８', 'international', '+442079460018'],
  ])('accepts %s as %s %s', (input, kind, normalized) => {
    expect(parsePhone(input)).toEqual({ ok: true, kind, normalized })
  })

  it.each([
    ['', '请填写联系电话'],
    ['12812345678', '手机号码第二位应为3至9'],
    ['1381234567', '手机号码应为11位数字'],
    ['0571-0888888', '固定电话格式不正确，应为“区号-号码”，如 0571-88888888'],
    ['0571-88-8888', '固定电话格式不正确，应为“区号-号码”，如 0571-88888888'],
    ['0086 138 1234 567', '+86 后面应是11位手机号，或不带0的区号和号码，如 +86 571 88888888'],
    ['+852 9123', '境外电话应为“+”、国家或地区代码和号码，共8到15位数字，如 +852 91234567'],
    ['+852 9123 4567 8901 2345', '境外电话应为“+”、国家或地区代码和号码，共8到15位数字，如 +852 91234567'],
    ['+852 9123 abcd', '境外电话应为“+”、国家或地区代码和号码，共8到15位数字，如 +852 91234567'],
    ['88888888', '电话号码格式不正确，请填写11位手机号或“区号-号码”形式的固定电话'],
    ['abc', '电话号码格式不正确，请填写11位手机号或“区号-号码”形式的固定电话'],
  ])('refuses %s with “%s”', (input, message) => {
    expect(parsePhone(input)).toEqual({ ok: false, message })
  })

  it('accepts every generated mobile and landline unchanged', () => {
    fc.assert(
      fc.property(mobileArb(), (m) => {
        expect(parsePhone(m)).toEqual({ ok: true, kind: 'mobile', normalized: m })
        expect(isMobile(m)).toBe(true)
      }),
    )
    fc.assert(
      fc.property(landlineArb(), (l) => {
        expect(parsePhone(l)).toEqual({ ok: true, kind: 'landline', normalized: l })
        expect(isMobile(l)).toBe(false)
      }),
    )
  })

  it('refuses mobiles of the wrong length', () => {
    fc.assert(
      fc.property(mobileArb(), fc.integer({ min: 1, max: 5 }), (m, cut) => {
        expect(parsePhone(m.slice(0, 11 - cut)).ok).toBe(false)
        expect(parsePhone(m + '1234'.slice(0, cut)).ok).toBe(false)
      }),
    )
  })
})
