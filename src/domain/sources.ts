/**
 * Where a case comes from (案件来源), with what the intake form and the monthly report need to know.
 */
import type { CaseSource } from './types'

/** The three groups the monthly report splits by (申请 / 主动 / 委托移送). */
export type SourceGroup = '申请' | '主动' | '委托移送'

export interface SourceInfo {
  source: CaseSource
  /** the label on the intake form */
  label: string
  group: SourceGroup
  /** a referring body (移交/委派单位) and its reference number are asked for */
  hasReferringBody: boolean
}

export const CASE_SOURCES: readonly SourceInfo[] = [
  { source: '当事人申请', label: '当事人申请（书面或口头）', group: '申请', hasReferringBody: false },
  { source: '主动排查', label: '调委会主动调解（排查发现）', group: '主动', hasReferringBody: false },
  { source: '网格员上报', label: '网格员上报', group: '主动', hasReferringBody: false },
  { source: '公安移交', label: '公安机关移交', group: '委托移送', hasReferringBody: true },
  { source: '法院委派委托', label: '人民法院委派、委托（诉前调解）', group: '委托移送', hasReferringBody: true },
  { source: '政府部门交办', label: '政府部门交办', group: '委托移送', hasReferringBody: true },
  { source: '信访12345转办', label: '信访或12345热线转办', group: '委托移送', hasReferringBody: true },
  { source: '其他', label: '其他', group: '主动', hasReferringBody: false },
]

export function sourceInfo(source: CaseSource): SourceInfo {
  const info = CASE_SOURCES.find((s) => s.source === source)
  if (info === undefined) throw new RangeError(`unknown case source: ${source}`)
  return info
}

export function isCaseSource(value: string): value is CaseSource {
  return CASE_SOURCES.some((s) => s.source === value)
}
