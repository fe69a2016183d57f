/** The browser platform's signer (WebCrypto Ed25519, key in IndexedDB) against the main process's verifier contract. */
import { createHash, createPublicKey, verify } from 'node:crypto'
import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { createBrowserSigner, indexedDbKeyStore, type KeyStore } from '../../../src/documents/webcrypto-signer'

const hashOf = (s: string): string => createHash('sha256').update(s).digest('hex')

function memoryStore(): KeyStore {
  let saved: Awaited<ReturnType<KeyStore['get']>>
  return { get: async () => saved, put: async (k) => void (saved = k) }
}

describe('browser signer', () => {
  it('signs with a key Node crypto can verify from the published public key', async () => {
    const signer = createBrowserSigner(memoryStore())
    const { signature, keyId } = await signer.sign(hashOf('协议'))
    const { publicKeyBase64, keyId: published } = await signer.publicKey()
    expect(keyId).toBe(published)
    expect(keyId).toBe(createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex').slice(0, 16))
    // SPKI DER prefix for an Ed25519 public key, then the 32 raw bytes
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(publicKeyBase64, 'base64')])
    const publicKey = createPublicKey({ key: spki, format: 'der', type: 'spki' })
    expect(verify(null, Buffer.from(hashOf('协议'), 'hex'), publicKey, Buffer.from(signature, 'base64'))).toBe(true)
    expect(await signer.verify({ hashHex: hashOf('协议'), signature, keyId })).toBe(true)
    expect(await signer.verify({ hashHex: hashOf('改过的协议'), signature, keyId })).toBe(false)
    expect(await signer.verify({ hashHex: hashOf('协议'), signature, keyId: '0000000000000000' })).toBe(false)
  })

  it('keeps one key across signers sharing the store, and the private key is not extractable', async () => {
    const store = memoryStore()
    const a = createBrowserSigner(store)
    const b = createBrowserSigner(store)
    expect((await a.publicKey()).keyId).toBe((await b.publicKey()).keyId)
    const saved = await store.get()
    expect(saved?.keyPair.privateKey.extractable).toBe(false)
    await expect(a.sign('short')).rejects.toThrow(/SHA-256/)
  })

  it('stores the key pair in IndexedDB', async () => {
    const store = indexedDbKeyStore(new IDBFactory())
    const signer = createBrowserSigner(store)
    const { keyId } = await signer.publicKey()
    const reloaded = await store.get()
    expect(reloaded?.keyId).toBe(keyId)
  })
})
