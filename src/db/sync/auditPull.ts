/**
 * Other PCs' audit chains from the committee's server, riding on the cases' feed (like the records in
 * recordReplication.ts): each batch's `audit:` and `auditKey:` documents are stored per chain
 * (auditStore.ts) as the server shows them now — an entry (with its signature), a document that did not
 * open, or (deleted on the server) nothing — and the chain's keys, so that 审计日志 judges each chain on
 * what the server holds
 * (src/domain/peerAudit.ts). This PC's current chain is skipped: its entries are in `db.audit`.
 */
import type { PeerSlot } from '../../domain/peerAudit'
import type { MediationDb } from '../schema'
import { base64ToBytes } from '../transfer/base64'
import { applyPeerUpdates, readPushState, type PeerUpdate } from './auditStore'
import type { PublishedSigning } from './auditSigning'
import { openFromServer, SealError, type CommitteeKey, type ServerDoc } from './seal'

const ENTRY_ID = /^audit:([A-Za-z0-9-]{1,64}):(\d{10})$/
const KEY_ID = /^auditKey:([A-Za-z0-9-]{1,64})$/

async function openEntry(doc: ServerDoc, key: CommitteeKey, chainId: string, seq: number): Promise<PeerSlot> {
  try {
    const record = await openFromServer('audit', doc, key)
    // the clear members were bound to the blob; the entry inside must be the one at this place
    if (record.chainId === chainId && record.seq === seq && record.entry.seq === seq && record.entry.ts === record.ts)
      return { seq, entry: record.entry, ...(typeof record.sig === 'string' ? { sig: record.sig } : {}) }
  } catch (e) {
    if (!(e instanceof SealError)) throw e
  }
  return { seq, unreadable: true }
}

/** The head a key document signed, when it is well formed (its signature is checked when the chain is). */
function signedHead(head: unknown): PublishedSigning['head'] {
  const h = head as PublishedSigning['head']
  return h && Number.isSafeInteger(h.seq) && h.seq > 0 && typeof h.sig === 'string'
    ? { seq: h.seq, sig: h.sig }
    : undefined
}

async function openKeys(
  doc: ServerDoc,
  key: CommitteeKey,
): Promise<{ keys: Uint8Array[]; signing?: PublishedSigning } | undefined> {
  try {
    const published = await openFromServer('auditKey', doc, key)
    const keys = published.keys.map(base64ToBytes)
    if (!(keys.length > 0 && keys.every((k) => k.length === 32))) return undefined
    if (typeof published.publicKey !== 'string') return { keys }
    const head = signedHead(published.head)
    return { keys, signing: { publicKey: published.publicKey, ...(head ? { head } : {}) } }
  } catch (e) {
    if (!(e instanceof SealError)) throw e
    // a key document that does not open leaves the keys received before
    return undefined
  }
}

/** Takes in one feed batch's audit documents (the others are passed over). */
export async function pullAudit(db: MediationDb, key: CommitteeKey, docs: readonly ServerDoc[]): Promise<number> {
  const own = (await readPushState(db))?.chainId
  const updates = new Map<string, PeerUpdate>()
  const update = (chainId: string): PeerUpdate => {
    let u = updates.get(chainId)
    if (!u) updates.set(chainId, (u = { chainId, put: [], remove: [] }))
    return u
  }
  for (const doc of docs) {
    const entry = ENTRY_ID.exec(doc._id)
    if (entry) {
      const [, chainId, digits] = entry as unknown as [string, string, string]
      if (chainId === own) continue
      const seq = Number(digits)
      if (seq < 1) continue
      if (doc._deleted) update(chainId).remove.push(seq)
      else update(chainId).put.push(await openEntry(doc, key, chainId, seq))
      continue
    }
    const keyDoc = KEY_ID.exec(doc._id)
    if (keyDoc && keyDoc[1] !== own && !doc._deleted) {
      const opened = await openKeys(doc, key)
      if (opened) {
        const u = update(keyDoc[1]!)
        u.keys = opened.keys
        if (opened.signing) u.signing = opened.signing
      }
    }
  }
  await applyPeerUpdates(db, [...updates.values()])
  return updates.size
}
