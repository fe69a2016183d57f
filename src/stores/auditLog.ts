import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { AuditEntry } from '../domain/types'
import type { ChainVerdict } from '../domain/audit'
import { auditReport, type AuditAnchors, type AuditReport } from '../domain/auditAnchors'
import { getDatabase } from '../db/connection'
import { agreementChainHeads, readVerifiedLog } from '../db/audit'
import { caseNumbersOf, readAuditPage, readPeerAudit, type PeerAuditChain } from '../db/auditPages'
import { platform } from '../platform'
import type { BackupInfo } from '../shared/ipc/backup'

export const AUDIT_PAGE_SIZE = 20

/** An audit entry as the 审计日志 page lists it: identifiers and field names only, never values. */
export interface AuditRow extends Pick<AuditEntry, 'seq' | 'ts' | 'actor' | 'action' | 'entity' | 'fields'> {
  caseNo?: string
}

/** The newest verified backup: the one whose header holds the latest head the host wrote down. */
function newestBackup(list: readonly BackupInfo[]): AuditAnchors['newestBackup'] {
  const newest = list
    .filter((b) => b.verified)
    .reduce<BackupInfo | undefined>(
      (a, b) => (a && Date.parse(a.createdAt) >= Date.parse(b.createdAt) ? a : b),
      undefined,
    )
  return newest ? { name: newest.name, at: newest.createdAt, ...newest.chainHead } : null
}

/** The heads recorded outside the log. One that cannot be read is left out (the page says 未比对), never guessed. */
async function readAnchors(db: Parameters<typeof agreementChainHeads>[0]): Promise<AuditAnchors> {
  const host = platform()
  const [anchors, sentinel, backups, agreements] = await Promise.all([
    host.auditAnchors.read().catch(() => null),
    host.backups.readSentinel().catch(() => null),
    host.backups.listBackups().catch(() => []),
    agreementChainHeads(db),
  ])
  return {
    host: anchors,
    sentinel: sentinel ? { ...sentinel.chainHead, at: sentinel.lastBackupAt } : null,
    newestBackup: newestBackup(backups),
    agreements,
  }
}

/** 本机's own log in the page's chooser; other PCs' chains go by their chain id. */
export const OWN_LOG = 'own'

/** 设置 → 审计日志: verifies the chain (and other PCs' chains) and pages through the newest entries. */
export const useAuditLogStore = defineStore('auditLog', () => {
  const verdict = shallowRef<ChainVerdict>()
  /** the chain and every anchor, check by check */
  const report = shallowRef<AuditReport>()
  const verifying = ref(false)
  const rows = shallowRef<AuditRow[]>([])
  const total = ref(0)
  const page = ref(1)
  /** other PCs' chains received through the committee's server, each with its own verdict */
  const peers = shallowRef<PeerAuditChain[]>([])
  /** whose log the list shows: OWN_LOG or a chain id */
  const source = ref(OWN_LOG)

  async function loadPeers(): Promise<void> {
    const { db } = await getDatabase()
    peers.value = await readPeerAudit(db)
    if (source.value !== OWN_LOG && !peers.value.some((p) => p.chainId === source.value)) source.value = OWN_LOG
  }

  async function verify(): Promise<AuditReport> {
    verifying.value = true
    try {
      const { db } = await getDatabase()
      const [{ entries, chain }, anchors] = await Promise.all([readVerifiedLog(db), readAnchors(db)])
      verdict.value = chain
      report.value = auditReport(entries, chain, anchors)
      await loadPeers()
      return report.value
    } finally {
      verifying.value = false
    }
  }

  /** One page of the chosen log, newest first (page 1 = the latest entries). */
  async function loadPage(n = page.value): Promise<void> {
    const { db } = await getDatabase()
    page.value = Math.max(1, n)
    const offset = (page.value - 1) * AUDIT_PAGE_SIZE
    const peer = peers.value.find((p) => p.chainId === source.value)
    const {
      total: count,
      entries,
      caseNos,
    } = peer ? await peerPage(peer, offset) : await readAuditPage(db, offset, AUDIT_PAGE_SIZE)
    total.value = count
    rows.value = entries.map((e) => ({
      seq: e.seq,
      ts: e.ts,
      actor: e.actor,
      action: e.action,
      entity: e.entity,
      fields: e.fields,
      // a case without a number has not been accepted yet; one not found was deleted or restored away
      ...(e.caseId ? { caseNo: caseNos.get(e.caseId) ?? '（已不在本机）' } : {}),
    }))
  }

  async function peerPage(peer: PeerAuditChain, offset: number) {
    const { db } = await getDatabase()
    const entries = [...peer.entries].reverse().slice(offset, offset + AUDIT_PAGE_SIZE)
    return { total: peer.entries.length, entries, caseNos: await caseNumbersOf(db, entries) }
  }

  /** Shows another log in the list: 本机's or another PC's. */
  async function show(chainId: string): Promise<void> {
    source.value = chainId
    await loadPage(1)
  }

  return { verdict, report, verifying, rows, total, page, peers, source, verify, loadPage, loadPeers, show }
})
