/**
 * A committee's other shared records — agreements, signatures, follow-ups, referrals — between this PC and
 * its server, beside the cases (caseReplication.ts) and in the same rounds. Each is its own server document
 * (`agreement:<id>`, …), sealed like a case (src/domain/syncFields.ts says what the server reads).
 *
 * - push: the records in the outbox (`<kind>:<id>` rows, outbox.ts), a batch at a time, each with the revision
 *   it was based on; a 409 reads the server's version and the later change stands
 *   (src/domain/laterChange.ts): theirs is taken, or ours goes on top of theirs in the next round;
 * - pull: the feed's documents of these kinds, handed over by the case pull batch by batch (so one checkpoint
 *   covers both); a version is taken if this PC has not changed the record since, else the later change stands;
 * - a finalised agreement here is never changed by a version from the server (only marked 已被替代).
 * Unlike a case, a record changed on two PCs is not held for a person: one person writes each (the case's
 * mediator), and the version that did not stand is in the audit log's field list and on the other PC's backup.
 */
import { finalisedElsewhere, laterChangeDecision, syncWouldChangeFinalAgreement } from '../../domain/laterChange'
import type { Agreement } from '../../domain/types'
import { refusalShown } from '../../domain/syncServer'
import { couchJson, type RemoteDb } from './couchHttp'
import { parseRecordOutboxId, recordOutboxId, type RecordKind } from './outbox'
import { restampFutureEdits } from './restamp'
import { SealError, openFromServer, sealForServer, type CommitteeKey, type ServerDoc } from './seal'
import { canonicalJson } from '../../domain/canonical'

export interface SharedRecord {
  id: string
  updatedAt: string
}

export interface LocalRecord {
  kind: RecordKind
  record: SharedRecord
  /** the server revision this copy was last equal to */
  rev?: string
  /** changed here since `rev` */
  dirty: boolean
}

export interface RecordKey {
  kind: RecordKind
  id: string
}

export interface RecordStore {
  /** records changed here, oldest change first, not in `skip` (outbox ids) */
  dirty(limit: number, skip: ReadonlySet<string>): Promise<LocalRecord[]>
  /** the local copies in the order asked (undefined where none), read together */
  getMany(keys: readonly RecordKey[]): Promise<(LocalRecord | undefined)[]>
  /**
   * Stores records with their revisions and states in one write; fails as a whole (ChangedMeanwhileError)
   * if one was changed here since it was last read.
   */
  putMany(locals: readonly LocalRecord[]): Promise<void>
  /**
   * Records that the server took these at `rev`, in one write that changes no record (so an edit made here
   * meanwhile lands before or after it and never makes it fail): each is equal to the server from then on,
   * unless changed here since it was sent, when it stays marked to go up on top of `rev`.
   */
  confirmPushed(taken: readonly { sent: LocalRecord; rev: string }[]): Promise<void>
}

export interface RecordsResult {
  pushed: number
  taken: number
  /** a version from the server that would have changed a finalised agreement here: id -> kind */
  kept: Record<string, RecordKind>
  /** refused by the server, or documents that did not open: outbox id -> the reason */
  refused: Record<string, string>
}

const BATCH = 100

export const emptyRecordsResult = (): RecordsResult => ({ pushed: 0, taken: 0, kept: {}, refused: {} })

const same = (a: SharedRecord, b: SharedRecord): boolean => canonicalJson(a) === canonicalJson(b)

/** What a server version does to the local copy: undefined when nothing is to be written. */
function meet(
  kind: RecordKind,
  remote: SharedRecord,
  rev: string,
  local: LocalRecord | undefined,
  result: RecordsResult,
): LocalRecord | undefined {
  if (local?.rev === rev) return undefined
  if (local && kind === 'agreement' && syncWouldChangeFinalAgreement(local.record as Agreement, remote as Agreement)) {
    result.kept[remote.id] = kind
    // stays as it is here, based on the server's revision: our version goes up again and is refused there
    // only if it changes a finalised one (it does not: ours is the final one)
    return { kind, record: local.record, rev, dirty: !same(local.record, remote) }
  }
  if (!local || !local.dirty) return { kind, record: remote, rev, dirty: false }
  if (kind === 'agreement' && finalisedElsewhere(local.record as Agreement, remote as Agreement))
    return { kind, record: remote, rev, dirty: false }
  return laterChangeDecision(local.record, remote, new Date()) === 'push'
    ? { kind, record: local.record, rev, dirty: true }
    : { kind, record: remote, rev, dirty: false }
}

/** The feed's documents of these kinds (one batch of the case pull), taken in together. */
export async function pullRecords(
  store: RecordStore,
  key: CommitteeKey,
  docs: readonly ServerDoc[],
  result: RecordsResult = emptyRecordsResult(),
): Promise<RecordsResult> {
  const opened: { kind: RecordKind; record: SharedRecord; rev: string }[] = []
  for (const doc of docs) {
    const kind = parseRecordOutboxId(doc._id)?.kind
    if (!kind || doc._deleted || !doc._rev) continue
    try {
      opened.push({ kind, record: (await openFromServer(kind, doc, key)) as SharedRecord, rev: doc._rev })
    } catch (e) {
      if (!(e instanceof SealError)) throw e
      result.refused[doc._id] = e.message
    }
  }
  if (!opened.length) return result
  const locals = await store.getMany(opened.map(({ kind, record }) => ({ kind, id: record.id })))
  const writes = opened.flatMap(({ kind, record, rev }, i) => {
    const write = meet(kind, record, rev, locals[i], result)
    return write ? [write] : []
  })
  result.taken += writes.filter((w) => !w.dirty).length
  await store.putMany(writes)
  return result
}

/** Sends the records changed here, a batch at a time, until none is left that can go. */
export async function pushRecords(
  remote: RemoteDb,
  store: RecordStore,
  key: CommitteeKey,
  result: RecordsResult = emptyRecordsResult(),
): Promise<RecordsResult> {
  const tried = new Set<string>()
  for (;;) {
    const dirty = await store.dirty(BATCH, tried)
    if (!dirty.length) return result
    const batch = await restampFutureEdits(dirty, (l) => store.putMany(l))
    const docs = await Promise.all(
      batch.map(async (l) => ({
        ...(await sealForServer(l.kind, l.record as never, key)),
        ...(l.rev ? { _rev: l.rev } : {}),
      })),
    )
    const answers = (await couchJson(remote, 'POST', `${remote.url}/_bulk_docs`, { body: { docs } })) as {
      rev?: string
      error?: string
      reason?: string
    }[]
    const taken: { sent: LocalRecord; rev: string }[] = []
    const raced: ServerDoc[] = []
    for (const [i, sent] of batch.entries()) {
      const outboxId = recordOutboxId(sent.kind, sent.record.id)
      tried.add(outboxId)
      const answer = answers[i]
      if (answer?.rev && !answer.error) taken.push({ sent, rev: answer.rev })
      else if (answer?.error === 'conflict') {
        raced.push((await couchJson(remote, 'GET', `${remote.url}/${encodeURIComponent(docs[i]!._id)}`)) as ServerDoc)
      } else result.refused[outboxId] = refusalShown(answer)
    }
    result.pushed += taken.length
    if (taken.length) await store.confirmPushed(taken)
    if (raced.length) await pullRecords(store, key, raced, result)
  }
}
