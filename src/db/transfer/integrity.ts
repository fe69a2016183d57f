/**
 * The startup integrity decision: an empty or unopenable database while the sentinel or the backups
 * say there were cases means recovery, never a silent fresh start (reliability brief R6).
 */
export interface SentinelCounts {
  /** cases in the database when the last verified backup was written */
  cases: number
}

export interface BackupSummary {
  verified: boolean
  counts: { cases?: number }
}

export interface IntegrityInput {
  /** null when the database could not be opened */
  dbCounts: { cases: number } | null
  sentinel: { counts: SentinelCounts } | null
  backups: readonly BackupSummary[]
}

export type IntegrityDecision = { kind: 'ok' } | { kind: 'recovery'; reason: string; expectedCases: number }

export function integrityDecision(input: IntegrityInput): IntegrityDecision {
  const fromSentinel = input.sentinel?.counts.cases ?? 0
  const fromBackups = Math.max(0, ...input.backups.filter((b) => b.verified).map((b) => b.counts.cases ?? 0))
  const expectedCases = Math.max(fromSentinel, fromBackups)
  if (input.dbCounts === null) {
    return expectedCases > 0 || input.backups.length > 0
      ? { kind: 'recovery', reason: '数据库无法打开，请从备份恢复', expectedCases }
      : { kind: 'recovery', reason: '数据库无法打开', expectedCases }
  }
  if (input.dbCounts.cases === 0 && expectedCases > 0) {
    return {
      kind: 'recovery',
      reason: `数据库中没有案件，但备份记录显示应有 ${expectedCases} 件，请从备份恢复`,
      expectedCases,
    }
  }
  return { kind: 'ok' }
}
