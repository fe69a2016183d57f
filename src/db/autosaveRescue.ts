/**
 * What an autosave still held when the page went away (a reload, a closed tab): written synchronously,
 * sealed with the store's data key, to localStorage, because the page may be gone before an IndexedDB
 * write (which waits for the cipher and the case's document) has ended. The next time the record is
 * opened, the value is put back and saved as usual, then the copy is dropped.
 *
 * Sealed like every personal record at rest (AES-256-GCM under the data key, the entry's name as
 * additional data, so a copy moved to another entry does not open). Nothing is kept in the clear.
 */
import { openBytes, sealBytes } from './sealCipher'
import { currentStoreKeys } from './keys'
import { decodeJsonText, encodeJsonValue, jsonTextOf } from './sealCodec'

const PREFIX = 'mediation-room:unsaved:'
const encoder = new TextEncoder()

const entryOf = (kind: string, id: string): string => `${PREFIX}${kind}:${id}`

function toBase64(bytes: Uint8Array): string {
  let text = ''
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(text)
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0))
}

/**
 * Keeps `value` as the unsaved state of record `id` (synchronous: it runs in pagehide). False when it
 * could not be kept (no keys yet, storage full): the flush that follows is then all there is.
 */
export function keepUnsaved(kind: string, id: string, value: unknown): boolean {
  try {
    const entry = entryOf(kind, id)
    const sealed = sealBytes(currentStoreKeys().dataKey, encoder.encode(entry), encodeJsonValue(value))
    localStorage.setItem(entry, toBase64(sealed))
    return true
  } catch {
    return false
  }
}

/** The unsaved state kept for record `id`, if any (a copy that does not open is dropped). */
export function keptUnsaved(kind: string, id: string): unknown {
  const entry = entryOf(kind, id)
  const stored = localStorage.getItem(entry)
  if (stored === null) return undefined
  // before the database is open there are no keys: the copy waits for a later try
  let key: Uint8Array
  try {
    key = currentStoreKeys().dataKey
  } catch {
    return undefined
  }
  try {
    const plain = openBytes(key, encoder.encode(entry), fromBase64(stored))
    const text = jsonTextOf(plain)
    return text === undefined ? undefined : decodeJsonText(text)
  } catch {
    localStorage.removeItem(entry)
    return undefined
  }
}

/** Drops the kept copy of record `id` (its value is stored). */
export function dropUnsaved(kind: string, id: string): void {
  localStorage.removeItem(entryOf(kind, id))
}
