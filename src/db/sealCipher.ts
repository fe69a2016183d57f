/**
 * AES-256-GCM for records sealed at rest: a random 12-byte IV, the 16-byte tag appended, and additional
 * data that binds the value to its record (src/db/sealedRecords.ts chooses it). Stored: iv || ciphertext || tag.
 *
 * Two implementations of the same algorithm: `@noble/ciphers` runs synchronously, which code inside a
 * Dexie transaction needs (awaiting anything but IndexedDB there ends the transaction); WebCrypto is far
 * faster (~20 times for a case document here) and serves everything sealed before its transaction
 * (src/db/presealed.ts) or opened after it (src/db/sealedReads.ts).
 */
import { gcm } from '@noble/ciphers/aes.js'

/** The IV's length, and what sealing adds to the plain bytes (IV and tag). */
export const SEAL_IV_BYTES = 12
export const SEAL_OVERHEAD = SEAL_IV_BYTES + 16
const IV_BYTES = SEAL_IV_BYTES

export function sealBytes(key: Uint8Array, context: Uint8Array, plain: Uint8Array): Uint8Array<ArrayBuffer> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES))
  const body = gcm(key, iv, context).encrypt(plain)
  const out = new Uint8Array(IV_BYTES + body.length)
  out.set(iv)
  out.set(body, IV_BYTES)
  return out
}

/** The plain bytes; throws when the key is not the one that sealed them or the bytes were changed. */
export function openBytes(key: Uint8Array, context: Uint8Array, sealed: Uint8Array): Uint8Array {
  return gcm(key, sealed.subarray(0, IV_BYTES), context).decrypt(sealed.subarray(IV_BYTES))
}

const imported = new WeakMap<Uint8Array, Promise<CryptoKey>>()

/** The key as WebCrypto holds it, imported once per key (`warmUpAsyncCipher` starts it early). */
export function webKey(key: Uint8Array): Promise<CryptoKey> {
  let found = imported.get(key)
  if (!found) {
    found = crypto.subtle.importKey('raw', key.slice(), 'AES-GCM', false, ['encrypt', 'decrypt'])
    imported.set(key, found)
  }
  return found
}

/** Imports the key into WebCrypto now, so that the first bulk read or write does not wait for it. */
export function warmUpAsyncCipher(key: Uint8Array): void {
  webKey(key).catch(() => undefined) // a failure shows at the first real use, which imports again
}

/** A view WebCrypto accepts without a copy (it refuses views of a SharedArrayBuffer, which records never hold). */
function view(bytes: Uint8Array, start: number, end?: number): Uint8Array<ArrayBuffer> {
  return bytes.subarray(start, end) as Uint8Array<ArrayBuffer>
}

/** As `sealBytes`, with WebCrypto (for values sealed before their transaction). */
export async function sealBytesAsync(
  key: Uint8Array,
  context: Uint8Array<ArrayBuffer>,
  plain: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  return sealWithWebKey(await webKey(key), context, plain)
}

/** As `openBytes`, with WebCrypto (for values opened outside a transaction). */
export async function openBytesAsync(
  key: Uint8Array,
  context: Uint8Array<ArrayBuffer>,
  sealed: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  return openWithWebKey(await webKey(key), context, sealed)
}

/**
 * The same layout with a key WebCrypto already holds (the committee's key for sync is one: a file's bytes
 * on the server are sealed this way, src/db/sync/seal.ts). `plain` is read during the call only (WebCrypto
 * copies its input before returning its promise), so a buffer reused right after may be passed.
 */
export async function sealWithWebKey(
  key: CryptoKey,
  context: Uint8Array<ArrayBuffer>,
  plain: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES))
  const body = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: context }, key, plain)
  const out = new Uint8Array(IV_BYTES + body.byteLength)
  out.set(iv)
  out.set(new Uint8Array(body), IV_BYTES)
  return out
}

/** The plain bytes; rejects when the key is not the one that sealed them or the bytes or context changed. */
export async function openWithWebKey(
  key: CryptoKey,
  context: Uint8Array<ArrayBuffer>,
  sealed: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  const params = { name: 'AES-GCM', iv: view(sealed, 0, IV_BYTES), additionalData: context }
  return new Uint8Array(await crypto.subtle.decrypt(params, key, view(sealed, IV_BYTES)))
}
