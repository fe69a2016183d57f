import { randomBytes } from 'node:crypto'
import { createVault, type KeyProtector } from '../../../../electron/main/vault/vault'

/**
 * A stand-in for Electron's safeStorage: "encrypting" hands out a random token and remembers the text
 * under it, so only this key store can open what it wrapped (as DPAPI or a keyring would).
 */
export function fakeKeyStore(options: { available?: boolean; backend?: string } = {}) {
  const kept = new Map<string, string>()
  const calls = { encrypt: 0, decrypt: 0 }
  const protector: KeyProtector = {
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    encryptStringAsync: async (plain) => {
      calls.encrypt++
      const token = randomBytes(24)
      kept.set(token.toString('hex'), plain)
      return token
    },
    decryptStringAsync: async (encrypted) => {
      calls.decrypt++
      const plain = kept.get(encrypted.toString('hex'))
      if (plain === undefined)
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
      return { result: plain, shouldReEncrypt: false }
    },
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
  }
  return { protector, calls, kept }
}

/** scrypt at its minimum cost: the tests check the logic, not the work factor. */
export const TEST_SCRYPT_COST = { N: 2 ** 10, r: 8, p: 1 }

/** A real vault in `dir` behind a fake key store, for tests that need the handlers' dependencies. */
export function testVault(dir: string) {
  return createVault({ dir, protector: fakeKeyStore().protector, platform: 'linux', scryptCost: TEST_SCRYPT_COST })
}
