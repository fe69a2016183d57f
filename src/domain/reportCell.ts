/**
 * One number of the report as a link: the period, the scope, the column and the row (a category, or
 * 合计). It travels as the case list's route query; the list shows exactly the cases `cellCases`
 * selects, so the list's count equals the number clicked (for 件 columns; a 人 or 金额 cell lists the
 * cases whose people or amounts it adds, a rate the cases it is taken over).
 */
import type { CaseRecord } from './types'
import { inScope, reportColumn, type ReportColumnKey, type ReportScope } from './statistics'
import { periodOf, periodLabel, type ReportPeriod } from './reportPeriod'

export interface ReportCell {
  period: ReportPeriod
  scope: ReportScope
  column: ReportColumnKey
  /** the row's stored category; undefined for 合计 */
  category?: string
}

/** The route query of a cell (strings only, short keys under a common prefix). */
export type CellQuery = Record<string, string>

export function encodeCell(cell: ReportCell): CellQuery {
  const q: CellQuery = { rfrom: cell.period.from, rto: cell.period.to, rcol: cell.column }
  if (cell.scope.kind === 'room') q.rroom = cell.scope.roomId
  if (cell.scope.kind === 'mediator') q.rmediator = cell.scope.mediatorId
  if (cell.category !== undefined) q.rcat = cell.category
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
  return {
    period: read.period,
    scope,
    column: column as ReportColumnKey, // checked by reportColumn above
    ...(category !== undefined ? { category } : {}),
  }
}

/** The cases behind a cell, by the column's own definition (statistics.ts). */
export function cellCases(cases: readonly CaseRecord[], cell: ReportCell, today: string): CaseRecord[] {
  const col = reportColumn(cell.column)
  if (col === undefined) return []
  const x = { period: cell.period, today }
  return cases.filter(
    (c) => inScope(c, cell.scope) && (cell.category === undefined || c.category === cell.category) && col.selects(c, x),
  )
}

/** What the case list says it is showing: “2026年11月 · 婚姻家庭 · 受理 合计”. */
export function cellTitle(cell: ReportCell, scopeName: string): string {
  const col = reportColumn(cell.column)
  const column = col === undefined ? cell.column : col.group === '' ? col.label : `${col.group} ${col.label}`
  return [periodLabel(cell.period), scopeName, cell.category ?? '合计', column].filter((s) => s !== '').join(' · ')
}
