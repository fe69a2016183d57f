/**
 * Case documents between this PC and the committee's CouchDB database: a checkpointed pull over
 * `_changes` and a push over `_bulk_docs` with the revision each local copy was based on — the scheme
 * RxDB's CouchDB replication uses — rather than PouchDB's replicator. Why: the app's store is Dexie
 * (sealed at rest, one document per case, its own index); PouchDB would keep a second full replica of
 * every case beside it, to be kept equal with it. Here the local store keeps, per case, only the server
 * revision it was last equal to and whether it changed since; a conflict is the app's own conflict record
 * (保留本机 / 采用对方), never a hidden losing revision.
 *
 * Rules (the transfer files' merge-by-id, src/db/transfer/README.md, over the network):
 * - push: every changed case is sent with the revision it was based on; the server takes it (new
 *   revision remembered), or answers 409 because another PC changed it first: the server's version is
 *   read, and if it differs from ours a conflict is recorded and the case waits for a person;
 * - pull: each change after the checkpoint is taken in if the local copy has not changed since its
 *   revision; the echo of our own push is skipped; a case changed on both sides becomes a conflict.
 *   The checkpoint is written after the documents it covers: a restart resumes, pulls nothing twice;
 * - settling: 保留本机 makes ours the next revision of the server's (pushed on the next round, so the
 *   settlement replicates); 采用对方 takes the server's version. Either way the conflict is settled once.
 * The store itself (Dexie, a memory model in tests) is behind `CaseReplica`.
 */
import { canonicalJson } from '../../domain/canonical'
import type { CaseDocument } from '../../domain/syncFields'
import { keepCaseNumber } from '../../domain/syncNumbering'
import { refusalShown } from '../../domain/syncServer'
import { restampFutureEdits } from './restamp'
import { couchJson, type RemoteDb } from './couchHttp'
import { SealError, openFromServer, sealForServer, type CommitteeKey, type ServerDoc } from './seal'

export interface LocalCase {
  record: CaseDocument
  /** the server revision this copy was last equal to; absent: never on the server */
  rev?: string
  /** changed here since `rev` */
  dirty: boolean
}

/** A case changed on both sides: ours stays, theirs waits here for a person. */
export interface SyncConflict {
  recordId: string
  local: CaseDocument
  remote: CaseDocument
  remoteRev: string
  /** when this PC found it (the Dexie replica stamps it; absent in conflicts stored before) */
  detectedAt?: string
}

/** 保留本机 or 采用对方. */
export type SettleChoice = 'keep-local' | 'take-remote'

export interface CaseReplica {
  readCheckpoint(): Promise<string | undefined>
  /** called only after everything up to `since` is stored */
  writeCheckpoint(since: string): Promise<void>
  get(id: string): Promise<LocalCase | undefined>
  /** the local copies of `ids` in their order (undefined where none), read together */
  getMany(ids: readonly string[]): Promise<(LocalCase | undefined)[]>
  /** changed cases without an open conflict and not in `skip`, oldest change first */
  dirty(limit: number, skip?: ReadonlySet<string>): Promise<LocalCase[]>
  /** stores a case with its revision; `dirty` says whether it still differs from that revision */
  put(local: LocalCase): Promise<void>
  /** stores several cases as `put` does, in one write: all of them or none */
  putMany(locals: readonly LocalCase[]): Promise<void>
  /**
   * The server took each `record` sent at its new `rev`: each case is now based on `rev`, and equal to the
   * server unless it changed here since it was sent (then still changed). Writes no case content, so a change
   * made here meanwhile (a mediator's autosave) never makes it fail: a push the server took that stayed
   * unrecorded here would meet its own echo as another PC's version, a conflict with itself.
   */
  confirmPushed(taken: readonly { record: CaseDocument; rev: string }[]): Promise<void>
  /** records (or replaces) the conflict of a case; the case is not pushed until it is settled */
  putConflict(conflict: SyncConflict): Promise<void>
  getConflict(recordId: string): Promise<SyncConflict | undefined>
  /**
   * In one transaction: stores the settled case and removes its conflict. `choice`: the person's choice
   * (absent when the server came round to ours by itself).
   */
  settle(recordId: string, settled: LocalCase, choice?: SettleChoice): Promise<void>
}

const BATCH = 100
const CASE_PREFIX = 'case:'

function call(remote: RemoteDb, method: string, path: string, body?: unknown): Promise<unknown> {
  return couchJson(remote, method, remote.url + path, { body })
}

const same = (a: CaseDocument, b: CaseDocument): boolean => canonicalJson(a) === canonicalJson(b)

export interface PushResult {
  pushed: number
  conflicts: number
  /** refused by the server's validation (an archived case, …): id -> the server's reason */
  refused: Record<string, string>
}

/** Sends changed cases, a batch at a time, until none is left that can go. */
export async function pushCases(remote: RemoteDb, replica: CaseReplica, key: CommitteeKey): Promise<PushResult> {
  const result: PushResult = { pushed: 0, conflicts: 0, refused: {} }
  const tried = new Set<string>()
  for (;;) {
    const dirty = await replica.dirty(BATCH, tried)
    if (!dirty.length) return result
    const batch = await restampFutureEdits(dirty, (l) => replica.putMany(l))
    const docs = await Promise.all(
      batch.map(async (c) => ({ ...(await sealForServer('case', c.record, key)), ...(c.rev ? { _rev: c.rev } : {}) })),
    )
    const answers = (await call(remote, 'POST', '/_bulk_docs', { docs })) as {
      id: string
      rev?: string
      error?: string
      reason?: string
    }[]
    const taken: { record: CaseDocument; rev: string }[] = []
    for (const [i, sent] of batch.entries()) {
      tried.add(sent.record.id)
      const answer = answers[i]
      if (answer?.rev && !answer.error) {
        result.pushed++
        taken.push({ record: sent.record, rev: answer.rev })
      } else if (answer?.error === 'conflict') {
        if (await compareWithServer(remote, replica, key, sent.record)) result.conflicts++
      } else {
        result.refused[sent.record.id] = refusalShown(answer)
      }
    }
    if (taken.length) await replica.confirmPushed(taken)
  }
}

/** After a 409: reads the server's version; a conflict if it differs from ours (returns whether it did). */
async function compareWithServer(
  remote: RemoteDb,
  replica: CaseReplica,
  key: CommitteeKey,
  ours: CaseDocument,
): Promise<boolean> {
  const doc = (await call(remote, 'GET', `/${encodeURIComponent(CASE_PREFIX + ours.id)}`)) as ServerDoc
  return (await meetRemote(replica, key, doc)) === 'conflict'
}

type Met = 'taken' | 'known' | 'conflict'

/** A server version meets the local copy: taken in, already known (our own push), or a conflict. */
async function meetRemote(replica: CaseReplica, key: CommitteeKey, doc: ServerDoc): Promise<Met> {
  const met = await meet(replica, key, doc, await replica.get(doc._id.slice(CASE_PREFIX.length)))
  if (met.take) await replica.put(met.take)
  return met.kind
}

/**
 * What a server version does to the local copy `local` (read just before): `take` is the write that takes
 * it in (left to the caller, so that a batch is written at once); a conflict or a settlement is written here.
 */
async function meet(
  replica: CaseReplica,
  key: CommitteeKey,
  doc: ServerDoc,
  local: LocalCase | undefined,
): Promise<{ kind: Met; take?: LocalCase }> {
  const rev = doc._rev
  if (!rev) return { kind: 'known' }
  const id = doc._id.slice(CASE_PREFIX.length)
  if (local?.rev === rev) return { kind: 'known' }
  const remote = await openFromServer('case', doc, key)
  if (!local || !local.dirty) return { kind: 'taken', take: { record: remote, rev, dirty: false } }
  if (same(local.record, remote)) {
    // the server came round to ours (another PC settled for it): a conflict waiting on it is over too
    const settled = { record: local.record, rev, dirty: false }
    if (await replica.getConflict(id)) await replica.settle(id, settled)
    else await replica.put(settled)
    return { kind: 'known' }
  }
  await replica.putConflict({ recordId: id, local: local.record, remote, remoteRev: rev })
  return { kind: 'conflict' }
}

export interface PullResult {
  /** case changes read from the feed */
  seen: number
  /** of them, versions taken into the local store */
  taken: number
  conflicts: number
  /** documents that did not open (src/db/sync/seal.ts): case id -> the message for the user */
  unreadable: Record<string, string>
  /** the kinds of the other documents the feed listed ('room', 'counter', …): theirs to replicate */
  otherTypes: string[]
}

/**
 * Takes in every change after the checkpoint, a batch at a time: the batch's local copies read together,
 * the versions taken in written together, then the checkpoint.
 */
export async function pullCases(
  remote: RemoteDb,
  replica: CaseReplica,
  key: CommitteeKey,
  /** the batch's other documents (agreements, …), taken in before the checkpoint that covers them */
  takeOthers?: (docs: ServerDoc[]) => Promise<unknown>,
): Promise<PullResult> {
  const result: PullResult = { seen: 0, taken: 0, conflicts: 0, unreadable: {}, otherTypes: [] }
  const others = new Set<string>()
  for (;;) {
    const since = (await replica.readCheckpoint()) ?? '0'
    const query = `?include_docs=true&limit=${BATCH}&since=${encodeURIComponent(since)}`
    const feed = (await call(remote, 'GET', `/_changes${query}`)) as {
      results: { id: string; deleted?: boolean; doc?: ServerDoc }[]
      last_seq: string | number
    }
    // tombstones of cases are not replicated yet (the app never deletes a case); a document listed twice
    // (not CouchDB's way, but cheap to be sure of) is met once, at its later version
    const latest = new Map<string, ServerDoc>()
    const otherDocs: ServerDoc[] = []
    for (const c of feed.results) {
      if (c.id.startsWith(CASE_PREFIX)) {
        if (!c.deleted && c.doc) latest.set(c.id, c.doc)
      } else if (c.id.includes(':')) {
        others.add(c.id.slice(0, c.id.indexOf(':')))
        if (c.doc) otherDocs.push(c.doc)
      }
    }
    const docs = [...latest.values()]
    result.seen += docs.length
    const locals = await replica.getMany(docs.map((d) => d._id.slice(CASE_PREFIX.length)))
    const met = await Promise.all(
      docs.map((doc, i) =>
        meet(replica, key, doc, locals[i]).catch((e: unknown) => {
          // one document that does not open (changed on the server, another committee's key) is reported
          // and passed over: it must not hold back the others
          if (!(e instanceof SealError)) throw e
          result.unreadable[doc._id.slice(CASE_PREFIX.length)] = e.message
          return undefined
        }),
      ),
    )
    const takes = met.flatMap((m) => (m?.take ? [m.take] : []))
    await replica.putMany(takes)
    result.taken += takes.length
    result.conflicts += met.filter((m) => m?.kind === 'conflict').length
    if (takeOthers && otherDocs.length) await takeOthers(otherDocs)
    await replica.writeCheckpoint(String(feed.last_seq))
    if (feed.results.length < BATCH) return { ...result, otherTypes: [...others] }
  }
}

/** One round: pull first (so a push meets fewer conflicts), then push. */
export async function syncCases(
  remote: RemoteDb,
  replica: CaseReplica,
  key: CommitteeKey,
): Promise<{ pull: PullResult; push: PushResult }> {
  const pull = await pullCases(remote, replica, key)
  const push = await pushCases(remote, replica, key)
  return { pull, push }
}

/**
 * Settles a conflict once. 保留本机 ('keep-local'): ours becomes the next revision of the server's, pushed
 * on the next round; 采用对方 ('take-remote'): the server's version replaces ours.
 */
export async function settleConflict(replica: CaseReplica, recordId: string, choice: SettleChoice): Promise<void> {
  const conflict = await replica.getConflict(recordId)
  if (!conflict) throw new Error('冲突已处理或不存在')
  const local = await replica.get(recordId)
  if (!local || !same(local.record, conflict.local)) throw new Error('本机记录已在比较后修改，请重新比较')
  const keepLocal = choice === 'keep-local'
  const chosen = keepLocal ? conflict.local : conflict.remote
  const record = keepCaseNumber(chosen, keepLocal ? conflict.remote : conflict.local)
  // the server's version with our number added is new content: it goes up like 保留本机
  const dirty = keepLocal || record !== chosen
  await replica.settle(recordId, { record, rev: conflict.remoteRev, dirty }, choice)
}
