/**
 * The case list's index, held in memory: every case's digest (src/domain/caseDigest.ts), newest first.
 * Loaded once from the digest batches in `caseIndex` (~0.2 s for 100,000 cases); before each use the
 * batches' revisions are compared with the stored `meta` record (one small read) and only the batches
 * written since, by this window or another, are read again.
 *
 * While this window's own write of cases runs (src/db/caseWrites.ts), that read would wait for it: the held
 * index is used as it is, kept up to date by the writes this window committed since it was read.
 */
import { fromTuple, isCurrentTuple, newestFirst, type CaseDigest } from '../domain/caseDigest'
import type { MediationDb } from './schema'
import { repairCaseIndex } from './caseDocs'
import { META_ID, isMeta, type IndexMeta, type IndexRecord, type IndexShard } from './records'
import { openStored, readStored } from './sealedReads'
import { isSealed } from './sealedRecords'
import { sameBytes } from './sealCodec'
import { StorageError } from './errors'
import { prepareSearch } from './caseScan'
import { answerFromHeld, noticeUnfollowedCaseWrite, onCaseWrite } from './caseWrites'
import type { CommittedCaseWrite } from './caseWritesWatch'

interface Loaded extends CaseIndexView {
  rev: number
  /** the `meta` record as stored when last read (sealed: its bytes): the same bytes again are the same meta */
  storedMeta?: unknown
  revs: Record<string, number>
  /** each batch's digests as last read */
  byShard: Map<string, CaseDigest[]>
  /**
   * the store as read, brought up to date by every write this window committed since: may be used while
   * this window's own write runs (false once a write could not be followed: read again first)
   */
  followed: boolean
}

export interface CaseIndexView {
  /** every digest, newest first */
  sorted: readonly CaseDigest[]
  /** the same digests by stored batch (a batch's array is replaced only when the batch changes) */
  batches: readonly (readonly CaseDigest[])[]
}

const loaded = new WeakMap<MediationDb, Loaded>()
const refreshing = new WeakMap<MediationDb, Promise<Loaded>>()

/**
 * Every case's digest as stored now, newest first and by batch (while this window's own write of cases runs:
 * as stored when it began, or as its last commit left it). Concurrent callers share one refresh.
 */
export async function caseIndexView(db: MediationDb): Promise<CaseIndexView> {
  const held = caughtUp(db)
  if (held?.followed && answerFromHeld(db)) return held
  let pending = refreshing.get(db)
  if (!pending) {
    pending = refresh(db).finally(() => refreshing.delete(db))
    refreshing.set(db, pending)
  }
  return pending
}

/** Every case's digest, newest intake first, as stored now. */
export async function caseDigests(db: MediationDb): Promise<readonly CaseDigest[]> {
  return (await caseIndexView(db)).sorted
}

/** As `readIndex`; only when there is no index does it look at the cases (kept off every query's read). */
async function read(db: MediationDb, held: Loaded | undefined): Promise<Loaded | 'damaged'> {
  const index = await readIndex(db, held)
  if (index !== 'no-meta') return index
  return (await db.caseDocs.toCollection().limit(1).primaryKeys()).length > 0 ? 'damaged' : emptyLoaded()
}

async function refresh(db: MediationDb): Promise<Loaded> {
  const held = loaded.get(db)
  let next = await read(db, held)
  if (next === 'damaged') {
    // Cases without their digest batches (a batch lost or removed by hand): rebuild them from the cases.
    await repairCaseIndex(db)
    next = await read(db, undefined)
    if (next === 'damaged') throw new StorageError('unknown', '案件索引无法重建，请从备份恢复。')
  }
  if (next !== held) prepareSearch(next.batches)
  // a write this window committed while this read ran may have been followed onto the held index already
  const now = caughtUp(db)
  if (now && now.rev > next.rev) return now
  // written by another window (or outside the app's writes): what this window holds of the cases may be older
  if (now?.followed && next.rev !== now.rev) noticeUnfollowedCaseWrite(db)
  const view = next.followed ? next : { ...next, followed: true }
  loaded.set(db, view)
  follow(db)
  return view
}

const following = new WeakSet<MediationDb>()
/** Writes this window committed after the held index, in order, not yet merged into it (`caughtUp`). */
const unmerged = new WeakMap<MediationDb, WriteOfIndex[]>()

type WriteOfIndex = NonNullable<CommittedCaseWrite['index']>

/**
 * Follows each write of cases this window commits (src/db/caseWrites.ts): kept to be merged when the index is
 * next asked for (a pull's thousand batches are not merged one by one into 100,000 digests), or, when it was
 * not written after exactly the revision held and those kept, the held index marked to be read again.
 */
function follow(db: MediationDb): void {
  if (following.has(db)) return
  following.add(db)
  onCaseWrite(db, (write) => {
    const held = loaded.get(db)
    if (!held?.followed) return
    const followable = write !== undefined && !write.rebuilt
    if (followable && write.index === undefined) return // documents only: the index is as it was
    const queue = unmerged.get(db) ?? []
    const after = queue.at(-1)?.meta.rev ?? held.rev
    const index = followable ? write.index : undefined
    if (index === undefined || index.before !== after) {
      unmerged.delete(db)
      loaded.set(db, { ...held, followed: false })
      return
    }
    queue.push(index)
    unmerged.set(db, queue)
  })
}

/** The held index with the writes kept since merged into it. */
function caughtUp(db: MediationDb): Loaded | undefined {
  const held = loaded.get(db)
  const queue = unmerged.get(db)
  if (!held || !queue) return held
  unmerged.delete(db)
  // each batch as the last write left it
  const shards = new Map(queue.flatMap((w) => w.shards.map((s) => [s.id, s] as const)))
  // the stored meta's bytes are no longer those held: the next read opens it and finds this revision
  const next = { ...merged(held, queue.at(-1)!.meta, [...shards.values()]), storedMeta: undefined }
  prepareSearch(next.batches)
  loaded.set(db, next)
  return next
}

/**
 * The held digests brought up to date; 'damaged' when a batch the index lists is missing or holds rows
 * of an older digest (fewer fields: see caseDigest.ts FIELDS); 'no-meta'
 * when there is no index yet (an empty store, or cases whose index is gone: see `read`).
 *
 * Every record is read sealed and opened after its read with WebCrypto, the `meta` record too (the
 * synchronous cipher's first use in a page costs more than this whole read): so the batches it names are
 * read in a second read, which reads `meta` again and starts over if it changed in between.
 */
async function readIndex(db: MediationDb, held: Loaded | undefined): Promise<Loaded | 'damaged' | 'no-meta'> {
  for (;;) {
    const storedMeta = await readStored(db, [db.caseIndex], () => db.caseIndex.get(META_ID))
    // nothing written since the last read (each sealed write has a fresh IV): no need to open it again
    if (held?.storedMeta !== undefined && storedMeta !== undefined && sameStored(storedMeta, held.storedMeta))
      return held
    const [meta] = await openStored<IndexRecord | undefined>(db, db.caseIndex, [storedMeta])
    if (!meta || !isMeta(meta)) return 'no-meta'
    if (held && held.rev === meta.rev) {
      held.storedMeta = storedMeta
      return held
    }
    const stale = Object.keys(meta.revs).filter((id) => !held || held.revs[id] !== meta.revs[id])
    const read = await readStored(db, [db.caseIndex], async () => ({
      metaNow: await db.caseIndex.get(META_ID),
      stored: await db.caseIndex.bulkGet(stale),
    }))
    if (!sameStored(read.metaNow, storedMeta)) continue
    const shards = await openStored<IndexRecord | undefined>(db, db.caseIndex, read.stored)
    if (shards.some((s) => s === undefined || isMeta(s))) return 'damaged'
    // rows an older version stored lack fields this one keeps: rebuilt like a damaged index, once
    if ((shards as IndexShard[]).some((s) => !s.rows.every(isCurrentTuple))) return 'damaged'
    return { ...merged(held, meta, shards as IndexShard[]), storedMeta }
  }
}

/** Whether a record read twice is the same write: a sealed one by its bytes (each write has a fresh IV). */
function sameStored(a: unknown, b: unknown): boolean {
  if (isSealed(a) && isSealed(b)) return sameBytes(a.sealed, b.sealed)
  return JSON.stringify(a) === JSON.stringify(b)
}

function emptyLoaded(): Loaded {
  return { rev: 0, revs: {}, byShard: new Map(), sorted: [], batches: [], followed: true }
}

/** The held digests with the batches read again put in place of their old versions. */
function merged(held: Loaded | undefined, meta: IndexMeta, shards: readonly IndexShard[]): Loaded {
  const byShard = new Map(held?.byShard)
  const replaced = new Set<string>()
  const added: CaseDigest[] = []
  // batches gone from the store (a rebuild numbers them afresh)
  for (const [id, rows] of byShard) {
    if (meta.revs[id] !== undefined) continue
    for (const old of rows) replaced.add(old.id)
    byShard.delete(id)
  }
  for (const shard of shards) {
    for (const old of byShard.get(shard.id) ?? []) replaced.add(old.id)
    const rows = shard.rows.map(fromTuple)
    byShard.set(shard.id, rows)
    added.push(...rows)
  }
  added.sort(newestFirst)
  const kept = held ? held.sorted.filter((d) => !replaced.has(d.id)) : []
  return {
    rev: meta.rev,
    revs: { ...meta.revs },
    byShard,
    sorted: mergeSorted(kept, added),
    batches: [...byShard.values()],
    followed: true,
  }
}

function mergeSorted(a: readonly CaseDigest[], b: readonly CaseDigest[]): CaseDigest[] {
  if (b.length === 0) return [...a]
  if (a.length === 0) return [...b]
  const out: CaseDigest[] = new Array<CaseDigest>(a.length + b.length)
  let i = 0
  let j = 0
  let k = 0
  while (i < a.length && j < b.length) out[k++] = newestFirst(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!
  while (i < a.length) out[k++] = a[i++]!
  while (j < b.length) out[k++] = b[j++]!
  return out
}
