/**
 * Agreement signing for the browser platform (tests, preview; re-exported by src/platform/browser-signing.ts):
 * the same contract as the main process's Node signer, with WebCrypto Ed25519. The private key is generated
 * non-extractable on first use and kept in its own small IndexedDB database, so page script can use it
 * but never read it out.
 */
import type { AgreementSigner, SignResult, VerifyRequest } from '../shared/ipc/signing'

const DB_NAME = 'mediation-room-keys'
const STORE = 'keys'
const KEY_NAME = 'agreement-signing'

interface StoredKey {
  keyPair: CryptoKeyPair
  keyId: string
  publicKeyBase64: string
}

/** Where the key pair lives; IndexedDB by default, replaceable in tests. */
export interface KeyStore {
  get(): Promise<StoredKey | undefined>
  put(key: StoredKey): Promise<void>
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result)
    r.onerror = () => reject(r.error ?? new Error('密钥库读写失败'))
  })
}

export function indexedDbKeyStore(factory: IDBFactory = indexedDB): KeyStore {
  const open = (): Promise<IDBDatabase> => {
    const r = factory.open(DB_NAME, 1)
    r.onupgradeneeded = () => r.result.createObjectStore(STORE)
    return request(r)
  }
  return {
    async get() {
      const db = await open()
      try {
        return (await request(db.transaction(STORE).objectStore(STORE).get(KEY_NAME))) as StoredKey | undefined
      } finally {
        db.close()
      }
    },
    async put(key) {
      const db = await open()
      try {
        const tx = db.transaction(STORE, 'readwrite')
        tx.objectStore(STORE).put(key, KEY_NAME)
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve()
          tx.onerror = () => reject(tx.error ?? new Error('密钥保存失败'))
        })
      } finally {
        db.close()
      }
    },
  }
}

const toHex = (bytes: Uint8Array): string => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes))
const fromBase64 = (s: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(s), (c) => c.charCodeAt(0))
const fromHex = (hex: string): Uint8Array<ArrayBuffer> =>
  Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16))

function assertHash(hashHex: string): void {
  if (!/^[0-9a-f]{64}$/.test(hashHex)) throw new Error('内容摘要必须是 64 位十六进制 SHA-256')
}

async function createKey(): Promise<StoredKey> {
  const keyPair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', keyPair.publicKey))
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', raw))
  return { keyPair, keyId: toHex(digest).slice(0, 16), publicKeyBase64: toBase64(raw) }
}

export function createBrowserSigner(store: KeyStore = indexedDbKeyStore()): AgreementSigner {
  let key: Promise<StoredKey> | undefined
  const get = (): Promise<StoredKey> =>
    (key ??= (async () => {
      const existing = await store.get()
      if (existing) return existing
      const created = await createKey()
      await store.put(created)
      return created
    })())
  return {
    async sign(hashHex: string): Promise<SignResult> {
      assertHash(hashHex)
      const k = await get()
      const signature = new Uint8Array(
        await crypto.subtle.sign({ name: 'Ed25519' }, k.keyPair.privateKey, fromHex(hashHex)),
      )
      return { signature: toBase64(signature), keyId: k.keyId }
    },
    async verify({ hashHex, signature, keyId }: VerifyRequest): Promise<boolean> {
      const k = await get()
      if (keyId !== k.keyId || !/^[0-9a-f]{64}$/.test(hashHex)) return false
      try {
        return await crypto.subtle.verify(
          { name: 'Ed25519' },
          k.keyPair.publicKey,
          fromBase64(signature),
          fromHex(hashHex),
        )
      } catch {
        return false
      }
    },
    async publicKey() {
      const k = await get()
      return { keyId: k.keyId, publicKeyBase64: k.publicKeyBase64 }
    },
  }
}
