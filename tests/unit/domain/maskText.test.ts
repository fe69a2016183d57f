import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { findUnmaskedPersonalNumbers, maskPersonalNumbersInText } from '../../../src/domain/masking'

describe('masking numbers typed into free text', () => {
  it('masks IDs and mobiles in place and leaves the rest of the text alone', () => {
    expect(maskPersonalNumbersInText('申请人电话13912345678，身份证110105197805120318。')).toBe(
      '申请人电话139****5678，身份证110105********0318。',
    )
    expect(maskPersonalNumbersInText('拖欠工资36万元，2026年8月至10月')).toBe('拖欠工资36万元，2026年8月至10月')
  })

  it('leaves no unmasked number whatever surrounds it', () => {
    const digits = (n: number) =>
      fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((d) => d.join(''))
    const mobile = fc.tuple(fc.constantFrom('13', '15', '18', '19'), digits(9)).map(([a, b]) => a + b)
    const id = fc.tuple(digits(17), fc.constantFrom('0', '7', 'X')).map(([a, b]) => a + b)
    const piece = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('电话', '，', '身份证号', ' '), mobile, id)
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        expect(findUnmaskedPersonalNumbers(maskPersonalNumbersInText(pieces.join('')))).toEqual([])
      }),
      { numRuns: 2000 },
    )
  })
})
