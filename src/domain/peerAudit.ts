/**
 * Other PCs' audit chains as this PC receives them through the committee's server (issue 17): what each
 * check means and how 审计日志 says it. Each PC pushes its own chain, entry by entry, and publishes its
 * audit keys sealed under the committee's data key, so any PC of the committee can verify the links and
 * the MACs while the server (which holds no key) can only delete or garble entries, never forge one.
 *
 * A chain is judged on what the server shows now, in this order: every seq from 1 present and readable,
 * the keys received, every link and MAC (./audit.ts verifyChain), and nothing cut off the end compared
 * with the highest seq the server ever showed this PC.
 */
import { verifyChain, type ChainBreak } from './audit'
import type { AuditEntry } from './types'

/** One position of a received chain: the entry, or a document that did not open (changed on the server). */
export interface PeerSlot {
  seq: number
  entry?: AuditEntry
  /** the server's document at this seq did not open: garbled, moved or edited there */
  unreadable?: true
}

export type PeerProblem = 'unreadable' | 'missing' | 'noKey' | ChainBreak | 'truncated'

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
 * undefined when none arrived.
 */
export function verifyPeerChain(
  slots: readonly PeerSlot[],
  highestSeen: number,
  keys: readonly Uint8Array[] | undefined,
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
  if (highestSeen > last)
    return {
      ok: false,
      problem: 'truncated',
      seq: last + 1,
      detail: `服务器上曾有 ${highestSeen} 条，现在只有 ${last} 条：末尾的记录被删除`,
    }
  return { ok: true, length: last, detail: last === 0 ? '还没有记录' : `共 ${last} 条，逐条校验通过` }
}

/** The result word of a chain's verdict. */
export function peerVerdictLabel(verdict: PeerChainVerdict): string {
  return verdict.ok ? '完整' : '未通过'
}
