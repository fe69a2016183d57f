/**
 * Files kept with cases (attachments) between this PC and the committee's server, in the same rounds as the
 * records. Each is a document `attachment:<id>`: its description sealed like any record
 * (src/domain/syncFields.ts says what the server reads), its bytes the CouchDB attachment `sealed`,
 * encrypted on their own under the committee's key and bound to the document's id (seal.ts). The rules of
 * src/domain/attachments.ts hold both ways: a file too large, or whose bytes are not the type it claims, is
 * neither sent nor taken in.
 *
 * - push: the outbox's `attachment:<id>` rows, one document per request (the bytes inline, base64); a
 *   removal here deletes the document there;
 * - pull: the documents the cases' feed lists (stubs only: the feed never carries the bytes); the bytes are
 *   fetched (`GET /db/<doc>/sealed`) only for a version this PC takes in;
 * - a file is never edited, only added or removed: a removal on either PC stands (src/domain/laterChange.ts).
 */
import { receivedAttachmentProblem, receivedAttachmentTooLarge, attachmentProblem } from '../../domain/attachments'
import { attachmentMeta, sameAttachmentMeta } from '../../domain/attachmentMeta'
import { fileChangeDecision } from '../../domain/laterChange'
import type { AttachmentMeta } from '../../domain/syncFields'
import { refusalShown, syncDocId } from '../../domain/syncServer'
import type { Attachment } from '../../domain/types'
import { blobOfBytes } from '../blobBytes'
import { bytesToBase64 } from '../transfer/base64'
import { couchJson, couchSend, SyncHttpError, transferTimeoutMs, type RemoteDb } from './couchHttp'
import { attachmentOutboxId, parseAttachmentOutboxId } from './outbox'
import { restampFutureEdits } from './restamp'
import {
  SEALED_FILE_OVERHEAD,
  SealError,
  openFileFromServer,
  openFromServer,
  sealError,
  sealFileForServer,
  sealForServer,
  type CommitteeKey,
  type ServerDoc,
} from './seal'

/** This PC's copy of a file. */
export interface LocalFile {
  id: string
  /** absent: not (or no longer) on this PC */
  record?: Attachment
  /** the server revision this copy was last equal to */
  rev?: string
  /** added or removed here since `rev` */
  dirty: boolean
}

export interface AttachmentStore {
  /** files added or removed here, oldest change first, not in `skip` (outbox ids) */
  dirty(limit: number, skip: ReadonlySet<string>): Promise<LocalFile[]>
  /** this PC's copies in the order asked (without `record` where none), read together */
  getMany(ids: readonly string[]): Promise<LocalFile[]>
  /**
   * Stores files (one without `record` is removed) with their revisions and states in one write; fails as a
   * whole (ChangedMeanwhileError) if one was changed here since it was last read.
   */
  putMany(files: readonly LocalFile[]): Promise<void>
  /**
   * Records that the server took `sent` (at `rev`; none for a removal), in one write that changes no file:
   * equal to the server from then on, unless added, removed or described anew here since it was sent.
   */
  confirmPushed(sent: LocalFile, rev: string | undefined): Promise<void>
}

export interface FilesResult {
  pushed: number
  /** files taken in from the server */
  taken: number
  /** files removed here because another PC removed them */
  removed: number
  /** refused by the server, or documents not taken in: outbox id -> the reason */
  refused: Record<string, string>
}

export const emptyFilesResult = (): FilesResult => ({ pushed: 0, taken: 0, removed: 0, refused: {} })

/** The name of a document's CouchDB attachment: never the file's own name. */
const BODY = 'sealed'
/** few at a time: each can be 20 MB */
const PUSH_BATCH = 4

/** The feed's attachment documents (one batch of the case pull), met one by one. */
export async function pullAttachments(
  remote: RemoteDb,
  store: AttachmentStore,
  key: CommitteeKey,
  docs: readonly ServerDoc[],
  result: FilesResult = emptyFilesResult(),
): Promise<FilesResult> {
  const latest = new Map<string, ServerDoc>()
  for (const doc of docs) if (parseAttachmentOutboxId(doc._id) !== undefined && doc._rev) latest.set(doc._id, doc)
  const mine = [...latest.values()]
  if (!mine.length) return result
  const locals = await store.getMany(mine.map((d) => parseAttachmentOutboxId(d._id)!))
  for (const [i, doc] of mine.entries()) {
    try {
      await meet(remote, store, key, doc, locals[i]!, result)
    } catch (e) {
      // one document not taken in is reported and passed over: it must not hold back the others
      if (!(e instanceof SealError)) throw e
      result.refused[doc._id] = e.message
    }
  }
  return result
}

/** A server version meets this PC's copy; written here (a file at a time: each can be 20 MB). */
async function meet(
  remote: RemoteDb,
  store: AttachmentStore,
  key: CommitteeKey,
  doc: ServerDoc,
  local: LocalFile,
  result: FilesResult,
): Promise<void> {
  const rev = doc._rev!
  // already equal, or a removal of a file this PC never had
  if (local.rev === rev || (doc._deleted && !local.record && !local.rev && !local.dirty)) return
  const theirs = doc._deleted ? 'removed' : await openFromServer('attachment', doc, key)
  const ours = !local.dirty ? undefined : local.record ? attachmentMeta(local.record) : 'removed'
  const decision = fileChangeDecision(ours, theirs, new Date())
  // ours goes on top of theirs in the next push
  if (decision === 'push') return store.putMany([{ ...local, rev, dirty: true }])
  if (theirs === 'removed') {
    // gone on both: nothing to remember
    await store.putMany([{ id: local.id, dirty: false }])
    if (local.record) result.removed++
    return
  }
  const known = local.record && sameAttachmentMeta(attachmentMeta(local.record), theirs)
  const record = known ? local.record! : await fetchFile(remote, key, doc, theirs)
  await store.putMany([{ id: local.id, record, rev, dirty: false }])
  if (!known) result.taken++
}

/** The file's bytes from the server, decrypted and checked; SealError when they are not taken in. */
async function fetchFile(
  remote: RemoteDb,
  key: CommitteeKey,
  doc: ServerDoc,
  meta: AttachmentMeta,
): Promise<Attachment> {
  const stub = (doc._attachments as Record<string, { length?: number }> | undefined)?.[BODY]
  if (!stub) throw sealError('malformed')
  const tooLarge = (length: number): void => {
    const problem = receivedAttachmentTooLarge(meta.name, length - SEALED_FILE_OVERHEAD)
    if (problem) throw new SealError('refusedFile', problem)
  }
  // refused before a byte is fetched when the server says it is too large; checked again on what came
  tooLarge(stub.length ?? 0)
  const url = `${remote.url}/${encodeURIComponent(doc._id)}/${BODY}?rev=${encodeURIComponent(doc._rev!)}`
  const res = await couchSend(remote, 'GET', url, {
    accept: 'application/octet-stream',
    timeoutMs: transferTimeoutMs(stub.length ?? 0),
  })
  if (!res.ok) throw new SyncHttpError(res.status, await res.text())
  const sealed = new Uint8Array(await res.arrayBuffer())
  tooLarge(sealed.length)
  const bytes = await openFileFromServer(doc._id, sealed, key)
  const problem = receivedAttachmentProblem(meta, bytes)
  if (problem) throw new SealError('refusedFile', problem)
  return { ...meta, data: blobOfBytes(bytes, meta.mime) }
}

/** Sends the files added or removed here, one document per request, until none is left that can go. */
export async function pushAttachments(
  remote: RemoteDb,
  store: AttachmentStore,
  key: CommitteeKey,
  result: FilesResult = emptyFilesResult(),
): Promise<FilesResult> {
  const tried = new Set<string>()
  for (;;) {
    const dirty = await store.dirty(PUSH_BATCH, tried)
    if (!dirty.length) return result
    const batch = await restampFutureEdits(dirty, (l) => store.putMany(l))
    for (const local of batch) {
      tried.add(attachmentOutboxId(local.id))
      await pushOne(remote, store, key, local, result)
    }
  }
}

async function pushOne(
  remote: RemoteDb,
  store: AttachmentStore,
  key: CommitteeKey,
  local: LocalFile,
  result: FilesResult,
): Promise<void> {
  const outboxId = attachmentOutboxId(local.id)
  const _id = syncDocId('attachment', local.id)
  let doc: object
  /** the file's size as sent (base64), for the time limit */
  let sent = 0
  if (!local.record) {
    // never on the server: nothing to remove there
    if (!local.rev) return store.confirmPushed(local, undefined)
    doc = { _id, _rev: local.rev, _deleted: true }
  } else {
    const bytes = new Uint8Array(await local.record.data.arrayBuffer())
    const { name, mime } = local.record
    const problem = attachmentProblem({ name, type: mime, size: bytes.length }, bytes)
    if (problem) {
      result.refused[outboxId] = problem
      return
    }
    const data = bytesToBase64(await sealFileForServer(_id, bytes, key))
    sent = data.length
    doc = {
      ...(await sealForServer('attachment', attachmentMeta(local.record), key)),
      ...(local.rev ? { _rev: local.rev } : {}),
      _attachments: { [BODY]: { content_type: 'application/octet-stream', data } },
    }
  }
  const request = { body: { docs: [doc] }, timeoutMs: transferTimeoutMs(sent) }
  const [answer] = (await couchJson(remote, 'POST', `${remote.url}/_bulk_docs`, request)) as {
    rev?: string
    error?: string
    reason?: string
  }[]
  if (answer?.rev && !answer.error) {
    if (local.record) result.pushed++
    return store.confirmPushed(local, local.record ? answer.rev : undefined)
  }
  if (answer?.error !== 'conflict') {
    result.refused[outboxId] = refusalShown(answer)
    return
  }
  // another PC wrote first: its version meets ours as a pulled one would
  const theirs = await serverVersion(remote, _id)
  if (theirs) await pullAttachments(remote, store, key, [theirs], result)
}

/** The server's version of a document, a removed one as its tombstone; undefined if it never was there. */
async function serverVersion(remote: RemoteDb, _id: string): Promise<ServerDoc | undefined> {
  const { rows } = (await couchJson(remote, 'POST', `${remote.url}/_all_docs?include_docs=true`, {
    body: { keys: [_id] },
  })) as { rows: { value?: { rev: string; deleted?: boolean }; doc?: ServerDoc | null }[] }
  const row = rows[0]
  if (!row?.value) return undefined
  return row.doc ?? ({ _id, _rev: row.value.rev, _deleted: true } as ServerDoc)
}
