import { z } from 'zod'

/**
 * The desktop vault (electron/main/vault): the keys that seal the local store and key its audit chain,
 * kept by the main process under the operating system's key store or a passphrase, and the 恢复密钥
 * that opens them on another PC. Keys go only to the app's own page (the sender check covers every channel).
 */
const keyBytes = z.custom<Uint8Array>(
  (value) => value instanceof Uint8Array && value.byteLength === 32,
  '密钥必须是 32 字节',
)

export const VAULT_MIN_PASSPHRASE_LENGTH = 8
const passphraseSchema = z
  .string()
  .min(VAULT_MIN_PASSPHRASE_LENGTH, `密码至少 ${VAULT_MIN_PASSPHRASE_LENGTH} 个字符`)
  .max(256, '密码过长')
/** As typed: dashes, spaces and lower case are accepted (the main process normalises). */
export const recoveryKeyInputSchema = z.string().min(1, '请输入恢复密钥').max(120, '恢复密钥过长')

/** The keys, or what the user must do before there are any. */
export const vaultStateSchema = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('ready'),
    dataKey: keyBytes,
    auditKey: keyBytes,
    /** other PCs' audit keys, adopted when their backups were restored here (verify only) */
    adoptedAuditKeys: z.array(keyBytes).max(64).optional(),
  }),
  /** first start on a PC without a key store: the user sets a passphrase */
  z.strictObject({ status: z.literal('needs-setup-passphrase') }),
  z.strictObject({ status: z.literal('needs-passphrase') }),
  /** the key store no longer opens the vault: the 恢复密钥 does (and a new passphrase where there is no key store) */
  z.strictObject({ status: z.literal('needs-recovery-key'), newPassphraseRequired: z.boolean() }),
])
export type VaultState = z.infer<typeof vaultStateSchema>
export type VaultStatus = VaultState['status']

export const vaultUnlockRequestSchema = z.union([
  z.strictObject({ passphrase: passphraseSchema }),
  z.strictObject({ recoveryKey: recoveryKeyInputSchema, newPassphrase: passphraseSchema.optional() }),
])
export type VaultUnlockRequest = z.infer<typeof vaultUnlockRequestSchema>

export const vaultChannels = {
  'vault:keys': { verb: 'getVaultKeys', request: z.undefined(), result: vaultStateSchema },
  'vault:set-passphrase': {
    verb: 'setVaultPassphrase',
    request: z.strictObject({ passphrase: passphraseSchema }),
    result: vaultStateSchema,
  },
  'vault:unlock': { verb: 'unlockVault', request: vaultUnlockRequestSchema, result: vaultStateSchema },
  'vault:recovery-key': {
    verb: 'getRecoveryKey',
    request: z.undefined(),
    /** `ABCD-EFGH-…` until the user confirmed they wrote it down, then null for good */
    result: z.strictObject({ recoveryKey: z.string().nullable() }),
  },
  'vault:recovery-key-confirmed': {
    verb: 'confirmRecoveryKey',
    request: z.undefined(),
    result: z.strictObject({ confirmed: z.literal(true) }),
  },
} as const
