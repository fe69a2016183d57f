/**
 * Signing a transfer file with the committee key and checking a file's signature on import. The rules
 * (what is signed, what the import screen says) are src/domain/transferSignature.ts; the signing itself
 * happens in the host (the main process, or the browser preview's signer), which holds the key.
 * Checking uses WebCrypto Ed25519 (Chromium and Node 20 both have it) against the key the file names;
 * whether that key is the committee's is the trusted-key store's question (trustedKeys.ts).
 */
import { transferSignedText, type SignatureCheck, type TransferSignatureBlock } from '../../domain/transferSignature'
import type { TransferFile } from './format'
import { base64ToBytes } from './base64'

/** What a host offers to sign a file: its key's id and public key, and a signature over header text. */
export interface TransferFileSigner {
  publicKey(): Promise<{ keyId: string; publicKeyBase64: string }>
  signHeader(headerText: string): Promise<{ signature: string; keyId: string }>
  /** the committee the file comes from, as named in the signature */
  committee: { id: string; name: string }
}

/** The file with its signature block; any earlier block is replaced. */
export async function signTransferFile(file: TransferFile, signer: TransferFileSigner): Promise<TransferFile> {
  const { keyId, publicKeyBase64 } = await signer.publicKey()
  const block = { keyId, publicKeyBase64, committeeId: signer.committee.id, committeeName: signer.committee.name }
  const { signature } = await signer.signHeader(transferSignedText(unsigned(file), block))
  const { tables, ...header } = unsigned(file)
  // the header first, so that a reader sees who signed before the tables
  return { ...header, signature: { ...block, value: signature }, tables }
}

function unsigned(file: TransferFile): TransferFile {
  const { signature: _signature, ...rest } = file
  return rest
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** Whether the file is signed, and whether its signature holds over its header for the key it names. */
export async function checkTransferSignature(file: TransferFile): Promise<SignatureCheck> {
  const block: TransferSignatureBlock | undefined = file.signature
  if (!block) return 'unsigned'
  try {
    const raw = base64ToBytes(block.publicKeyBase64)
    // the key id must be the key's own digest: a file cannot borrow a known committee's id
    if (raw.length !== 32 || (await sha256Hex(raw)).slice(0, 16) !== block.keyId) return 'invalid'
    const key = await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify'])
    const text = new TextEncoder().encode(transferSignedText(file, block))
    const ok = await crypto.subtle.verify({ name: 'Ed25519' }, key, base64ToBytes(block.value), text)
    return ok ? 'valid' : 'invalid'
  } catch {
    return 'invalid'
  }
}
