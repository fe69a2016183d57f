import type { StoreKeys } from '../shared/storeKeys'

const STORAGE_KEY = 'mediation-room.store-keys'

/**
 * The browser preview's store keys, made on first use and kept in this origin's localStorage. They sit
 * in the same profile folder as the data, so the preview protects nothing at rest against someone who
 * has that folder: it exists to try the app and to test it; real cases belong in the desktop app, whose
 * keys the operating system protects (electron/main/vault).
 */
export function browserStoreKeys(storage: Storage = window.localStorage): StoreKeys {
  const kept = read(storage.getItem(STORAGE_KEY))
  if (kept) return kept
  const keys = { dataKey: randomKey(), auditKey: randomKey() }
  storage.setItem(STORAGE_KEY, JSON.stringify({ dataKey: toHex(keys.dataKey), auditKey: toHex(keys.auditKey) }))
  return keys
}

function read(text: string | null): StoreKeys | undefined {
  if (!text) return undefined
  try {
    const { dataKey, auditKey } = JSON.parse(text) as Record<string, unknown>
    if (!isHexKey(dataKey) || !isHexKey(auditKey)) return undefined
    return { dataKey: fromHex(dataKey), auditKey: fromHex(auditKey) }
  } catch {
    return undefined
  }
}

const isHexKey = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value)
const randomKey = () => crypto.getRandomValues(new Uint8Array(32))
const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
const fromHex = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16))
