/**
 * Transfer files signed with the committee key: what is signed (the canonical text of the whole header,
 * every member but the tables, with the signer block minus its signature value; the payload is covered
 * through manifest.payloadSha256), what a signer accepts to sign, and what an import shows about the
 * file's source (来源已验证 / 来源未验证).
 */
import { canonicalJson } from './canonical'

export const TRANSFER_FORMAT = 'mediation-room/transfer'

/** Who signed the file: the committee, its key, and the Ed25519 signature (base64) over the header. */
export interface TransferSignatureBlock {
  keyId: string
  publicKeyBase64: string
  committeeId: string
  committeeName: string
  value: string
}

export type TransferSigner = Omit<TransferSignatureBlock, 'value'>

/** The header's canonical text: what is signed and verified (tables and the signature value left out). */
export function transferSignedText(file: object, signer: TransferSigner): string {
  const header: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(file)) if (key !== 'tables' && key !== 'signature') header[key] = value
  const { keyId, publicKeyBase64, committeeId, committeeName } = signer
  return canonicalJson({ ...header, signature: { keyId, publicKeyBase64, committeeId, committeeName } })
}

/**
 * Why a signer refuses to sign `text`: it must be a transfer header in canonical form, without tables,
 * naming this key as its signer. The committee key signs nothing else as a transfer file.
 */
export function transferSigningRefusal(
  text: string,
  own: { keyId: string; publicKeyBase64: string },
): string | undefined {
  const refused = '签名内容不是调解室交换文件的文件头，已拒绝签名'
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return refused
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return refused
  const r = raw as Record<string, unknown>
  if (r.format !== TRANSFER_FORMAT || 'tables' in r || canonicalJson(r) !== text) return refused
  const s = r.signature as Record<string, unknown> | undefined
  if (typeof s !== 'object' || s === null || 'value' in s) return refused
  if (s.keyId !== own.keyId || s.publicKeyBase64 !== own.publicKeyBase64)
    return '文件头中的密钥不是本机调解委员会的密钥'
  return undefined
}

/** 16 hex digits of the key's SHA-256 (its keyId) in groups of four, for reading aloud on the phone. */
export function keyFingerprint(keyId: string): string {
  return (keyId.toUpperCase().match(/.{1,4}/g) ?? []).join(' ')
}

/** A committee's key as remembered on first import. */
export interface TrustedCommitteeKey {
  committeeId: string
  committeeName: string
  keyId: string
  publicKeyBase64: string
  firstSeenAt: string
}

/** What checking the signature found: none, one that fails, or one that holds for the embedded key. */
export type SignatureCheck = 'unsigned' | 'invalid' | 'valid'

export type TransferSource =
  | { verified: true; firstSeen: boolean; committeeName: string; fingerprint: string; message: string }
  | {
      verified: false
      reason: 'unsigned' | 'changed' | 'key-changed'
      committeeName?: string
      fingerprint?: string
      message: string
    }

/** 来源已验证 or 来源未验证, with the plain explanation the import screen shows. */
export function transferSource(
  check: SignatureCheck,
  block: TransferSignatureBlock | undefined,
  known: TrustedCommitteeKey | undefined,
): TransferSource {
  if (check === 'unsigned' || !block)
    return {
      verified: false,
      reason: 'unsigned',
      message: '文件没有调解委员会的电子签名，无法确认它来自哪里，也无法确认制作后没有被改动。',
    }
  const fingerprint = keyFingerprint(block.keyId)
  const committeeName = block.committeeName
  if (check === 'invalid')
    return {
      verified: false,
      reason: 'changed',
      committeeName,
      fingerprint,
      message: '文件的电子签名与内容不符：文件在签名后被改动过（内容、制作时间或其他文件头信息）。',
    }
  if (known && known.keyId !== block.keyId)
    return {
      verified: false,
      reason: 'key-changed',
      committeeName,
      fingerprint,
      message: `“${committeeName}”以前的文件使用密钥 ${keyFingerprint(known.keyId)}，这个文件的密钥不同。可能是对方重装了软件，也可能是他人冒充。请先与对方电话核对密钥指纹。`,
    }
  return known
    ? {
        verified: true,
        firstSeen: false,
        committeeName,
        fingerprint,
        message: `文件由“${committeeName}”签名，密钥与以前导入的一致，签名后没有被改动。`,
      }
    : {
        verified: true,
        firstSeen: true,
        committeeName,
        fingerprint,
        message: `首次导入“${committeeName}”的文件：签名有效，导入后本机会记住该委员会的密钥。请与对方电话核对密钥指纹是否一致。`,
      }
}
