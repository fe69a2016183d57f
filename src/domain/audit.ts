/**
 * The tamper-evident audit chain: each entry's link is HMAC-SHA256 under the audit key (held by the
 * host, never stored with the log) over the entry's content and the previous link, so editing,
 * deleting, inserting or reordering any entry breaks every later link, and nobody without the key can
 * recompute ("re-link") the rest. Cutting entries off the end leaves a valid shorter chain: only heads
 * kept elsewhere reveal that (./auditAnchors.ts).
 * Pure and synchronous on purpose: repositories append inside a Dexie transaction, and awaiting
 * WebCrypto there would let IndexedDB auto-commit the transaction.
 */
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { canonicalJson } from './canonical'
import { isUuid } from './uuid'
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
  'sync-pull',
  'sync-keep-local',
  'sync-take-remote',
  'sync-settled-elsewhere',
  'sign',
  'resign',
  'finalize',
  'supersede',
  'new-version',
  'skip-signed-version',
  'unlock',
  'unlock-failed',
  'show-join-code',
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

/**
 * Every personal number has at least seven digits: a passport or 通行证 7, a landline 7 or more, a mobile 11,
 * an ID 15 or 18. (An organisation's 统一社会信用代码 may have only six; it names no person.)
 */
const PERSONAL_NUMBER_MIN_DIGITS = 7

/**
 * Whether a token written into the audit log (who, what, which record, which fields) could carry a personal
 * number: seven digits or more in it, however spaced or written full-width. Wider than the recogniser of
 * personal numbers (./personalNumbers.ts) on purpose: the log holds names, field names and ids, none of which
 * needs seven digits, and a check this small keeps that recogniser off the first screen, where the log is
 * already written. A UUID is exempt: its hex digits are random, not typed.
 */
export function auditTokenMayHoldNumber(token: string): boolean {
  if (isUuid(token)) return false
  let digits = 0
  for (const ch of token) if ((ch >= '0' && ch <= '9') || (ch >= '\uFF10' && ch <= '\uFF19')) digits++
  return digits >= PERSONAL_NUMBER_MIN_DIGITS
}

/** The `prevHash` of the first entry. */
export const GENESIS = '0'.repeat(64)

/** What an entry says, before it is linked into the chain. */
export type AuditContent = Omit<AuditEntry, 'prevHash' | 'hash'>

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(new TextEncoder().encode(text)))
}

/** The exact members that are linked: a fixed list, so a stray property can never slip into the chain. */
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

/** The link every entry written by this version carries: HMAC-SHA256(audit key, previous link ‖ entry). */
export function keyedLink(key: Uint8Array, prevHash: string, entry: AuditContent): string {
  return bytesToHex(hmac(sha256, key, new TextEncoder().encode(canonicalEntry(prevHash, entry))))
}

/** The plain SHA-256 link of logs written before the chain was keyed; verified, never written. */
export function legacyLink(prevHash: string, entry: AuditContent): string {
  return sha256Hex(canonicalEntry(prevHash, entry))
}

/**
 * Links new content onto the chain whose last entry is `last` (or the genesis when empty).
 * A log written before the chain was keyed is continued, not rewritten: the first keyed entry links to
 * the last plain one. Re-linking old entries would change every hash already recorded outside the log
 * (backup headers, the sentinel, finalised agreements), destroying the anchors that make truncation
 * visible. Entries carry no "kind" flag: the stored shape is part of the transfer format, and a flag
 * would be as editable as the hash; the verifier recognises a link by which MAC it matches instead.
 */
export function linkEntry(
  last: Pick<AuditEntry, 'seq' | 'hash'> | undefined,
  content: Omit<AuditContent, 'seq'>,
  key: Uint8Array,
): AuditEntry {
  const prevHash = last?.hash ?? GENESIS
  const entry: AuditContent = { ...content, seq: (last?.seq ?? 0) + 1 }
  return { ...entry, prevHash, hash: keyedLink(key, prevHash, entry) }
}

export type ChainVerdict =
  | {
      ok: true
      head: string
      length: number
      /** how many entries at the start carry plain SHA-256 links (written before the chain was keyed) */
      legacy: number
      /**
       * how many entries were written on another PC and verified with the audit key that came with its
       * backup (restored here with that PC's 恢复密钥); absent when none
       */
      adopted?: number
    }
  | {
      ok: false
      brokenAtSeq: number
      /** which check failed: a seq missing or out of order, a link to the previous entry, the MAC */
      kind: ChainBreak
      reason: string
    }

export type ChainBreak = 'gap' | 'link' | 'mac'

/**
 * Checks a whole chain, given in stored order (by seq), with the audit key. Reports the first broken
 * link: the seq where the chain stops being provable.
 * Plain SHA-256 links are accepted only as an unbroken prefix (the log as it was before the upgrade):
 * once a keyed link is seen, every later link must be keyed, so nobody can append or re-link plain
 * entries after it. Someone without the key could still rewrite the whole log as plain links; the
 * verdict says how many entries are plain, and the anchors (heads recorded outside the log, which
 * hold keyed hashes since the upgrade) disagree with such a rewrite.
 * `adoptedKeys` are the audit keys of other PCs whose backups were restored here (each came inside a
 * backup opened with that PC's 恢复密钥, so it is as secret as this PC's own): a link made with one of
 * them counts as keyed, so a log restored from another PC stays provable here.
 */
export function verifyChain(
  entries: readonly AuditEntry[],
  key: Uint8Array,
  adoptedKeys: readonly Uint8Array[] = [],
): ChainVerdict {
  let prevHash = GENESIS
  let legacy = 0
  let adopted = 0
  let keyed = false
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index]
    const expectedSeq = index + 1
    if (entry.seq !== expectedSeq) {
      return {
        ok: false,
        brokenAtSeq: expectedSeq,
        kind: 'gap',
        reason: `第 ${expectedSeq} 条记录缺失或顺序被改动（实际序号 ${entry.seq}）`,
      }
    }
    if (entry.prevHash !== prevHash) {
      return {
        ok: false,
        brokenAtSeq: expectedSeq,
        kind: 'link',
        reason: `第 ${expectedSeq} 条记录与上一条不衔接（上一条被删除、插入或改动）`,
      }
    }
    if (keyedLink(key, prevHash, entry) === entry.hash) {
      keyed = true
    } else if (adoptedKeys.some((other) => keyedLink(other, prevHash, entry) === entry.hash)) {
      keyed = true
      adopted++
    } else if (!keyed && legacyLink(prevHash, entry) === entry.hash) {
      legacy++
    } else {
      return {
        ok: false,
        brokenAtSeq: expectedSeq,
        kind: 'mac',
        reason: `第 ${expectedSeq} 条记录的内容被改动，或不是用本机的审计密钥写入的`,
      }
    }
    prevHash = entry.hash
  }
  return { ok: true, head: prevHash, length: entries.length, legacy, ...(adopted > 0 ? { adopted } : {}) }
}
