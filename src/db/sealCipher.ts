/**
 * AES-256-GCM for records sealed at rest: a random 12-byte IV, the 16-byte tag appended, and additional
 * data that binds the value to its record (src/db/sealedRecords.ts chooses it). Stored: iv || ciphertext || tag.
 *
 * Two implementations of the same algorithm: `@noble/ciphers` runs synchronously, which code inside a
 * Dexie transaction needs (awaiting anything but IndexedDB there ends the transaction); WebCrypto is far
 * faster and serves the bulk reads whose values are opened after their transaction.
 */
import { gcm } from '@noble/ciphers/aes.js'

const IV_BYTES = 12

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

function webKey(key: Uint8Array): Promise<CryptoKey> {
  let found = imported.get(key)
  if (!found) {
    found = crypto.subtle.importKey('raw', key.slice(), 'AES-GCM', false, ['decrypt'])
    imported.set(key, found)
  }
  return found
}

/** As `openBytes`, with WebCrypto (for values opened outside a transaction). */
export async function openBytesAsync(
  key: Uint8Array,
  context: Uint8Array<ArrayBuffer>,
  sealed: Uint8Array,
): Promise<Uint8Array> {
  const iv = sealed.slice(0, IV_BYTES)
  const body = sealed.slice(IV_BYTES)
  return new Uint8Array(
    await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: context }, await webKey(key), body),
  )
}
