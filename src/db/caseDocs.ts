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
  type IndexRecord,
  type IndexShard,
  type NewCaseDoc,
} from './records'
import { StorageError } from './errors'
import { announceCaseWrite } from './caseWrites'
import type { CommittedCaseWrite } from './caseWritesWatch'

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

/** Reads one record of `caseIndex`: the store's own read, or one that opens it later (src/db/caseDocsAhead.ts). */
export type IndexGet = (id: string) => Promise<IndexRecord | undefined>

const getFrom =
  (db: CaseDocStore): IndexGet =>
  (id) =>
    db.caseIndex.get(id)

/** The stored `meta` (an empty one when there is none): what a rebuild starts from. */
export async function readIndexMeta(get: IndexGet): Promise<IndexMeta> {
  const meta = await get(META_ID)
  return meta && isMeta(meta) ? meta : emptyMeta()
}

async function readShard(get: IndexGet, id: string): Promise<IndexShard> {
  const shard = await get(id)
  return shard && !isMeta(shard) ? shard : { id, rows: [] }
}

/** What adding cases starts from: `meta` and its open batch (empty when it holds none). */
export async function readIndexTail(get: IndexGet): Promise<IndexTail> {
  const meta = await readIndexMeta(get)
  return { meta, open: meta.openCount > 0 ? await readShard(get, meta.open) : { id: meta.open, rows: [] } }
}

/** What a write of cases stores: the documents, and the digest batches it changed with the `meta` record last. */
export interface CaseDocsWrite {
  docs: CaseDoc[]
  index: IndexRecord[]
}

/** The index as stored that adding cases starts from: `meta` and its open batch. */
export interface IndexTail {
  meta: IndexMeta
  open: IndexShard
}

/**
 * What adding `docs` after `tail` stores, worked out without touching `tail`: pure, so that it can also be
 * worked out before the transaction, to seal it ahead (src/db/caseDocsAhead.ts).
 */
export function planAddCaseDocs(tail: IndexTail, docs: readonly NewCaseDoc[]): CaseDocsWrite {
  const meta: IndexMeta = { ...tail.meta, revs: { ...tail.meta.revs } }
  let shard: IndexShard = { id: tail.open.id, rows: [...tail.open.rows] }
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
  meta.open = shard.id
  meta.openCount = shard.rows.length
  return { docs: stored, index: savedShards(meta, [...touched.values()]) }
}

/** A plan worked out before its transaction (src/db/caseDocsAhead.ts): the index it started from, as text. */
export interface PlanAhead {
  docs: readonly NewCaseDoc[]
  tail: string
  write: CaseDocsWrite
  /** set when a transaction stored it */
  used: boolean
}

const plansAhead = new WeakMap<readonly NewCaseDoc[], PlanAhead>()

function tailText(tail: IndexTail): string {
  return JSON.stringify([tail.meta, tail.open])
}

/**
 * Keeps `write`, planned from `tail` for `docs`, for the transaction that adds `docs` (until `forgetPlanAhead`):
 * `addCaseDocs` stores it as it is when it reads the same index and is given the same documents, instead
 * of working out (digests included) the same records again. The documents must not change in between.
 */
export function keepPlanAhead(docs: readonly NewCaseDoc[], tail: IndexTail, write: CaseDocsWrite): PlanAhead {
  const plan = { docs: [...docs], tail: tailText(tail), write, used: false }
  plansAhead.set(docs, plan)
  return plan
}

export function forgetPlanAhead(docs: readonly NewCaseDoc[]): void {
  plansAhead.delete(docs)
}

/** The plan kept for exactly these documents after exactly this index (used once), or undefined. */
function takePlanAhead(docs: readonly NewCaseDoc[], tail: IndexTail): CaseDocsWrite | undefined {
  const plan = plansAhead.get(docs)
  if (!plan || plan.docs.length !== docs.length || plan.docs.some((d, i) => d !== docs[i])) return undefined
  if (plan.tail !== tailText(tail)) return undefined
  plansAhead.delete(docs)
  plan.used = true
  return plan.write
}

/** The index as `write` leaves it: its `meta` and open batch (what the next add starts from). */
export function tailAfter(write: CaseDocsWrite): IndexTail | undefined {
  const meta = write.index.at(-1)
  if (!meta || !isMeta(meta)) return undefined
  const open = write.index.find((r): r is IndexShard => r.id === meta.open && !isMeta(r))
  return open && { meta, open }
}

/**
 * Adds new cases (an intake, an import's batch, a restore). Fails, changing nothing once the
 * transaction aborts, if any id is already stored.
 */
export async function addCaseDocs(db: CaseDocStore, docs: readonly NewCaseDoc[]): Promise<CaseDoc[]> {
  if (docs.length === 0) return []
  // Read here rather than through readIndexTail: under a transaction whose scope is not an async function,
  // Dexie keeps its zone through only so many nested awaits (one layer more ended it: PrematureCommitError).
  const meta = await readIndexMeta(getFrom(db))
  const open = meta.openCount > 0 ? await readShard(getFrom(db), meta.open) : { id: meta.open, rows: [] }
  const write = takePlanAhead(docs, { meta, open }) ?? planAddCaseDocs({ meta, open }, docs)
  await db.caseDocs.bulkAdd(write.docs)
  await db.caseIndex.bulkPut(write.index)
  announceCaseWrite(db, { docs: write.docs, index: indexWritten(meta.rev, write.index) })
  return write.docs
}

/** The index records of a write as `CommittedCaseWrite` tells them: the batches, and `meta` (written last). */
function indexWritten(before: number, records: readonly IndexRecord[]): CommittedCaseWrite['index'] {
  const meta = records.at(-1)
  if (!meta || !isMeta(meta)) throw new Error('an index write ends with its meta record')
  return { before, meta, shards: records.filter((r): r is IndexShard => !isMeta(r)) }
}

/**
 * Replaces a stored case (read in the same transaction and changed). Its batch is rewritten only when
 * its digest changed: typing a session note writes the document alone.
 */
export async function putCaseDoc(db: CaseDocStore, doc: CaseDoc): Promise<CaseDoc> {
  const [stored] = await putCaseDocs(db, [doc])
  return stored
}

/**
 * Replaces several stored cases in one go (a batch taken from the sync server): each digest batch that
 * changed is read and written once, with one new `meta` revision, however many of its cases changed.
 */
export async function putCaseDocs(db: CaseDocStore, docs: readonly CaseDoc[]): Promise<CaseDoc[]> {
  const next: CaseDoc[] = []
  const moved: { doc: CaseDoc; tuple: DigestTuple }[] = []
  for (const doc of docs) {
    const tuple = toTuple(digestOfDoc(doc))
    const stored = putForm(doc, tuple)
    next.push(stored)
    if (stored !== doc) moved.push({ doc: stored, tuple })
  }
  if (moved.length === 0) {
    await db.caseDocs.bulkPut(next)
    announceCaseWrite(db, { docs: next })
    return next
  }
  const meta = await readIndexMeta(getFrom(db))
  const shards = new Map<string, IndexShard>()
  for (const { doc, tuple } of moved) {
    let shard = shards.get(doc.shard)
    if (!shard) {
      shard = await readShard(getFrom(db), doc.shard)
      shards.set(doc.shard, shard)
    }
    const at = shard.rows.findIndex((row) => row[0] === doc.id)
    if (at < 0) throw new StorageError('unknown', '案件索引与案件不一致，请重新启动软件；如仍出现，请从备份恢复。')
    shard.rows[at] = tuple
  }
  const before = meta.rev
  await db.caseDocs.bulkPut(next)
  const index = savedShards(meta, [...shards.values()])
  await db.caseIndex.bulkPut(index)
  announceCaseWrite(db, { docs: next, index: indexWritten(before, index) })
  return next
}

/** The document `putCaseDocs` stores for `doc`: itself, or a copy with its new digest's text when that changed. */
function putForm(doc: CaseDoc, tuple: DigestTuple): CaseDoc {
  const hash = digestText(tuple)
  return hash === doc.digestHash ? doc : { ...doc, digestHash: hash }
}

/**
 * The document `putCaseDocs` will store for `doc` (pure: to seal it ahead, src/db/sync/dexieReplica.ts); its
 * digest batch, when the digest changed, is rewritten too.
 */
export function plannedPutCaseDoc(doc: CaseDoc): CaseDoc {
  return putForm(doc, toTuple(digestOfDoc(doc)))
}

/** The batches to write and, last, `meta` with a new revision that marks them changed. */
function savedShards(meta: IndexMeta, shards: readonly IndexShard[]): IndexRecord[] {
  meta.rev++
  for (const s of shards) meta.revs[s.id] = meta.rev
  return [...shards, meta]
}

/**
 * What rebuilding the index for `docs` stores, after an index whose `meta` was `previous`: documents are
 * assigned to batches in the order given. Pure, like `planAddCaseDocs`.
 */
export function planRebuildCaseIndex(previous: IndexMeta, docs: readonly NewCaseDoc[]): CaseDocsWrite {
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
  return { docs: out, index: [...shards, meta] }
}

/**
 * Builds every batch again from the stored documents (after a restore or an upgrade): documents are
 * assigned to batches in the order given.
 */
export async function rebuildCaseIndex(db: CaseDocStore, docs: readonly NewCaseDoc[]): Promise<CaseDoc[]> {
  const previous = await readIndexMeta(getFrom(db))
  const write = planRebuildCaseIndex(previous, docs)
  await db.caseIndex.clear()
  if (write.docs.length) await db.caseDocs.bulkPut(write.docs)
  await db.caseIndex.bulkPut(write.index)
  announceCaseWrite(db, { docs: write.docs, index: indexWritten(previous.rev, write.index), rebuilt: true })
  return write.docs
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
