/**
 * Which transfer files may replace the whole database. Only a full, unmasked file holds everything a
 * restore puts back: a masked export has lost the real names and numbers, a partial one (some cases)
 * would wipe every other case. Those go through 数据交换 → 导入 instead, which merges.
 */

/** Why a file cannot be restored from. */
export type RestoreRefusal = 'masked' | 'partial'

/** What the restore code needs to know of a file's manifest. */
export interface RestoreCandidate {
  /** 'all' for the whole database, 'cases' for chosen cases */
  scope: string
  masked: boolean
}

/** Why the file cannot be restored from, or undefined when it can. A masked file is named as such first. */
export function restoreRefusal(file: RestoreCandidate): RestoreRefusal | undefined {
  if (file.masked) return 'masked'
  if (file.scope !== 'all') return 'partial'
  return undefined
}

/** What the user is told for each refusal. */
export const RESTORE_REFUSAL_TEXT: Record<RestoreRefusal, string> = {
  masked: '这是脱敏导出文件，不能用于恢复数据库',
  partial: '这是部分案件的导出文件，不能用于恢复整个数据库；请使用“数据交换”中的导入',
}
