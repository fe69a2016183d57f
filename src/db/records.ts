/**
 * The bottom of src/db: what the case tables store, and how a new record is stamped. Imports only
 * src/domain (and Dexie's types), so the schema, the upgrades and the repositories can all read it
 * without knowing one another.
 */
import type { EntityTable } from 'dexie'
import type { CaseRecord, Party, SessionRecord, Stamped } from '../domain/types'
import type { DigestTuple } from '../domain/caseDigest'

/** A case as stored in `caseDocs`: the record, its parties (in `order`) and its sessions. */
export interface CaseDoc extends CaseRecord {
  parties: Party[]
  sessions: SessionRecord[]
  /** the batch of caseIndex holding this case's digest */
  shard: string
  /** the stored digest as text: a write that leaves it unchanged does not touch the batch */
  digestHash: string
}

/** A new case: the batch is chosen when it is first written. */
export type NewCaseDoc = Omit<CaseDoc, 'shard' | 'digestHash'>

/** A batch of up to SHARD_SIZE case digests in `caseIndex`. */
export interface IndexShard {
  id: string
  rows: DigestTuple[]
}

/** The one `meta` record of `caseIndex`. */
export interface IndexMeta {
  id: typeof META_ID
  /** raised by every write that changes a digest */
  rev: number
  /** the revision at which each batch last changed */
  revs: Record<string, number>
  /** the batch new cases go into, its size, and the number of the next one */
  open: string
  openCount: number
  next: number
}

export type IndexRecord = IndexShard | IndexMeta

export const META_ID = 'meta'
/** Digests per batch: one import transaction's worth; a single edit rewrites one batch (~100 KB). */
export const SHARD_SIZE = 500

export function isMeta(r: IndexRecord): r is IndexMeta {
  return r.id === META_ID
}

/**
 * The two tables cases are stored in: the open database's, or an upgrade transaction's
 * (src/db/migrations.ts), which builds the index before the database is open.
 */
export interface CaseDocStore {
  caseDocs: EntityTable<CaseDoc, 'id'>
  caseIndex: EntityTable<IndexRecord, 'id'>
}

export function newId(): string {
  return crypto.randomUUID()
}

/** A new stored record: a fresh UUID and both timestamps. */
export function stamped<T extends object>(fields: T, now: Date = new Date()): T & Stamped {
  const at = now.toISOString()
  return { ...fields, id: newId(), createdAt: at, updatedAt: at }
}

/** The names of the top-level fields whose values differ: what the audit log records. */
export function changedFields<T extends object>(before: T, after: T): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  keys.delete('updatedAt')
  keys.delete('createdAt')
  return [...keys]
    .filter(
      (k) =>
        JSON.stringify((before as Record<string, unknown>)[k]) !==
        JSON.stringify((after as Record<string, unknown>)[k]),
    )
    .sort()
}
