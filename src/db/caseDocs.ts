/**
 * Cases as stored: one record per case with its parties and sessions inside (a "case document"), and
 * the case's digest (src/domain/caseDigest.ts) kept in a batch of up to SHARD_SIZE digests in
 * `caseIndex`. Every write of a case goes through here, inside the caller's read-write transaction
 * over `caseDocTables(db)`, so that a document and its digest always change together.
 *
 * `caseIndex` also holds one `meta` record: a revision number raised by every write that changes a
 * digest, and the revision at which each batch last changed. src/db/caseIndex.ts compares it with
 * what it holds in memory and reads again only the batches that changed (in this window or another).
 */
import type { Dexie, Table } from 'dexie'
import type { CaseRecord, Party, SessionRecord, UUID } from '../domain/types'
import { digestOf, toTuple, type CaseDigest, type DigestTuple } from '../domain/caseDigest'
import {
  META_ID,
  SHARD_SIZE,
  isMeta,
  type CaseDoc,
  type CaseDocStore,
  type IndexMeta,
  type IndexShard,
  type NewCaseDoc,
} from './records'
import { StorageError } from './errors'

export function caseDocTables(db: CaseDocStore): Table[] {
  return [db.caseDocs, db.caseIndex]
}

/** The case record of a document, without its parties and sessions (what lists and forms hold). */
export function caseOf(doc: CaseDoc | NewCaseDoc): CaseRecord {
  const { parties: _p, sessions: _s, shard: _shard, digestHash: _hash, ...record } = doc as CaseDoc
  return record
}

/** The document with its case fields replaced by `record` (fields the record lacks are gone). */
export function withRecord(doc: CaseDoc, record: CaseRecord): CaseDoc {
  return { ...record, parties: doc.parties, sessions: doc.sessions, shard: doc.shard, digestHash: doc.digestHash }
}

/** Parties in their `order` (what every document and form shows). */
export function partiesOf(doc: Pick<CaseDoc, 'parties'>): Party[] {
  return [...doc.parties].sort((a, b) => a.order - b.order)
}

/** Sessions in the order they were held; equal times by id (the order the v2 `[caseId+startedAt]` index gave). */
export function sessionsOf(doc: Pick<CaseDoc, 'sessions'>): SessionRecord[] {
  const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
  return [...doc.sessions].sort((a, b) => order(a.startedAt, b.startedAt) || order(a.id, b.id))
}

export function digestOfDoc(doc: NewCaseDoc): CaseDigest {
  return digestOf(doc, doc.parties)
}

/** The stored digest as text: compared whole, so a changed digest is never taken for the old one. */
function digestText(t: DigestTuple): string {
  return JSON.stringify(t)
}

export async function getCaseDoc(db: CaseDocStore, id: UUID): Promise<CaseDoc | undefined> {
  return db.caseDocs.get(id)
}

export async function mustGetCaseDoc(db: CaseDocStore, id: UUID): Promise<CaseDoc> {
  const doc = await db.caseDocs.get(id)
  if (!doc) throw new StorageError('constraint', '案件不存在，可能已被删除。')
  return doc
}

function emptyMeta(): IndexMeta {
  return { id: META_ID, rev: 0, revs: {}, open: shardId(0), openCount: 0, next: 1 }
}

function shardId(n: number): string {
  return `s${String(n).padStart(6, '0')}`
}

async function readMeta(db: CaseDocStore): Promise<IndexMeta> {
  const meta = await db.caseIndex.get(META_ID)
  return meta && isMeta(meta) ? meta : emptyMeta()
}

async function readShard(db: CaseDocStore, id: string): Promise<IndexShard> {
  const shard = await db.caseIndex.get(id)
  return shard && !isMeta(shard) ? shard : { id, rows: [] }
}

/**
 * Adds new cases (an intake, an import's batch, a restore). Fails, changing nothing once the
 * transaction aborts, if any id is already stored.
 */
export async function addCaseDocs(db: CaseDocStore, docs: readonly NewCaseDoc[]): Promise<CaseDoc[]> {
  if (docs.length === 0) return []
  const meta = await readMeta(db)
  let shard = meta.openCount > 0 ? await readShard(db, meta.open) : { id: meta.open, rows: [] as DigestTuple[] }
  const touched = new Map<string, IndexShard>()
  const stored: CaseDoc[] = []
  for (const doc of docs) {
    if (shard.rows.length >= SHARD_SIZE) {
      shard = { id: shardId(meta.next), rows: [] }
      meta.next++
    }
    const tuple = toTuple(digestOfDoc(doc))
    shard.rows.push(tuple)
    touched.set(shard.id, shard)
    stored.push({ ...doc, shard: shard.id, digestHash: digestText(tuple) })
  }
  await db.caseDocs.bulkAdd(stored)
  meta.open = shard.id
  meta.openCount = shard.rows.length
  await saveShards(db, meta, [...touched.values()])
  return stored
}

/**
 * Replaces a stored case (read in the same transaction and changed). Its batch is rewritten only when
 * its digest changed: typing a session note writes the document alone.
 */
export async function putCaseDoc(db: CaseDocStore, doc: CaseDoc): Promise<CaseDoc> {
  const tuple = toTuple(digestOfDoc(doc))
  const hash = digestText(tuple)
  if (hash === doc.digestHash) {
    await db.caseDocs.put(doc)
    return doc
  }
  const next = { ...doc, digestHash: hash }
  const meta = await readMeta(db)
  const shard = await readShard(db, doc.shard)
  const at = shard.rows.findIndex((row) => row[0] === doc.id)
  if (at < 0) throw new StorageError('unknown', '案件索引与案件不一致，请重新启动软件；如仍出现，请从备份恢复。')
  shard.rows[at] = tuple
  await db.caseDocs.put(next)
  await saveShards(db, meta, [shard])
  return next
}

async function saveShards(db: CaseDocStore, meta: IndexMeta, shards: readonly IndexShard[]): Promise<void> {
  meta.rev++
  for (const s of shards) meta.revs[s.id] = meta.rev
  await db.caseIndex.bulkPut([...shards, meta])
}

/**
 * Builds every batch again from the stored documents (after a restore or an upgrade): documents are
 * assigned to batches in the order given.
 */
export async function rebuildCaseIndex(db: CaseDocStore, docs: readonly NewCaseDoc[]): Promise<CaseDoc[]> {
  const previous = await readMeta(db)
  await db.caseIndex.clear()
  const meta = emptyMeta()
  const shards: IndexShard[] = []
  const out: CaseDoc[] = []
  docs.forEach((doc, i) => {
    const n = Math.floor(i / SHARD_SIZE)
    if (!shards[n]) shards[n] = { id: shardId(n), rows: [] }
    const tuple = toTuple(digestOfDoc(doc))
    shards[n].rows.push(tuple)
    out.push({ ...doc, shard: shards[n].id, digestHash: digestText(tuple) })
  })
  const last = shards.at(-1)
  meta.open = last?.id ?? shardId(0)
  meta.openCount = last?.rows.length ?? 0
  meta.next = Math.max(1, shards.length)
  // Higher than any revision a window may hold, so that every window reads the new batches.
  meta.rev = previous.rev + 1
  for (const s of shards) meta.revs[s.id] = meta.rev
  if (out.length) await db.caseDocs.bulkPut(out)
  await db.caseIndex.bulkPut([...shards, meta])
  return out
}

/** Rebuilds every digest batch from the stored cases, in one transaction (a damaged index, see caseIndex.ts). */
export async function repairCaseIndex(db: CaseDocStore & Pick<Dexie, 'transaction'>): Promise<void> {
  await db.transaction('rw', caseDocTables(db), async () => {
    const docs = await db.caseDocs.toArray()
    await rebuildCaseIndex(
      db,
      docs.map(({ shard: _shard, digestHash: _hash, ...doc }) => doc),
    )
  })
}
