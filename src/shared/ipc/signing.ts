import { z } from 'zod'
import { signingCaseNoSchema, type FinalisedAgreementContent } from '../../domain/agreementSigning'
import type { SigningRefusalCode } from '../../domain/signingRefusal'

/**
 * Signing with the committee's Ed25519 key, held by the main process. The page sends the canonical
 * content of a finalised agreement (src/domain/canonical.ts), never a bare hash: the signer checks its
 * shape, computes the SHA-256 itself and records (case number, version, hash) in its signing ledger.
 * Transfer files' headers are signed as canonical text (src/domain/transferSignature.ts).
 */
const hashHex = z.string().regex(/^[0-9a-f]{64}$/, '内容摘要必须是 64 位十六进制 SHA-256')
const keyId = z.string().regex(/^[0-9a-f]{16}$/, '密钥编号格式不正确')
const signatureB64 = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, '签名格式不正确')

/**
 * The content is checked in full by the signer (readSignableAgreement), which names what is wrong; its case
 * number is checked here too, as every signing request's is, before the signer is asked.
 */
export const signRequestSchema = z.strictObject({ content: z.looseObject({ caseNo: signingCaseNoSchema }) })
export const signResultSchema = z.strictObject({ signature: signatureB64, keyId, contentHash: hashHex })
export const verifyRequestSchema = z.strictObject({
  caseNo: signingCaseNoSchema,
  version: z.number().int().min(1),
  hashHex,
  signature: signatureB64,
  keyId,
  /** when the agreement says it was finalised: tells an agreement from before the ledger (never makes one valid) */
  finalizedAt: z.string().max(40).optional(),
})
/**
 * Why a signature is not vouched for: not valid under this PC's key, another PC's or committee's key
 * ('other-key'), not in the ledger, from before the ledger existed ('before-ledger'), or the ledger itself
 * damaged (src/domain/signingLedger.ts).
 */
export const verifyProblemSchema = z.enum([
  'signature',
  'other-key',
  'not-in-ledger',
  'before-ledger',
  'ledger-damaged',
])
export const verifyResultSchema = z.strictObject({ valid: z.boolean(), problem: verifyProblemSchema.optional() })
/** The highest version the signing ledger holds for a case number (0: none), so a draft can skip held versions. */
export const highestVersionRequestSchema = z.strictObject({ caseNo: signingCaseNoSchema })
export const highestVersionResultSchema = z.strictObject({ version: z.number().int().min(0) })
export const publicKeyResultSchema = z.strictObject({ keyId, publicKeyBase64: z.string() })
/** The canonical text of a transfer file's header with its signer block (at most 64 KB). */
export const signTransferRequestSchema = z.strictObject({ headerText: z.string().min(2).max(65_536) })
export const signTransferResultSchema = z.strictObject({ signature: signatureB64, keyId })

export type SignResult = z.infer<typeof signResultSchema>
export type VerifyRequest = z.infer<typeof verifyRequestSchema>
export type VerifyResult = z.infer<typeof verifyResultSchema>
export type VerifyProblem = z.infer<typeof verifyProblemSchema>
export type SignTransferResult = z.infer<typeof signTransferResultSchema>

/**
 * A request a signer will not sign or vouch for (this version signed with other content, a damaged ledger, a
 * key that does not open): its code says which (src/domain/signingRefusal.ts) and is what the page decides
 * by; its message is for the page to show (Chinese). Both signers throw it; over IPC the page gets both, as
 * the error's `refusal` and `message` (electron/main/handlers/signing.ts, src/platform/electron.ts).
 */
export class SigningRefusal extends Error {
  override name = 'SigningRefusal'
  constructor(
    readonly code: SigningRefusalCode,
    message: string,
  ) {
    super(message)
  }
}

/**
 * What finalising needs: a signer of agreement content (the page only ever sends well-formed content), and
 * the highest version its ledger holds for a case number, to finalise as the next one when the draft's
 * version is held with other content (src/domain/finalVersion.ts).
 */
export interface AgreementContentSigner {
  sign(content: FinalisedAgreementContent): Promise<SignResult>
  highestSignedVersion(caseNo: string): Promise<number>
}

/** What both hosts offer: the main process (Node crypto) and the browser platform (WebCrypto). */
export interface AgreementSigner {
  /** signs a finalised agreement's content once per (case number, version); refuses anything else */
  sign(content: FinalisedAgreementContent | Record<string, unknown>): Promise<SignResult>
  verify(request: VerifyRequest): Promise<VerifyResult>
  /** the highest version its ledger holds for `caseNo`, 0 when none; refuses when the ledger is damaged */
  highestSignedVersion(caseNo: string): Promise<number>
  publicKey(): Promise<{ keyId: string; publicKeyBase64: string }>
  /** signs a transfer file's header text; refuses text that is not one with this key as its signer */
  signTransfer(headerText: string): Promise<SignTransferResult>
}

export const signingChannels = {
  'signing:sign': { verb: 'signAgreement', request: signRequestSchema, result: signResultSchema },
  'signing:verify': { verb: 'verifyAgreementSignature', request: verifyRequestSchema, result: verifyResultSchema },
  'signing:highest-version': {
    verb: 'highestSignedVersion',
    request: highestVersionRequestSchema,
    result: highestVersionResultSchema,
  },
  'signing:public-key': { verb: 'getSigningPublicKey', request: z.undefined(), result: publicKeyResultSchema },
  'signing:sign-transfer': {
    verb: 'signTransferHeader',
    request: signTransferRequestSchema,
    result: signTransferResultSchema,
  },
} as const
