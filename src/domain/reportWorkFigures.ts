/**
 * The report's figures that are not counted per category — 矛盾纠纷排查 and 接待登记 (分流) — as the 统计
 * page, the Excel file and the PDF all show them: one labelled cell each, in one order, with the sentence
 * that says how each is counted. The counting itself is in statistics.ts (screeningFigures) and visits.ts
 * (receptionFigures).
 */
import { VISIT_ROUTE_LABELS } from './labels'
import type { ScreeningFigures } from './statistics'
import { VISIT_ROUTES, type ReceptionFigures } from './visits'

export interface WorkCell {
  label: string
  value: number
}

export interface WorkSection {
  title: string
  cells: WorkCell[]
  /** how the figures are counted, printed under them */
  note: string
}

export const SCREENING_TITLE = '矛盾纠纷排查'
export const SCREENING_NOTE =
  '排查按排查日期计入统计期间；按调解员统计时只计其参加的排查，按调解室统计时计本室调解员参加的排查。'
export const RECEPTION_TITLE = '接待登记（分流）'
export const RECEPTION_NOTE = '接待按接待时间计入统计期间；接待人次计每次来访的人数，集体来访按实际人数计。'

export function screeningCells(f: ScreeningFigures): WorkCell[] {
  return [
    { label: '排查次数', value: f.rounds },
    { label: '排查发现纠纷', value: f.found },
    { label: '其中转为案件', value: f.turnedIntoCases },
  ]
}

export function receptionCells(f: ReceptionFigures): WorkCell[] {
  return [
    { label: '接待次数', value: f.visits },
    { label: '接待人次', value: f.people },
    ...VISIT_ROUTES.map((r) => ({ label: VISIT_ROUTE_LABELS[r], value: f.byRoute[r] })),
  ]
}

/**
 * The sections an export prints after the main tables: 排查 always when known; 接待 only for the whole
 * committee (visits belong to the committee, not to a room or a mediator: the caller passes none then).
 */
export function workSections(screening?: ScreeningFigures, reception?: ReceptionFigures): WorkSection[] {
  const out: WorkSection[] = []
  if (screening) out.push({ title: SCREENING_TITLE, cells: screeningCells(screening), note: SCREENING_NOTE })
  if (reception) out.push({ title: RECEPTION_TITLE, cells: receptionCells(reception), note: RECEPTION_NOTE })
  return out
}
