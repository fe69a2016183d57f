/**
 * 核验: what a user may type or paste to check a printed agreement (the short code, or the QR code's
 * content), and what the check tells them. The code itself is made by `verifyCodeOf` in canonical.ts
 * (Crockford base32, 'XXXXX-XXXXX').
 */
import {
  decodeVerificationPayload,
  hasVerificationData,
  isVerificationText,
  normaliseVerifyCode,
  verificationTextCode,
  verifyCodeOf,
  type VerificationPayload,
} from './canonical'
import type { Agreement } from './types'

/**
 * on record and unchanged (valid), on record and unchanged but replaced by a later version (superseded),
 * on record but not matching (invalid), or not ours (unknown)
 */
export type VerifyState = 'valid' | 'superseded' | 'invalid' | 'unknown'

/** What the verify screen shows: never any personal data. */
export interface VerifyOutcome {
  state: VerifyState
  message: string
  caseNo?: string
  version?: number
  finalizedAt?: string
  superseded?: boolean
}

/** A verify code as printed: two groups of five digits or capital letters. */
export const VERIFY_CODE_FORMAT = /^[0-9A-Z]{5}-[0-9A-Z]{5}$/

export function isVerifyCode(code: string): boolean {
  return VERIFY_CODE_FORMAT.test(code)
}

/**
 * The code to look up, from a typed code (normalised) or pasted QR content (with its payload, which the
 * check compares too); otherwise the outcome to show without looking anything up.
 */
export function readVerifyInput(
  input: string,
): { ok: true; code: string; payload?: VerificationPayload } | { ok: false; outcome: VerifyOutcome } {
  const text = input.trim()
  if (text === '') return { ok: false, outcome: { state: 'unknown', message: '请输入核验码，或粘贴二维码内容。' } }
  // the QR code's content: JSON on agreements finalised before the readable text, the readable text since
  if (text.startsWith('{') || hasVerificationData(text)) {
    const payload = decodeVerificationPayload(text)
    if (!payload) {
      const message = text.startsWith('{')
        ? '二维码内容无法识别：不是本系统生成的协议二维码。'
        : '二维码内容不完整或已被改动，无法核验。请改为输入协议上印的核验码。'
      return { ok: false, outcome: { state: 'unknown', message } }
    }
    return { ok: true, code: verifyCodeOf(payload.sha256), payload }
  }
  // a scan whose data line was lost still names the code
  const code = normaliseVerifyCode(isVerificationText(text) ? (verificationTextCode(text) ?? '') : text)
  if (!isVerifyCode(code))
    return {
      ok: false,
      outcome: { state: 'unknown', message: '核验码格式不正确：应为10位字母和数字，如 7K2QF-9XM3D。' },
    }
  return { ok: true, code }
}

/** No agreement on this computer has the code. */
export function notOnRecord(code: string): VerifyOutcome {
  return {
    state: 'unknown',
    message: `本机记录中没有核验码为 ${code} 的协议。它可能来自其他调解委员会，或核验码输入有误。`,
  }
}

/** The code is on record, but the case it belongs to is gone. */
export const CASE_GONE: VerifyOutcome = { state: 'unknown', message: '找到了核验码，但对应的案件已不在本机记录中。' }

/** The outcome for one agreement found by its code, after its signature and content were checked. */
export function verifyOutcomeOf(
  agreement: Pick<Agreement, 'version' | 'finalizedAt' | 'status'>,
  caseNo: string,
  result: { valid: boolean; message: string; unverifiable?: true },
): VerifyOutcome {
  return {
    // an agreement from before the signing ledger is neither vouched for nor found changed: 无法核验
    // an unchanged old version is genuine but no longer in force: not the green of the current one
    state: result.valid
      ? agreement.status === 'superseded'
        ? 'superseded'
        : 'valid'
      : result.unverifiable
        ? 'unknown'
        : 'invalid',
    message: result.message,
    caseNo,
    version: agreement.version,
    ...(agreement.finalizedAt ? { finalizedAt: agreement.finalizedAt } : {}),
    superseded: agreement.status === 'superseded',
  }
}
