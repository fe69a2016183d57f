/**
 * Mainland phone numbers: mobiles (1[3-9] + 9 digits, an optional +86 in front) and landlines
 * (area code 010/02X or 0XXX, local number of 7–8 digits not starting with 0 or 1, optional extension).
 */
import { stripSpaces, toHalfWidth } from './text'

export type PhoneKind = 'mobile' | 'landline'

export type PhoneResult =
  | { ok: true; kind: PhoneKind; /** mobile: 11 digits; landline: 0571-88888888[-123] */ normalized: string }
  | { ok: false; message: string }

const MOBILE = /^1[3-9]\d{9}$/
/** Area code then local number; three-digit area codes are 010 and 020–029. */
const LANDLINE = /^(0(?:10|2\d|[3-9]\d{2}))(?:-)?([2-9]\d{6,7})(?:-(\d{1,6}))?$/

export function isMobile(input: string): boolean {
  const r = parsePhone(input)
  return r.ok && r.kind === 'mobile'
}

export function parsePhone(input: string): PhoneResult {
  const cleaned = stripSpaces(toHalfWidth(input)).replace(/[()（）]/g, (ch) => (ch === ')' || ch === '）' ? '-' : ''))
  if (cleaned === '') return { ok: false, message: '请填写联系电话' }
  const mobile = cleaned.replace(/-/g, '').replace(/^(?:\+?86)(?=1\d{10}$)/, '')
  if (MOBILE.test(mobile)) return { ok: true, kind: 'mobile', normalized: mobile }
  if (/^1\d{10}$/.test(mobile)) return { ok: false, message: '手机号码第二位应为3至9' }
  if (/^1/.test(mobile)) return { ok: false, message: '手机号码应为11位数字' }

  const landline = LANDLINE.exec(cleaned.replace(/--+/g, '-'))
  if (landline) {
    const [, area, local, ext] = landline
    return { ok: true, kind: 'landline', normalized: `${area}-${local}${ext ? `-${ext}` : ''}` }
  }
  if (/^0/.test(cleaned)) return { ok: false, message: '固定电话格式不正确，应为“区号-号码”，如 0571-88888888' }
  return { ok: false, message: '电话号码格式不正确，请填写11位手机号或“区号-号码”形式的固定电话' }
}
