/**
 * This PC's audit chain to the committee's server, append-only: each entry its own sealed document
 * `audit:<chainId>:<seq>` (src/domain/syncServer.ts auditDocId; the server refuses to change one), sent
 * in order with `_bulk_docs`, the last one confirmed kept in `sync.auditPush` (auditStore.ts). Only
 * `db.audit` is read: other PCs' entries are stored elsewhere and never pushed from here.
 *
 * The chain's audit keys (this PC's own and those adopted with other PCs' backups) go up once per chain as
 * `auditKey:<chainId>`, sealed under the committee's data key: the committee's PCs can check the MACs, the
 * server cannot forge an entry. With them goes the public half of the chain's signing key (auditSigning.ts),
 * and every entry is signed: another PC of the committee, which can compute the MACs, cannot sign. A chain
 * pushed before signing gets its key at its next push, with a signature on the last entry already pushed.
 *
 * A chain id is this PC's until its log stops extending what was pushed (a restore from a backup, or a
 * server holding other entries at those seqs): then the PC starts a new chain from seq 1 and the old one
 * stays on the server as it was, shown as 本机's earlier chain. A restart resumes after the last entry
 * confirmed; one the server already holds (a crash before the state was written) is recognised by its
 * hash and not sent twice.
 */
import { GENESIS, sha256Hex } from '../../domain/audit'
import { auditDocId, auditRecordId, refusalShown, syncDocId } from '../../domain/syncServer'
import type { AuditEntry } from '../../domain/types'
import type { MediationDb } from '../schema'
import { bytesToBase64 } from '../transfer/base64'
import { couchJson, SyncHttpError, type RemoteDb } from './couchHttp'
import { readPushState, writePushState, type AuditPushState } from './auditStore'
import { newChainSigner, signPlaces, type ChainSigner } from './auditSigning'
import { openFromServer, sealForServer, SealError, type CommitteeKey, type ServerDoc } from './seal'

const BATCH = 200

export interface AuditKeys {
  auditKey: Uint8Array
  adoptedAuditKeys?: readonly Uint8Array[]
}

export interface AuditPushResult {
  pushed: number
  chainId: string
  /** the first entry the server refused (not one it already holds): the push stops there */
  refused?: { seq: number; reason: string }
}

const freshChain = (retired: string[]): AuditPushState => ({
  chainId: crypto.randomUUID(),
  pushedSeq: 0,
  pushedHash: GENESIS,
  retired,
})

const retire = (state: AuditPushState): AuditPushState => freshChain([...state.retired, state.chainId])

async function getDoc(remote: RemoteDb, id: string): Promise<ServerDoc | undefined> {
  try {
    return (await couchJson(remote, 'GET', `${remote.url}/${encodeURIComponent(id)}`)) as ServerDoc
  } catch (e) {
    if (e instanceof SyncHttpError && e.status === 404) return undefined
    throw e
  }
}

/**
 * Publishes the chain's keys when they are not yet published as they are now. A refusal is left for the
 * next round (the entries still go up: the keys only let others check them).
 */
async function publishKeys(
  remote: RemoteDb,
  key: CommitteeKey,
  state: AuditPushState,
  signer: ChainSigner,
  keys: AuditKeys,
) {
  const all = [keys.auditKey, ...(keys.adoptedAuditKeys ?? [])].map(bytesToBase64)
  const digest = sha256Hex([...all, signer.publicKey].join(','))
  if (state.keysDigest === digest) return state
  const rev = (await getDoc(remote, syncDocId('auditKey', state.chainId)))?._rev
  const { chainId, pushedSeq, pushedHash } = state
  const head =
    pushedSeq > 0
      ? { seq: pushedSeq, sig: (await signPlaces(signer, chainId, [{ seq: pushedSeq, hash: pushedHash }]))[0]! }
      : undefined
  const published = { id: chainId, keys: all, publicKey: signer.publicKey, ...(head ? { head } : {}) }
  const doc = {
    ...(await sealForServer('auditKey', published, key)),
    ...(rev ? { _rev: rev } : {}),
  }
  const [answer] = (await couchJson(remote, 'POST', `${remote.url}/_bulk_docs`, { body: { docs: [doc] } })) as {
    rev?: string
    error?: string
  }[]
  return answer?.rev && !answer.error ? { ...state, keysDigest: digest } : state
}

/** What the server holds at this entry's place: this very entry, another one, or nothing. */
async function atPlace(remote: RemoteDb, key: CommitteeKey, chainId: string, entry: AuditEntry) {
  const doc = await getDoc(remote, auditDocId(chainId, entry.seq))
  if (!doc || doc._deleted) return 'none'
  try {
    return (await openFromServer('audit', doc, key)).entry.hash === entry.hash ? 'same' : 'other'
  } catch (e) {
    if (e instanceof SealError) return 'other'
    throw e
  }
}

/** Sends this PC's entries the server does not have yet, in order. */
export async function pushAudit(
  remote: RemoteDb,
  db: MediationDb,
  key: CommitteeKey,
  keys: AuditKeys,
): Promise<AuditPushResult> {
  const stored = await readPushState(db)
  let state = stored ?? freshChain([])
  let pushed = 0
  if (state.pushedSeq > 0) {
    const at = await db.audit.where('seq').equals(state.pushedSeq).first()
    if (at?.hash !== state.pushedHash) state = retire(state)
  }
  let written = JSON.stringify(stored)
  const save = async (): Promise<void> => {
    if (JSON.stringify(state) === written) return
    await writePushState(db, state)
    written = JSON.stringify(state)
  }
  for (;;) {
    // kept before it is published: a key published and then lost would look like another PC's
    const signer = state.signer ?? (await newChainSigner())
    state = { ...state, signer }
    await save()
    state = await publishKeys(remote, key, state, signer, keys)
    await save()
    const batch = await db.audit.where('seq').above(state.pushedSeq).limit(BATCH).toArray()
    if (!batch.length) return { pushed, chainId: state.chainId }
    const { chainId } = state
    const sigs = await signPlaces(signer, chainId, batch)
    const docs = await Promise.all(
      batch.map((entry, i) =>
        sealForServer(
          'audit',
          { id: auditRecordId(chainId, entry.seq), chainId, seq: entry.seq, ts: entry.ts, entry, sig: sigs[i] },
          key,
        ),
      ),
    )
    const answers = (await couchJson(remote, 'POST', `${remote.url}/_bulk_docs`, { body: { docs } })) as {
      rev?: string
      error?: string
      reason?: string
    }[]
    // the state moves only over entries confirmed in order from the last one
    let stop: AuditPushResult['refused'] | 'diverged' | undefined
    for (const [i, entry] of batch.entries()) {
      const answer = answers[i]
      // an entry already there answers 409 (CouchDB) or the append-only refusal (validation first)
      const place = answer?.rev && !answer.error ? 'taken' : await atPlace(remote, key, chainId, entry)
      if (place === 'other') stop = 'diverged'
      else if (place === 'none') stop = { seq: entry.seq, reason: refusalShown(answer) }
      if (stop) break
      state = { ...state, pushedSeq: entry.seq, pushedHash: entry.hash }
      if (place === 'taken') pushed++
    }
    // the server holds another entry at a place: this log no longer extends that chain
    if (stop === 'diverged') state = retire(state)
    else if (stop) {
      await save()
      return { pushed, chainId, refused: stop }
    }
  }
}
