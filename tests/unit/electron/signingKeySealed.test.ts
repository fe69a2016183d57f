/**
 * The committee's signing key at rest: in the desktop app it is sealed under a key of the vault
 * (AES-256-GCM), so a copy of the data folder cannot sign agreements or transfer files as the committee
 * without the vault (the OS key store of that account, the 开机密码 or the 恢复密钥). A key from before
 * (a plain PEM file) is sealed on first use and its PEM removed; a sealed key that does not open is
 * refused, never replaced by a new one (that would orphan every signature made so far).
 */
import { createPrivateKey, createPublicKey } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createNodeSigner, keyIdOf, loadCommitteeKeys, PRIVATE_KEY_FILE } from '../../../electron/main/signing'
import { createVault } from '../../../electron/main/vault/vault'
import { fakeKeyStore, TEST_SCRYPT_COST } from './vault/fakeKeyStore'
import { agreementContent } from '../signing/agreementContent'

const dirs: string[] = []
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true })
})
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mr-sealed-key-'))
  dirs.push(dir)
  return dir
}

const WRAP = new Uint8Array(32).fill(7)
const OTHER_WRAP = new Uint8Array(32).fill(8)

/** Every spelling of a private key a file could hold in clear: PEM, and the PKCS#8 DER bytes. */
function privateKeyIn(dir: string, pem: string): string[] {
  const der = createPrivateKey(pem).export({ format: 'der', type: 'pkcs8' })
  const found: string[] = []
  for (const name of readdirSync(dir)) {
    const bytes = readFileSync(join(dir, name))
    if (bytes.includes(Buffer.from('PRIVATE KEY'))) found.push(`${name}: PEM`)
    if (bytes.includes(der.subarray(-32))) found.push(`${name}: raw key bytes`)
    if (bytes.includes(Buffer.from(der.subarray(-32)).toString('base64').slice(0, 40)))
      found.push(`${name}: base64 key bytes`)
  }
  return found
}

/** A committee key as an older version left it: a plain PEM file in the data folder. */
function plainKeyFolder(): { dir: string; pem: string; keyId: string } {
  const dir = tempDir()
  loadCommitteeKeys(dir) // without a vault: the plain PEM of before
  const pem = readFileSync(join(dir, PRIVATE_KEY_FILE), 'utf8')
  const rawPublic = createPublicKey(pem).export({ format: 'der', type: 'spki' }).subarray(-32)
  return { dir, pem, keyId: keyIdOf(rawPublic) }
}

describe('the committee key sealed under the vault', () => {
  it('is created sealed: no file of the data folder holds it in clear, and it signs the same after a restart', async () => {
    const dir = tempDir()
    const signer = createNodeSigner(dir, async () => WRAP)
    const signed = await signer.sign(agreementContent())
    expect(existsSync(join(dir, PRIVATE_KEY_FILE))).toBe(false)
    expect(readdirSync(dir).filter((name) => readFileSync(join(dir, name)).includes('PRIVATE KEY'))).toEqual([])
    const again = createNodeSigner(dir, async () => WRAP)
    expect((await again.publicKey()).keyId).toBe(signed.keyId)
    expect(await again.sign(agreementContent())).toEqual(signed)
  })

  it('seals a plain key from before on first use, keeps its key id, and removes the PEM', async () => {
    const { dir, pem, keyId } = plainKeyFolder()
    expect(privateKeyIn(dir, pem)).not.toEqual([])
    const signer = createNodeSigner(dir, async () => WRAP)
    expect((await signer.publicKey()).keyId).toBe(keyId)
    expect(existsSync(join(dir, PRIVATE_KEY_FILE))).toBe(false)
    expect(privateKeyIn(dir, pem)).toEqual([])
    expect((await createNodeSigner(dir, async () => WRAP).publicKey()).keyId).toBe(keyId)
  })

  it('refuses to sign with a sealed key that does not open, and makes no new key', async () => {
    const { dir, keyId } = plainKeyFolder()
    await createNodeSigner(dir, async () => WRAP).publicKey()
    const before = readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')])
    const wrong = createNodeSigner(dir, async () => OTHER_WRAP)
    await expect(wrong.publicKey()).rejects.toThrow('签章密钥')
    await expect(wrong.sign(agreementContent())).rejects.toThrow('签章密钥')
    expect(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')])).toEqual(before)
    expect((await createNodeSigner(dir, async () => WRAP).publicKey()).keyId).toBe(keyId)
    // a damaged file is refused the same way
    const sealed = readdirSync(dir).find((name) => name.startsWith('agreement-signing-key'))!
    writeFileSync(join(dir, sealed), '{"iv":"AAAA"')
    await expect(createNodeSigner(dir, async () => WRAP).publicKey()).rejects.toThrow('签章密钥')
  })

  it("uses the vault's key: the same after the vault is opened again, refused while it is locked", async () => {
    const dir = tempDir()
    const keyStore = fakeKeyStore()
    const openVault = () =>
      createVault({ dir, protector: keyStore.protector, platform: 'linux', scryptCost: TEST_SCRYPT_COST })
    const vault = openVault()
    await vault.keys()
    const keyId = (await createNodeSigner(dir, () => vault.signingKeyWrap()).publicKey()).keyId
    const reopened = openVault()
    await expect(createNodeSigner(dir, () => reopened.signingKeyWrap()).publicKey()).rejects.toThrow()
    await reopened.keys()
    expect((await createNodeSigner(dir, () => reopened.signingKeyWrap()).publicKey()).keyId).toBe(keyId)
  })
})
