import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { PlatformVault, VaultOpening } from '../../../src/platform/types'

const KEYS = { dataKey: new Uint8Array(32).fill(1), auditKey: new Uint8Array(32).fill(2) }
const host = vi.hoisted(() => ({ vault: undefined as unknown as PlatformVault }))
vi.mock('../../../src/platform', () => ({ platform: () => ({ vault: host.vault }) }))

const { useVaultStore } = await import('../../../src/stores/vault')

/** A desktop vault that needs its passphrase `secret` and holds an unconfirmed recovery key. */
function lockedVault(secret: string) {
  let pending: string | null = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789'
  let open = false
  const ready: VaultOpening = { status: 'ready', keys: KEYS }
  host.vault = {
    protectsKeys: true,
    open: vi.fn(async () => (open ? ready : { status: 'needs-passphrase' as const })),
    setPassphrase: vi.fn(),
    unlock: vi.fn(async (request) => {
      if (!('passphrase' in request) || request.passphrase !== secret) throw new Error('密码不正确，请重新输入。')
      open = true
      return ready
    }),
    recoveryKey: vi.fn(async () => (open ? pending : null)),
    confirmRecoveryKey: vi.fn(async () => {
      pending = null
    }),
  }
}

beforeEach(() => setActivePinia(createPinia()))

describe('the vault store', () => {
  it('holds start-up until the passphrase opens the vault, then shows the 恢复密钥 until confirmed', async () => {
    lockedVault('the right one')
    const vault = useVaultStore()
    let keys: unknown
    const waiting = vault.storeKeys().then((k) => (keys = k))
    await vi.waitFor(() => expect(vault.step).toBe('needs-passphrase'))
    expect(await vault.unlockWithPassphrase('a wrong one')).toBe(false)
    expect(vault.problem).toBe('密码不正确，请重新输入。')
    expect(keys).toBeUndefined()
    expect(await vault.unlockWithPassphrase('the right one')).toBe(true)
    await waiting
    expect(keys).toEqual(KEYS)
    expect(vault.step).toBe('ready')
    await vi.waitFor(() => expect(vault.recoveryKey).toBe('ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789'))
    expect(await vault.confirmRecoveryKey()).toBe(true)
    expect(vault.recoveryKey).toBeNull()
    expect(host.vault.confirmRecoveryKey).toHaveBeenCalledOnce()
    // asked again (each database open), the keys come from the same answer
    expect(await vault.storeKeys()).toEqual(KEYS)
    expect(host.vault.open).toHaveBeenCalledOnce()
  })
})
