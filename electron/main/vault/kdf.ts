/**
 * The vault's cryptography, all node:crypto: AES-256-GCM boxes, scrypt key-encryption keys (from a
 * passphrase or the 恢复密钥) and HKDF-SHA256 sub-keys of the master secret.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, scrypt } from 'node:crypto'
import { z } from 'zod'

/** scrypt cost: N = 2^17, r = 8 (128 MiB, about half a second): a guessed passphrase costs the same. */
export interface ScryptCost {
  N: number
  r: number
  p: number
}
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 }

export const kdfSchema = z.strictObject({
  name: z.literal('scrypt'),
  salt: z.base64(),
  N: z
    .number()
    .int()
    .min(2 ** 10)
    .max(2 ** 20),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
})
export type KdfParams = z.infer<typeof kdfSchema>

export const boxSchema = z.strictObject({ iv: z.base64(), data: z.base64() })
/** AES-256-GCM: a 12-byte IV and the ciphertext followed by its 16-byte tag, both base64. */
export type Box = z.infer<typeof boxSchema>

export function newKdfParams(cost: ScryptCost): KdfParams {
  return { name: 'scrypt', salt: randomBytes(16).toString('base64'), ...cost }
}

export function deriveKek(secret: string, params: KdfParams): Promise<Buffer> {
  const { N, r, p } = params
  return new Promise((resolve, reject) =>
    scrypt(
      secret.normalize('NFC'),
      Buffer.from(params.salt, 'base64'),
      32,
      { N, r, p, maxmem: 256 * N * r + 32 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  )
}

export function seal(key: Uint8Array, plain: Uint8Array, aad: Uint8Array): Box {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(aad)
  const data = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()])
  return { iv: iv.toString('base64'), data: data.toString('base64') }
}

/** The plaintext, or null when the key is wrong or anything was changed (GCM's tag does not match). */
export function open(key: Uint8Array, box: Box, aad: Uint8Array): Buffer | null {
  const data = Buffer.from(box.data, 'base64')
  if (data.length < 16) return null
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(box.iv, 'base64'))
    decipher.setAAD(aad)
    decipher.setAuthTag(data.subarray(data.length - 16))
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()])
  } catch {
    return null
  }
}

/** A 32-byte sub-key of the master secret; `info` names its use, so no two uses share a key. */
export function subKey(master: Uint8Array, info: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', master, new Uint8Array(0), info, 32))
}

export const DATA_KEY_INFO = 'mediation-room/vault/data-key/v1'
export const AUDIT_KEY_INFO = 'mediation-room/vault/audit-key/v1'
export const BACKUP_WRAP_KEY_INFO = 'mediation-room/vault/backup-wrap-key/v1'
export const SIGNING_KEY_WRAP_INFO = 'mediation-room/vault/signing-key-wrap/v1'

/** Names a data key without revealing it: 16 hex digits of a domain-separated SHA-256. */
export function keyIdOf(dataKey: Uint8Array): string {
  return createHash('sha256').update('mediation-room/key-id\0').update(dataKey).digest('hex').slice(0, 16)
}
