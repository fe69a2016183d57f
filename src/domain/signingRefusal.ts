/**
 * Why the committee's signer refuses a request (src/shared/ipc/signing.ts SigningRefusal). The page decides
 * by the code, never by the words: the message is only what it shows.
 * - 'content-not-signable': the content is not a whole finalised agreement (./agreementSigning.ts)
 * - 'version-holds-other-content': the ledger holds this case number and version with other content
 *   (./signingLedger.ts); the draft may be finalised as the next version (./finalVersion.ts)
 * - 'ledger-damaged': the ledger does not read back as written; nothing is signed until it is looked at
 * - 'key-refused': the sealed committee key does not open
 * - 'transfer-header-refused': the text is not a transfer file's header naming this key (./transferSignature.ts)
 * - 'hash-mismatch': the signer hashed the content otherwise than the page (two versions of the canonical form)
 */
export const SIGNING_REFUSAL_CODES = [
  'content-not-signable',
  'version-holds-other-content',
  'ledger-damaged',
  'key-refused',
  'transfer-header-refused',
  'hash-mismatch',
] as const

export type SigningRefusalCode = (typeof SIGNING_REFUSAL_CODES)[number]

export function isSigningRefusalCode(value: unknown): value is SigningRefusalCode {
  return (SIGNING_REFUSAL_CODES as readonly unknown[]).includes(value)
}
