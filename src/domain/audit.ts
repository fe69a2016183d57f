/**
 * The tamper-evident audit chain: each entry's hash covers its content and the previous entry's hash,
 * so editing, deleting, inserting or reordering any entry breaks every later link.
 * Pure and synchronous on purpose: repositories append inside a Dexie transaction, and awaiting
 * WebCrypto there would let IndexedDB auto-commit the transaction.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { canonicalJson } from './canonical'
import type { CaseAction } from './lifecycle'
import type { AuditEntry } from './types'

/** What can be done to a record and is written in the log, besides case transitions. */
export const RECORD_AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'reveal',
  'print',
  'export',
  'export-unmasked',
  'export-all',
  'import',
  'settle-keep-local',
  'settle-take-incoming',
  'sign',
  'resign',
  'finalize',
  'supersede',
  'new-version',
  'unlock',
  'unlock-failed',
] as const

export type RecordAuditAction = (typeof RECORD_AUDIT_ACTIONS)[number]

/** A case changing status through the lifecycle: 'transition:accept', 'transition:close' … */
export type TransitionAuditAction = `transition:${CaseAction}`

/**
 * Every action the app writes. Stored entries keep a plain string (`AuditEntry.action`): a log read
 * from an older version or an import may hold words this version no longer writes.
 */
export type AuditAction = RecordAuditAction | TransitionAuditAction

/** The log's word for a lifecycle action (the backup scheduler matches the one for 结案). */
export function transitionAuditAction(action: CaseAction): TransitionAuditAction {
  return `transition:${action}`
}

/** The `prevHash` of the first entry. */
export const GENESIS = '0'.repeat(64)

/** What an entry says, before it is linked into the chain. */
export type AuditContent = Omit<AuditEntry, 'prevHash' | 'hash'>

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(new TextEncoder().encode(text)))
}

/** The exact members that are hashed: a fixed list, so a stray property can never slip into the chain. */
function canonicalEntry(prevHash: string, entry: AuditContent): string {
  return canonicalJson({
    id: entry.id,
    seq: entry.seq,
    ts: entry.ts,
    actor: entry.actor,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    caseId: entry.caseId ?? null,
    fields: entry.fields,
    prevHash,
  })
}

export function hashEntry(prevHash: string, entry: AuditContent): string {
  return sha256Hex(canonicalEntry(prevHash, entry))
}

/** Links new content onto the chain whose last entry is `last` (or the genesis when empty). */
export function linkEntry(
  last: Pick<AuditEntry, 'seq' | 'hash'> | undefined,
  content: Omit<AuditContent, 'seq'>,
): AuditEntry {
  const prevHash = last?.hash ?? GENESIS
  const entry: AuditContent = { ...content, seq: (last?.seq ?? 0) + 1 }
  return { ...entry, prevHash, hash: hashEntry(prevHash, entry) }
}

export type ChainVerdict =
  { ok: true; head: string; length: number } | { ok: false; brokenAtSeq: number; reason: string }

/** A head recorded outside the log (a backup, an agreement): the chain must still contain it. */
export interface ChainAnchor {
  seq: number
  hash: string
}

/**
 * Checks a whole chain, given in stored order (by seq). Reports the first broken link:
 * the seq where the chain stops being provable. Removing entries from the end leaves a valid shorter
 * chain; only an anchor (a head kept elsewhere) can reveal that, so pass one when you have it.
 */
export function verifyChain(entries: readonly AuditEntry[], anchor?: ChainAnchor): ChainVerdict {
  let prevHash = GENESIS
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index]
    const expectedSeq = index + 1
    if (entry.seq !== expectedSeq) {
      return {
        ok: false,
        brokenAtSeq: expectedSeq,
        reason: `第 ${expectedSeq} 条记录缺失或顺序被改动（实际序号 ${entry.seq}）`,
      }
    }
    if (entry.prevHash !== prevHash) {
      return {
        ok: false,
        brokenAtSeq: expectedSeq,
        reason: `第 ${expectedSeq} 条记录与上一条不衔接（上一条被删除、插入或改动）`,
      }
    }
    if (hashEntry(prevHash, entry) !== entry.hash) {
      return { ok: false, brokenAtSeq: expectedSeq, reason: `第 ${expectedSeq} 条记录的内容被改动` }
    }
    prevHash = entry.hash
  }
  if (anchor && anchor.seq > 0) {
    const anchored = entries[anchor.seq - 1]
    if (!anchored) {
      return {
        ok: false,
        brokenAtSeq: entries.length + 1,
        reason: `第 ${entries.length + 1} 条及以后的记录已被删除（备份中记录到第 ${anchor.seq} 条）`,
      }
    }
    if (anchored.hash !== anchor.hash) {
      return { ok: false, brokenAtSeq: anchor.seq, reason: `第 ${anchor.seq} 条记录与备份中保存的链头不一致` }
    }
  }
  return { ok: true, head: prevHash, length: entries.length }
}
