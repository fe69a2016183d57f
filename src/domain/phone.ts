/**
 * Mainland phone numbers: mobiles (1[3-9] + 9 digits, an optional +86 or 0086 in front) and landlines
 * (area code 010/02X or 0XXX, local number of 7–8 digits not starting with 0 or 1, optional extension),
 * typed or pasted with spaces, dots or dashes between groups and 转 before an extension; and numbers
 * outside the mainland (a party from 香港, 澳门, 台湾 or abroad): + or 00, the country or region code
 * and the number, kept as + and its digits.
 */
import { stripSpaces, toHalfWidth } from './text'

export type PhoneKind = 'mobile' | 'landline' | 'international'

export type PhoneResult =
  | {
      ok: true
      kind: PhoneKind
      /** mobile: 11 digits; landline: 0571-88888888[-123]; international: +85291234567 */
      normalized: string
    }
  | { ok: false; message: string }

const MOBILE = /^1[3-9]\d{9}$/
/** A country or region code and the number: 8 to 15 digits in all (ITU-T E.164). */
const INTERNATIONAL = /^\d{8,15}$/
/** Area code then local number; three-digit area codes are 010 and 020–029. */
const LANDLINE = /^(0(?:10|2\d|[3-9]\d{2}))(?:-)?([2-9]\d{6,7})(?:-(\d{1,6}))?$/

export function isMobile(input: string): boolean {
  const r = parsePhone(input)
  return r.ok && r.kind === 'mobile'
}

/** A local number typed in two groups (0755-8888-6666) joined, so that a dash after it can only mean an extension. */
const SPLIT_LOCAL = /^(0(?:10|2\d|[3-9]\d{2}))-?([2-9]\d{2,3})-(\d{4})(?=$|-)/

export function parsePhone(input: string): PhoneResult {
  const cleaned = stripSpaces(toHalfWidth(input))
    .replace(/[()（）]/g, (ch) => (ch === ')' || ch === '）' ? '-' : ''))
    .replace(/[.\u2010-\u2015\u2212转]/g, '-')
  if (cleaned === '') return { ok: false, message: '请填写联系电话' }
  // 00 dials out of the mainland as + does (no area code starts with 00)
  const dialled = cleaned.replace(/^00(?=[1-9])/, '+')
  const mobile = dialled.replace(/-/g, '').replace(/^\+?86(?=1\d{10}$)/, '')
  if (MOBILE.test(mobile)) return { ok: true, kind: 'mobile', normalized: mobile }
  if (/^1\d{10}$/.test(mobile)) return { ok: false, message: '手机号码第二位应为3至9' }
  if (/^1/.test(mobile)) return { ok: false, message: '手机号码应为11位数字' }
  if (dialled.startsWith('+')) return abroad(dialled.slice(1).replace(/-/g, ''))

  const landline = LANDLINE.exec(cleaned.replace(/--+/g, '-').replace(SPLIT_LOCAL, '$1-$2$3'))
  if (landline) {
    const [, area, local, ext] = landline
    return { ok: true, kind: 'landline', normalized: `${area}-${local}${ext ? `-${ext}` : ''}` }
  }
  if (/^0/.test(cleaned)) return { ok: false, message: '固定电话格式不正确，应为“区号-号码”，如 0571-88888888' }
  return { ok: false, message: '电话号码格式不正确，请填写11位手机号或“区号-号码”形式的固定电话' }
}

/** After + (or 00): a mainland landline written with +86 and without its 0, or a number outside the mainland. */
function abroad(digits: string): PhoneResult {
  if (digits.startsWith('86')) {
    const landline = LANDLINE.exec(`0${digits.slice(2)}`)
    if (landline) return { ok: true, kind: 'landline', normalized: `${landline[1]}-${landline[2]}` }
    return { ok: false, message: '+86 后面应是11位手机号，或不带0的区号和号码，如 +86 571 88888888' }
  }
  if (INTERNATIONAL.test(digits)) return { ok: true, kind: 'international', normalized: `+${digits}` }
  return { ok: false, message: '境外电话应为“+”、国家或地区代码和号码，共8到15位数字，如 +852 91234567' }
}
