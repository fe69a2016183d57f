import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fenToCapital, fenToFigures, formatAmount, MAX_FEN, MoneyError, parseYuan } from '../../../src/domain/money'

/**
 * An independent reference: spell every position with its unit ("零仟零佰…"), then clean up with
 * the textbook rewriting rules. Deliberately unlike the section-by-section production code.
 */
const REF_DIGITS = '零壹贰叁肆伍陆柒捌玖'
const REF_UNITS = ['元', '拾', '佰', '仟', '万', '拾', '佰', '仟', '亿', '拾', '佰', '仟']
function referenceCapital(fen: number): string {
  const text = (fen / 100).toFixed(2)
  const [intPart = '0', decPart = '00'] = text.split('.')
  let s = ''
  const digits = intPart.split('')
  digits.forEach((d, i) => {
    s += REF_DIGITS[Number(d)] + REF_UNITS[digits.length - 1 - i]
  })
  s = s
    .replace(/零[拾佰仟]/g, '零')
    .replace(/零+/g, '零')
    .replace(/零亿/g, '亿')
    .replace(/零万/g, '万')
    .replace(/亿万/g, '亿零') // a zero 万 section still reads as 零
    .replace(/零+/g, '零')
    .replace(/零元/g, '元')
  if (s === '元') s = ''
  const jiao = Number(decPart[0])
  const cents = Number(decPart[1])
  let tail: string
  if (jiao === 0 && cents === 0) tail = '整'
  else if (jiao === 0) tail = (s === '' ? '' : '零') + REF_DIGITS[cents] + '分'
  else tail = REF_DIGITS[jiao] + '角' + (cents === 0 ? '整' : REF_DIGITS[cents] + '分')
  const out = s + tail
  return out === '整' ? '零元整' : out
}

describe('fenToCapital', () => {
  it.each([
    [800000, '捌仟元整'],
    [1, '壹分'],
    [10, '壹角整'],
    [0, '零元整'],
    [100, '壹元整'],
    [1000, '壹拾元整'],
    [1600, '壹拾陆元整'],
    [140950, '壹仟肆佰零玖元伍角整'],
    [600714, '陆仟零柒元壹角肆分'],
    [10700053, '壹拾万柒仟元伍角叁分'],
    [50505, '伍佰零伍元零伍分'],
    [10000000000, '壹亿元整'],
    [10001000000, '壹亿零壹万元整'],
    [100050000, '壹佰万零伍佰元整'],
    [MAX_FEN, '玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
  ])('%i fen -> %s', (fen, expected) => {
    expect(fenToCapital(fen)).toBe(expected)
  })

  it('agrees with the reference conversion from 0.01 to 999,999,999.99', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_FEN }), (fen) => {
        expect(fenToCapital(fen)).toBe(referenceCapital(fen))
      }),
      { numRuns: 5000 },
    )
  })

  it('agrees with the reference on amounts full of zeros', () => {
    const sparse = fc
      .array(fc.constantFrom(0, 0, 0, 1, 5, 9), { minLength: 11, maxLength: 11 })
      .map((ds) => Number(ds.join('')))
      .filter((fen) => fen > 0)
    fc.assert(
      fc.property(sparse, (fen) => {
        expect(fenToCapital(fen)).toBe(referenceCapital(fen))
      }),
      { numRuns: 3000 },
    )
  })

  it('rejects negative, fractional and too-large amounts with a Chinese message', () => {
    for (const bad of [-1, 1.5, MAX_FEN + 1, Number.NaN]) {
      expect(() => fenToCapital(bad)).toThrow(MoneyError)
      expect(() => fenToCapital(bad)).toThrow(/金额无效/)
    }
  })
})

describe('figures and parsing', () => {
  it('formats the agreement form', () => {
    expect(formatAmount(800000)).toBe('人民币捌仟元整（¥8,000.00）')
    expect(fenToFigures(123456789)).toBe('1,234,567.89')
  })

  it('round-trips figures through parseYuan', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN }), (fen) => {
        expect(parseYuan(fenToFigures(fen))).toBe(fen)
      }),
    )
  })

  it('refuses text that is not an amount', () => {
    expect(() => parseYuan('八千')).toThrow(/无法识别的金额/)
    expect(() => parseYuan('1.234')).toThrow(MoneyError)
    expect(parseYuan('¥8,000.5元')).toBe(800050)
  })
})
