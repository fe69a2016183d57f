/**
 * Seals made before their transaction, with WebCrypto (~20 times faster here than the synchronous cipher
 * a transaction needs, and off the page's thread), waiting for the write they were made for
 * (src/db/sealedWrites.ts makes them). The middleware (sealing.ts) still seals every value it writes: it
 * encodes the value, and when exactly these plain bytes under exactly this additional data (table and
 * clear fields) were sealed ahead, it stores that seal instead of sealing them again.
 *
 * So nothing changes in what is stored, only when the cipher ran: an entry is only ever the WebCrypto
 * seal of the very bytes and additional data it is found by. A value changed since, or written to another
 * record or table, finds no entry and is sealed inside the transaction as before. An entry is used once
 * (one IV per write, as always) and dropped when the work it was made for has ended.
 */
import { sealWithWebKey, webKey } from './sealCipher'
import { contextBytes, isSealingOfTable, type JsonSealing, type Sealing } from './sealedRecords'
import { jsonLayoutView, sameBytes } from './sealCodec'

export interface Preseal {
  /** a JSON-only table's value is kept as its text only: it is found by it (`takePresealJson`) */
  sealing: Sealing | JsonSealing
  sealed: Uint8Array
  /** the value itself, when its write owns it (`preseal`'s `owned`): found by identity */
  value?: object
}

/** By data key, then by additional data (which names the table and the record). */
const waiting = new WeakMap<Uint8Array, Map<string, Preseal[]>>()

/** By data key, then by the very value object (owned values only). */
const byValue = new WeakMap<Uint8Array, WeakMap<object, Preseal>>()

/**
 * Seals each value with WebCrypto now and keeps the seals for the write; `dropPreseals` ends their wait.
 * `owned[i]`, when given, is the value `sealings[i]` was made from, an object its write made and owns, left
 * unchanged until its transaction (a case load's plan, src/db/caseDocsAhead.ts): the middleware then finds
 * its seal by identity, without encoding it again to compare.
 *
 * A JSON text is encoded into one reused buffer and handed to WebCrypto at once, which copies it: its bytes
 * are neither copied out nor kept (a case load's documents: ~10 MB per 2,000 cases).
 */
export async function preseal(
  key: Uint8Array,
  sealings: readonly (Sealing | JsonSealing)[],
  owned?: readonly (object | undefined)[],
): Promise<Preseal[]> {
  const cryptoKey = await webKey(key)
  const sealed = await Promise.all(
    sealings.map((s) => sealWithWebKey(cryptoKey, contextBytes(s), 'plain' in s ? s.plain : jsonLayoutView(s.json))),
  )
  let byContext = waiting.get(key)
  if (!byContext) waiting.set(key, (byContext = new Map()))
  let ownedByValue = byValue.get(key)
  if (!ownedByValue) byValue.set(key, (ownedByValue = new WeakMap()))
  return sealings.map((sealing, i) => {
    const value = owned?.[i]
    const made: Preseal = value ? { sealing, sealed: sealed[i]!, value } : { sealing, sealed: sealed[i]! }
    const list = byContext.get(sealing.context)
    if (list) list.push(made)
    else byContext.set(sealing.context, [made])
    if (value) ownedByValue.set(value, made)
    return made
  })
}

/**
 * The seal made ahead for this very (owned) value of a record of `table`, taken (used once); undefined if
 * none. The clear fields are those taken when it was sealed, from the same object.
 */
export function takeOwnedPreseal(key: Uint8Array, table: string, value: object): Preseal | undefined {
  const found = byValue.get(key)?.get(value)
  if (!found || !isSealingOfTable(found.sealing, table)) return undefined
  dropPreseals(key, [found])
  return found
}

/** The seal made ahead for exactly this value of this record, taken (used once); undefined if none. */
export function takePreseal(key: Uint8Array, sealing: Sealing): Uint8Array | undefined {
  const found = waiting
    .get(key)
    ?.get(sealing.context)
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
  const found = waiting
    .get(key)
    ?.get(sealing.context)
    ?.find((p) => p.sealing.json === sealing.json)
  if (!found) return undefined
  dropPreseals(key, [found])
  return found.sealed
}

/** Those of `preseals` not used yet are dropped. */
export function dropPreseals(key: Uint8Array, preseals: readonly Preseal[]): void {
  const byContext = waiting.get(key)
  if (!byContext) return
  const ownedByValue = byValue.get(key)
  for (const p of preseals) {
    if (p.value) ownedByValue?.delete(p.value)
    const list = byContext.get(p.sealing.context)
    const at = list?.indexOf(p) ?? -1
    if (at < 0) continue
    list!.splice(at, 1)
    if (list!.length === 0) byContext.delete(p.sealing.context)
  }
}
