import type { vaultChannels } from '../../../src/shared/ipc/vault'
import { IpcRefusal, type GroupHandlers } from '../ipc'
import { VaultError, type Vault } from '../vault/vault'

/** A VaultError's message is for the user (密码不正确…): pass it on instead of a generic failure. */
async function withVaultMessages<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof VaultError) throw new IpcRefusal('not-allowed', error.message)
    throw error
  }
}

/** The vault:* channels over the main process's vault (electron/main/vault/vault.ts). */
export function createVaultHandlers(vault: Vault): GroupHandlers<typeof vaultChannels> {
  return {
    'vault:keys': () => withVaultMessages(() => vault.keys()),
    'vault:set-passphrase': ({ passphrase }) => withVaultMessages(() => vault.setPassphrase(passphrase)),
    'vault:unlock': (request) => withVaultMessages(() => vault.unlock(request)),
    'vault:recovery-key': () => withVaultMessages(async () => ({ recoveryKey: await vault.recoveryKey() })),
    'vault:recovery-key-confirmed': () =>
      withVaultMessages(async () => {
        await vault.confirmRecoveryKey()
        return { confirmed: true as const }
      }),
  }
}
