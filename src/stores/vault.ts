import { defineStore } from 'pinia'
import { ref } from 'vue'
import { platform } from '../platform'
import type { VaultOpening } from '../platform/types'
import type { StoreKeys } from '../shared/storeKeys'
import { errorText } from './backup'

export type VaultStep = 'opening' | 'ready' | Exclude<VaultOpening['status'], 'ready'>

/**
 * The keys of the local store, from the host's vault. Until they are there, start-up waits here and the
 * screen asks for what the host needs (a passphrase to set, the passphrase, or the 恢复密钥); then it
 * shows the 恢复密钥 once, until the user says they wrote it down.
 */
export const useVaultStore = defineStore('vault', () => {
  const step = ref<VaultStep>('opening')
  /** on a PC without a key store, the 恢复密钥 also needs a new passphrase */
  const newPassphraseRequired = ref(false)
  /** `ABCD-EFGH-…` while the user has not confirmed it; null otherwise (always null in the browser) */
  const recoveryKey = ref<string | null>(null)
  const problem = ref('')
  const busy = ref(false)

  let keys: Promise<StoreKeys> | undefined
  let unlocked: ((keys: StoreKeys) => void) | undefined

  function apply(opening: VaultOpening): StoreKeys | undefined {
    if (opening.status === 'ready') {
      step.value = 'ready'
      unlocked?.(opening.keys)
      void loadRecoveryKey()
      return opening.keys
    }
    step.value = opening.status
    if (opening.status === 'needs-recovery-key') newPassphraseRequired.value = opening.newPassphraseRequired
    return undefined
  }

  /** The keys; waits for the user when the host needs a passphrase or the 恢复密钥 first. */
  function storeKeys(): Promise<StoreKeys> {
    keys ??= platform()
      .vault.open()
      .then(
        (opening) => apply(opening) ?? new Promise<StoreKeys>((resolve) => (unlocked = resolve)),
        (error: unknown) => {
          keys = undefined
          throw error
        },
      )
    return keys
  }

  async function act(request: () => Promise<VaultOpening>): Promise<boolean> {
    problem.value = ''
    busy.value = true
    try {
      return apply(await request()) !== undefined
    } catch (error) {
      problem.value = errorText(error)
      return false
    } finally {
      busy.value = false
    }
  }

  const setPassphrase = (passphrase: string) => act(() => platform().vault.setPassphrase(passphrase))
  const unlockWithPassphrase = (passphrase: string) => act(() => platform().vault.unlock({ passphrase }))
  const unlockWithRecoveryKey = (typed: string, newPassphrase?: string) =>
    act(() => platform().vault.unlock(newPassphrase ? { recoveryKey: typed, newPassphrase } : { recoveryKey: typed }))
  /** The passphrase screen's 忘记密码: the 恢复密钥 opens the data, and a new passphrase replaces the old. */
  function forgotPassphrase() {
    problem.value = ''
    newPassphraseRequired.value = true
    step.value = 'needs-recovery-key'
  }

  async function loadRecoveryKey(): Promise<void> {
    recoveryKey.value = await platform()
      .vault.recoveryKey()
      .catch(() => null)
  }

  /** The user wrote the key down or printed it: the host forgets it. */
  async function confirmRecoveryKey(): Promise<boolean> {
    problem.value = ''
    busy.value = true
    try {
      await platform().vault.confirmRecoveryKey()
      recoveryKey.value = null
      return true
    } catch (error) {
      problem.value = errorText(error)
      return false
    } finally {
      busy.value = false
    }
  }

  /** A small PDF of the key, opened where printing is one click away. */
  async function printRecoveryKey(): Promise<void> {
    const key = recoveryKey.value
    if (!key) return
    problem.value = ''
    try {
      const { recoveryKeyPdf } = await import('../documents/recoveryKeyPdf')
      await platform().printPdf(await recoveryKeyPdf(key, new Date()), '恢复密钥')
    } catch (error) {
      problem.value = `无法打印：${errorText(error)}。请用笔抄写。`
    }
  }

  return {
    step,
    newPassphraseRequired,
    recoveryKey,
    problem,
    busy,
    storeKeys,
    setPassphrase,
    unlockWithPassphrase,
    unlockWithRecoveryKey,
    forgotPassphrase,
    confirmRecoveryKey,
    printRecoveryKey,
  }
})
