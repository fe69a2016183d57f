import { z } from 'zod'

/**
 * Signing of finalised agreements with the committee's Ed25519 key, held by the main process.
 * The renderer sends only the SHA-256 of the canonical content, never the content itself.
 */
const hashHex = z.string().regex(/^[0-9a-f]{64}$/, '内容摘要必须是 64 位十六进制 SHA-256')
const keyId = z.string().regex(/^[0-9a-f]{16}$/, '密钥编号格式不正确')
const signatureB64 = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, '签名格式不正确')

export const signRequestSchema = z.strictObject({ hashHex })
export const signResultSchema = z.strictObject({ signature: signatureB64, keyId })
export const verifyRequestSchema = z.strictObject({ hashHex, signature: signatureB64, keyId })
export const verifyResultSchema = z.strictObject({ valid: z.boolean() })
export const publicKeyResultSchema = z.strictObject({ keyId, publicKeyBase64: z.string() })

export type SignResult = z.infer<typeof signResultSchema>
export type VerifyRequest = z.infer<typeof verifyRequestSchema>

/** What both hosts offer: the main process (Node crypto) and the browser platform (WebCrypto). */
export interface AgreementSigner {
  sign(hashHex: string): Promise<SignResult>
  verify(request: VerifyRequest): Promise<boolean>
  publicKey(): Promise<{ keyId: string; publicKeyBase64: string }>
}

export const signingChannels = {
  'signing:sign': { verb: 'signAgreementHash', request: signRequestSchema, result: signResultSchema },
  'signing:verify': { verb: 'verifyAgreementSignature', request: verifyRequestSchema, result: verifyResultSchema },
  'signing:public-key': { verb: 'getSigningPublicKey', request: z.undefined(), result: publicKeyResultSchema },
} as const
