/** Reading the audit log a page at a time, newest first (设置 → 审计日志), and other PCs' chains. */
import type { AuditEntry, UUID } from '../domain/types'
import type { MediationDb } from './schema'
import { toStorageError } from './errors'
import { caseNumberLabel } from '../domain/syncNumbering'
import { peerChainLabel, verifyPeerChain, type PeerChainVerdict } from '../domain/peerAudit'
import { readPeerChains, readPushState } from './sync/auditStore'
import { chainSigning } from './sync/auditSigning'

export interface AuditPage {
  /** entries in the whole log */
  total: number
  /** the page's entries, newest first */
  entries: AuditEntry[]
  /** what stands for the number of each case the page names that is still stored (未受理, 待编号 or the number) */
  caseNos: Map<UUID, string>
}

export async function readAuditPage(db: MediationDb, offset: number, limit: number): Promise<AuditPage> {
  try {
    const total = await db.audit.count()
    const entries = await db.audit.orderBy('seq').reverse().offset(offset).limit(limit).toArray()
    return { total, entries, caseNos: await caseNumbersOf(db, entries) }
  } catch (error) {
    throw toStorageError(error)
  }
}

/** Another PC's chain as 审计日志 shows it: its name, its verdict, its entries in seq order. */
export interface PeerAuditChain {
  chainId: string
  label: string
  verdict: PeerChainVerdict
  entries: AuditEntry[]
}

/** Every other PC's chain received through the committee's server, each verified on its own. */
export async function readPeerAudit(db: MediationDb): Promise<PeerAuditChain[]> {
  try {
    const [chains, own] = await Promise.all([readPeerChains(db), readPushState(db)])
    return await Promise.all(
      chains.map(async (c) => ({
        chainId: c.chainId,
        label: peerChainLabel(c.chainId, own?.retired ?? []),
        verdict: verifyPeerChain(c.slots, c.highestSeen, c.keys, await chainSigning(c)),
        entries: c.slots.flatMap((s) => (s.entry ? [s.entry] : [])),
      })),
    )
  } catch (error) {
    throw toStorageError(error)
  }
}

/** What stands for the number of each case named (as readAuditPage's `caseNos`). */
export async function caseNumbersOf(db: MediationDb, entries: readonly AuditEntry[]): Promise<Map<UUID, string>> {
  const caseIds = [...new Set(entries.map((e) => e.caseId).filter((id) => id !== undefined))]
  const cases = (await db.caseDocs.bulkGet(caseIds)).filter((c) => c !== undefined)
  return new Map(cases.map((c) => [c.id, caseNumberLabel(c)]))
}
