/**
 * Agreement signing in a plain browser (end-to-end tests, `npm run preview`): WebCrypto Ed25519 with
 * the private key generated on first use and kept non-extractable in its own IndexedDB database, so
 * page scripts can use it but never read it. Same wire format as electron/main/signing.ts: the
 * signature covers the 32 bytes of the SHA-256, keyId = first 16 hex of SHA-256 of the raw public key.
 */
import type { AgreementSigner, SignResult, VerifyRequest } from '../shared/ipc/signing'
import { PlatformError } from './types'

const KEY_DB = 'mediation-room-signing'
const STORE = 'keys'
const KEY_NAME = 'agreement-ed25519'

interface StoredKeys {
  privateKey: CryptoKey
  publicKey: CryptoKey
  keyId: string
  publicKeyBase64: string
}

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return bytes
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text)
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0))
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'))
  })
}

async function openKeyDb(): Promise<IDBDatabase> {
  const open = indexedDB.open(KEY_DB, 1)
  open.onupgradeneeded = () => open.result.createObjectStore(STORE)
  return request(open)
}

async function createKeys(): Promise<StoredKeys> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey))
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', raw))
  const keyId = [...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('')
  return { privateKey: pair.privateKey, publicKey: pair.publicKey, keyId, publicKeyBase64: toBase64(raw) }
}

let loading: Promise<StoredKeys> | undefined

/** The room's key pair, read from IndexedDB or created (and stored) on first use. */
function keys(): Promise<StoredKeys> {
  loading ??= (async () => {
    const db = await openKeyDb()
    try {
      const found = await request(db.transaction(STORE, 'readonly').objectStore(STORE).get(KEY_NAME) as IDBRequest<StoredKeys | undefined>)
      if (found) return found
      const created = await createKeys()
      // `add`, not `put`: if another tab created a key meanwhile, keep theirs and use it.
      try {
        await request(db.transaction(STORE, 'readwrite').objectStore(STORE).add(created, KEY_NAME))
        return created
      } catch {
        const theirs = await request(db.transaction(STORE, 'readonly').objectStore(STORE).get(KEY_NAME) as IDBRequest<StoredKeys | undefined>)
        if (!theirs) throw new Error('signing key could not be stored')
        return theirs
      }
    } finally {
      db.close()
    }
  })().catch((error: unknown) => {
    loading = undefined
    throw new PlatformError(`无法使用本机签章密钥：${error instanceof Error ? error.message : String(error)}`)
  })
  return loading
}

const HASH = /^[0-9a-f]{64}$/

export function createBrowserSigner(): AgreementSigner {
  return {
    async sign(hashHex: string): Promise<SignResult> {
      if (!HASH.test(hashHex)) throw new PlatformError('内容摘要必须是 64 位十六进制 SHA-256')
      const k = await keys()
      const signature = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, k.privateKey, hexToBytes(hashHex)))
      return { signature: toBase64(signature), keyId: k.keyId }
    },
    async verify({ hashHex, signature, keyId }: VerifyRequest): Promise<boolean> {
      const k = await keys()
      // only this room's key is known here; another office's agreement cannot be vouched for
      if (keyId !== k.keyId || !HASH.test(hashHex)) return false
      try {
        return await crypto.subtle.verify({ name: 'Ed25519' }, k.publicKey, fromBase64(signature), hexToBytes(hashHex))
      } catch {
        return false
      }
    },
    async publicKey() {
      const k = await keys()
      return { keyId: k.keyId, publicKeyBase64: k.publicKeyBase64 }
    },
  }
}
