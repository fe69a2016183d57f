/** Reading the audit log a page at a time, newest first (设置 → 审计日志). */
import type { AuditEntry, UUID } from '../domain/types'
import type { MediationDb } from './schema'
import { toStorageError } from './errors'
import { caseNumberLabel } from '../domain/syncNumbering'

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
    const caseIds = [...new Set(entries.map((e) => e.caseId).filter((id) => id !== undefined))]
    const cases = (await db.caseDocs.bulkGet(caseIds)).filter((c) => c !== undefined)
    return { total, entries, caseNos: new Map(cases.map((c) => [c.id, caseNumberLabel(c)])) }
  } catch (error) {
    throw toStorageError(error)
  }
}

/** The log's newest seq and what came after a seq: the backup scheduler's change marker. */
export function auditTail(db: MediationDb): {
  headSeq(): Promise<number>
  entriesAfter(seq: number): Promise<AuditEntry[]>
} {
  return {
    headSeq: async () => (await db.audit.orderBy('seq').last())?.seq ?? 0,
    entriesAfter: (seq) => db.audit.where('seq').above(seq).toArray(),
  }
}
