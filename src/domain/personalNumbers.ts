/**
 * Recognising personal numbers in free text however they are typed: full-width digits (１３７…),
 * spaces, dots, dashes, slashes or underscores between digit groups (137 0000 0005, 155.0000.0011),
 * every digit spaced out (1 3 7 0 0 0 0 0 0 0 5), `+86`/`0086`/`86-` in front of a mobile, 18- and
 * 15-digit ID numbers, landlines with an area code (010-88886666, (0571)8888 8888), numbers outside
 * the mainland after + or 00 and a country code (+852 9123 4567, 0044 20 7946 0958), bank card numbers
 * (the 账号 an agreement's payment terms ask for) and 统一社会信用代码. Masking and the scans that check
 * a masked text both read numbers through this one recogniser, so a spelling masked is a spelling
 * detected and the reverse.
 *
 * Deliberately wider than the validators: a mistyped number is still a leak. Kept narrow enough that
 * amounts, dates and case numbers are never numbers: groups joined by separators must each have at
 * least 3 digits (but a country code after + or 86, the 2-digit area code after it, or every group a
 * single digit), an ID spread over several groups must start with a province code and a birth date, a
 * 15-digit ID must carry a possible birth date, a landline never splits its area code, and a bank card
 * does not start with 1, 2, 7 or 8 (serial and order numbers that begin with a date).
 */
import { creditCodeCheckChar } from './creditCode'

export interface FoundNumber {
  kind:
    | 'id18'
    | 'id15'
    | 'mobile'
    | 'landline'
    | 'international'
    | 'bankCard'
    | 'creditCode'
    | 'travelPermit'
    | 'passport'
    | 'foreignPR'
  /** [start, end) of the number in the text, prefix included */
  start: number
  end: number
  /** indices in the text of the characters a mask hides */
  hidden: number[]
}

/**
 * The text with full-width ASCII as half-width, the ideographic space as a space and a–z upper-cased:
 * one UTF-16 unit for one, so an index in the view is the same index in the text.
 */
function view(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/[a-z]/g, (ch) => ch.toUpperCase())
}

/**
 * What may stand between two digit groups of one number: spaces, dots, dashes, slashes, underscores,
 * tildes, brackets (1 to 3 of them).
 */
const SEPARATOR = /^[ \t\u00A0.\-\u2010-\u2015\u2212()/_~]{1,3}$/

/** A group that may be shorter than 3 digits without a + before it: 86 before a mobile or an area code. */
const COUNTRY_CODE = /^(?:00)?86$/

/**
 * 00 and a country code other than 86 as the first group, as a number dialled abroad begins
 * (0044 20 7946 0958); 0086 is COUNTRY_CODE's.
 */
const DIALLED_ABROAD = /^00(?!86$)[1-9]\d{0,2}$/

/** The longest number, a bank card of 19 digits. */
const MAX_LENGTH = 19

/** First two digits of an ID's region code (GB 11643; 71/81/82/83 for 台港澳 residents' permits). */
const PROVINCES = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83'.split(' '),
)

interface Group {
  start: number
  digits: string
  /** an X right after the digits (the ID check character) */
  x: boolean
  /** where that X is: right after the digits, or one separator later when typed digit by digit */
  xAt: number
}

/** A run of groups read as one string of characters, with where each character sits in the text. */
interface Candidate {
  chars: string
  at: number[]
  groups: Group[]
  /** a + right before the first group: a country or region code follows */
  plus: boolean
}

export function findPersonalNumbers(text: string): FoundNumber[] {
  const v = view(text)
  return [...digitNumbers(v), ...creditCodes(v), ...documentNumbers(v)]
}

/**
 * Which characters of a document number other than a 身份证 a mask hides (indices into it): all but
 * the letters it starts with (H, M, E, a nationality code: they say which document, not whose) and a
 * short tail, 3 characters of a short number, 4 of a long one, none of a very short one. The one rule
 * for masking.ts and for the numbers found in free text below.
 */
export function tailMaskHidden(n: string): number[] {
  const prefix = /^[A-Z]{1,3}(?=[\d*])/.exec(n)?.[0].length ?? 0
  const rest = n.length - prefix
  const tail = rest >= 11 ? 4 : rest >= 7 ? 3 : 0
  return Array.from({ length: rest - tail }, (_, k) => prefix + k)
}

/**
 * Numbers of other identity documents written in free text: 港澳居民来往内地通行证 (H/M and 8 or 10
 * digits), a mainland resident's 往来港澳通行证 and 往来台湾通行证 (C, W, L or T and 8 characters),
 * passports of the usual Chinese shapes (E or G, maybe a letter, 7–8 digits) and the old 外国人永久居留
 * 身份证 (3 letters, 12 digits). A 台胞证's 8 bare digits look like any number and are not recognised;
 * the new 永久居留 number (9 and 17) is read with the 身份证 numbers.
 */
function documentNumbers(v: string): FoundNumber[] {
  const shapes: { kind: FoundNumber['kind']; pattern: RegExp }[] = [
    { kind: 'travelPermit', pattern: /(?<![0-9A-Z])[HM]\d{8}(?:\d{2})?(?![0-9A-Z])/g },
    // a mainland resident's 往来港澳通行证 (C and a letter or digit and 7 digits; W and 8 on the old booklet)
    // and 往来台湾通行证 (L and 8; T and 8 on the old booklet)
    { kind: 'travelPermit', pattern: /(?<![0-9A-Z])(?:C[0-9A-HJ-NP-Z]\d{7}|[WLT]\d{8})(?![0-9A-Z])/g },
    { kind: 'passport', pattern: /(?<![0-9A-Z])[EG][A-Z]?\d{7,8}(?![0-9A-Z])/g },
    { kind: 'foreignPR', pattern: /(?<![0-9A-Z])[A-Z]{3}\d{12}(?![0-9A-Z])/g },
  ]
  return shapes.flatMap(({ kind, pattern }) =>
    [...v.matchAll(pattern)].map((m) => ({
      kind,
      start: m.index,
      end: m.index + m[0].length,
      hidden: tailMaskHidden(m[0]).map((k) => m.index + k),
    })),
  )
}

function digitGroups(v: string): Group[] {
  return [...v.matchAll(/\d+/g)].map((m) => {
    const end = m.index + m[0].length
    // "… 2 3 X": an ID typed digit by digit has its X spaced out too
    const gap = /^([^0-9A-Z]{0,3})X(?![0-9A-Z])/.exec(v.slice(end, end + 5))?.[1]
    const x = gap === '' || (gap !== undefined && m[0].length === 1 && SEPARATOR.test(gap))
    return { start: m.index, digits: m[0], x, xAt: end + (gap?.length ?? 0) }
  })
}

/** Runs of groups linked by separators; every run of consecutive groups in a chain is a candidate. */
function digitNumbers(v: string): FoundNumber[] {
  const groups = digitGroups(v)
  const found: FoundNumber[] = []
  for (let i = 0; i < groups.length; i++) {
    // +1 415 555 0100: after a +, the first group is a country code of 1 to 3 digits
    const plus = v[groups[i]!.start - 1] === '+'
    // after + or 00 and a country code, groups of 2 (+33 1 23 45 67 89) and a 1- or 2-digit area code
    // (+44 20 7946 0958, +81 3-1234-5678) are part of the number
    const abroad = (plus && !COUNTRY_CODE.test(groups[i]!.digits)) || DIALLED_ABROAD.test(groups[i]!.digits)
    let chars = ''
    const at: number[] = []
    for (let j = i; j < groups.length; j++) {
      const g = groups[j]!
      if (j > i) {
        const previous = groups[j - 1]!
        if (previous.x || !SEPARATOR.test(v.slice(previous.start + previous.digits.length, g.start))) break
        // dates and amounts come in groups of 2 (2026-12-07); numbers are typed in groups of 3 or more,
        // or digit by digit, or with a 2-digit area code after the country code (+86 10 8888 6666)
        const areaAfterCountryCode =
          j === i + 1 && (COUNTRY_CODE.test(groups[i]!.digits) ? g.digits.length === 2 : abroad)
        if (
          !spacedOut(groups.slice(i, j + 1)) &&
          !areaAfterCountryCode &&
          (g.digits.length + (g.x ? 1 : 0) < (abroad ? 2 : 3) ||
            (groups[i]!.digits.length < 3 && !COUNTRY_CODE.test(groups[i]!.digits) && !plus))
        )
          break
      }
      chars += g.digits
      for (let k = 0; k < g.digits.length; k++) at.push(g.start + k)
      if (chars.length > MAX_LENGTH) break
      const candidate: Candidate = { chars, at: [...at], groups: groups.slice(i, j + 1), plus }
      found.push(...readings(candidate))
      if (g.x) found.push(...idReadings({ ...candidate, chars: chars + 'X', at: [...at, g.xAt] }))
    }
  }
  return found
}

/** A number typed digit by digit, each one a group of its own (1 3 7 0 0 0 0 0 0 0 5). */
function spacedOut(groups: readonly Group[]): boolean {
  return groups.length > 1 && groups.every((g) => g.digits.length === 1)
}

function readings(c: Candidate): FoundNumber[] {
  return [
    ...idReadings(c),
    ...mobileReadings(c),
    ...landlineReadings(c),
    ...internationalReadings(c),
    ...bankCardReadings(c),
  ]
}

function number(kind: FoundNumber['kind'], c: Candidate, hiddenFrom: number, hiddenTo: number): FoundNumber {
  return { kind, start: c.at[0]!, end: c.at.at(-1)! + 1, hidden: c.at.slice(hiddenFrom, hiddenTo) }
}

/** 18 characters (17 digits and a digit or X) or 15 digits; the mask hides the birth date. */
function idReadings(c: Candidate): FoundNumber[] {
  const spread = c.groups.length > 1
  const province = PROVINCES.has(c.chars.slice(0, 2))
  const plausible =
    province && /^(?:18|19|20)/.test(c.chars.slice(6, 8)) && isBirthDate(c.chars.slice(10, 12), c.chars.slice(12, 14))
  // 外国人永久居留身份证 since 2023: 9 first, then like a 身份证; masked to its tail as the other documents
  if (/^9\d{16}[\dX]$/.test(c.chars) && !spread) return [number('foreignPR', c, 0, 14)]
  if (/^\d{17}[\dX]$/.test(c.chars) && (plausible || !spread)) return [number('id18', c, 6, 14)]
  if (/^\d{15}$/.test(c.chars) && province && isBirthDate(c.chars.slice(8, 10), c.chars.slice(10, 12)))
    return [number('id15', c, 6, 12)]
  return []
}

function isBirthDate(month: string, day: string): boolean {
  const m = Number(month)
  const d = Number(day)
  return m >= 1 && m <= 12 && d >= 1 && d <= 31
}

/** 1[3-9] and 9 digits, maybe after 86 or 0086; the mask hides the 4th to 7th digit of the mobile. */
function mobileReadings(c: Candidate): FoundNumber[] {
  const m = /^((?:00)?86)?1[3-9]\d{9}$/.exec(c.chars)
  if (!m) return []
  const prefix = m[1]?.length ?? 0
  return [number('mobile', c, prefix + 3, prefix + 7)]
}

/**
 * Area code (010, 02X or 0XXX) and a local number of 7 or 8 digits not starting with 0 or 1; the mask
 * hides the local number but its last 4, as `maskPhone` does. Dialled from abroad, +86 or 0086 and the
 * area code without its 0 (+86 571 8888 8888).
 */
function landlineReadings(c: Candidate): FoundNumber[] {
  const m = /^(0|(?:00)?86)(10|2\d|[3-9]\d\d)[2-9]\d{6,7}$/.exec(c.chars)
  const trunk = m?.[1] === '0'
  if (!m || !(trunk || c.plus || m[1] === '0086')) return []
  const area = m[1]!.length + m[2]!.length
  // "01 0888 86666" is no landline: the area code is typed in one piece, or digit by digit
  if (trunk && c.groups[0]!.digits.length < area && !spacedOut(c.groups)) return []
  return [number('landline', c, area, c.chars.length - 4)]
}

/**
 * A number outside the mainland: after +, a country or region code other than 86 and the number, 8 to 15
 * digits in all, as phone.ts keeps one, or 00 and the code of 香港 (852), 澳门 (853) or 台湾 (886). The
 * mask keeps the code's first 3 digits and the last 4, as masking.ts `maskPhone` does.
 */
function internationalReadings(c: Candidate): FoundNumber[] {
  if (c.plus && !c.chars.startsWith('86') && /^\d{8,15}$/.test(c.chars))
    return [number('international', c, 3, c.chars.length - 4)]
  if (/^00(?:852|853|886)\d{6,10}$/.test(c.chars)) return [number('international', c, 5, c.chars.length - 4)]
  // any other code after 00 only when written in groups: 00 and a run of digits is as often a serial number
  const first = c.groups[0]!.digits
  if (c.groups.length > 1 && DIALLED_ABROAD.test(first) && /^00\d{8,15}$/.test(c.chars))
    return [number('international', c, 5, c.chars.length - 4)]
  return []
}

/**
 * A bank card or personal account number: 16 to 19 digits led by 3, 4, 5, 6 (银联's 62) or 9 (older
 * passbook cards), however grouped. No check digit is asked for: a mistyped account still names its
 * holder to the bank. The mask keeps the first 6 (the issuing bank's prefix, which names no one) and
 * the last 4, as banks print it.
 */
function bankCardReadings(c: Candidate): FoundNumber[] {
  if (!/^[3-69]\d{15,18}$/.test(c.chars)) return []
  return [number('bankCard', c, 6, c.chars.length - 4)]
}

/**
 * 统一社会信用代码 (GB 32100): 18 characters of its alphabet, the 3rd to 8th digits, and its check character
 * (an organisation's public code: a mistyped one names nobody, while without the check a mobile followed by
 * seven capitals, "13000000000AAAAAAA", read as a code); the mask hides the 7th to 14th.
 */
function creditCodes(v: string): FoundNumber[] {
  const CODE = /(?<![0-9A-Z])[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}(?![0-9A-Z])/g
  const checked = [...v.matchAll(CODE)].filter((m) => creditCodeCheckChar(m[0].slice(0, 17)) === m[0][17])
  return checked.map((m) => {
    const at = Array.from({ length: 18 }, (_, k) => m.index + k)
    return { kind: 'creditCode' as const, start: m.index, end: m.index + 18, hidden: at.slice(6, 14) }
  })
}
