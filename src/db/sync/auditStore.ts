/**
 * What audit replication keeps on this PC, in settings rows (no schema change; sealed at rest like every
 * setting; never exported or backed up, kept by a restore: src/db/lockRepo.ts SYNC_AUDIT_PREFIX):
 * - `sync.auditPush`: this PC's chain on the server (its id, the last entry pushed) and the ids of its
 *   earlier chains (a restore starts a new one, see auditPush.ts);
 * - `sync.auditPeer:<chainId>`: another chain's published keys, the first signing key published for it (and
 *   whether another one came later), and the highest seq the server ever listed;
 * - `sync.auditPeer:<chainId>#<n>`: its entries, CHUNK to a row, as the server shows them now.
 * Other PCs' entries never go into `db.audit`: that table is this PC's own chain.
 */
import type { PeerSlot } from '../../domain/peerAudit'
import type { MediationDb } from '../schema'
import { SYNC_AUDIT_PREFIX } from '../lockRepo'
import type { ChainSigner, PublishedSigning } from './auditSigning'

export const AUDIT_PUSH_SETTING = `${SYNC_AUDIT_PREFIX}Push`
const PEER_PREFIX = `${SYNC_AUDIT_PREFIX}Peer:`
const CHUNK = 256

export interface AuditPushState {
  chainId: string
  /** the last entry the server confirmed, in order from seq 1 (0: none yet) */
  pushedSeq: number
  pushedHash: string
  /** which keys were published for this chain (a digest; republished when the adopted keys change) */
  keysDigest?: string
  /** this PC's earlier chains, given up when its log stopped extending them (a restore) */
  retired: string[]
  /** the chain's signing key (absent on a chain started before signing, until its next push) */
  signer?: ChainSigner
}

export interface PeerChain {
  chainId: string
  highestSeen: number
  keys?: Uint8Array[]
  /** the first signing key received for the chain, with the latest head signed under it */
  signing?: PublishedSigning
  /** another signing key was published after the first */
  signingKeyChanged?: true
  /** in seq order */
  slots: PeerSlot[]
}

/** What one feed batch says about one chain. */
export interface PeerUpdate {
  chainId: string
  keys?: Uint8Array[]
  signing?: PublishedSigning
  /** entries (or unreadable documents) to store at their seq */
  put: PeerSlot[]
  /** seqs whose documents were deleted on the server */
  remove: number[]
}

interface PeerHeader {
  chainId: string
  highestSeen: number
  keys?: Uint8Array[]
  signing?: PublishedSigning
  signingKeyChanged?: true
}

/**
 * The signing key kept for a chain: the first one received. A later publication under the same key
 * brings a newer head; one under another key is remembered as a change and never replaces the first.
 */
function keptSigning(
  before: PeerHeader | undefined,
  published: PublishedSigning | undefined,
): Pick<PeerHeader, 'signing' | 'signingKeyChanged'> {
  const kept = before?.signing
  const changed = before?.signingKeyChanged ?? (kept && published && published.publicKey !== kept.publicKey)
  const signing = !kept || (published && published.publicKey === kept.publicKey) ? (published ?? kept) : kept
  return { ...(signing ? { signing } : {}), ...(changed ? { signingKeyChanged: true } : {}) }
}

export async function readPushState(db: MediationDb): Promise<AuditPushState | undefined> {
  return (await db.settings.get(AUDIT_PUSH_SETTING))?.value as AuditPushState | undefined
}

export async function writePushState(db: MediationDb, state: AuditPushState): Promise<void> {
  await db.settings.put({ key: AUDIT_PUSH_SETTING, value: state, updatedAt: new Date().toISOString() })
}

const headerKey = (chainId: string): string => `${PEER_PREFIX}${chainId}`
const chunkKey = (chainId: string, n: number): string => `${headerKey(chainId)}#${String(n).padStart(6, '0')}`
const chunkOf = (seq: number): number => Math.floor((seq - 1) / CHUNK)

/** Writes one feed batch's news of other chains in one transaction. */
export async function applyPeerUpdates(db: MediationDb, updates: readonly PeerUpdate[]): Promise<void> {
  if (!updates.length) return
  const now = new Date().toISOString()
  await db.transaction('rw', [db.settings], async () => {
    for (const u of updates) {
      const before = (await db.settings.get(headerKey(u.chainId)))?.value as PeerHeader | undefined
      const seqs = [...u.put.map((s) => s.seq), ...u.remove]
      const header: PeerHeader = {
        chainId: u.chainId,
        highestSeen: Math.max(before?.highestSeen ?? 0, ...seqs),
        ...((u.keys ?? before?.keys) ? { keys: u.keys ?? before!.keys! } : {}),
        ...keptSigning(before, u.signing),
      }
      await db.settings.put({ key: headerKey(u.chainId), value: header, updatedAt: now })
      for (const n of new Set(seqs.map(chunkOf))) {
        const row = (await db.settings.get(chunkKey(u.chainId, n)))?.value as { slots: PeerSlot[] } | undefined
        const slots = new Map((row?.slots ?? []).map((s) => [s.seq, s]))
        for (const seq of u.remove) if (chunkOf(seq) === n) slots.delete(seq)
        for (const slot of u.put) if (chunkOf(slot.seq) === n) slots.set(slot.seq, slot)
        const value = { slots: [...slots.values()].sort((a, b) => a.seq - b.seq) }
        await db.settings.put({ key: chunkKey(u.chainId, n), value, updatedAt: now })
      }
    }
  })
}

/** Every other chain received, with its entries in seq order. */
export async function readPeerChains(db: MediationDb): Promise<PeerChain[]> {
  const rows = await db.settings.where('key').startsWith(PEER_PREFIX).toArray()
  const chains = new Map<string, PeerChain>()
  // keys sort the header before its chunks, and the chunks in order
  for (const row of rows) {
    const [head, chunk] = row.key.slice(PEER_PREFIX.length).split('#')
    if (chunk === undefined) {
      const h = row.value as PeerHeader
      chains.set(head!, {
        chainId: h.chainId,
        highestSeen: h.highestSeen,
        ...(h.keys ? { keys: h.keys } : {}),
        ...(h.signing ? { signing: h.signing } : {}),
        ...(h.signingKeyChanged ? { signingKeyChanged: true } : {}),
        slots: [],
      })
    } else chains.get(head!)?.slots.push(...(row.value as { slots: PeerSlot[] }).slots)
  }
  return [...chains.values()]
}
