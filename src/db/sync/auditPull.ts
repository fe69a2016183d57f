/**
 * Other PCs' audit chains from the committee's server, riding on the cases' feed (like the records in
 * recordReplication.ts): each batch's `audit:` and `auditKey:` documents are stored per chain
 * (auditStore.ts) as the server shows them now — an entry, a document that did not open, or (deleted on
 * the server) nothing — so that 审计日志 judges each chain on what the server holds
 * (src/domain/peerAudit.ts). This PC's current chain is skipped: its entries are in `db.audit`.
 */
import type { PeerSlot } from '../../domain/peerAudit'
import type { MediationDb } from '../schema'
import { base64ToBytes } from '../transfer/base64'
import { applyPeerUpdates, readPushState, type PeerUpdate } from './auditStore'
import { openFromServer, SealError, type CommitteeKey, type ServerDoc } from './seal'

const ENTRY_ID = /^audit:([A-Za-z0-9-]{1,64}):(\d{10})$/
const KEY_ID = /^auditKey:([A-Za-z0-9-]{1,64})$/

async function openEntry(doc: ServerDoc, key: CommitteeKey, chainId: string, seq: number): Promise<PeerSlot> {
  try {
    const record = await openFromServer('audit', doc, key)
    // the clear members were bound to the blob; the entry inside must be the one at this place
    if (record.chainId === chainId && record.seq === seq && record.entry.seq === seq && record.entry.ts === record.ts)
      return { seq, entry: record.entry }
  } catch (e) {
    if (!(e instanceof SealError)) throw e
  }
  return { seq, unreadable: true }
}

async function openKeys(doc: ServerDoc, key: CommitteeKey): Promise<Uint8Array[] | undefined> {
  try {
    const keys = (await openFromServer('auditKey', doc, key)).keys.map(base64ToBytes)
    return keys.length > 0 && keys.every((k) => k.length === 32) ? keys : undefined
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
      const keys = await openKeys(doc, key)
      if (keys) update(keyDoc[1]!).keys = keys
    }
  }
  await applyPeerUpdates(db, [...updates.values()])
  return updates.size
}
