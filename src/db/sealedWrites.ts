/**
 * Writes whose records are sealed before their transaction, with WebCrypto (src/db/presealed.ts): a caller
 * that knows what a transaction will write (new cases, a restore) seals it ahead; inside the transaction
 * the middleware then finds those seals instead of running the slow synchronous cipher. A value the
 * transaction writes differently (another window wrote in between) is sealed there as before.
 */
import Dexie, { type Table } from 'dexie'
import type { MediationDb } from './schema'
import { SEALED_TABLES, clearFieldsOf } from './sealing'
import {
  jsonSealingOf,
  sealedRecordOf,
  sealingOf,
  type JsonSealing,
  type SealedRecord,
  type Sealing,
} from './sealedRecords'
import { dropPreseals, presealRegistry, type Preseal } from './presealed'
import { webKey } from './sealCipher'
import { sealAhead } from './sealWorkerClient'

export interface PresealWrite {
  table: Table
  /** the values exactly as the transaction will write them */
  values: readonly object[]
  /**
   * the values are objects this write made and owns, unchanged until its transaction writes these very
   * objects (a kept plan, src/db/caseDocsAhead.ts): their seals are found by identity (presealed.ts)
   */
  owned?: boolean
}

/**
 * Plain bytes sealed ahead per write, at most: each seal waits with its plain bytes (the middleware compares
 * them), so a restore of a very large store seals the rest inside its transaction, as before.
 */
const PRESEAL_BUDGET = 128 * 1024 * 1024

/**
 * Values handed to the seal worker together: each slice is sealed there while the next ones are turned
 * into text here, and all are awaited once at the end.
 */
const PRESEAL_SLICE = 100

/**
 * Seals the values now, in the seal worker when one runs (sealWorkerClient.ts), and keeps the seals for the
 * write (presealed.ts). The page only hands the worker each JSON text (a copy of a string: cheaper here than
 * a structured clone of the value) or the plain bytes.
 */
async function preseal(
  key: Uint8Array,
  sealings: readonly (Sealing | JsonSealing)[],
  owned: readonly (object | undefined)[],
): Promise<Preseal[]> {
  const items = sealings.map((s) =>
    'plain' in s ? { context: s.context, plain: s.plain } : { context: s.context, json: s.json },
  )
  return keepPreseals(key, sealings, await sealAhead(await webKey(key), items), owned)
}

/**
 * Keeps the seals made ahead (`sealed[i]` of `sealings[i]`) for the write; `dropPreseals` ends their wait.
 * `owned[i]`, when given, is the value `sealings[i]` was made from, an object its write made and owns, left
 * unchanged until its transaction (a case load's plan, src/db/caseDocsAhead.ts): the middleware then finds
 * its seal by identity, without encoding it again to compare.
 */
function keepPreseals(
  key: Uint8Array,
  sealings: readonly (Sealing | JsonSealing)[],
  sealed: readonly Uint8Array[],
  owned: readonly (object | undefined)[],
): Preseal[] {
  const { byContext, byValue } = presealRegistry(key)
  return sealings.map((sealing, i) => {
    const value = owned[i]
    const made: Preseal = value ? { sealing, sealed: sealed[i]!, value } : { sealing, sealed: sealed[i]! }
    const list = byContext.get(sealing.context)
    if (list) list.push(made)
    else byContext.set(sealing.context, [made])
    if (value) byValue.set(value, made)
    return made
  })
}

async function presealWrites(db: MediationDb, writes: readonly PresealWrite[]): Promise<Preseal[]> {
  if (!db.isOpen()) await db.open()
  const pending: Promise<Preseal[]>[] = []
  let slice: (Sealing | JsonSealing)[] = []
  let owned: (object | undefined)[] = []
  let bytes = 0
  for (const { table, values, owned: isOwned } of writes) {
    if (!SEALED_TABLES.has(table.name)) continue
    // the clear fields exactly as the middleware takes them: from the same DBCore schema
    const clear = clearFieldsOf(db.core.table(table.name).schema)
    for (const value of values) {
      if (bytes >= PRESEAL_BUDGET) break
      const sealing = sealableOf(table.name, clear, value)
      if (!sealing) continue
      slice.push(sealing)
      owned.push(isOwned ? value : undefined)
      bytes += 'plain' in sealing ? sealing.plain.length : sealing.json.length
      if (slice.length === PRESEAL_SLICE) {
        pending.push(preseal(db.sealKey, slice, owned))
        slice = []
        owned = []
      }
    }
  }
  if (slice.length) pending.push(preseal(db.sealKey, slice, owned))
  const settled = await Promise.allSettled(pending)
  const made = settled.flatMap((s) => (s.status === 'fulfilled' ? s.value : []))
  const failed = settled.find((s) => s.status === 'rejected')
  if (failed) {
    dropPreseals(db.sealKey, made)
    throw failed.reason
  }
  return made
}

/**
 * A JSON-only table's value as its text (encoded when sealed, presealed.ts), any other as bytes. A value that
 * cannot be sealed (a Blob not read first) is left to the transaction, which refuses it as before.
 */
function sealableOf(table: string, clear: readonly string[], value: object): Sealing | JsonSealing | undefined {
  try {
    return jsonSealingOf(table, clear, value) ?? sealingOf(table, clear, value)
  } catch {
    return undefined
  }
}

/**
 * Seals `writes` ahead, runs `work` (the transaction that writes them), then drops the seals it did not use.
 * Called inside another transaction, `work` runs at once: awaiting WebCrypto there would end that transaction.
 */
export async function withPresealed<R>(
  db: MediationDb,
  writes: readonly PresealWrite[] | (() => Promise<readonly PresealWrite[]>),
  work: () => Promise<R>,
): Promise<R> {
  if (Dexie.currentTransaction) return work()
  const made = await presealOrNothing(db, writes)
  try {
    return await work()
  } finally {
    dropPreseals(db.sealKey, made)
  }
}

/** Sealing ahead only saves time: whatever keeps it from working shows in the transaction, if it matters there. */
async function presealOrNothing(
  db: MediationDb,
  writes: readonly PresealWrite[] | (() => Promise<readonly PresealWrite[]>),
): Promise<Preseal[]> {
  try {
    return await presealWrites(db, typeof writes === 'function' ? await writes() : writes)
  } catch {
    return []
  }
}

/** As `withPresealed` without the work: the stored forms made ahead, kept until `drop` (for tests). */
export async function presealed(
  db: MediationDb,
  writes: readonly PresealWrite[],
): Promise<{ stored: SealedRecord[]; drop: () => void }> {
  const made = await presealWrites(db, writes)
  return {
    stored: made.map((p) => sealedRecordOf(p.sealing, p.sealed)),
    drop: () => dropPreseals(db.sealKey, made),
  }
}
