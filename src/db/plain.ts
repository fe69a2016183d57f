/**
 * A deep copy made of plain objects and arrays. Reactive proxies (Vue) throw DataCloneError when
 * IndexedDB or IPC clones them (Dexie#1237, vuejs/core#1970), so every repository write goes
 * through this. Blobs, typed arrays and dates are kept as they are (they clone natively).
 */
export function plainCopy<T>(value: T): T {
  return copy(value) as T
}

function copy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Blob || value instanceof Date || ArrayBuffer.isView(value) || value instanceof ArrayBuffer)
    return value
  if (Array.isArray(value)) return value.map(copy)
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    // undefined fields are dropped so stored records stay canonical (absent, not undefined)
    if (v !== undefined) out[k] = copy(v)
  }
  return out
}
