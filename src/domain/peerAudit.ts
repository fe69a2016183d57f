/**
 * Other PCs' audit chains as this PC receives them through the committee's server (issue 17): what each
 * check means and how 审计日志 says it. Each PC pushes its own chain, entry by entry, and publishes its
 * audit keys sealed under the committee's data key, so any PC of the committee can verify the links and
 * the MACs while the server (which holds no key) can only delete or garble entries, never forge one.
 * Every PC of the committee holds those keys, so each chain is also signed (ECDSA P-256) with a key only
 * its own PC holds: a signature on an entry's link vouches for it and, through the links, for every entry
 * before it. The first signing key received for a chain is the one kept.
 *
 * A chain is judged on what the server shows now, in this order: every seq from 1 present and readable,
 * the keys received, every link and MAC (./audit.ts verifyChain), the signing key unchanged, every entry
 * vouched for by a signature, and nothing cut off the end compared with the highest seq the server ever
 * showed this PC.
 */
import { verifyChain, type ChainBreak } from './audit'
import type { AuditEntry } from './types'

/** One position of a received chain: the entry, or a document that did not open (changed on the server). */
export interface PeerSlot {
  seq: number
  entry?: AuditEntry
  /** the server's document at this seq did not open: garbled, moved or edited there */
  unreadable?: true
  /** the entry's signature as received (./syncFields.ts AuditDocument.sig) */
  sig?: string
}

export type PeerProblem = 'unreadable' | 'missing' | 'noKey' | ChainBreak | 'keyChanged' | 'unsigned' | 'truncated'

/** What the chain's signatures vouch for, as the db layer checked them (WebCrypto is asynchronous). */
export interface PeerSigning {
  /** the chain's PC published a signing key (a PC on a version before signing did not) */
  publicKey: boolean
  /** a different signing key was published after the one kept: not the chain's own PC's */
  keyChanged?: boolean
  /** the highest seq whose link a signature under the kept key vouches for (0: none) */
  signedThrough: number
}

/** No signing key received: a chain pushed by a PC on a version before signing. */
export const UNSIGNED: PeerSigning = { publicKey: false, signedThrough: 0 }

/**
 * What a chain's signature covers: the chain, the place and the link (which covers every entry before it).
 * Bound to the chain and the seq so that a signature cannot be moved to another chain or place.
 */
export function auditSignedText(chainId: string, seq: number, hash: string): string {
  return `mediation-room/audit-signature\n${chainId}\n${seq}\n${hash}`
}

export type PeerChainVerdict =
  { ok: true; length: number; detail: string } | { ok: false; problem: PeerProblem; seq?: number; detail: string }

/** The chain's shown name: 本机's earlier chain (before a restore), or another PC by its chain's short id. */
export function peerChainLabel(chainId: string, ownRetired: readonly string[]): string {
  return ownRetired.includes(chainId) ? `本机（恢复备份前的记录）` : `其他电脑 ${chainId.slice(0, 8)}`
}

const BREAK_DETAIL: Readonly<Record<ChainBreak, (seq: number) => string>> = {
  gap: (seq) => `第 ${seq} 条缺失或顺序被改动`,
  link: (seq) => `第 ${seq} 条与上一条不衔接：之前的记录被删除、插入或改动`,
  mac: (seq) => `第 ${seq} 条的内容被改动：校验值与这台电脑的审计密钥不符`,
}

/**
 * The verdict on one received chain. `slots` in any order (each seq once); `highestSeen` is the highest seq
 * the server ever listed for this chain (kept by the PC, also for entries deleted since); `keys` the
 * chain's audit keys as published (its own first, then those it adopted with other PCs' backups), or
 * undefined when none arrived; `signing` what its signatures vouch for.
 */
export function verifyPeerChain(
  slots: readonly PeerSlot[],
  highestSeen: number,
  keys: readonly Uint8Array[] | undefined,
  signing: PeerSigning,
): PeerChainVerdict {
  const bySeq = new Map(slots.map((s) => [s.seq, s]))
  const last = Math.max(0, ...slots.map((s) => s.seq))
  const entries: AuditEntry[] = []
  for (let seq = 1; seq <= last; seq++) {
    const slot = bySeq.get(seq)
    if (!slot || (!slot.entry && !slot.unreadable))
      return { ok: false, problem: 'missing', seq, detail: `第 ${seq} 条在服务器上缺失：被删除了` }
    if (!slot.entry) return { ok: false, problem: 'unreadable', seq, detail: `第 ${seq} 条在服务器上被改动，无法解密` }
    entries.push(slot.entry)
  }
  if (!keys?.length) return { ok: false, problem: 'noKey', detail: '还没有收到这台电脑的审计密钥，无法校验' }
  const chain = verifyChain(entries, keys[0]!, keys.slice(1))
  if (!chain.ok)
    return {
      ok: false,
      problem: chain.kind,
      seq: chain.brokenAtSeq,
      detail: BREAK_DETAIL[chain.kind](chain.brokenAtSeq),
    }
  if (signing.keyChanged)
    return {
      ok: false,
      problem: 'keyChanged',
      detail: '这台电脑的签名密钥在服务器上被换成了另一个：记录可能是本委员会的另一台电脑冒写的',
    }
  if (signing.publicKey && signing.signedThrough < last)
    return {
      ok: false,
      problem: 'unsigned',
      seq: signing.signedThrough + 1,
      detail: `第 ${signing.signedThrough + 1} 条起没有这台电脑的签名：可能是本委员会的另一台电脑冒写的`,
    }
  if (highestSeen > last)
    return {
      ok: false,
      problem: 'truncated',
      seq: last + 1,
      detail: `服务器上曾有 ${highestSeen} 条，现在只有 ${last} 条：末尾的记录被删除`,
    }
  if (last === 0) return { ok: true, length: 0, detail: '还没有记录' }
  const unsigned = signing.publicKey ? '' : '；这台电脑的软件版本较旧，记录没有签名'
  return { ok: true, length: last, detail: `共 ${last} 条，逐条校验通过${unsigned}` }
}

/** The result word of a chain's verdict. */
export function peerVerdictLabel(verdict: PeerChainVerdict): string {
  return verdict.ok ? '完整' : '未通过'
}
