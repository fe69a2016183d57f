/**
 * The tables a transfer file (导出/导入/备份) carries, in words people use, and which of them an import
 * merges by id. The file's record schemas (src/db/transfer/recordSchemas.ts) are checked against this list.
 */

/** Table names as people say them, for messages and previews. */
export const TABLE_NAMES_ZH = {
  committees: '调委会',
  rooms: '调解室',
  mediators: '调解员',
  cases: '案件',
  parties: '当事人',
  sessions: '调查/调解记录',
  agreements: '协议',
  signatures: '签名',
  followUps: '回访',
  referrals: '转办',
  attachments: '附件',
  audit: '审计日志',
  counters: '编号计数',
  settings: '设置',
  conflicts: '导入冲突',
  screenings: '矛盾纠纷排查',
  visits: '接待登记',
} as const satisfies Record<string, string>

export type TransferTableName = keyof typeof TABLE_NAMES_ZH

/**
 * Tables merged by id. The audit log, settings and conflicts belong to this machine and are only
 * replaced by a restore (so are the screening rounds and the reception log: the committee's own work log, never sent with cases); counters are merged by taking the larger value so numbers are never reused.
 */
export const MERGED_TABLES = [
  'committees',
  'rooms',
  'mediators',
  'cases',
  'parties',
  'sessions',
  'agreements',
  'signatures',
  'followUps',
  'referrals',
  'attachments',
] as const satisfies readonly TransferTableName[]
export type MergedTable = (typeof MERGED_TABLES)[number]

/** The file's tables whose rows the app stores inside the case documents (src/db/caseDocs.ts), not as tables. */
export const CASE_ROW_TABLES = ['cases', 'parties', 'sessions'] as const satisfies readonly MergedTable[]
export type CaseRowTable = (typeof CASE_ROW_TABLES)[number]
const caseRowTables: ReadonlySet<string> = new Set(CASE_ROW_TABLES)

export function isCaseRowTable<T extends string>(table: T): table is T & CaseRowTable {
  return caseRowTables.has(table)
}
