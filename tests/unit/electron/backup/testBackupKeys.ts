import { createHash } from 'node:crypto'
import { deriveKek } from '../../../../electron/main/vault/kdf'
import type { BackupKeys } from '../../../../electron/main/vault/vault'
import { TEST_SCRYPT_COST } from '../vault/fakeKeyStore'

/** A fixed 恢复密钥 per test "PC" (32 characters of the Crockford alphabet). */
export function recoveryKeyOf(pc: string): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
  const digest = createHash('sha256').update(`recovery:${pc}`).digest()
  return Array.from(digest.subarray(0, 32), (byte) => alphabet[byte & 31]).join('')
}

/**
 * The backup keys of a test PC, as its vault would hand them over: a key id, a local wrapping key, and
 * the KEK of its 恢复密钥 (scrypt at test cost). Two names are two PCs that share nothing.
 */
export function testBackupKeys(pc = 'this-pc'): () => Promise<BackupKeys> {
  const seed = (use: string) => new Uint8Array(createHash('sha256').update(`${pc}:${use}`).digest())
  const kdf = {
    name: 'scrypt' as const,
    salt: Buffer.from(seed('salt').subarray(0, 16)).toString('base64'),
    ...TEST_SCRYPT_COST,
  }
  let keys: Promise<BackupKeys> | undefined
  return () =>
    (keys ??= deriveKek(recoveryKeyOf(pc), kdf).then((kek) => ({
      keyId: Buffer.from(seed('key-id')).toString('hex').slice(0, 16),
      localWrapKey: seed('wrap'),
      recovery: { kdf, kek },
      auditKeys: [seed('audit-key')],
    })))
}
