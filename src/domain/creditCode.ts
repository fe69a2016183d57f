/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set (no I, O, Z, S, V):
 * registration authority (1), organisation type (1), region code (6 digits), organisation code (9),
 * and a MOD 31 check character.
 */
import { stripSpaces, toHalfWidth } from './text'

export type CreditCodeResult = { ok: true; creditCode: string } | { ok: false; message: string }

export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const

export function normalizeCreditCode(input: string): string {
  return stripSpaces(toHalfWidth(input)).toUpperCase()
}

/** The check character the first 17 characters call for. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('need exactly 17 characters')
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17[i])
    if (value < 0) throw new RangeError(`not a credit-code character: ${first17[i]}`)
    sum += value * WEIGHTS[i]
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]
}

export function parseCreditCode(input: string): CreditCodeResult {
  const code = normalizeCreditCode(input)
  if (code === '') return { ok: false, message: '请填写统一社会信用代码' }
  if (code.length !== 18) return { ok: false, message: `统一社会信用代码应为18位，现为${code.length}位` }
  const bad = [...code].find((ch) => !CREDIT_CODE_CHARSET.includes(ch))
  if (bad !== undefined) {
    return { ok: false, message: `统一社会信用代码含有不允许的字符“${bad}”（不使用I、O、Z、S、V）` }
  }
  if (!/^\d{6}$/.test(code.slice(2, 8)))
    return { ok: false, message: '统一社会信用代码第3至8位应是数字（地区），请核对' }
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) {
    return { ok: false, message: '统一社会信用代码最后一位不对，请核对' }
  }
  return { ok: true, creditCode: code }
}
