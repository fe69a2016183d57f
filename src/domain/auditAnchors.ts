/**
 * Anchors: heads of the audit chain recorded outside the log (by the host's own anchor file, the
 * backup sentinel, the newest backup's header, each agreement finalised here). A keyed chain proves
 * that nothing inside it was changed; only an anchor proves that nothing was cut off its end, and that
 * the log was not replaced wholesale. This module decides what each comparison means and says it.
 */
import type { ChainVerdict } from './audit'
import { GENESIS } from './audit'
import type { AuditEntry } from './types'

/** A head as recorded: the entry's seq and its link (hash). */
export interface HeadAnchor {
  seq: number
  hash: string
}

/** One record of the host's append-only anchor file. */
export interface AnchorRecord extends HeadAnchor {
  at: string
  /** 'restore': the log went back to a state a backup holds (a restore the user confirmed) */
  kind: 'append' | 'restore'
  /** the backup restored, for kind 'restore' */
  backup?: string
}

/** What the host's anchor file knows, as the page is told it. */
export interface HostAnchors {
  /** the first record since the last restore (or since the file began) */
  first: AnchorRecord | null
  /** the newest record */
  last: AnchorRecord | null
  /** the newest 'restore' record */
  lastRestore: AnchorRecord | null
}

export type AnchorDecision =
  | { accept: true; kind: 'append' | 'restore'; backup?: string }
  | { accept: true; kind: 'unchanged' }
  | { accept: false; reason: string }

/**
 * Whether the host records a head the page reports. The log only grows: a lower seq (or the same seq
 * with another hash) is refused, unless it is exactly the head of a backup the host itself holds — the
 * log going back to a backup is what a restore does, and that is recorded as such, not silently.
 * `openedBackups` are backup files main itself decrypted and verified for a restore (not in its folder).
 */
export function decideAnchor(
  last: HeadAnchor | null,
  next: HeadAnchor,
  backupHeads: readonly (HeadAnchor & { name: string })[],
  openedBackups: readonly (HeadAnchor & { name: string })[] = [],
): AnchorDecision {
  // A backup file the user opened to restore (from a USB stick, or another PC's, with its 恢复密钥)
  // replaces the log with another one, longer or shorter: a restore, even when its seq is higher.
  const opened = last ? openedBackups.find((b) => b.seq === next.seq && b.hash === next.hash) : undefined
  if (opened && !(next.seq === last!.seq && next.hash === last!.hash))
    return { accept: true, kind: 'restore', backup: opened.name }
  if (!last || next.seq > last.seq) return { accept: true, kind: 'append' }
  if (next.seq === last.seq && next.hash === last.hash) return { accept: true, kind: 'unchanged' }
  const backup = backupHeads.find((b) => b.seq === next.seq && b.hash === next.hash)
  if (backup) return { accept: true, kind: 'restore', backup: backup.name }
  return next.seq < last.seq
    ? { accept: false, reason: `日志比上次记录的短（记录到第 ${last.seq} 条，现在只有 ${next.seq} 条）` }
    : { accept: false, reason: `第 ${next.seq} 条的校验值与上次记录的不同` }
}

export type HeadComparison =
  | { status: 'match'; seq: number }
  /** the log ends before the recorded head: entries were cut off the end */
  | { status: 'shorter'; recordedSeq: number; length: number }
  /** the entry at the recorded seq has another link: it, or something before it, was rewritten */
  | { status: 'differs'; seq: number }

/** Compares a (verified, gap-free) chain with a recorded head. */
export function compareWithHead(
  entries: readonly Pick<AuditEntry, 'seq' | 'hash'>[],
  anchor: HeadAnchor,
): HeadComparison {
  if (anchor.seq === 0) return { status: 'match', seq: 0 }
  const entry = entries[anchor.seq - 1]
  if (!entry) return { status: 'shorter', recordedSeq: anchor.seq, length: entries.length }
  if (entry.seq !== anchor.seq || entry.hash !== anchor.hash) return { status: 'differs', seq: anchor.seq }
  return { status: 'match', seq: anchor.seq }
}

export type AuditCheckId = 'chain' | 'host' | 'sentinel' | 'backup' | 'agreements'
export type AuditCheckStatus = 'passed' | 'failed' | 'skipped'

export interface AuditCheck {
  id: AuditCheckId
  status: AuditCheckStatus
  /** what was compared and found, e.g. 本机记录到第 340 条，现在只有 335 条：末尾的记录被删除 */
  detail: string
}

/** The name of each check as the 审计日志 page shows it. */
export const AUDIT_CHECK_LABELS: Readonly<Record<AuditCheckId, string>> = {
  chain: '链条校验',
  host: '与本机记录的最新位置比对',
  sentinel: '与上次备份时的记录比对',
  backup: '与最近备份比对',
  agreements: '与已签协议比对',
}

/** The result word: a comparison agrees or not; the chain itself passes or fails. */
export function auditCheckStatusLabel(check: Pick<AuditCheck, 'id' | 'status'>): string {
  if (check.status === 'skipped') return '未比对'
  if (check.id === 'chain') return check.status === 'passed' ? '通过' : '未通过'
  return check.status === 'passed' ? '一致' : '不一致'
}

/** The line the page shows for a check, e.g. 与本机记录的最新位置比对：不一致（本机记录到第 340 条，现在只有 335 条：…） */
export function auditCheckLine(check: AuditCheck): string {
  return `${AUDIT_CHECK_LABELS[check.id]}：${auditCheckStatusLabel(check)}（${check.detail}）`
}

/** A recorded head with the time it was recorded (a backup's creation, the sentinel's last backup). */
export interface DatedHead extends HeadAnchor {
  at: string
}

export interface AuditAnchors {
  /** null: this host keeps no anchor file (or it could not be read) */
  host: HostAnchors | null
  sentinel: DatedHead | null
  newestBackup: (DatedHead & { name: string }) | null
  /** finalised (or since superseded) agreements and the chain head each recorded at finalisation */
  agreements: readonly { id: string; chainHead?: string }[]
}

export interface AuditReport {
  /** true only when no check failed */
  ok: boolean
  checks: AuditCheck[]
}

function describeComparison(comparison: HeadComparison, where: string): Pick<AuditCheck, 'status' | 'detail'> {
  switch (comparison.status) {
    case 'match':
      return { status: 'passed', detail: `${where}记录到第 ${comparison.seq} 条` }
    case 'shorter':
      return {
        status: 'failed',
        detail: `${where}记录到第 ${comparison.recordedSeq} 条，现在只有 ${comparison.length} 条：末尾的记录被删除`,
      }
    case 'differs':
      return {
        status: 'failed',
        detail: `第 ${comparison.seq} 条与${where}记录的校验值不同：这一条或它之前的记录被改写`,
      }
  }
}

/** A head recorded before the last restore describes the log that the restore replaced. */
function beforeRestore(at: string, host: HostAnchors | null): boolean {
  const restoredAt = host?.lastRestore?.at
  return restoredAt !== undefined && Date.parse(at) < Date.parse(restoredAt)
}

function hostCheck(entries: readonly AuditEntry[], host: HostAnchors | null): AuditCheck {
  if (!host) return { id: 'host', status: 'skipped', detail: '本机没有独立于页面的位置记录' }
  if (!host.last) return { id: 'host', status: 'skipped', detail: '本机还没有记录（首次使用或刚升级）' }
  // The newest record catches truncation; the first since the last restore catches a log rewritten
  // wholesale and then extended past the newest record.
  const records = host.first && host.first !== host.last ? [host.last, host.first] : [host.last]
  for (const record of records) {
    const result = describeComparison(compareWithHead(entries, record), '本机')
    if (result.status === 'failed') return { id: 'host', ...result }
  }
  const restore = host.lastRestore
    ? `；${host.lastRestore.at.slice(0, 10)} 曾恢复到备份中的第 ${host.lastRestore.seq} 条`
    : ''
  return { id: 'host', status: 'passed', detail: `本机记录到第 ${host.last.seq} 条${restore}` }
}

function datedCheck(
  id: 'sentinel' | 'backup',
  entries: readonly AuditEntry[],
  head: DatedHead | null,
  host: HostAnchors | null,
): AuditCheck {
  if (!head || head.seq === 0) return { id, status: 'skipped', detail: '还没有备份' }
  if (beforeRestore(head.at, host)) return { id, status: 'skipped', detail: '该备份早于最近一次恢复，不作比对' }
  return { id, ...describeComparison(compareWithHead(entries, head), id === 'backup' ? '备份中' : '上次备份时') }
}

/**
 * Each agreement finalised here recorded the head just before its own 'finalize' entry. An agreement
 * whose head is not in this log and which has no finalize entry here came with an import (another
 * computer's chain): there is nothing here to compare it with.
 */
function agreementsCheck(entries: readonly AuditEntry[], agreements: AuditAnchors['agreements']): AuditCheck {
  const hashes = new Set([GENESIS, ...entries.map((e) => e.hash)])
  let local = 0
  let foreign = 0
  for (const agreement of agreements) {
    if (!agreement.chainHead) continue
    const finalize = entries.find(
      (e) => e.action === 'finalize' && e.entity === 'agreement' && e.entityId === agreement.id,
    )
    if (finalize) {
      if (finalize.prevHash !== agreement.chainHead)
        return {
          id: 'agreements',
          status: 'failed',
          detail: `第 ${finalize.seq} 条记录的协议签订位置与协议中保存的不同`,
        }
      local++
    } else if (hashes.has(agreement.chainHead)) {
      return { id: 'agreements', status: 'failed', detail: '有一份已签协议的签订记录已从日志中删除' }
    } else {
      foreign++
    }
  }
  const imported = foreign > 0 ? `；${foreign} 份来自导入，不作比对` : ''
  if (local === 0) return { id: 'agreements', status: 'skipped', detail: `本机没有签订过协议${imported}` }
  return { id: 'agreements', status: 'passed', detail: `${local} 份本机签订的协议都在日志中找到${imported}` }
}

function chainDetail(length: number, legacy: number, adopted = 0): string {
  // records restored from another PC's backup were checked with the audit key that came with it
  const fromBackup = adopted > 0 ? `；其中 ${adopted} 条来自另一台电脑的备份，用随备份恢复的审计密钥校验` : ''
  if (length === 0) return '日志为空'
  if (legacy === 0 && adopted === 0) return `共 ${length} 条记录，逐条用本机审计密钥校验`
  if (legacy === 0) return `共 ${length} 条记录，逐条校验${fromBackup}`
  if (legacy === length) return `共 ${length} 条记录，都写于启用审计密钥之前，只有普通校验值`
  return `共 ${length} 条记录，逐条校验（其中前 ${legacy} 条写于启用审计密钥之前，只有普通校验值${fromBackup}）`
}

/**
 * The verdict the page shows: the chain with the key, then every anchor. Anchors are compared only
 * when the chain holds (a broken chain already says where it breaks; positions after it mean nothing).
 */
export function auditReport(entries: readonly AuditEntry[], chain: ChainVerdict, anchors: AuditAnchors): AuditReport {
  const checks: AuditCheck[] = []
  if (!chain.ok) {
    checks.push({ id: 'chain', status: 'failed', detail: `第一处断裂在第 ${chain.brokenAtSeq} 条：${chain.reason}` })
    for (const id of ['host', 'sentinel', 'backup', 'agreements'] as const)
      checks.push({ id, status: 'skipped', detail: '链条已断，不再比对' })
    return { ok: false, checks }
  }
  checks.push({ id: 'chain', status: 'passed', detail: chainDetail(chain.length, chain.legacy, chain.adopted) })
  checks.push(hostCheck(entries, anchors.host))
  checks.push(datedCheck('sentinel', entries, anchors.sentinel, anchors.host))
  checks.push(datedCheck('backup', entries, anchors.newestBackup, anchors.host))
  checks.push(agreementsCheck(entries, anchors.agreements))
  return { ok: checks.every((c) => c.status !== 'failed'), checks }
}
