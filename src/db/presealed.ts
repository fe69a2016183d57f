/**
 * Seals made before their transaction, with WebCrypto (~20 times faster here than the synchronous cipher
 * a transaction needs, and in the seal worker, off the page's thread), waiting for the write they were made for
 * (src/db/sealedWrites.ts makes them). The middleware (sealing.ts) still seals every value it writes: it
 * encodes the value, and when exactly these plain bytes under exactly this additional data (table and
 * clear fields) were sealed ahead, it stores that seal instead of sealing them again.
 *
 * So nothing changes in what is stored, only when the cipher ran: an entry is only ever the WebCrypto
 * seal of the very bytes and additional data it is found by. A value changed since, or written to another
 * record or table, finds no entry and is sealed inside the transaction as before. An entry is used once
 * (one IV per write, as always) and dropped when the work it was made for has ended.
 */
import { isSealingOfTable, type JsonSealing, type Sealing } from './sealedRecords'
import { sameBytes } from './sealCodec'

export interface Preseal {
  /** a JSON-only table's value is kept as its text only: it is found by it (`takePresealJson`) */
  sealing: Sealing | JsonSealing
  sealed: Uint8Array
  /** the value itself, when its write owns it (sealedWrites.ts `keepPreseals`): found by identity */
  value?: object
}

/**
 * Seals waiting for their write under one data key: by additional data (which names the table and the
 * record), and by the very value object (owned values only).
 */
export interface PresealRegistry {
  byContext: Map<string, Preseal[]>
  byValue: WeakMap<object, Preseal>
}

const registries = new WeakMap<Uint8Array, PresealRegistry>()

/**
 * The seals waiting under `key`, where sealedWrites.ts `keepPreseals` puts those it made (it loads with the
 * case code; this module with the middleware, at start-up).
 */
export function presealRegistry(key: Uint8Array): PresealRegistry {
  let found = registries.get(key)
  if (!found) registries.set(key, (found = { byContext: new Map(), byValue: new WeakMap() }))
  return found
}

/**
 * The seal made ahead for this very (owned) value of a record of `table`, taken (used once); undefined if
 * none. The clear fields are those taken when it was sealed, from the same object.
 */
export function takeOwnedPreseal(key: Uint8Array, table: string, value: object): Preseal | undefined {
  const found = registries.get(key)?.byValue.get(value)
  if (!found || !isSealingOfTable(found.sealing, table)) return undefined
  dropPreseals(key, [found])
  return found
}

/** The seal made ahead for exactly this value of this record, taken (used once); undefined if none. */
export function takePreseal(key: Uint8Array, sealing: Sealing): Uint8Array | undefined {
  const found = registries
    .get(key)
    ?.byContext.get(sealing.context)
    ?.find((p) => 'plain' in p.sealing && sameBytes(p.sealing.plain, sealing.plain))
  if (!found) return undefined
  dropPreseals(key, [found])
  return found.sealed
}

/**
 * As `takePreseal`, for a JSON-only table's value (sealedRecords.ts `jsonSealingOf`): found by its JSON text,
 * which gives its plain bytes exactly, so the transaction neither encodes nor compares bytes.
 */
export function takePresealJson(key: Uint8Array, sealing: JsonSealing): Uint8Array | undefined {
  const found = registries
    .get(key)
    ?.byContext.get(sealing.context)
    ?.find((p) => p.sealing.json === sealing.json)
  if (!found) return undefined
  dropPreseals(key, [found])
  return found.sealed
}

/** Those of `preseals` not used yet are dropped. */
export function dropPreseals(key: Uint8Array, preseals: readonly Preseal[]): void {
  const registry = registries.get(key)
  if (!registry) return
  const { byContext, byValue } = registry
  for (const p of preseals) {
    if (p.value) byValue.delete(p.value)
    const list = byContext.get(p.sealing.context)
    const at = list?.indexOf(p) ?? -1
    if (at < 0) continue
    list!.splice(at, 1)
    if (list!.length === 0) byContext.delete(p.sealing.context)
  }
}
