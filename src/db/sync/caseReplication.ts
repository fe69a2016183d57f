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
import { SealError, openFromServer, sealForServer, type CommitteeKey, type ServerDoc } from './seal'

/** The committee's database: its URL ('https://host/mr-…') and the Authorization header of this PC's user. */
export interface RemoteDb {
  url: string
  authorization?: string
}

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

export interface CaseReplica {
  readCheckpoint(): Promise<string | undefined>
  /** called only after everything up to `since` is stored */
  writeCheckpoint(since: string): Promise<void>
  get(id: string): Promise<LocalCase | undefined>
  /** changed cases without an open conflict, oldest change first */
  dirty(limit: number): Promise<LocalCase[]>
  /** stores a case with its revision; `dirty` says whether it still differs from that revision */
  put(local: LocalCase): Promise<void>
  /** records (or replaces) the conflict of a case; the case is not pushed until it is settled */
  putConflict(conflict: SyncConflict): Promise<void>
  getConflict(recordId: string): Promise<SyncConflict | undefined>
  /** in one transaction: stores the settled case and removes its conflict */
  settle(recordId: string, settled: LocalCase): Promise<void>
}

export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`CouchDB answered ${status}`)
    this.name = 'SyncHttpError'
  }
}

const BATCH = 100
const CASE_PREFIX = 'case:'

async function call(remote: RemoteDb, method: string, path: string, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (remote.authorization) headers.Authorization = remote.authorization
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const res = await fetch(remote.url + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  const parsed: unknown = text ? JSON.parse(text) : undefined
  if (!res.ok) throw new SyncHttpError(res.status, parsed)
  return parsed
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
    const batch = (await replica.dirty(BATCH + tried.size)).filter((c) => !tried.has(c.record.id))
    if (!batch.length) return result
    batch.splice(BATCH)
    const docs = await Promise.all(
      batch.map(async (c) => ({ ...(await sealForServer('case', c.record, key)), ...(c.rev ? { _rev: c.rev } : {}) })),
    )
    const answers = (await call(remote, 'POST', '/_bulk_docs', { docs })) as {
      id: string
      rev?: string
      error?: string
      reason?: string
    }[]
    for (const [i, sent] of batch.entries()) {
      tried.add(sent.record.id)
      const answer = answers[i]
      if (answer?.rev && !answer.error) {
        result.pushed++
        await confirmPushed(replica, sent.record, answer.rev)
      } else if (answer?.error === 'conflict') {
        if (await compareWithServer(remote, replica, key, sent.record)) result.conflicts++
      } else {
        result.refused[sent.record.id] = answer?.reason ?? answer?.error ?? 'unknown'
      }
    }
  }
}

/** The server took `pushed` at `rev`: remembered; still dirty if the case changed here meanwhile. */
async function confirmPushed(replica: CaseReplica, pushed: CaseDocument, rev: string): Promise<void> {
  const now = await replica.get(pushed.id)
  if (!now) return
  await replica.put({ record: now.record, rev, dirty: !same(now.record, pushed) })
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
  const rev = doc._rev
  if (!rev) return 'known'
  const id = doc._id.slice(CASE_PREFIX.length)
  const local = await replica.get(id)
  if (local?.rev === rev) return 'known'
  const remote = await openFromServer('case', doc, key)
  if (!local || !local.dirty) {
    await replica.put({ record: remote, rev, dirty: false })
    return 'taken'
  }
  if (same(local.record, remote)) {
    // the server came round to ours (another PC settled for it): a conflict waiting on it is over too
    const settled = { record: local.record, rev, dirty: false }
    if (await replica.getConflict(id)) await replica.settle(id, settled)
    else await replica.put(settled)
    return 'known'
  }
  await replica.putConflict({ recordId: id, local: local.record, remote, remoteRev: rev })
  return 'conflict'
}

export interface PullResult {
  /** case changes read from the feed */
  seen: number
  /** of them, versions taken into the local store */
  taken: number
  conflicts: number
  /** documents that did not open (src/db/sync/seal.ts): case id -> the message for the user */
  unreadable: Record<string, string>
}

/** Takes in every change after the checkpoint, a batch at a time, writing the checkpoint after each. */
export async function pullCases(remote: RemoteDb, replica: CaseReplica, key: CommitteeKey): Promise<PullResult> {
  const result: PullResult = { seen: 0, taken: 0, conflicts: 0, unreadable: {} }
  for (;;) {
    const since = (await replica.readCheckpoint()) ?? '0'
    const query = `?include_docs=true&limit=${BATCH}&since=${encodeURIComponent(since)}`
    const feed = (await call(remote, 'GET', `/_changes${query}`)) as {
      results: { id: string; deleted?: boolean; doc?: ServerDoc }[]
      last_seq: string | number
    }
    for (const change of feed.results) {
      // tombstones of cases are not replicated yet (the app never deletes a case)
      if (!change.id.startsWith(CASE_PREFIX) || change.deleted || !change.doc) continue
      result.seen++
      let met: Met
      try {
        met = await meetRemote(replica, key, change.doc)
      } catch (e) {
        // one document that does not open (changed on the server, another committee's key) is reported
        // and passed over: it must not hold back the others
        if (!(e instanceof SealError)) throw e
        result.unreadable[change.id.slice(CASE_PREFIX.length)] = e.message
        continue
      }
      if (met === 'taken') result.taken++
      if (met === 'conflict') result.conflicts++
    }
    await replica.writeCheckpoint(String(feed.last_seq))
    if (feed.results.length < BATCH) return result
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
export async function settleConflict(
  replica: CaseReplica,
  recordId: string,
  choice: 'keep-local' | 'take-remote',
): Promise<void> {
  const conflict = await replica.getConflict(recordId)
  if (!conflict) throw new Error('冲突已处理或不存在')
  const local = await replica.get(recordId)
  if (!local || !same(local.record, conflict.local)) throw new Error('本机记录已在比较后修改，请重新比较')
  await replica.settle(
    recordId,
    choice === 'keep-local'
      ? { record: conflict.local, rev: conflict.remoteRev, dirty: true }
      : { record: conflict.remote, rev: conflict.remoteRev, dirty: false },
  )
}
