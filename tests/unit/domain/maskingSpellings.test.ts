/**
 * Numbers typed into free text in every spelling people use: full-width digits, spaces, dots and dashes
 * between groups, +86/0086 prefixes, 15-digit old IDs, landlines with area codes, credit codes. The
 * expected outputs are written out by hand; the property test knows by construction which characters
 * of each generated number must be hidden, independently of the masking code.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  findUnmaskedPersonalNumbers,
  isMaskedFieldValue,
  maskedBirth,
  maskedFieldValue,
  maskPersonalNumbersInText,
} from '../../../src/domain/masking'
import { creditCodeArb, idNumberArb, isoDateArb, mobileArb } from './arbitraries'

describe('masking numbers in every spelling', () => {
  // Masked in place: the separators and the visible digits stay exactly as typed; hidden ones become *.
  const EXAMPLES: readonly [string, string][] = [
    ['电话１３７ ００００ ０００５', '电话１３７ **** ０００５'],
    ['手机137 0000 0005。', '手机137 **** 0005。'],
    ['155.0000.0011', '155.****.0011'],
    ['137-0000-0005', '137-****-0005'],
    ['137—0000—0005', '137—****—0005'],
    ['137–0000–0005', '137–****–0005'],
    ['１３７\u3000００００\u3000０００５', '１３７\u3000****\u3000０００５'],
    ['137 - 0000 - 0005', '137 - **** - 0005'],
    ['+86 137 0000 0005', '+86 137 **** 0005'],
    ['+8613700000005', '+86137****0005'],
    ['0086-13700000005', '0086-137****0005'],
    ['86-137 0000 0005', '86-137 **** 0005'],
    ['（+86）13700000005', '（+86）137****0005'],
    ['旧身份证110105900101123号', '旧身份证110105******123号'],
    ['110105 19900101 1234', '110105 ******** 1234'],
    ['１１０１０５１９９００１０１１２３Ｘ', '１１０１０５********１２３Ｘ'],
    ['110105-1990-0101-123x', '110105-****-****-123x'],
    ['身份证110105199001011234', '身份证110105********1234'],
    ['座机010-88886666', '座机010-****6666'],
    ['(0571)8888 8888', '(0571)**** 8888'],
    ['0571 88888888', '0571 ****8888'],
    ['（０５７１）８８８８８８８８', '（０５７１）****８８８８'],
    ['01088886666', '010****6666'],
    ['0571-8888888', '0571-***8888'],
    ['010-88886666-801', '010-****6666-801'],
    ['信用代码91350100M000100Y43。', '信用代码913501********0Y43。'],
    ['137/0000/0005', '137/****/0005'],
    ['137_0000_0005', '137_****_0005'],
    ['１３７～００００～０００５', '１３７～****～０００５'],
    ['电话1 3 7 0 0 0 0 0 0 0 5', '电话1 3 7 * * * * 0 0 0 5'],
    ['１ ３ ７ ０ ０ ０ ０ ０ ０ ０ ５', '１ ３ ７ * * * * ０ ０ ０ ５'],
    ['+86 1 3 7 0 0 0 0 0 0 0 5', '+86 1 3 7 * * * * 0 0 0 5'],
    ['0 5 7 1 8 8 8 8 8 8 8 8', '0 5 7 1 * * * * 8 8 8 8'],
    ['1 1 0 1 0 5 1 9 9 0 0 1 0 1 1 2 3 x', '1 1 0 1 0 * * * * * * * * * 1 2 3 x'],
    ['香港电话+852 9123 4567', '香港电话+852 **** 4567'],
    ['+86 10 8888 6666', '+86 10 **** 6666'],
    ['+86-571-88888888', '+86-571-****8888'],
    ['0086 21 6234 5678', '0086 21 **** 5678'],
    ['（+853）6612 3456', '（+853）**** 3456'],
    ['+1 415 555 0100', '+1 41* *** 0100'],
    ['伦敦电话+44 20 7946 0958', '伦敦电话+44 2* **** 0958'],
    ['0044 20 7946 0958', '0044 2* **** 0958'],
    ['+81 3-1234-5678', '+81 3-****-5678'],
    ['+33 1 23 45 67 89', '+33 1 ** ** 67 89'],
    ['美国001 212 555 0100', '美国001 21* *** 0100'],
    ['往来港澳通行证C12345678', '往来港澳通行证C*****678'],
    ['通行证号CA1234567', '通行证号CA****567'],
    ['旧通行证W12345678，', '旧通行证W*****678，'],
    ['往来台湾通行证L12345678', '往来台湾通行证L*****678'],
    ['台湾手机００８８６ ９１２ ３４５ ６７８', '台湾手机００８８６ *** **５ ６７８'],
    ['收款账号：6228480012345678', '收款账号：622848******5678'],
    ['账号6222 0212 3456 7890 123', '账号6222 02** **** ***0 123'],
    ['卡号 4367-4212-3456-7890', '卡号 4367-42**-****-7890'],
    ['开户行及账号：工商银行 9558 8012 3456 7890 123', '开户行及账号：工商银行 9558 80** **** ***0 123'],
    ['６２１７ ００１２ ３４５６ ７８９０', '６２１７ ００** **** ７８９０'],
    ['信用代码９１３５０１００Ｍ０００１００Ｙ４３', '信用代码９１３５０１********０Ｙ４３'],
    [
      '申请人（电话137 0000 0005，身份证110105199001011234）于2026年12月15日申请，被申请人座机0571-88888888。',
      '申请人（电话137 **** 0005，身份证110105********1234）于2026年12月15日申请，被申请人座机0571-****8888。',
    ],
  ]

  it.each(EXAMPLES)('%s -> %s', (input, expected) => {
    expect(maskPersonalNumbersInText(input)).toBe(expected)
    expect(findUnmaskedPersonalNumbers(input).length).toBeGreaterThan(0)
    expect(findUnmaskedPersonalNumbers(expected)).toEqual([])
  })

  // Amounts, dates, case numbers and other figures that are not personal numbers stay as typed.
  const NOT_NUMBERS: readonly string[] = [
    '赔偿 12,000 元',
    '2026年12月15日',
    '（2026）X镇调字第012号',
    '2026-12-15',
    '2026.12.15—2027.01.15',
    '2026-12-15 14:30',
    '2026-12-15 至 2026-12-20',
    '2026-12-03T08:00:00.000Z',
    '拖欠工资36万元，2026年8月至10月',
    '流水号 20261122000000012345',
    '金额 138123456789 分',
    '第1、2、3项',
    '分3期，每期 1,500.00 元',
    '面积 120.5 平方米',
    '12.5万元 13.8万元',
    '1998年至2005年',
    '邮编 310000',
    '车牌 浙A12345',
    '门牌 18-2-1301',
    '合同编号 HT-2026-0012',
    '身份证后四位1234',
    '电话会议 10:00-11:00',
    '138****5678、110105********1234、0571-****8888、913501********0Y43',
    '1990年代',
    '2026/12/15',
    '订单号 2026112200000001',
    '流水号 1234567890123456',
    '第 1 2 3 项',
    '比分 3 / 2',
    '面积86 10间',
    '622848******5678、6222 02** **** ***0 123',
    '车次T123、K1234',
    '型号 C1234',
    '编号 001 23 45',
    '+5 天',
  ]

  it.each(NOT_NUMBERS)('leaves %s unchanged', (text) => {
    expect(maskPersonalNumbersInText(text)).toBe(text)
    expect(findUnmaskedPersonalNumbers(text)).toEqual([])
  })
})

/** A generated number: its characters and which of them a mask must hide (by position). */
interface Plain {
  chars: string
  hidden: [number, number]
  /** where a separator may go: landlines never split their area code */
  minFirstGroup: number
  /** where the number is always split (a country code, then an area code of 1 or 2 digits) */
  splitAt?: readonly number[]
  prefixes: readonly string[]
}

const digits = (n: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((d) => d.join(''))

const plainArb: fc.Arbitrary<Plain> = fc.oneof(
  idNumberArb().map((g) => ({
    chars: g.idNumber,
    hidden: [6, 14] as [number, number],
    minFirstGroup: 2,
    prefixes: [''],
  })),
  // a 15-digit old ID: region, YYMMDD, sequence; the whole birth date is hidden
  idNumberArb({ fromYear: 1920, toYear: 1999 }).map((g) => ({
    chars: g.idNumber.slice(0, 6) + g.idNumber.slice(8, 14) + g.idNumber.slice(14, 17),
    hidden: [6, 12] as [number, number],
    minFirstGroup: 2,
    prefixes: [''],
  })),
  mobileArb().map((m) => ({
    chars: m,
    hidden: [3, 7] as [number, number],
    minFirstGroup: 2,
    prefixes: ['', '+86', '+86 ', '0086', '0086-', '86-', '(+86)', '（＋８６）'],
  })),
  fc
    .tuple(
      fc.oneof(
        fc.constant('010'),
        digits(1).map((d) => `02${d}`),
        fc.tuple(fc.integer({ min: 3, max: 9 }), digits(2)).map(([a, b]) => `0${a}${b}`),
      ),
      fc
        .tuple(fc.integer({ min: 2, max: 9 }), fc.constantFrom(6, 7))
        .chain(([first, n]) => digits(n).map((d) => `${first}${d}`)),
    )
    .map(([area, local]) => ({
      chars: area + local,
      hidden: [area.length, area.length + local.length - 4] as [number, number],
      minFirstGroup: area.length,
      prefixes: [''],
    })),
  creditCodeArb().map((c) => ({ chars: c, hidden: [6, 14] as [number, number], minFirstGroup: 18, prefixes: [''] })),
  // a landline dialled from abroad: +86 and the area code without its 0
  fc
    .tuple(
      fc.oneof(
        fc.constant('10'),
        digits(1).map((d) => `2${d}`),
        fc.tuple(fc.integer({ min: 3, max: 9 }), digits(2)).map(([a, b]) => `${a}${b}`),
      ),
      fc
        .tuple(fc.integer({ min: 2, max: 9 }), fc.constantFrom(6, 7))
        .chain(([first, n]) => digits(n).map((d) => `${first}${d}`)),
    )
    .map(([area, local]) => ({
      chars: `86${area}${local}`,
      hidden: [2 + area.length, 2 + area.length + local.length - 4] as [number, number],
      minFirstGroup: 2 + area.length,
      prefixes: ['+', '＋'],
    })),
  // outside the mainland: + a country or region code and the number, 8-15 digits; the first 3 and the last 4 stay
  fc
    .tuple(fc.constantFrom('852', '853', '886', '1', '44', '81', '65'), fc.integer({ min: 7, max: 12 }))
    .chain(([code, n]) => digits(n).map((d) => code + d))
    .map((number) => ({
      chars: number,
      hidden: [3, number.length - 4] as [number, number],
      minFirstGroup: 2,
      prefixes: ['+', '＋', '(+'],
    })),
  // abroad with a short area code (+44 20 7946 0958, 0044 20 …, +81 3-1234-5678): the first 3 and the last 4
  // stay (after 00, its own two digits stay too)
  fc
    .tuple(fc.constantFrom('44', '81', '61', '33', '49', '1', '852'), digits(2), fc.integer({ min: 1, max: 2 }))
    .chain(([code, lead, area]) =>
      fc.tuple(digits(6).map((d) => `${lead.slice(0, area)}${d}`)).map(([rest]) => ({ code, area, rest })),
    )
    .map(({ code, area, rest }) => {
      const chars = code + rest
      return {
        chars,
        hidden: [3, chars.length - 4] as [number, number],
        minFirstGroup: code.length + area + 3,
        prefixes: ['+', '＋', '(+', '00'],
        splitAt: [code.length, code.length + area],
      }
    }),
  // a bank card: 16-19 digits led by 3-6 or 9; the first 6 and the last 4 stay
  fc
    .tuple(fc.constantFrom(...'34569'), fc.integer({ min: 15, max: 18 }))
    .chain(([lead, n]) => digits(n).map((d) => lead + d))
    .map((card) => ({
      chars: card,
      hidden: [6, card.length - 4] as [number, number],
      minFirstGroup: 2,
      prefixes: [''],
    })),
)

const SEPARATORS = [' ', '.', '-', '–', '—', '\u3000', ' - ', '－', '．', '/', '_', '～'] as const
const FULL_WIDTH = (ch: string) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)

/**
 * A spelling of the number: split into groups of 3+ characters, or typed digit by digit (a separator
 * between every two characters), separators between, some full-width, x in lower case.
 */
function spellingArb(plain: Plain): fc.Arbitrary<{ text: string; hiddenAt: number[] }> {
  const n = plain.chars.length
  const cuts = () =>
    fc
      .uniqueArray(fc.integer({ min: Math.max(3, plain.minFirstGroup), max: n - 3 }), { maxLength: 4 })
      .map((c) => [...c].sort((a, b) => a - b).filter((cut, i, all) => i === 0 || cut - all[i - 1]! >= 3))
  const everyDigit = Array.from({ length: n - 1 }, (_, i) => i + 1)
  return fc
    .record({
      cuts: plain.splitAt
        ? cuts().map((c) => [...plain.splitAt!, ...c])
        : plain.minFirstGroup >= n
          ? fc.constant([] as number[])
          : fc.oneof(cuts(), cuts(), fc.constant(everyDigit)),
      separator: fc.constantFrom(...SEPARATORS),
      fullWidth: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      prefix: fc.constantFrom(...plain.prefixes),
      lowerX: fc.boolean(),
      wrapArea: fc.boolean(),
    })
    .map(({ cuts, separator, fullWidth, prefix, lowerX, wrapArea }) => {
      // typed digit by digit, a prefix's own digits are kept apart from the number's first (+86 1 3 7 …)
      let text = cuts === everyDigit && /\d$/.test(prefix) ? prefix + separator : prefix
      const hiddenAt: number[] = []
      const areaWrapped =
        wrapArea && plain.minFirstGroup < 5 && plain.chars.startsWith('0') && cuts[0] === plain.minFirstGroup
      if (areaWrapped) text += '('
      for (let i = 0; i < n; i++) {
        if (cuts.includes(i)) text += areaWrapped && i === cuts[0] ? ')' : separator
        let ch = plain.chars[i]!
        if (ch === 'X' && lowerX) ch = 'x'
        if (fullWidth[i]) ch = FULL_WIDTH(ch)
        if (i >= plain.hidden[0] && i < plain.hidden[1]) hiddenAt.push(text.length)
        text += ch
      }
      return { text, hiddenAt }
    })
}

/** Text around and between numbers: Chinese words and punctuation, never a digit or a Latin letter. */
const FILLERS = [
  '电话',
  '身份证号码：',
  '，',
  '。',
  '（',
  '）',
  '申请人张三',
  '于二〇二六年申请',
  '联系方式是',
  '、另',
  '号',
] as const
const fillerArb = fc.array(fc.constantFrom(...FILLERS), { maxLength: 3 }).map((f) => f.join(''))

describe('masking every generated spelling (property)', () => {
  it('hides every hidden character of every number, changes nothing but digits and letters, and leaves nothing detectable', () => {
    const pieceArb = plainArb.chain(spellingArb)
    fc.assert(
      fc.property(
        fillerArb,
        fc.array(fc.tuple(pieceArb, fillerArb), { minLength: 1, maxLength: 4 }),
        (lead, pieces) => {
          let text = lead
          const hiddenAt: number[] = []
          pieces.forEach(([piece, after], i) => {
            // two numbers never touch: a Chinese character always stands between them
            if (i > 0) text += '和'
            hiddenAt.push(...piece.hiddenAt.map((p) => p + text.length))
            text += piece.text + after
          })
          const masked = maskPersonalNumbersInText(text)
          expect(masked.length).toBe(text.length)
          for (const p of hiddenAt) expect(masked[p], `position ${p} of ${text}`).toBe('*')
          for (let i = 0; i < text.length; i++) {
            if (masked[i] !== text[i])
              expect(/[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]/.test(text[i]!) && masked[i] === '*', `${text} -> ${masked}`).toBe(
                true,
              )
          }
          expect(findUnmaskedPersonalNumbers(masked)).toEqual([])
          expect(findUnmaskedPersonalNumbers(text).length).toBeGreaterThanOrEqual(pieces.length)
          expect(maskPersonalNumbersInText(masked)).toBe(masked)
          // independently of positions: no run of the original characters that spans a hidden part survives
          const stream = (s: string) =>
            s
              .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
              .toUpperCase()
              .replace(/[^0-9A-Z*]/g, '')
          for (const [piece] of pieces) {
            const original = stream(piece.text)
            expect(stream(masked)).not.toContain(original.slice(-15))
          }
        },
      ),
      { numRuns: 1500 },
    )
  })

  it('leaves dates and amounts written in any common way unchanged', () => {
    const dateText = isoDateArb(1990, 2040).chain((d) => {
      const [y, m, day] = d.split('-') as [string, string, string]
      return fc.constantFrom(
        d,
        `${y}.${m}.${day}`,
        `${y}年${Number(m)}月${Number(day)}日`,
        `${y}/${m}/${day}`,
        `${d} 14:30`,
      )
    })
    const amountText = fc
      .integer({ min: 0, max: 99_999_999 })
      .chain((fen) =>
        fc.constantFrom(
          `${(fen / 100).toFixed(2)} 元`,
          `${fen.toLocaleString('en-US')} 元`,
          `${Math.round(fen / 10000)}万元`,
        ),
      )
    fc.assert(
      fc.property(fc.array(fc.oneof(dateText, amountText, fc.constantFrom(...FILLERS)), { maxLength: 8 }), (parts) => {
        const text = parts.join(' ')
        expect(maskPersonalNumbersInText(text)).toBe(text)
      }),
      { numRuns: 1000 },
    )
  })
})

describe('what a masked export writes of each field', () => {
  it('writes a birth date as its decade, and nothing of a birth date that is no date', () => {
    const table: readonly [string, string][] = [
      ['1990-01-01', '1990年代'],
      ['1999-12-31', '1990年代'],
      ['2000-02-29', '2000年代'],
      ['1949-10-01', '1940年代'],
      ['1990', '1990年代'],
      ['', ''],
      ['不详', ''],
      ['1990-1-1', ''],
    ]
    for (const [birth, expected] of table) expect(maskedBirth(birth), birth).toBe(expected)
  })

  it('masks ID and phone fields by their shape, birth dates by decade, any other field as free text, and twice as once', () => {
    const table: readonly [string, string, string][] = [
      ['idNumber', '110105199001011234', '110105********1234'],
      ['idNumber', '110105900101123', '110105******123'],
      ['phone', '13700001111', '137****1111'],
      ['phone', '0571 88888888', '0571-****8888'],
      ['phone', '137****1111', '137****1111'],
      ['birthDate', '1990-05-12', '1990年代'],
      ['creditCode', '91350100M000100Y43', '913501********0Y43'],
      ['facts', '电话137 0000 0005', '电话137 **** 0005'],
    ]
    for (const [field, value, expected] of table) {
      expect(maskedFieldValue(field, value), `${field} ${value}`).toBe(expected)
      expect(maskedFieldValue(field, expected), `${field} ${expected} again`).toBe(expected)
    }
  })

  it('knows the values a masked export wrote: incomplete, never to replace a full one', () => {
    expect(isMaskedFieldValue('idNumber', '110105********1234')).toBe(true)
    expect(isMaskedFieldValue('phone', '137****1111')).toBe(true)
    expect(isMaskedFieldValue('birthDate', '1990年代')).toBe(true)
    expect(isMaskedFieldValue('birthDate', '1990-05-12')).toBe(false)
    expect(isMaskedFieldValue('facts', '137****1111')).toBe(false)
  })
})
