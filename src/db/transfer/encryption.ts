/**
 * Passphrase encryption of transfer files: AES-256-GCM with a key from PBKDF2-SHA256 (600,000
 * iterations, OWASP 2023), random salt and IV. WebCrypto, so the same code runs in the renderer and
 * in Node 20; always outside any Dexie transaction.
 */
import { z } from 'zod'
import { base64ToBytes, bytesToBase64 } from './base64'
import { passphraseProblem } from '../../domain/passphrase'
import { TransferError } from '../../domain/transferError'

export const ENCRYPTED_FORMAT = 'mediation-room/encrypted'
export const PBKDF2_ITERATIONS = 600_000
/** Refused above this: a hostile file could otherwise make us spin for hours. */
const MAX_ITERATIONS = 10_000_000

export interface EncryptedEnvelope {
  format: typeof ENCRYPTED_FORMAT
  kdf: 'PBKDF2-SHA256'
  params: { iterations: number }
  cipher: 'AES-256-GCM'
  salt: string
  iv: string
  ciphertext: string
}

const envelopeSchema = z.strictObject({
  format: z.literal(ENCRYPTED_FORMAT),
  kdf: z.literal('PBKDF2-SHA256'),
  params: z.strictObject({ iterations: z.number().int().min(PBKDF2_ITERATIONS).max(MAX_ITERATIONS) }),
  cipher: z.literal('AES-256-GCM'),
  salt: z.string().max(100),
  iv: z.string().max(100),
  ciphertext: z.string(),
})

async function deriveKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, [
    'deriveKey',
  ])
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  )
}

export async function encryptText(
  plaintext: string,
  passphrase: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<EncryptedEnvelope> {
  const problem = passphraseProblem(passphrase)
  if (problem) throw new TransferError('needs-passphrase', problem)
  const salt = crypto.getRandomValues(new Uint8Array(16))
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const key = await deriveKey(passphrase, salt, iterations)
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(plaintext)),
  )
  return {
    format: ENCRYPTED_FORMAT,
    kdf: 'PBKDF2-SHA256',
    params: { iterations },
    cipher: 'AES-256-GCM',
    salt: bytesToBase64(salt),
    iv: bytesToBase64(iv),
    ciphertext: bytesToBase64(ciphertext),
  }
}

/** True when the parsed JSON claims to be an encrypted envelope (it may still be malformed). */
export function looksEncrypted(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && 'format' in raw && raw.format === ENCRYPTED_FORMAT
}

export async function decryptEnvelope(raw: unknown, passphrase: string | undefined): Promise<string> {
  const parsed = envelopeSchema.safeParse(raw)
  if (!parsed.success) throw new TransferError('not-transfer-file', '加密文件已损坏或格式无法识别')
  if (passphrase === undefined || passphrase === '')
    throw new TransferError('needs-passphrase', '此文件已加密，请输入密码')
  const envelope = parsed.data
  let salt: Uint8Array<ArrayBuffer>, iv: Uint8Array<ArrayBuffer>, ciphertext: Uint8Array<ArrayBuffer>
  try {
    salt = base64ToBytes(envelope.salt)
    iv = base64ToBytes(envelope.iv)
    ciphertext = base64ToBytes(envelope.ciphertext)
  } catch {
    throw new TransferError('not-transfer-file', '加密文件已损坏')
  }
  if (iv.length !== 12 || salt.length < 16) throw new TransferError('not-transfer-file', '加密文件已损坏')
  const key = await deriveKey(passphrase, salt, envelope.params.iterations)
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, ciphertext)
    return new TextDecoder('utf-8', { fatal: true }).decode(plain)
  } catch {
    // GCM cannot tell a wrong passphrase from a damaged file: both fail authentication.
    throw new TransferError('wrong-passphrase', '密码不正确，或文件已损坏')
  }
}
