/**
 * One number of the report as a link: the period, the scope, the column and the row (a category, or
 * 合计). It travels as the case list's route query; the list shows exactly the cases `cellCases`
 * selects, so the list's count equals the number clicked (for 件 columns; a 人 or 金额 cell lists the
 * cases whose people or amounts it adds, a rate the cases it is taken over).
 */
import type { ReportFacts } from './reportFacts'
import { inScope, reportColumn, type ReportColumnKey, type ReportScope } from './statistics'
import { periodOf, periodLabel, type ReportPeriod } from './reportPeriod'
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

export function encodeCell(cell: ReportCell): CellQuery {
  const q: CellQuery = { rfrom: cell.period.from, rto: cell.period.to, rcol: cell.column }
  if (cell.scope.kind === 'room') q.rroom = cell.scope.roomId
  if (cell.scope.kind === 'mediator') q.rmediator = cell.scope.mediatorId
  if (cell.category !== undefined) q.rcat = cell.category
  if (cell.row !== undefined) {
    q.rby = cell.row.kind
    q.rval = cell.row.value
  }
  return q
}

const one = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined

/** The cell a route query names, or undefined when the query names none (or a malformed one). */
export function decodeCell(query: Readonly<Record<string, unknown>>): ReportCell | undefined {
  const from = one(query.rfrom)
  const to = one(query.rto)
  const column = one(query.rcol)
  if (from === undefined || to === undefined || column === undefined || !reportColumn(column)) return undefined
  const read = periodOf(from, to)
  if (!read.ok) return undefined
  const room = one(query.rroom)
  const mediator = one(query.rmediator)
  const scope: ReportScope =
    room !== undefined
      ? { kind: 'room', roomId: room }
      : mediator !== undefined
        ? { kind: 'mediator', mediatorId: mediator }
        : { kind: 'committee' }
  const category = one(query.rcat)
  const row = decodeRow(one(query.rby), one(query.rval))
  if (row === 'bad') return undefined
  return {
    period: read.period,
    scope,
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
