/**
 * The desktop vault: where the store's keys come from. One random 32-byte master secret; the data key,
 * the audit key and the backup wrapping key are HKDF sub-keys of it (one secret to protect, to wrap for
 * the 恢复密钥 and to back up; a new use is a new `info` string, never a new file format).
 * The master is wrapped by the OS key store (Electron safeStorage) where a real one exists, otherwise by
 * a key from a passphrase the user sets; and always by a key from the 恢复密钥, which the page may read
 * until the user confirms they wrote it down. Plain Node: safeStorage comes in as `protector`.
 */
import { randomBytes } from 'node:crypto'
import {
  AUDIT_KEY_INFO,
  BACKUP_WRAP_KEY_INFO,
  SIGNING_KEY_WRAP_INFO,
  DATA_KEY_INFO,
  DEFAULT_SCRYPT_COST,
  deriveKek,
  keyIdOf,
  newKdfParams,
  open,
  seal,
  subKey,
  type ScryptCost,
} from './kdf'
import { formatRecoveryKey, generateRecoveryKey, normalizeRecoveryKey } from './recoveryKey'
import {
  protectedSecretSchema,
  readVaultFile,
  writeVaultFile,
  type ProtectedSecret,
  type Protection,
  type VaultFile,
} from './vaultFile'

/** The part of Electron's safeStorage the vault uses (the async API: Electron 45 deprecates the sync one). */
export interface KeyProtector {
  isAsyncEncryptionAvailable(): Promise<boolean>
  encryptStringAsync(plainText: string): Promise<Buffer>
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>
  /** Linux only: which secret store Chromium picked */
  getSelectedStorageBackend(): string
}

export interface VaultOptions {
  /** userData */
  dir: string
  protector: KeyProtector | null
  platform: NodeJS.Platform
  /** lower only in tests */
  scryptCost?: ScryptCost
}

export type VaultState =
  | { status: 'ready'; dataKey: Uint8Array; auditKey: Uint8Array; adoptedAuditKeys: Uint8Array[] }
  /** first start without a key store: the user sets a passphrase */
  | { status: 'needs-setup-passphrase' }
  | { status: 'needs-passphrase' }
  /** the key store no longer opens the vault (new user account, reinstalled system): the 恢复密钥 does */
  | { status: 'needs-recovery-key'; newPassphraseRequired: boolean }

export type UnlockRequest = { passphrase: string } | { recoveryKey: string; newPassphrase?: string }

/** What backups need of the vault (electron/main/backup/backupFile.ts). */
export interface BackupKeys {
  keyId: string
  /** wraps each backup's file key for this PC */
  localWrapKey: Uint8Array
  /** wraps each backup's file key for the 恢复密钥 (another PC) */
  recovery: { kdf: VaultFile['recovery']['kdf']; kek: Uint8Array }
  /**
   * every audit key the log may hold links of: this PC's, then the adopted ones. Each backup carries
   * them, so that its audit log verifies on the PC it is restored to.
   */
  auditKeys: Uint8Array[]
}

/** A refusal the user can act on; the message is Chinese. */
export class VaultError extends Error {
  override readonly name = 'VaultError'
}

export const MIN_PASSPHRASE_LENGTH = 8
export const VAULT_MESSAGES = {
  wrongPassphrase: '密码不正确，请重新输入。',
  wrongRecoveryKey: '恢复密钥不正确，请核对后重新输入（共 32 个字母和数字）。',
  shortPassphrase: `密码至少 ${MIN_PASSPHRASE_LENGTH} 个字符。`,
  newPassphraseNeeded: '这台电脑没有系统密钥库，请同时设置一个新的开机密码。',
  damaged: '本机密钥文件（vault.json）已损坏，无法打开数据。请勿删除数据文件夹，并联系管理员。',
  notNow: '当前不需要这一步。',
  locked: '本机数据尚未解锁。',
} as const

/** Each box is bound to its use (GCM additional data), so one cannot stand in for the other. */
const AAD_PASSPHRASE = Buffer.from('mediation-room/vault/passphrase-wrap/v1')
const AAD_RECOVERY = Buffer.from('mediation-room/vault/recovery-wrap/v1')
const AAD_ADOPTED = Buffer.from('mediation-room/vault/adopted-audit-keys/v1')

interface Session {
  file: VaultFile
  secret: ProtectedSecret
  master: Buffer
  /** the passphrase's KEK, kept to rewrite the file when the pending recovery key is dropped */
  passphraseKek?: Buffer
}

export function createVault(options: VaultOptions) {
  const cost = options.scryptCost ?? DEFAULT_SCRYPT_COST
  let session: Session | undefined
  // Every step runs after the previous one: two first calls must never create two different vaults.
  let queue: Promise<unknown> = Promise.resolve()
  function serial<T>(step: () => Promise<T>): Promise<T> {
    const run = queue.then(step, step)
    queue = run.catch(() => undefined)
    return run
  }

  /** 'basic_text' on Linux is a hard-coded password, no protection: treated as no key store. */
  async function keyStoreAvailable(): Promise<boolean> {
    const protector = options.protector
    if (!protector) return false
    if (!(await protector.isAsyncEncryptionAvailable().catch(() => false))) return false
    if (options.platform === 'linux') {
      const backend = protector.getSelectedStorageBackend()
      if (backend === 'basic_text' || backend === 'unknown') return false
    }
    return true
  }

  function ready(s: Session): VaultState {
    return {
      status: 'ready',
      dataKey: subKey(s.master, DATA_KEY_INFO),
      auditKey: subKey(s.master, AUDIT_KEY_INFO),
      adoptedAuditKeys: adoptedOf(s),
    }
  }

  function parseAdopted(plain: Buffer): string[] {
    try {
      const list: unknown = JSON.parse(plain.toString('utf8'))
      return Array.isArray(list) ? list.filter((k): k is string => typeof k === 'string') : []
    } catch {
      return []
    }
  }

  function adoptedOf(s: Session): Uint8Array[] {
    return (s.secret.adoptedAuditKeys ?? []).map((b64) => new Uint8Array(Buffer.from(b64, 'base64')))
  }

  async function protect(
    secret: ProtectedSecret,
    how:
      | { kind: 'safe-storage' }
      | { kind: 'passphrase'; passphrase: string }
      | { kind: 'kek'; protection: Protection; kek: Buffer },
  ): Promise<{ protection: Protection; passphraseKek?: Buffer }> {
    const plain = JSON.stringify(secret)
    if (how.kind === 'safe-storage') {
      const blob = await options.protector!.encryptStringAsync(plain)
      return { protection: { kind: 'safe-storage', blob: blob.toString('base64') } }
    }
    if (how.kind === 'passphrase') {
      const kdf = newKdfParams(cost)
      const kek = await deriveKek(how.passphrase, kdf)
      return {
        protection: { kind: 'passphrase', kdf, box: seal(kek, Buffer.from(plain), AAD_PASSPHRASE) },
        passphraseKek: kek,
      }
    }
    if (how.protection.kind !== 'passphrase') throw new Error('kek re-protection is for passphrase vaults')
    return {
      protection: {
        kind: 'passphrase',
        kdf: how.protection.kdf,
        box: seal(how.kek, Buffer.from(plain), AAD_PASSPHRASE),
      },
      passphraseKek: how.kek,
    }
  }

  async function create(how: { kind: 'safe-storage' } | { kind: 'passphrase'; passphrase: string }): Promise<Session> {
    const master = randomBytes(32)
    const recoveryKey = generateRecoveryKey()
    const recoveryKdf = newKdfParams(cost)
    const recoveryKek = await deriveKek(recoveryKey, recoveryKdf)
    const secret: ProtectedSecret = {
      master: master.toString('base64'),
      recoveryKek: recoveryKek.toString('base64'),
      pendingRecoveryKey: recoveryKey,
    }
    const { protection, passphraseKek } = await protect(secret, how)
    const file: VaultFile = {
      format: 'mediation-room/vault',
      formatVersion: 1,
      keyId: keyIdOf(subKey(master, DATA_KEY_INFO)),
      protection,
      recovery: { kdf: recoveryKdf, box: seal(recoveryKek, master, AAD_RECOVERY) },
    }
    await writeVaultFile(options.dir, file)
    session = { file, secret, master, passphraseKek }
    return session
  }

  function parseSecret(text: string): ProtectedSecret | null {
    try {
      const parsed = protectedSecretSchema.safeParse(JSON.parse(text))
      return parsed.success ? parsed.data : null
    } catch {
      return null
    }
  }

  function startSession(file: VaultFile, secret: ProtectedSecret, passphraseKek?: Buffer): Session {
    const master = Buffer.from(secret.master, 'base64')
    // a secret that does not belong to this file (swapped files) must not open it
    if (master.length !== 32 || keyIdOf(subKey(master, DATA_KEY_INFO)) !== file.keyId)
      throw new VaultError(VAULT_MESSAGES.damaged)
    session = { file, secret, master, passphraseKek }
    return session
  }

  async function current(): Promise<VaultState> {
    if (session) return ready(session)
    const read = await readVaultFile(options.dir)
    const hasKeyStore = await keyStoreAvailable()
    // Never create a new vault over one that cannot be read: that would lose every sealed record.
    if (read.kind === 'damaged') throw new VaultError(VAULT_MESSAGES.damaged)
    if (read.kind === 'absent') {
      if (!hasKeyStore) return { status: 'needs-setup-passphrase' }
      return ready(await create({ kind: 'safe-storage' }))
    }
    const file = read.file
    if (file.protection.kind === 'passphrase') return { status: 'needs-passphrase' }
    if (hasKeyStore) {
      const opened = await options
        .protector!.decryptStringAsync(Buffer.from(file.protection.blob, 'base64'))
        .catch(() => null)
      const secret = opened ? parseSecret(opened.result) : null
      if (opened && secret) {
        const s = startSession(file, secret)
        if (opened.shouldReEncrypt) await rewrite(s, { kind: 'safe-storage' })
        return ready(s)
      }
    }
    return { status: 'needs-recovery-key', newPassphraseRequired: !hasKeyStore }
  }

  async function rewrite(
    s: Session,
    how: { kind: 'safe-storage' } | { kind: 'passphrase'; passphrase: string } | { kind: 'keep' },
  ): Promise<void> {
    let wrapped: { protection: Protection; passphraseKek?: Buffer }
    if (how.kind !== 'keep') wrapped = await protect(s.secret, how)
    else if (s.file.protection.kind === 'passphrase' && s.passphraseKek)
      wrapped = await protect(s.secret, { kind: 'kek', protection: s.file.protection, kek: s.passphraseKek })
    else wrapped = await protect(s.secret, { kind: 'safe-storage' })
    s.file = { ...s.file, protection: wrapped.protection }
    s.passphraseKek = wrapped.passphraseKek
    await writeVaultFile(options.dir, s.file)
  }

  function assertPassphrase(passphrase: string): void {
    if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) throw new VaultError(VAULT_MESSAGES.shortPassphrase)
  }

  async function setPassphrase(passphrase: string): Promise<VaultState> {
    const state = await current()
    if (state.status !== 'needs-setup-passphrase') throw new VaultError(VAULT_MESSAGES.notNow)
    assertPassphrase(passphrase)
    return ready(await create({ kind: 'passphrase', passphrase }))
  }

  async function unlock(request: UnlockRequest): Promise<VaultState> {
    const state = await current()
    if (state.status === 'ready' || state.status === 'needs-setup-passphrase')
      throw new VaultError(VAULT_MESSAGES.notNow)
    const read = await readVaultFile(options.dir)
    if (read.kind !== 'present') throw new VaultError(VAULT_MESSAGES.damaged)
    const file = read.file
    if ('passphrase' in request) {
      if (file.protection.kind !== 'passphrase') throw new VaultError(VAULT_MESSAGES.notNow)
      const kek = await deriveKek(request.passphrase, file.protection.kdf)
      const plain = open(kek, file.protection.box, AAD_PASSPHRASE)
      const secret = plain ? parseSecret(plain.toString('utf8')) : null
      if (!secret) throw new VaultError(VAULT_MESSAGES.wrongPassphrase)
      return ready(startSession(file, secret, kek))
    }
    const canonical = normalizeRecoveryKey(request.recoveryKey)
    if (!canonical) throw new VaultError(VAULT_MESSAGES.wrongRecoveryKey)
    const recoveryKek = await deriveKek(canonical, file.recovery.kdf)
    const master = open(recoveryKek, file.recovery.box, AAD_RECOVERY)
    if (!master) throw new VaultError(VAULT_MESSAGES.wrongRecoveryKey)
    // Re-protect the same master for this system: its key store, or a new passphrase where none exists.
    const hasKeyStore = await keyStoreAvailable()
    if (!hasKeyStore) {
      if (request.newPassphrase === undefined) throw new VaultError(VAULT_MESSAGES.newPassphraseNeeded)
      assertPassphrase(request.newPassphrase)
    }
    const adopted = file.adoptedAuditKeys ? open(recoveryKek, file.adoptedAuditKeys, AAD_ADOPTED) : null
    const adoptedAuditKeys = adopted ? parseAdopted(adopted) : []
    const secret: ProtectedSecret = {
      master: master.toString('base64'),
      recoveryKek: recoveryKek.toString('base64'),
      ...(adoptedAuditKeys.length > 0 ? { adoptedAuditKeys } : {}),
    }
    const s = startSession(file, secret)
    await rewrite(
      s,
      hasKeyStore ? { kind: 'safe-storage' } : { kind: 'passphrase', passphrase: request.newPassphrase! },
    )
    return ready(s)
  }

  return {
    /** The keys, or what the user must do first. */
    keys: () => serial(current),
    setPassphrase: (passphrase: string) => serial(() => setPassphrase(passphrase)),
    unlock: (request: UnlockRequest) => serial(() => unlock(request)),
    /** The 恢复密钥 as shown (`ABCD-EFGH-…`) until the user confirmed it, then null for good. */
    recoveryKey: () =>
      serial(async () => {
        const key = session?.secret.pendingRecoveryKey
        return key === undefined ? null : formatRecoveryKey(key)
      }),
    /** The user wrote the key down: it is dropped from memory and from the file. */
    confirmRecoveryKey: () =>
      serial(async () => {
        const s = session
        if (!s) throw new VaultError(VAULT_MESSAGES.locked)
        if (s.secret.pendingRecoveryKey === undefined) return
        const { pendingRecoveryKey: _dropped, ...kept } = s.secret
        s.secret = kept
        await rewrite(s, { kind: 'keep' })
      }),
    /** Seals the committee's signing key at rest (electron/main/signing.ts); refuses while the vault is locked. */
    signingKeyWrap: () =>
      serial(async (): Promise<Uint8Array> => {
        const s = session
        if (!s) throw new VaultError(VAULT_MESSAGES.locked)
        return subKey(s.master, SIGNING_KEY_WRAP_INFO)
      }),
    /** For backups; refuses while the vault is locked. */
    backupKeys: () =>
      serial(async (): Promise<BackupKeys> => {
        const s = session
        if (!s) throw new VaultError(VAULT_MESSAGES.locked)
        return {
          keyId: s.file.keyId,
          localWrapKey: subKey(s.master, BACKUP_WRAP_KEY_INFO),
          recovery: { kdf: s.file.recovery.kdf, kek: Buffer.from(s.secret.recoveryKek, 'base64') },
          auditKeys: [subKey(s.master, AUDIT_KEY_INFO), ...adoptedOf(s)],
        }
      }),
    /**
     * Keeps the audit keys a backup from another PC carried (it was opened with that PC's 恢复密钥, so
     * they are that committee's own), so the restored log verifies here, now and after restarts. Only
     * keys not yet known are added; this PC's own key never changes, and new entries use only it.
     */
    adoptAuditKeys: (keys: readonly Uint8Array[]) =>
      serial(async (): Promise<number> => {
        const s = session
        if (!s) throw new VaultError(VAULT_MESSAGES.locked)
        const known = new Set([Buffer.from(subKey(s.master, AUDIT_KEY_INFO)).toString('base64')])
        for (const k of s.secret.adoptedAuditKeys ?? []) known.add(k)
        const added = keys
          .filter((k) => k.byteLength === 32)
          .map((k) => Buffer.from(k).toString('base64'))
          .filter((k, i, all) => !known.has(k) && all.indexOf(k) === i)
        if (added.length === 0) return 0
        const adoptedAuditKeys = [...(s.secret.adoptedAuditKeys ?? []), ...added].slice(-64)
        s.secret = { ...s.secret, adoptedAuditKeys }
        // also for the 恢复密钥, so that unlocking with it after a reinstall keeps them
        const recoveryKek = Buffer.from(s.secret.recoveryKek, 'base64')
        s.file = {
          ...s.file,
          adoptedAuditKeys: seal(recoveryKek, Buffer.from(JSON.stringify(adoptedAuditKeys)), AAD_ADOPTED),
        }
        await rewrite(s, { kind: 'keep' })
        return added.length
      }),
  }
}

export type Vault = ReturnType<typeof createVault>
