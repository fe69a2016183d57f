/**
 * Money in documents: integer fen (分) to the figures and the capitals (大写) an agreement must show,
 * e.g. 800000 -> 人民币捌仟元整（¥8,000.00）. Written once here so every document says the same.
 * Conventions (支付结算办法 style): 壹拾 keeps its 壹; 整 follows 元 and 角, never 分;
 * a zero between 元 and 分 is written 零 (伍元零伍分).
 */

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const
const IN_SECTION_UNITS = ['', '拾', '佰', '仟'] as const
const SECTION_UNITS = ['', '万', '亿'] as const

/** The largest amount an agreement may carry: 999,999,999.99 元. */
export const MAX_FEN = 99_999_999_999

export class MoneyError extends Error {}

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen) || fen < 0 || fen > MAX_FEN) {
    throw new MoneyError(`金额无效：应为 0 至 999,999,999.99 元之间、最多两位小数的数（收到 ${String(fen)}）`)
  }
}

/** One 4-digit section (0..9999) without its section unit; zeros inside collapse to one 零. */
function sectionToCapital(section: number): string {
  let out = ''
  let pendingZero = false
  for (let pos = 3; pos >= 0; pos--) {
    const digit = Math.floor(section / 10 ** pos) % 10
    if (digit === 0) {
      if (out !== '') pendingZero = true
      continue
    }
    if (pendingZero) out += '零'
    pendingZero = false
    out += DIGITS[digit] + IN_SECTION_UNITS[pos]
  }
  return out
}

/** Whole yuan in capitals without the 元, e.g. 100500 -> 壹拾万零伍佰. */
function yuanToCapital(yuan: number): string {
  if (yuan === 0) return '零'
  const sections: number[] = []
  for (let rest = yuan; rest > 0; rest = Math.floor(rest / 10_000)) sections.push(rest % 10_000)
  let out = ''
  let zeroPending = false
  for (let i = sections.length - 1; i >= 0; i--) {
    const section = sections[i] ?? 0
    if (section === 0) {
      if (out !== '') zeroPending = true
      continue
    }
    // a lower section that starts with 0 (e.g. 1,0500) needs its 零 after the higher one
    if (out !== '' && (zeroPending || section < 1000)) out += '零'
    zeroPending = false
    out += sectionToCapital(section) + SECTION_UNITS[i]
  }
  return out
}

/** Capitals only: 800000 -> 捌仟元整, 5 -> 伍分, 50505 -> 伍佰零伍元零伍分. */
export function fenToCapital(fen: number): string {
  assertFen(fen)
  const yuan = Math.floor(fen / 100)
  const jiao = Math.floor(fen / 10) % 10
  const cents = fen % 10
  if (fen === 0) return '零元整'
  let out = yuan > 0 ? yuanToCapital(yuan) + '元' : ''
  if (jiao === 0 && cents === 0) return out + '整'
  if (jiao > 0) out += DIGITS[jiao] + '角'
  else if (yuan > 0) out += '零'
  if (cents > 0) out += DIGITS[cents] + '分'
  else out += '整'
  return out
}

/** Figures with thousands separators: 800000 -> 8,000.00 */
export function fenToFigures(fen: number): string {
  assertFen(fen)
  const yuan = Math.floor(fen / 100)
  const rest = String(fen % 100).padStart(2, '0')
  return `${yuan.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${rest}`
}

/** The form every document prints: 人民币捌仟元整（¥8,000.00） */
export function formatAmount(fen: number): string {
  return `人民币${fenToCapital(fen)}（¥${fenToFigures(fen)}）`
}

/** Parses what a user types in 元 ("8000", "8,000.5", "¥12.34") into fen; throws MoneyError in Chinese. */
export function parseYuan(input: string): number {
  const cleaned = input
    .trim()
    .replace(/[¥￥,，\s]/g, '')
    .replace(/元$/, '')
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(cleaned)
  if (!m) throw new MoneyError(`无法识别的金额“${input}”：请填写数字，例如 8000 或 8000.50`)
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
  assertFen(fen)
  return fen
}
