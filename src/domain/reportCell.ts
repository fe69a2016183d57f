/**
 * One number of the report as a link: the period, the scope, the column and the row (a category, or
 * 合计). It travels as the case list's route query; the list shows exactly the cases `cellCases`
 * selects, so the list's count equals the number clicked (for 件 columns; a 人 or 金额 cell lists the
 * cases whose people or amounts it adds, a rate the cases it is taken over).
 */
import type { ReportFacts } from './reportFacts'
import { inScope, reportColumn, type ReportColumnKey, type ReportScope } from './statistics'
import { periodLabel, type ReportPeriod } from './reportPeriod'
import { decodePeriodScope, encodePeriodScope, firstQueryValue, type PeriodScopeKeys } from './reportLink'
import { BREAKDOWN_ROW_KINDS, breakdownRowLabel, inBreakdownRow, type BreakdownRowKey } from './reportBreakdowns'
import { isCaseSource } from './sources'
import type { SourceGroup } from './sources'

export interface ReportCell {
  period: ReportPeriod
  scope: ReportScope
  column: ReportColumnKey
  /** the row's stored category; undefined for 合计 */
  category?: string
  /** a breakdown's row (reportBreakdowns.ts): a source, source group, room or mediator */
  row?: BreakdownRowKey
}

/** The route query of a cell (strings only, short keys under a common prefix). */
export type CellQuery = Record<string, string>

/** The cell's period and scope keys (prefixed: the case list has filters of its own named from, to, …). */
const CELL_KEYS: PeriodScopeKeys = { from: 'rfrom', to: 'rto', room: 'rroom', mediator: 'rmediator' }

export function encodeCell(cell: ReportCell): CellQuery {
  const q: CellQuery = { ...encodePeriodScope(cell.period, cell.scope, CELL_KEYS), rcol: cell.column }
  if (cell.category !== undefined) q.rcat = cell.category
  if (cell.row !== undefined) {
    q.rby = cell.row.kind
    q.rval = cell.row.value
  }
  return q
}

const one = firstQueryValue

/** The cell a route query names, or undefined when the query names none (or a malformed one). */
export function decodeCell(query: Readonly<Record<string, unknown>>): ReportCell | undefined {
  const column = one(query.rcol)
  if (column === undefined || !reportColumn(column)) return undefined
  const read = decodePeriodScope(query, CELL_KEYS)
  if (!read) return undefined
  const category = one(query.rcat)
  const row = decodeRow(one(query.rby), one(query.rval))
  if (row === 'bad') return undefined
  return {
    period: read.period,
    scope: read.scope,
    column: column as ReportColumnKey, // checked by reportColumn above
    ...(category !== undefined ? { category } : {}),
    ...(row !== undefined ? { row } : {}),
  }
}

const SOURCE_GROUPS: readonly string[] = ['申请', '主动', '委托移送'] satisfies SourceGroup[]

function decodeRow(kind: string | undefined, value: string | undefined): BreakdownRowKey | undefined | 'bad' {
  if (kind === undefined && value === undefined) return undefined
  if (kind === undefined || value === undefined) return 'bad'
  if (!(BREAKDOWN_ROW_KINDS as readonly string[]).includes(kind)) return 'bad'
  if (kind === 'source') return isCaseSource(value) ? { kind, value } : 'bad'
  if (kind === 'sourceGroup') return SOURCE_GROUPS.includes(value) ? { kind, value: value as SourceGroup } : 'bad'
  return { kind: kind as 'room' | 'mediator', value }
}

/** The cases behind a cell, by the column's own definition (statistics.ts). */
export function cellCases(cases: readonly ReportFacts[], cell: ReportCell, today: string): ReportFacts[] {
  const col = reportColumn(cell.column)
  if (col === undefined) return []
  const x = { period: cell.period, today }
  return cases.filter(
    (c) =>
      inScope(c, cell.scope) &&
      (cell.category === undefined || c.category === cell.category) &&
      (cell.row === undefined || inBreakdownRow(c, cell.row)) &&
      col.selects(c, x),
  )
}

/**
 * What the case list says it is showing: “2026年11月 · 婚姻家庭 · 受理 合计”, or for a breakdown's row
 * “2026年11月 · 公安机关移交 · 调解成功 合计” (`nameOf` names a room or mediator row).
 */
export function cellTitle(
  cell: ReportCell,
  scopeName: string,
  nameOf: (row: BreakdownRowKey) => string | undefined = () => undefined,
): string {
  const col = reportColumn(cell.column)
  const column = col === undefined ? cell.column : col.group === '' ? col.label : `${col.group} ${col.label}`
  const row = cell.row !== undefined ? breakdownRowLabel(cell.row, nameOf) : (cell.category ?? '合计')
  return [periodLabel(cell.period), scopeName, row, column].filter((s) => s !== '').join(' · ')
}
