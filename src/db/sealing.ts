/**
 * The Dexie DBCore middleware that seals the records of the personal-data tables on every write and opens
 * them on every read, below everything else Dexie does (level -10), so that repositories, the upgrades and
 * transfer files see plain records. Installed on every MediationDb once its keys are loaded (schema.ts).
 *
 * A value sealed ahead of its transaction (src/db/presealed.ts) is not sealed again: its seal is used.
 *
 * Reads of a transaction marked with `readSealedInTransaction` return the stored (sealed) records: the
 * caller opens them after the transaction with WebCrypto (sealedReads.ts), far faster for bulk reads.
 */
import type { DBCore, DBCoreCursor, DBCoreTable, DBCoreTableSchema, DBCoreTransaction, Middleware } from 'dexie'
import {
  contextBytes,
  jsonSealingOf,
  openRecord,
  sealedRecordOf,
  sealingOf,
  sealingOfJson,
  type SealedRecord,
  type Sealing,
} from './sealedRecords'
import { sealBytes, warmUpAsyncCipher } from './sealCipher'
import { takeOwnedPreseal, takePreseal, takePresealJson } from './presealed'
import { INDEX_TABLE } from './caseStores'

/**
 * The tables whose records hold personal data or could rebuild it. `audit` holds identifiers only (its
 * chain is keyed elsewhere); `counters` hold case-number sequences.
 */
export const SEALED_TABLES: ReadonlySet<string> = new Set([
  'caseDocs',
  'caseIndex',
  'agreements',
  'signatures',
  'followUps',
  'referrals',
  'attachments',
  'conflicts',
  'committees',
  'mediators',
  'rooms',
  'settings',
  'screenings',
  'visits',
  'syncConflicts',
])

const sealedReadTransactions = new WeakSet<DBCoreTransaction>()

/** This transaction's reads return records as stored, to be opened by the caller (sealedReads.ts). */
export function readSealedInTransaction(trans: DBCoreTransaction): void {
  sealedReadTransactions.add(trans)
}

/** What stays in clear: the primary key and every indexed field (the top-level field of each key path). */
export function clearFieldsOf(schema: DBCoreTableSchema): string[] {
  const paths = [schema.primaryKey, ...schema.indexes].flatMap((index) => index.keyPath ?? [])
  return [...new Set(paths.map((path) => path.split('.')[0]!))]
}

/** The index records sealed last, kept with their text (sealedLately.ts). */
export interface SealsLately {
  note(key: Uint8Array, context: string, sealed: Uint8Array, json: string): void
  textOf(key: Uint8Array, context: string, sealed: Uint8Array): string | undefined
}

/** Set when the case code loads (sealedLately.ts): not needed before, and kept out of the start-up chunk. */
let indexSealsLately: SealsLately | undefined

export function keepIndexSealsLately(kept: SealsLately): void {
  indexSealsLately = kept
}

function sealingTable(table: DBCoreTable, key: Uint8Array): DBCoreTable {
  if (table.schema.primaryKey.keyPath === null) throw new Error(`sealed table ${table.name} needs an inbound key`)
  const clear = clearFieldsOf(table.schema)
  // the index records this window sealed last are read back by the next write: kept, they need no opening
  const keepsLately = table.name === INDEX_TABLE
  const knownText = keepsLately
    ? (context: string, sealed: Uint8Array) => indexSealsLately?.textOf(key, context, sealed)
    : undefined
  const open = (stored: unknown): unknown => openRecord(key, table.name, stored, knownText)
  const sealNow = (sealing: Sealing): SealedRecord =>
    sealedRecordOf(sealing, sealBytes(key, contextBytes(sealing), sealing.plain))
  /** An index record's seal, kept with its text for the next read of it (sealedLately.ts). */
  const kept = (sealing: { context: string; json?: string }, record: SealedRecord): SealedRecord => {
    if (keepsLately && sealing.json !== undefined)
      indexSealsLately?.note(key, sealing.context, record.sealed, sealing.json)
    return record
  }
  const seal = (value: object): SealedRecord => {
    // a value its write owns and sealed ahead (a case load's plan): found by identity, nothing encoded
    const owned = takeOwnedPreseal(key, table.name, value)
    if (owned) return kept(owned.sealing, sealedRecordOf(owned.sealing, owned.sealed))
    // a case document or digest batch: its seal made ahead is found by its JSON text, before any encoding
    const json = jsonSealingOf(table.name, clear, value)
    if (json) {
      const ahead = takePresealJson(key, json)
      return kept(json, ahead ? sealedRecordOf(json, ahead) : sealNow(sealingOfJson(json)))
    }
    const sealing = sealingOf(table.name, clear, value)
    const ahead = takePreseal(key, sealing)
    return ahead ? sealedRecordOf(sealing, ahead) : sealNow(sealing)
  }
  const opens = (trans: DBCoreTransaction): boolean => !sealedReadTransactions.has(trans)
  return {
    ...table,
    mutate(req) {
      if (req.type !== 'add' && req.type !== 'put') return table.mutate(req)
      try {
        return table.mutate({ ...req, values: req.values.map(seal) })
      } catch (error) {
        return Promise.reject(error)
      }
    },
    get: (req) => table.get(req).then((v) => (opens(req.trans) ? open(v) : v)),
    getMany: (req) => table.getMany(req).then((vs) => (opens(req.trans) ? vs.map(open) : vs)),
    query: (req) =>
      table.query(req).then((res) => (req.values && opens(req.trans) ? { ...res, result: res.result.map(open) } : res)),
    openCursor: (req) =>
      table
        .openCursor(req)
        .then((cursor) => (cursor && req.values && opens(req.trans) ? openingCursor(cursor, open) : cursor)),
  }
}

/**
 * The cursor with its value opened (once per position: Dexie reads `value` more than once). A Proxy whose
 * methods stay bound to the real cursor: in Chromium the DBCore cursor is the native IDBCursor, whose methods
 * throw "Illegal invocation" when called on any other object (fake-indexeddb does not check, so only the
 * browser showed it).
 */
export function openingCursor(cursor: DBCoreCursor, open: (stored: unknown) => unknown): DBCoreCursor {
  let stored: unknown
  let opened: unknown
  return new Proxy(cursor, {
    get(target, property) {
      if (property === 'value') {
        const now: unknown = target.value
        if (now !== stored || opened === undefined) {
          stored = now
          opened = open(now)
        }
        return opened
      }
      const member: unknown = Reflect.get(target, property, target)
      return typeof member === 'function' ? (member as (...args: unknown[]) => unknown).bind(target) : member
    },
  })
}

export function sealingMiddleware(key: Uint8Array): Middleware<DBCore> {
  // the bulk reads and the writes sealed ahead use WebCrypto: its key is ready by the first of them
  warmUpAsyncCipher(key)
  return {
    stack: 'dbcore',
    name: 'Sealing',
    level: -10,
    create: (down) => {
      const tables = new Map<string, DBCoreTable>()
      return {
        ...down,
        table(name) {
          let table = tables.get(name)
          if (!table) {
            table = SEALED_TABLES.has(name) ? sealingTable(down.table(name), key) : down.table(name)
            tables.set(name, table)
          }
          return table
        },
      }
    },
  }
}
