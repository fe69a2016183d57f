/**
 * Finalising and verifying an agreement. Finalising freezes the content: its canonical hash is signed
 * and the short code derived from it. Verifying recomputes the hash from the stored agreement and
 * parties, checks the signature, and compares both with what the printed QR code holds.
 */
import {
  agreementHash,
  canonicalAgreement,
  verifyCodeOf,
  type CanonicalContext,
  type VerificationPayload,
} from '../domain/canonical'
import { signableContent } from '../domain/agreementSigning'
import type { Agreement, Party } from '../domain/types'
import {
  SigningRefusal,
  type AgreementContentSigner,
  type AgreementSigner,
  type VerifyProblem,
} from '../shared/ipc/signing'

/**
 * The signer hashed the content to another SHA-256 than this page did: the two canonical forms disagree (a
 * page and a main process of different versions). Nothing is locked; a restart loads matching code.
 */
export const SIGNED_HASH_MISMATCH_MESSAGE =
  '签章程序算出的协议内容摘要与本页面算出的不一致（可能是软件更新后没有重新启动）。请关闭软件重新打开后再确认一次；仍然如此请联系技术支持。'

export async function finaliseAgreement(
  agreement: Agreement,
  parties: readonly Party[],
  ctx: CanonicalContext,
  signer: AgreementContentSigner,
  nowIso: string,
): Promise<Agreement> {
  if (agreement.status !== 'draft') throw new Error('只有草稿状态的协议可以定稿')
  const contentHash = agreementHash(agreement, parties, ctx)
  // the signer hashes the content itself; a different answer means the two canonical forms disagree
  const {
    signature,
    keyId,
    contentHash: signedHash,
  } = await signer.sign(signableContent(canonicalAgreement(agreement, parties, ctx)))
  if (signedHash !== contentHash) throw new SigningRefusal('hash-mismatch', SIGNED_HASH_MISMATCH_MESSAGE)
  return {
    ...agreement,
    status: 'final',
    finalizedAt: nowIso,
    updatedAt: nowIso,
    contentHash,
    signature,
    keyId,
    verifyCode: verifyCodeOf(contentHash),
  }
}

/** Why the committee key does not vouch for a signature, as the 核验 screen says it. */
export const VERIFY_PROBLEM_MESSAGES: Record<VerifyProblem, string> = {
  signature: '电子签章验证失败：签章无效或不是本调解委员会的密钥',
  'not-in-ledger':
    '电子签章不在本机的签发登记簿中：该协议不是在本机确认生效的，或记录已被改动；若是软件升级（启用签发登记簿）之前确认生效的协议，请以存档的纸质协议书核对',
  'before-ledger':
    '早期签署，未登记签名账本：电子签章是本调解委员会的，但该协议确认生效于本机启用签发登记簿之前，当时的程序不登记签发内容，本机无法证明它就是当时定稿的协议。请以存档的纸质协议书核对',
  'ledger-damaged': '本机的签发登记簿已损坏或被改动，无法确认该协议是否由本机签发。请联系技术支持。',
  'other-key':
    '签章不是本机的密钥：该协议是在其他电脑或其他调解委员会确认生效的（如备份恢复到了新电脑，或导入的案件），本机无法证明它就是当时定稿的协议。请在签发该协议的电脑上核验，或以存档的纸质协议书核对',
}

/** The problems that leave an agreement neither vouched for nor found changed: 无法核验. */
const UNVERIFIABLE: ReadonlySet<VerifyProblem> = new Set(['before-ledger', 'other-key'])

export interface VerificationResult {
  valid: boolean
  /** in Chinese, for the 核验 screen */
  message: string
  version?: number
  /**
   * nothing was found wrong, but nothing here can prove it either (an agreement from before the ledger, or
   * one signed on another PC or by another committee)
   */
  unverifiable?: true
}

export interface VerifyInput {
  agreement: Agreement
  parties: readonly Party[]
  ctx: CanonicalContext
  /** what the QR code or the typed code led to; omitted when checking the record alone */
  payload?: VerificationPayload
  verifier: Pick<AgreementSigner, 'verify'>
}

export async function verifyAgreementRecord({
  agreement,
  parties,
  ctx,
  payload,
  verifier,
}: VerifyInput): Promise<VerificationResult> {
  const fail = (message: string): VerificationResult => ({ valid: false, message, version: agreement.version })
  if (agreement.status === 'draft' || !agreement.contentHash || !agreement.signature || !agreement.keyId) {
    return fail('该协议尚未定稿，没有可核验的电子签章')
  }
  const recomputed = agreementHash(agreement, parties, ctx)
  if (recomputed !== agreement.contentHash) return fail('协议内容与定稿时不一致：记录已被改动')
  if (agreement.verifyCode !== verifyCodeOf(recomputed)) return fail('核验码与协议内容不符')
  if (payload) {
    if (payload.caseNo !== ctx.caseNo) return fail('二维码中的案号与记录不符')
    if (payload.sha256 !== recomputed) return fail('二维码中的内容摘要与记录不符：纸面协议或记录已被改动')
    if (payload.sig !== agreement.signature || payload.keyId !== agreement.keyId)
      return fail('二维码中的签章与记录不符')
  }
  const checked = await verifier.verify({
    caseNo: ctx.caseNo,
    version: agreement.version,
    hashHex: recomputed,
    signature: agreement.signature,
    keyId: agreement.keyId,
    // only tells an agreement from before the ledger apart (it is never shown as verified)
    ...(agreement.finalizedAt ? { finalizedAt: agreement.finalizedAt } : {}),
  })
  if (!checked.valid) {
    const problem = checked.problem ?? 'signature'
    return { ...fail(VERIFY_PROBLEM_MESSAGES[problem]), ...(UNVERIFIABLE.has(problem) ? { unverifiable: true } : {}) }
  }
  const superseded = agreement.status === 'superseded' ? '（该版本已被新版本替代）' : ''
  return {
    valid: true,
    message: `核验通过：协议在册且未被改动，第${agreement.version}版${superseded}`,
    version: agreement.version,
  }
}
