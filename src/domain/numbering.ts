/**
 * Case numbers rendered from a committee's pattern, e.g. `（{年}）{简称}调字第{序号:3}号` ->
 * `（2026）X镇调字第012号`. The sequence is per committee per year; allocating it (never reused or skipped)
 * is the db layer's job, inside one transaction keyed by `counterKey`.
 */

import { hasHiddenCharacter, withoutHiddenCharacters } from './text'

export const DEFAULT_CASE_NUMBER_PATTERN = '（{年}）{简称}调字第{序号:3}号'

type PatternPart =
  { kind: 'text'; text: string } | { kind: 'year' } | { kind: 'shortName' } | { kind: 'seq'; width: number }

export type PatternResult = { ok: true; parts: PatternPart[] } | { ok: false; message: string }

const MAX_SEQ_WIDTH = 9
const TOKEN = /^(年|简称|序号)(?::(\d+))?$/

/** Parses a pattern into parts, or explains in Chinese what is wrong with it. */
export function parseCaseNumberPattern(pattern: string): PatternResult {
  const parts: PatternPart[] = []
  let text = ''
  let i = 0
  while (i < pattern.length) {
    const ch = pattern[i]
    if (ch === '}') return { ok: false, message: '编号格式中的“}”没有对应的“{”' }
    if (ch !== '{') {
      text += ch
      i++
      continue
    }
    const close = pattern.indexOf('}', i)
    if (close < 0) return { ok: false, message: '编号格式中的“{”没有对应的“}”' }
    const body = pattern.slice(i + 1, close)
    const token = TOKEN.exec(body)
    if (!token)
      return { ok: false, message: `编号格式中有无法识别的占位符“{${body}}”，可用：{年}、{简称}、{序号}、{序号:3}` }
    const [, name, widthText] = token
    if (widthText !== undefined && name !== '序号') return { ok: false, message: `占位符“{${name}}”不能指定位数` }
    if (text) parts.push({ kind: 'text', text })
    text = ''
    if (name === '年') parts.push({ kind: 'year' })
    else if (name === '简称') parts.push({ kind: 'shortName' })
    else {
      const width = widthText === undefined ? 1 : Number(widthText)
      if (width < 1 || width > MAX_SEQ_WIDTH) return { ok: false, message: `序号位数应为1至${MAX_SEQ_WIDTH}` }
      parts.push({ kind: 'seq', width })
    }
    i = close + 1
  }
  if (text) parts.push({ kind: 'text', text })
  const seqCount = parts.filter((p) => p.kind === 'seq').length
  if (seqCount === 0) return { ok: false, message: '编号格式必须包含{序号}' }
  if (seqCount > 1) return { ok: false, message: '编号格式只能包含一个{序号}' }
  return { ok: true, parts }
}

/** What a mediator is told when a pasted pattern brings a character nobody can see: what to do, not what it is. */
export const HIDDEN_IN_PATTERN = '编号格式里有看不见的字符（多半是复制粘贴带来的），请删掉后重新输入'

/**
 * Checks a pattern before it is saved. One holding a control or invisible character (pasted zero-width or
 * bidi marks) is refused: every case number made from it would hold one, and the signer refuses those
 * (./agreementSigning.ts signingCaseNoSchema).
 */
export function validateCaseNumberPattern(pattern: string): { ok: true } | { ok: false; message: string } {
  if (pattern.trim() === '') return { ok: false, message: '请填写案件编号格式' }
  if (hasHiddenCharacter(pattern)) return { ok: false, message: HIDDEN_IN_PATTERN }
  const parsed = parseCaseNumberPattern(pattern)
  return parsed.ok ? { ok: true } : parsed
}

/**
 * Renders a case number. Throws on an invalid pattern or sequence: settings validate patterns on save.
 * A hidden character in the pattern or short name is left out: 设置 refuses them, but a committee saved
 * before it did, or brought by a backup, a transfer file or another PC, may still hold one, and a case
 * number is printed, searched and signed (the signer refuses one holding such a character).
 */
export function renderCaseNumber(pattern: string, values: { year: number; shortName: string; seq: number }): string {
  const parsed = parseCaseNumberPattern(withoutHiddenCharacters(pattern))
  if (!parsed.ok) throw new Error(parsed.message)
  if (!Number.isSafeInteger(values.seq) || values.seq < 1) throw new RangeError('序号应为正整数')
  return parsed.parts
    .map((part) => {
      switch (part.kind) {
        case 'text':
          return part.text
        case 'year':
          return String(values.year)
        case 'shortName':
          return withoutHiddenCharacters(values.shortName)
        case 'seq':
          // a sequence wider than the pad width is written in full, never truncated
          return String(values.seq).padStart(part.width, '0')
      }
    })
    .join('')
}

/** The number the next accepted case gets, given the last sequence used this year (0 if none). */
export function nextCaseNumber(
  pattern: string,
  shortName: string,
  year: number,
  lastSeq: number,
): { caseNo: string; seq: number } {
  const seq = lastSeq + 1
  return { caseNo: renderCaseNumber(pattern, { year, shortName, seq }), seq }
}

/** Key of the per-committee, per-year counter row (see Counter in types.ts). */
export function counterKey(committeeId: string, year: number): string {
  return `${committeeId}:${year}`
}

/**
 * The sequence number inside a case number: the last run of digits (the year comes first in every
 * sensible pattern). Used for search by 序号.
 */
export function caseNumberSeq(caseNo: string): number | undefined {
  const runs = caseNo.match(/\d+/g)
  if (!runs) return undefined
  return Number(runs[runs.length - 1])
}
