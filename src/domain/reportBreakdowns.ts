/**
 * The report's breakdowns: the same figures as the main table (statistics.ts, each column's own
 * definition), split by 案件来源, by 调解室 and by 调解员 instead of by category.
 *
 * - 来源: each case has one source, so the source rows add up to 合计; the three groups (当事人申请 /
 *   主动调解 / 委托移送, sources.ts) are subtotal rows of their sources.
 * - 调解室: each case has one room, so the rows add up to 合计. A room not in this PC's settings (another
 *   PC's, rosterNames.ts) has its row too, labelled 其他电脑的调解室, numbered when there are several.
 * - 调解员: a case counts for EACH of its mediators (as the mediator scope does), so these rows may add
 *   up to more than 合计; a case without a mediator is counted under 未指派.
 */
import type { CaseSource, UUID } from './types'
import type { ReportFacts } from './reportFacts'
import { CASE_SOURCES, sourceInfo, type SourceGroup } from './sources'
import { otherPcLabel, UNKNOWN_ROSTER_LABELS } from './rosterNames'
import {
  COUNTED_COLUMNS,
  inScope,
  reportColumn,
  ReportSums,
  successRate,
  type ReportColumn,
  type ReportColumnKey,
  type ReportScope,
} from './statistics'
import type { ReportPeriod } from './reportPeriod'

/** One row of a breakdown, as a link names it: the cases it holds. */
export type BreakdownRowKey =
  | { kind: 'sourceGroup'; value: SourceGroup }
  | { kind: 'source'; value: CaseSource }
  | { kind: 'room'; value: UUID }
  /** '' = cases without a mediator (未指派) */
  | { kind: 'mediator'; value: UUID | '' }

export type BreakdownRowKind = BreakdownRowKey['kind']

export const BREAKDOWN_ROW_KINDS: readonly BreakdownRowKind[] = ['sourceGroup', 'source', 'room', 'mediator']

/** Whether a case belongs to a breakdown row. */
export function inBreakdownRow(
  c: Pick<ReportFacts, 'source' | 'roomId' | 'mediatorIds'>,
  row: BreakdownRowKey,
): boolean {
  switch (row.kind) {
    case 'sourceGroup':
      return sourceInfo(c.source).group === row.value
    case 'source':
      return c.source === row.value
    case 'room':
      return c.roomId === row.value
    case 'mediator':
      return row.value === '' ? c.mediatorIds.length === 0 : c.mediatorIds.includes(row.value)
  }
}

/** The columns every breakdown shows, in this order: a subset of the main table's. */
export const BREAKDOWN_COLUMN_KEYS = [
  'accepted',
  'succeeded',
  'failed',
  'successRate',
  'amountYuan',
  'people',
  'withinDeadline',
  'overdue',
  'criminalCases',
] as const satisfies readonly ReportColumnKey[]

/** A breakdown column's single header: 受理, 调解成功, 成功率, 协议涉及金额（元）, 防止民转刑（件）. */
export function breakdownColumnTitle(col: Pick<ReportColumn, 'group' | 'label'>): string {
  return col.label === '合计' ? col.group : col.group === '' ? col.label : `${col.group}（${col.label}）`
}

export type BreakdownColumnKey = (typeof BREAKDOWN_COLUMN_KEYS)[number]
export const BREAKDOWN_COLUMNS: readonly ReportColumn[] = BREAKDOWN_COLUMN_KEYS.map((k) => reportColumn(k)!)

export type BreakdownCells = Record<BreakdownColumnKey, number | null>

export interface BreakdownRow {
  key: BreakdownRowKey
  label: string
  /** a source group's row: the sum of the source rows under it */
  subtotal: boolean
  /** a room or mediator not in this PC's settings (another PC's) */
  retired: boolean
  cells: BreakdownCells
}

export type BreakdownKind = 'source' | 'room' | 'mediator'

export interface Breakdown {
  kind: BreakdownKind
  title: string
  /** the header over the row labels: 案件来源, 调解室, 调解员 */
  rowHeader: string
  /** what the reader must know about how the rows add up */
  note: string
  rows: BreakdownRow[]
  /** the same as the main table's 合计 */
  total: BreakdownCells
}

const ROW_HEADERS: Record<BreakdownKind, string> = { source: '案件来源', room: '调解室', mediator: '调解员' }

export const BREAKDOWN_TITLES: Record<BreakdownKind, string> = {
  source: `按${ROW_HEADERS.source}`,
  room: `按${ROW_HEADERS.room}`,
  mediator: `按${ROW_HEADERS.mediator}`,
}

/** The group names the main table's 受理 columns use. */
export const SOURCE_GROUP_LABELS: Record<SourceGroup, string> = {
  申请: '当事人申请',
  主动: '主动调解',
  委托移送: '委托移送',
}

export const UNASSIGNED_LABEL = '未指派'

/** The label of a breakdown row, as the case list's title says it (names looked up by the caller). */
export function breakdownRowLabel(row: BreakdownRowKey, nameOf: (row: BreakdownRowKey) => string | undefined): string {
  switch (row.kind) {
    case 'sourceGroup':
      return SOURCE_GROUP_LABELS[row.value]
    case 'source':
      return sourceInfo(row.value).label
    case 'mediator':
      if (row.value === '') return UNASSIGNED_LABEL
      return nameOf(row) ?? UNKNOWN_ROSTER_LABELS.mediator
    case 'room':
      return nameOf(row) ?? UNKNOWN_ROSTER_LABELS.room
  }
}

type Sums = Record<BreakdownColumnKey, number>

const zero = (): Sums => Object.fromEntries(BREAKDOWN_COLUMN_KEYS.map((k) => [k, 0])) as Sums
const cellsOf = (s: Sums): BreakdownCells => ({ ...s, successRate: successRate(s.succeeded, s.failed) })

/** The breakdown's counted columns, and where each sits among the main table's (COUNTED_COLUMNS). */
const COUNTED_KEYS = BREAKDOWN_COLUMNS.filter((c) => c.unit !== 'rate').map((c) => c.key as BreakdownColumnKey)
const FROM_MAIN = Int32Array.from(COUNTED_KEYS, (k) => COUNTED_COLUMNS.findIndex((c) => c.key === k))

const sumsOf = (v: readonly number[] | undefined): Sums => {
  const s = zero()
  if (v !== undefined) COUNTED_KEYS.forEach((k, i) => (s[k] = v[i]!))
  return s
}

export interface Named {
  id: UUID
  name: string
}

/**
 * The breakdowns' sums, a case at a time: each case counted by the main table (`ReportSums.count`) is
 * added, with what it added there, to its source's, its room's and each of its mediators' rows.
 */
export class BreakdownSums {
  private readonly bySource = new Map<string, number[]>()
  private readonly byGroup = new Map<string, number[]>()
  private readonly byRoom = new Map<string, number[]>()
  /** '' = no mediator (未指派) */
  private readonly byMediator = new Map<string, number[]>()
  private readonly total = new Array<number>(COUNTED_KEYS.length).fill(0)

  /** `adds`: what the case added to each of COUNTED_COLUMNS (ReportSums.count). */
  add(c: ReportFacts, adds: readonly number[]): void {
    addTo(this.total, adds)
    addTo(rowIn(this.bySource, c.source), adds)
    addTo(rowIn(this.byGroup, sourceInfo(c.source).group), adds)
    addTo(rowIn(this.byRoom, c.roomId), adds)
    const ids = c.mediatorIds
    if (ids.length === 0) addTo(rowIn(this.byMediator, ''), adds)
    // a mediator named twice counts once
    for (let i = 0; i < ids.length; i++) if (ids.indexOf(ids[i]!) === i) addTo(rowIn(this.byMediator, ids[i]!), adds)
  }

  /**
   * Rows: every source (its group's subtotal first), every configured room and mediator in their order
   * (zeros included), then any other room or mediator a counted case carries (another PC's, numbered in
   * the order of their ids), then 未指派 if any case counts there.
   */
  breakdowns(names: { rooms: readonly Named[]; mediators: readonly Named[] }): Breakdown[] {
    const row = (
      key: BreakdownRowKey,
      sums: readonly number[] | undefined,
      label: string,
      extra: Partial<BreakdownRow> = {},
    ): BreakdownRow => ({ key, label, subtotal: false, retired: false, cells: cellsOf(sumsOf(sums)), ...extra })

    const sourceRows: BreakdownRow[] = []
    for (const group of Object.keys(SOURCE_GROUP_LABELS) as SourceGroup[]) {
      sourceRows.push(
        row({ kind: 'sourceGroup', value: group }, this.byGroup.get(group), SOURCE_GROUP_LABELS[group], {
          subtotal: true,
        }),
      )
      for (const s of CASE_SOURCES.filter((i) => i.group === group))
        sourceRows.push(row({ kind: 'source', value: s.source }, this.bySource.get(s.source), s.label))
    }

    const named = (kind: 'room' | 'mediator', list: readonly Named[], sums: Map<string, number[]>): BreakdownRow[] => {
      const known = new Set(list.map((n) => n.id))
      const others = [...sums.keys()].filter((id) => id !== '' && !known.has(id)).sort()
      return [
        ...list.map((n) => row({ kind, value: n.id }, sums.get(n.id), n.name)),
        ...others.map((id, i) =>
          row({ kind, value: id }, sums.get(id), otherPcLabel(kind, i, others.length), { retired: true }),
        ),
        ...(kind === 'mediator' && sums.has('')
          ? [row({ kind: 'mediator', value: '' }, sums.get(''), UNASSIGNED_LABEL)]
          : []),
      ]
    }

    const total = cellsOf(sumsOf(this.total))
    return [
      {
        kind: 'source',
        title: BREAKDOWN_TITLES.source,
        rowHeader: ROW_HEADERS.source,
        note: '各来源之和等于合计；当事人申请、主动调解、委托移送为其下各来源的小计。',
        rows: sourceRows,
        total,
      },
      {
        kind: 'room',
        title: BREAKDOWN_TITLES.room,
        rowHeader: ROW_HEADERS.room,
        note: '各调解室之和等于合计。',
        rows: named('room', names.rooms, this.byRoom),
        total: { ...total },
      },
      {
        kind: 'mediator',
        title: BREAKDOWN_TITLES.mediator,
        rowHeader: ROW_HEADERS.mediator,
        note: '一案有多名调解员的，分别计入每名调解员，各调解员之和可能大于合计。',
        rows: named('mediator', names.mediators, this.byMediator),
        total: { ...total },
      },
    ]
  }
}

function rowIn(rows: Map<string, number[]>, key: string): number[] {
  let row = rows.get(key)
  if (row === undefined) rows.set(key, (row = new Array<number>(COUNTED_KEYS.length).fill(0)))
  return row
}

function addTo(row: number[], adds: readonly number[]): void {
  for (let i = 0; i < row.length; i++) row[i]! += adds[FROM_MAIN[i]!]!
}

/** The three breakdowns of the report over `cases` for the period and scope (rows: `BreakdownSums`). */
export function buildBreakdowns(
  cases: readonly ReportFacts[],
  period: ReportPeriod,
  scope: ReportScope,
  names: { rooms: readonly Named[]; mediators: readonly Named[] },
  today: string,
): Breakdown[] {
  const main = new ReportSums(period, today)
  const sums = new BreakdownSums()
  for (const c of cases) {
    if (!inScope(c, scope)) continue
    const adds = main.count(c)
    if (adds !== undefined) sums.add(c, adds)
  }
  return sums.breakdowns(names)
}
