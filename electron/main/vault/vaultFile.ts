/**
 * `vault.json` in userData: the master secret, wrapped twice — by the operating system's key store
 * (safeStorage) or a key from the user's passphrase, and by a key from the 恢复密钥 — plus the key id.
 * Nothing in it is readable without one of those. Written atomically with mode 0600.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { atomicWrite } from '../backup/atomicWrite'
import { boxSchema, kdfSchema } from './kdf'

export const VAULT_FILE = 'vault.json'

const protectionSchema = z.discriminatedUnion('kind', [
  /** safeStorage.encryptStringAsync output, base64 (DPAPI on Windows, the keyring on Linux, Keychain on macOS) */
  z.strictObject({ kind: z.literal('safe-storage'), blob: z.base64() }),
  z.strictObject({ kind: z.literal('passphrase'), kdf: kdfSchema, box: boxSchema }),
])

export const vaultFileSchema = z.strictObject({
  format: z.literal('mediation-room/vault'),
  formatVersion: z.literal(1),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  /** wraps the protected secret (master, recovery KEK, and the recovery key until it is confirmed) */
  protection: protectionSchema,
  /** the master secret wrapped by the key derived from the 恢复密钥 */
  recovery: z.strictObject({ kdf: kdfSchema, box: boxSchema }),
  /** the adopted audit keys (see protectedSecretSchema), also wrapped for the 恢复密钥, so they survive it */
  adoptedAuditKeys: boxSchema.optional(),
})
export type VaultFile = z.infer<typeof vaultFileSchema>
export type Protection = z.infer<typeof protectionSchema>

/** What the protection wraps. */
export const protectedSecretSchema = z.strictObject({
  master: z.base64(),
  /** kept so that every backup can carry its key wrapped for the 恢复密钥, without the key itself */
  recoveryKek: z.base64(),
  /** the 恢复密钥 itself, only until the user confirms they wrote it down */
  pendingRecoveryKey: z.string().optional(),
  /**
   * other PCs' audit keys (base64, 32 bytes), adopted when one of their backups was opened here with its
   * 恢复密钥: the restored audit entries verify with them (kept under the same protection as the master)
   */
  adoptedAuditKeys: z.array(z.base64()).max(64).optional(),
})
export type ProtectedSecret = z.infer<typeof protectedSecretSchema>

export type VaultFileRead = { kind: 'absent' } | { kind: 'damaged' } | { kind: 'present'; file: VaultFile }

export async function readVaultFile(dir: string): Promise<VaultFileRead> {
  let text: string
  try {
    text = await fs.readFile(path.join(dir, VAULT_FILE), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' }
    throw error
  }
  try {
    const parsed = vaultFileSchema.safeParse(JSON.parse(text))
    return parsed.success ? { kind: 'present', file: parsed.data } : { kind: 'damaged' }
  } catch {
    return { kind: 'damaged' }
  }
}

export async function writeVaultFile(dir: string, file: VaultFile): Promise<void> {
  await fs.mkdir(dir, { recursive: true })
  const target = path.join(dir, VAULT_FILE)
  await atomicWrite(target, Buffer.from(JSON.stringify(file, null, 1), 'utf8'), { mode: 0o600 })
  // an older file kept its mode across the rename on some systems: make sure
  await fs.chmod(target, 0o600)
}
