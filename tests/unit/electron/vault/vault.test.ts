import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeKeyStore, TEST_SCRYPT_COST } from './fakeKeyStore'

vi.mock('electron', () => ({}))

const { createVault, VaultError } = await import('../../../../electron/main/vault/vault')
const { VAULT_FILE } = await import('../../../../electron/main/vault/vaultFile')
type KeyProtector = import('../../../../electron/main/vault/vault').KeyProtector

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mr-vault-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function vaultWith(protector: KeyProtector | null, platform: NodeJS.Platform = 'linux') {
  return createVault({ dir, protector, platform, scryptCost: TEST_SCRYPT_COST })
}

async function readyKeys(state: Promise<{ status: string }>) {
  const value = await state
  if (value.status !== 'ready') throw new Error(`expected ready, got ${value.status}`)
  return value as { status: 'ready'; dataKey: Uint8Array; auditKey: Uint8Array }
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')
/** The written-out form of a recovery key: 8 groups of 4 from the Crockford alphabet. */
const RECOVERY_KEY_SHAPE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){7}$/

describe('the vault with a key store (DPAPI, keyring)', () => {
  it('makes two different 32-byte keys once and gives the same ones after a restart', async () => {
    const store = fakeKeyStore()
    const first = await readyKeys(vaultWith(store.protector).keys())
    expect(first.dataKey).toHaveLength(32)
    expect(first.auditKey).toHaveLength(32)
    expect(hex(first.dataKey)).not.toBe(hex(first.auditKey))
    const again = await readyKeys(vaultWith(store.protector).keys())
    expect(hex(again.dataKey)).toBe(hex(first.dataKey))
    expect(hex(again.auditKey)).toBe(hex(first.auditKey))
  })

  it('writes vault.json with mode 0600 and neither key in it', async () => {
    const keys = await readyKeys(vaultWith(fakeKeyStore().protector).keys())
    const file = join(dir, VAULT_FILE)
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600)
    const text = await readFile(file, 'utf8')
    for (const key of [keys.dataKey, keys.auditKey]) {
      expect(text).not.toContain(hex(key))
      expect(text).not.toContain(b64(key))
    }
  })

  it('creates one vault when asked twice at once', async () => {
    const vault = vaultWith(fakeKeyStore().protector)
    const [a, b] = await Promise.all([readyKeys(vault.keys()), readyKeys(vault.keys())])
    expect(hex(a.dataKey)).toBe(hex(b.dataKey))
  })

  it('never replaces a damaged vault file with a new one', async () => {
    await writeFile(join(dir, VAULT_FILE), '{"format":"mediation-room/vault", broken')
    await expect(vaultWith(fakeKeyStore().protector).keys()).rejects.toThrow('已损坏')
    expect(await readFile(join(dir, VAULT_FILE), 'utf8')).toBe('{"format":"mediation-room/vault", broken')
  })
})

describe('without a key store: the passphrase', () => {
  it('asks for a passphrase when safeStorage says encryption is unavailable', async () => {
    const store = fakeKeyStore({ available: false })
    expect(await vaultWith(store.protector).keys()).toEqual({ status: 'needs-setup-passphrase' })
    expect(store.calls.encrypt).toBe(0)
  })

  it("treats Linux's basic_text backend (a hard-coded password) as no key store", async () => {
    const store = fakeKeyStore({ available: true, backend: 'basic_text' })
    expect(await vaultWith(store.protector, 'linux').keys()).toEqual({ status: 'needs-setup-passphrase' })
    expect(store.calls.encrypt).toBe(0)
    // the backend name is a Linux matter: Windows' DPAPI is used whatever it says
    expect((await vaultWith(store.protector, 'win32').keys()).status).toBe('ready')
  })

  it('sets a passphrase, asks for it after a restart, refuses a wrong one in Chinese', async () => {
    const first = vaultWith(null)
    await expect(first.setPassphrase('short')).rejects.toThrow('密码至少 8 个字符')
    const keys = await readyKeys(first.setPassphrase('调解委员会2026'))
    const restarted = vaultWith(null)
    expect(await restarted.keys()).toEqual({ status: 'needs-passphrase' })
    await expect(restarted.unlock({ passphrase: '调解委员会2025' })).rejects.toThrow('密码不正确，请重新输入。')
    await expect(restarted.unlock({ passphrase: '调解委员会2025' })).rejects.toBeInstanceOf(VaultError)
    expect(await restarted.keys()).toEqual({ status: 'needs-passphrase' })
    const unlocked = await readyKeys(restarted.unlock({ passphrase: '调解委员会2026' }))
    expect(hex(unlocked.dataKey)).toBe(hex(keys.dataKey))
    expect(hex(unlocked.auditKey)).toBe(hex(keys.auditKey))
  })

  it('does not set a passphrase over an existing vault', async () => {
    await vaultWith(fakeKeyStore().protector).keys()
    await expect(vaultWith(null).setPassphrase('a new passphrase')).rejects.toThrow('当前不需要这一步')
  })
})

describe('the 恢复密钥', () => {
  it('is given to the page until confirmed (across a restart), then never again', async () => {
    const store = fakeKeyStore()
    const vault = vaultWith(store.protector)
    await vault.keys()
    const key = await vault.recoveryKey()
    expect(key).toMatch(RECOVERY_KEY_SHAPE)
    const restarted = vaultWith(store.protector)
    await restarted.keys()
    expect(await restarted.recoveryKey()).toBe(key)
    await restarted.confirmRecoveryKey()
    expect(await restarted.recoveryKey()).toBeNull()
    const later = vaultWith(store.protector)
    await later.keys()
    expect(await later.recoveryKey()).toBeNull()
    // gone from what the vault file now holds, too
    const { protection } = JSON.parse(await readFile(join(dir, VAULT_FILE), 'utf8')) as { protection: { blob: string } }
    const held = store.kept.get(Buffer.from(protection.blob, 'base64').toString('hex'))
    expect(held).toContain('"master"')
    expect(held).not.toContain(key!.replaceAll('-', ''))
  })

  it('is not given before the vault is open', async () => {
    await vaultWith(fakeKeyStore().protector).keys()
    expect(await vaultWith(null).recoveryKey()).toBeNull()
  })

  it('opens the vault when the key store no longer can (new account, reinstalled system)', async () => {
    const vault = vaultWith(fakeKeyStore().protector)
    const keys = await readyKeys(vault.keys())
    const key = (await vault.recoveryKey())!
    const newSystem = fakeKeyStore()
    const afterReinstall = vaultWith(newSystem.protector)
    expect(await afterReinstall.keys()).toEqual({ status: 'needs-recovery-key', newPassphraseRequired: false })
    const wrong = key.replace(/^./, key.startsWith('A') ? 'B' : 'A')
    await expect(afterReinstall.unlock({ recoveryKey: wrong })).rejects.toThrow('恢复密钥不正确')
    // typed by hand: lower case, spaces instead of dashes
    const typed = key.toLowerCase().replaceAll('-', ' ')
    const recovered = await readyKeys(afterReinstall.unlock({ recoveryKey: typed }))
    expect(hex(recovered.dataKey)).toBe(hex(keys.dataKey))
    // re-protected by the new key store: the next start needs nothing
    expect(hex((await readyKeys(vaultWith(newSystem.protector).keys())).dataKey)).toBe(hex(keys.dataKey))
  })

  it('needs a new passphrase when it opens the vault on a system without a key store', async () => {
    const vault = vaultWith(fakeKeyStore().protector)
    const keys = await readyKeys(vault.keys())
    const key = (await vault.recoveryKey())!
    const noKeyStore = vaultWith(null)
    expect(await noKeyStore.keys()).toEqual({ status: 'needs-recovery-key', newPassphraseRequired: true })
    await expect(noKeyStore.unlock({ recoveryKey: key })).rejects.toThrow('设置一个新的开机密码')
    await readyKeys(noKeyStore.unlock({ recoveryKey: key, newPassphrase: 'new passphrase 1' }))
    const restarted = vaultWith(null)
    expect(await restarted.keys()).toEqual({ status: 'needs-passphrase' })
    expect(hex((await readyKeys(restarted.unlock({ passphrase: 'new passphrase 1' }))).dataKey)).toBe(hex(keys.dataKey))
  })

  it('replaces a forgotten passphrase', async () => {
    const vault = vaultWith(null)
    const keys = await readyKeys(vault.setPassphrase('forgotten passphrase'))
    const key = (await vault.recoveryKey())!
    const restarted = vaultWith(null)
    expect(await restarted.keys()).toEqual({ status: 'needs-passphrase' })
    const recovered = await readyKeys(restarted.unlock({ recoveryKey: key, newPassphrase: 'remembered one' }))
    expect(hex(recovered.dataKey)).toBe(hex(keys.dataKey))
    await expect(vaultWith(null).unlock({ passphrase: 'forgotten passphrase' })).rejects.toThrow('密码不正确')
  })
})

describe('audit keys adopted from other PCs’ backups', () => {
  const OTHER = new Uint8Array(32).fill(3)
  const THIRD = new Uint8Array(32).fill(4)

  it('keeps new ones (not its own, not twice), hands them out with the keys and in every backup, after a restart too', async () => {
    const store = fakeKeyStore()
    const vault = vaultWith(store.protector)
    const keys = await readyKeys(vault.keys())
    expect((await vault.keys()) as { adoptedAuditKeys: Uint8Array[] }).toMatchObject({ adoptedAuditKeys: [] })
    expect(await vault.adoptAuditKeys([keys.auditKey, OTHER, OTHER, new Uint8Array(16)])).toBe(1)
    expect(await vault.adoptAuditKeys([OTHER])).toBe(0)
    expect(await vault.adoptAuditKeys([THIRD])).toBe(1)
    const after = (await vault.keys()) as { auditKey: Uint8Array; adoptedAuditKeys: Uint8Array[] }
    expect(hex(after.auditKey)).toBe(hex(keys.auditKey))
    expect(after.adoptedAuditKeys.map(hex)).toEqual([hex(OTHER), hex(THIRD)])
    expect((await vault.backupKeys()).auditKeys.map(hex)).toEqual([hex(keys.auditKey), hex(OTHER), hex(THIRD)])
    const restarted = (await vaultWith(store.protector).keys()) as { adoptedAuditKeys: Uint8Array[] }
    expect(restarted.adoptedAuditKeys.map(hex)).toEqual([hex(OTHER), hex(THIRD)])
    // never in vault.json readably
    const text = await readFile(join(dir, VAULT_FILE), 'utf8')
    for (const key of [OTHER, THIRD]) {
      expect(text).not.toContain(hex(key))
      expect(text).not.toContain(b64(key))
    }
  })

  it('keeps them when the vault is opened with the 恢复密钥 on a reinstalled system', async () => {
    const vault = vaultWith(fakeKeyStore().protector)
    await readyKeys(vault.keys())
    const key = (await vault.recoveryKey())!
    await vault.adoptAuditKeys([OTHER])
    const afterReinstall = vaultWith(fakeKeyStore().protector)
    const recovered = (await afterReinstall.unlock({ recoveryKey: key })) as { adoptedAuditKeys: Uint8Array[] }
    expect(recovered.adoptedAuditKeys.map(hex)).toEqual([hex(OTHER)])
  })

  it('refuses while locked, and changes nothing', async () => {
    const store = fakeKeyStore()
    await vaultWith(store.protector).keys()
    const before = await readFile(join(dir, VAULT_FILE))
    const locked = vaultWith(fakeKeyStore().protector)
    await expect(locked.adoptAuditKeys([OTHER])).rejects.toThrow('本机数据尚未解锁')
    expect(await readFile(join(dir, VAULT_FILE))).toEqual(before)
  })
})
