/**
 * A natural person's identity document: its type, what its number must look like, and how a typed or
 * pasted number is cleaned up. The 居民身份证 keeps its full GB 11643 check (./idNumber); the other
 * documents are checked by shape only, and leniently, since their formats have changed over the years.
 *
 * A party stored before document types existed has no `idType`: absent means 居民身份证, so no stored
 * record needs a migration (`documentTypeOf`).
 */
import type { Gender, IdDocumentType } from './types'
import { idNumberCheckChar, parseIdNumber } from './idNumber'

export const ID_DOCUMENT_TYPES: readonly IdDocumentType[] = ['resident', 'passport', 'hkmo', 'tw', 'foreignPR', 'other']

export function isIdDocumentType(value: unknown): value is IdDocumentType {
  return typeof value === 'string' && (ID_DOCUMENT_TYPES as readonly string[]).includes(value)
}

/** The type of a stored party's document: none recorded means a 居民身份证 (records from before types). */
export function documentTypeOf(p: { idType?: IdDocumentType | '' }): IdDocumentType {
  return p.idType || 'resident'
}

export type DocumentNumberResult =
  { ok: true; number: string; derived?: { birthDate: string; gender: Gender } } | { ok: false; message: string }

/** What the cleaning of a typed or pasted number changed, in words for the form. */
export interface CleanedNumber {
  value: string
  /** e.g. ['已去掉空格', '全角Ｘ已改为X']; empty when the input was already clean */
  changes: string[]
}

/**
 * A pasted or typed number as it is kept: spaces (of every kind) removed, full-width characters made
 * half-width, letters upper-cased. Says what changed so the form can tell the user.
 */
export function cleanDocumentNumber(input: string): CleanedNumber {
  const changes: string[] = []
  if (/[\s\u3000]/.test(input)) changes.push('已去掉空格')
  if (/[Ｘｘ]/.test(input)) changes.push('全角Ｘ已改为X')
  if (/[０-９]/.test(input)) changes.push('全角数字已改为半角')
  if (/[Ａ-ＷＹＺａ-ｗｙｚ]/.test(input)) changes.push('全角字母已改为半角')
  const halfWidth = input
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
  // lower case as typed (a full-width ｘ is already named above)
  if (/[a-z]/.test(input)) changes.push(/^[^a-z]*x$/.test(input.trim()) ? '小写x已改为X' : '小写字母已改为大写')
  return { value: halfWidth.toUpperCase(), changes }
}

/** "已去掉空格，全角Ｘ已改为X", or '' when nothing changed. */
export function cleaningNote(changes: readonly string[]): string {
  return changes.join('，')
}

const PASSPORT = /^[A-Z0-9]{5,17}$/
/** 港澳居民来往内地通行证: H (Hong Kong) or M (Macao) and 8 digits; cards before 2013 had 10. */
const HKMO = /^[HM](?:\d{8}|\d{10})$/
/** 台湾居民来往大陆通行证: 8 digits since 2015; older booklets had 10 digits, maybe a letter in brackets. */
const TW = /^(?:\d{8}|\d{10}(?:\([A-Z]\))?)$/
/** 外国人永久居留身份证 of 2004–2023: a 3-letter nationality code and 12 digits. */
const FOREIGN_PR_OLD = /^[A-Z]{3}\d{12}$/
/** since 2023-12: 18 characters like a 公民身份号码, first digit 9, same MOD 11-2 check character. */
const FOREIGN_PR_NEW = /^9\d{16}[\dX]$/

/** Longest number any document type accepts (其他 included), against pasted paragraphs. */
export const MAX_DOCUMENT_NUMBER_LENGTH = 40

/**
 * Checks a document number for its type; `today` rejects a 身份证 birth date in the future. A 身份证
 * also gives the birth date and sex it encodes (`derived`); no other document is read for them.
 */
export function parseDocumentNumber(type: IdDocumentType, input: string, today?: string): DocumentNumberResult {
  if (type === 'resident') {
    const r = parseIdNumber(input, today)
    return r.ok ? { ok: true, number: r.idNumber, derived: { birthDate: r.birthDate, gender: r.gender } } : r
  }
  const n = cleanDocumentNumber(input).value
  const fail = (message: string): DocumentNumberResult => ({ ok: false, message })
  if (n === '') return fail('请填写证件号码')
  switch (type) {
    case 'passport':
      if (!PASSPORT.test(n)) return fail(`护照号码应为5到17位字母或数字，现为“${n}”，请核对`)
      break
    case 'hkmo':
      if (!/^[HM]/.test(n)) return fail('港澳通行证号码应以H（香港）或M（澳门）开头，请核对')
      if (!HKMO.test(n)) return fail('港澳通行证号码应为H或M加8位数字（旧证为10位数字），请核对')
      break
    case 'tw':
      if (!TW.test(n)) return fail('台湾居民来往大陆通行证号码应为8位数字（旧证为10位），请核对')
      break
    case 'foreignPR':
      if (FOREIGN_PR_OLD.test(n)) break
      if (FOREIGN_PR_NEW.test(n)) {
        if (idNumberCheckChar(n.slice(0, 17)) !== n[17]) return fail('永久居留身份证号码最后一位不对，请核对')
        break
      }
      return fail('永久居留身份证号码应为18位数字（以9开头），旧证为3个字母加12位数字，请核对')
    case 'other':
      if (n.length > MAX_DOCUMENT_NUMBER_LENGTH) return fail(`证件号码不能超过${MAX_DOCUMENT_NUMBER_LENGTH}个字符`)
      break
  }
  return { ok: true, number: n }
}
