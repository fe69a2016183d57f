/**
 * The index records this window sealed last, with their JSON text. Adding cases reads `meta` and the open
 * digest batch back inside its transaction, and 工作台's middleware its head: the synchronous cipher took
 * ~13 ms per batch of a load to open them, though they are most often exactly what this window wrote the
 * batch before. Such a record is found by the very bytes sealed (a random IV each time): stored bytes equal
 * to them are that seal, so their plain text is the one kept here, and nothing needs opening.
 *
 * The middleware (sealing.ts) uses it once this module has loaded, with the case code that adds cases
 * (caseDocsAhead.ts imports it): it is kept out of the start-up chunk.
 */
import { sameBytes } from './sealCodec'
import { keepIndexSealsLately } from './sealing'

/** Records kept per key: `meta`, the open batch and the new one, 工作台's head and a few of its days. */
const KEPT = 16

const lately = new WeakMap<Uint8Array, Map<string, { sealed: Uint8Array; json: string }>>()

/** Keeps `json`, sealed as `sealed` under the additional data `context`, as the last seal of that record. */
export function noteSealed(key: Uint8Array, context: string, sealed: Uint8Array, json: string): void {
  let kept = lately.get(key)
  if (!kept) lately.set(key, (kept = new Map()))
  kept.delete(context)
  kept.set(context, { sealed, json })
  if (kept.size > KEPT) kept.delete(kept.keys().next().value!)
}

/** The JSON text `sealed` was made from, when it is the last seal kept for this record; else undefined. */
export function textOfSealed(key: Uint8Array, context: string, sealed: Uint8Array): string | undefined {
  const found = lately.get(key)?.get(context)
  return found && sameBytes(found.sealed, sealed) ? found.json : undefined
}

keepIndexSealsLately({ note: noteSealed, textOf: textOfSealed })
