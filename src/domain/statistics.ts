/**
 * 调解工作统计表: the figures a committee reports to the 司法所 every month, quarter or year, one row
 * per dispute category plus 合计, for the committee, one room or one mediator. Every column is defined
 * ONCE here, by the cases it selects (`selects`) and what each adds (`weight`, 1 when absent): the
 * number on screen, in Excel and the case list it links to all come from the same definition.
 *
 * How a case counts: each column is tied to ONE event of the case and counts the case in the period in
 * which that event's China date falls. A case accepted in March and settled in April is 受理 in March
 * and 调解成功 in April. Withdrawn (撤回) and referred (转办) cases are neither successes nor failures.
 * Reopening an archived case (重新打开) changes none of these dates (it keeps acceptedOn, outcome and
 * closedAt), so a reopened case is never counted twice.
 */
import type { CaseSource, Mediator, PerformanceStatus, Prevention, PreventionKind, ScreeningRound } from './types'
import { isDeadlineRunning } from './deadlines'
import type { ReportFacts } from './reportFacts'
import { sourceInfo, type SourceGroup } from './sources'
import { inPeriod, previousPeriod, samePeriodLastYear, type ReportPeriod } from './reportPeriod'
import { decodePeriodScope, encodePeriodScope, type PeriodScopeKeys } from './reportLink'

import type { ReportScope } from './reportScope'
export type { ReportScope } from './reportScope'

export function inScope(c: Pick<ReportFacts, 'roomId' | 'mediatorIds'>, scope: ReportScope): boolean {
  if (scope.kind === 'room') return c.roomId === scope.roomId
  if (scope.kind === 'mediator') return c.mediatorIds.includes(scope.mediatorId)
  return true
}

/** What a column's definition may look at besides the case. */
export interface CountContext {
  period: Pick<ReportPeriod, 'from' | 'to'>
  /** today's China date: a period not yet over is judged as of today */
  today: string
}

/** How a column's number reads: cases (件), people (人), money in fen shown as 元 or 万元, or a rate. */
export type ColumnUnit = 'cases' | 'people' | 'yuan' | 'wan' | 'rate'

export interface ReportColumn {
  key: ReportColumnKey
  /** the upper header (a group of columns), or '' for a column with a single header */
  group: string
  label: string
  unit: ColumnUnit
  /** the one event of a case the column looks at: it counts a case only when that event is in the period */
  event: ReportEvent
  /** the cases behind the number (for a rate: the concluded cases it is taken over) */
  selects: (c: ReportFacts, x: CountContext) => boolean
  /** what each selected case adds; 1 when absent */
  weight?: (c: ReportFacts) => number
}

/** The events of a case a column can be tied to (超期 is a state at the period's end). */
export type ReportEvent = 'accepted' | 'outcome' | 'closed' | 'performance' | 'judicial' | 'overdue'

export type ReportColumnKey =
  | 'accepted'
  | 'acceptedApplied'
  | 'acceptedActive'
  | 'acceptedGrid'
  | 'acceptedReferred'
  | 'acceptedPolice'
  | 'acceptedCourt'
  | 'acceptedPetition'
  | 'acceptedGovernment'
  | 'succeeded'
  | 'succeededWritten'
  | 'succeededOral'
  | 'failed'
  | 'successRate'
  | 'amountYuan'
  | 'amountWan'
  | 'people'
  | 'performedFull'
  | 'performedPartial'
  | 'performedNone'
  | 'judicialApplied'
  | 'judicialConfirmed'
  | 'withinDeadline'
  | 'overdue'
  | 'criminalCases'
  | 'criminalPeople'
  | 'suicideCases'
  | 'suicidePeople'
  | 'petitionCases'
  | 'petitionPeople'
  | 'fightCases'
  | 'fightPeople'
  | 'abnormalDeath'

// ---------------------------------------------------------------------------------------------------
// The events, each defined once

/** 受理: the acceptance date (acceptedOn) falls in the period. Registered but never accepted: not counted. */
export function acceptedIn(c: ReportFacts, x: CountContext): boolean {
  return inPeriod(c.acceptedOn, x.period)
}

/** 调解成功: a written agreement took effect, or an oral one was registered, on a date in the period. */
export function succeededIn(c: ReportFacts, x: CountContext): boolean {
  return (c.outcome === 'written' || c.outcome === 'oral') && inPeriod(c.outcomeOn, x.period)
}

/** 调解不成: mediation was terminated (终止调解) in the period. Withdrawn and referred cases are not failures. */
export function failedIn(c: ReportFacts, x: CountContext): boolean {
  return c.outcome === 'terminated' && inPeriod(c.outcomeOn, x.period)
}

/** 成功率 = 调解成功 / (调解成功 + 调解不成) of the period; null (shown as —) when nothing concluded. */
export function successRate(succeeded: number, failed: number): number | null {
  return succeeded + failed === 0 ? null : succeeded / (succeeded + failed)
}

/**
 * 履行: the status of the LAST performance record (登记履行情况) dated in the period. A case recorded
 * 部分履行 in March and 已全部履行 in April is 部分 in March and 全部 in April; in a quarter holding
 * both, only 全部. So each case is in at most one of the three columns of a period.
 */
export function performanceIn(c: ReportFacts, x: CountContext): PerformanceStatus | undefined {
  let last: PerformanceStatus | undefined
  // oldest first (reportFacts.ts): the last one inside the period is the latest
  for (const [on, status] of c.performance ?? []) if (inPeriod(on, x.period)) last = status
  return last
}

/**
 * 按期办结: an outcome of any kind (agreement, termination, withdrawal, referral) reached in the period,
 * on or before the due date (deadlines.ts). Cases never accepted have no due date and are not counted.
 */
export function finishedInTimeIn(c: ReportFacts, x: CountContext): boolean {
  return c.inTime === true && inPeriod(c.outcomeOn, x.period)
}

/**
 * 超期: at the end of the period (or today, if the period is not over yet), the case was accepted, had
 * no outcome yet and its due date had passed. It is a state, not an event: a case overdue for three
 * months is counted in each of them.
 */
export function overdueIn(c: ReportFacts, x: CountContext): boolean {
  const asOf = x.period.to < x.today ? x.period.to : x.today
  if (asOf < x.period.from) return false
  if (c.acceptedOn === undefined || c.deadline === undefined || c.acceptedOn > asOf) return false
  const done = c.outcomeOn
  const unfinished = done === undefined ? isDeadlineRunning(c.status) : done > asOf
  return unfinished && c.deadline < asOf
}

/**
 * 防止民转刑 / 防止自杀 / 防止群体性上访 / 防止群体性械斗 (件): the case was closed (结案, closedAt) in the
 * period with that prevention recorded for at least one person; 人 adds those people. Recorded at
 * closing and editable until archiving, it stays with the closing date.
 */
export function preventedIn(c: ReportFacts, x: CountContext, kind: PreventionKind): boolean {
  return preventedPeople(c, kind) > 0 && closedIn(c, x)
}

export function preventedPeople(c: Pick<ReportFacts, 'prevention'>, kind: PreventionKind): number {
  return c.prevention?.people[kind] ?? 0
}

/** 非正常死亡纠纷: closed in the period with the flag recorded. */
export function abnormalDeathIn(c: ReportFacts, x: CountContext): boolean {
  return c.prevention?.abnormalDeath === true && closedIn(c, x)
}

const closedIn = (c: ReportFacts, x: CountContext): boolean => inPeriod(c.closedOn, x.period)

// ---------------------------------------------------------------------------------------------------
// The columns, in the order of the table

const groupIs = (group: SourceGroup) => (c: ReportFacts, x: CountContext) =>
  acceptedIn(c, x) && sourceInfo(c.source).group === group
const sourceIs = (source: CaseSource) => (c: ReportFacts, x: CountContext) => acceptedIn(c, x) && c.source === source
const performance = (status: PerformanceStatus) => (c: ReportFacts, x: CountContext) => performanceIn(c, x) === status
const prevented = (kind: PreventionKind, group: string): ReportColumn[] => [
  {
    key: `${kind}Cases` as ReportColumnKey,
    group,
    label: '件',
    unit: 'cases',
    event: 'closed',
    selects: (c, x) => preventedIn(c, x, kind),
  },
  {
    key: `${kind}People` as ReportColumnKey,
    group,
    label: '人',
    unit: 'people',
    event: 'closed',
    selects: (c, x) => preventedIn(c, x, kind),
    weight: (c) => preventedPeople(c, kind),
  },
]

/**
 * 受理 by source follows the groups of sources.ts: 当事人申请; 主动调解 (排查发现, 网格员上报, 其他), of
 * which 网格员上报 is shown apart; 委托移送, split into 公安, 法院, 信访/12345, 政府部门.
 */
export const REPORT_COLUMNS: readonly ReportColumn[] = [
  { key: 'accepted', group: '受理', label: '合计', event: 'accepted', unit: 'cases', selects: acceptedIn },
  {
    key: 'acceptedApplied',
    group: '受理',
    label: '当事人申请',
    event: 'accepted',
    unit: 'cases',
    selects: groupIs('申请'),
  },
  {
    key: 'acceptedActive',
    group: '受理',
    label: '主动调解',
    event: 'accepted',
    unit: 'cases',
    selects: groupIs('主动'),
  },
  {
    key: 'acceptedGrid',
    group: '受理',
    label: '其中网格上报',
    event: 'accepted',
    unit: 'cases',
    selects: sourceIs('网格员上报'),
  },
  {
    key: 'acceptedReferred',
    group: '受理',
    label: '委托移送',
    event: 'accepted',
    unit: 'cases',
    selects: groupIs('委托移送'),
  },
  {
    key: 'acceptedPolice',
    group: '受理',
    label: '公安',
    event: 'accepted',
    unit: 'cases',
    selects: sourceIs('公安移交'),
  },
  {
    key: 'acceptedCourt',
    group: '受理',
    label: '法院',
    event: 'accepted',
    unit: 'cases',
    selects: sourceIs('法院委派委托'),
  },
  {
    key: 'acceptedPetition',
    group: '受理',
    label: '信访/12345',
    event: 'accepted',
    unit: 'cases',
    selects: sourceIs('信访12345转办'),
  },
  {
    key: 'acceptedGovernment',
    group: '受理',
    label: '政府部门',
    event: 'accepted',
    unit: 'cases',
    selects: sourceIs('政府部门交办'),
  },
  { key: 'succeeded', group: '调解成功', label: '合计', event: 'outcome', unit: 'cases', selects: succeededIn },
  {
    key: 'succeededWritten',
    group: '调解成功',
    label: '书面协议',
    unit: 'cases',
    event: 'outcome',
    selects: (c, x) => succeededIn(c, x) && c.outcome === 'written',
  },
  {
    key: 'succeededOral',
    group: '调解成功',
    label: '口头协议',
    unit: 'cases',
    event: 'outcome',
    selects: (c, x) => succeededIn(c, x) && c.outcome === 'oral',
  },
  { key: 'failed', group: '', label: '调解不成', event: 'outcome', unit: 'cases', selects: failedIn },
  {
    key: 'successRate',
    group: '',
    label: '成功率',
    unit: 'rate',
    event: 'outcome',
    selects: (c, x) => succeededIn(c, x) || failedIn(c, x),
  },
  {
    key: 'amountYuan',
    group: '协议涉及金额',
    label: '元',
    unit: 'yuan',
    event: 'outcome',
    selects: succeededIn,
    weight: (c) => c.amountFen ?? 0,
  },
  {
    key: 'amountWan',
    group: '协议涉及金额',
    label: '万元',
    unit: 'wan',
    event: 'outcome',
    selects: succeededIn,
    weight: (c) => c.amountFen ?? 0,
  },
  // 涉及人数: the people involved in the disputes accepted in the period
  {
    key: 'people',
    group: '',
    label: '涉及人数',
    event: 'accepted',
    unit: 'people',
    selects: acceptedIn,
    weight: (c) => c.people ?? 0,
  },
  {
    key: 'performedFull',
    group: '履行',
    label: '全部履行',
    event: 'performance',
    unit: 'cases',
    selects: performance('full'),
  },
  {
    key: 'performedPartial',
    group: '履行',
    label: '部分履行',
    event: 'performance',
    unit: 'cases',
    selects: performance('partial'),
  },
  {
    key: 'performedNone',
    group: '履行',
    label: '未履行',
    event: 'performance',
    unit: 'cases',
    selects: performance('none'),
  },
  // 司法确认: when a case counts is decided in judicialConfirmation.ts (only a written agreement that took effect)
  {
    key: 'judicialApplied',
    group: '司法确认',
    label: '申请',
    event: 'judicial',
    unit: 'cases',
    selects: (c, x) => inPeriod(c.jcAppliedOn, x.period),
  },
  {
    key: 'judicialConfirmed',
    group: '司法确认',
    label: '确认',
    event: 'judicial',
    unit: 'cases',
    selects: (c, x) => inPeriod(c.jcConfirmedOn, x.period),
  },
  { key: 'withinDeadline', group: '', label: '按期办结', event: 'outcome', unit: 'cases', selects: finishedInTimeIn },
  { key: 'overdue', group: '', label: '超期', event: 'overdue', unit: 'cases', selects: overdueIn },
  ...prevented('criminal', '防止民转刑'),
  ...prevented('suicide', '防止自杀'),
  ...prevented('petition', '防止群体性上访'),
  ...prevented('fight', '防止群体性械斗'),
  {
    key: 'abnormalDeath',
    group: '',
    label: '非正常死亡纠纷',
    event: 'closed',
    unit: 'cases',
    selects: abnormalDeathIn,
  },
]

const BY_KEY = new Map(REPORT_COLUMNS.map((c) => [c.key, c]))

export function reportColumn(key: string): ReportColumn | undefined {
  return BY_KEY.get(key as ReportColumnKey)
}

// ---------------------------------------------------------------------------------------------------
// The table

/** Money columns hold fen; rates 0..1 or null (nothing concluded). */
export type ReportCells = Record<ReportColumnKey, number | null>

export interface ReportRow {
  /** the stored category; '' for 合计 */
  category: string
  /** as shown: the category, “<名称>（已停用）” for one no longer configured, or 合计 */
  label: string
  retired: boolean
  cells: ReportCells
}

export interface Report {
  period: ReportPeriod
  scope: ReportScope
  rows: ReportRow[]
  total: ReportRow
}

export const TOTAL_LABEL = '合计'

/** A category the committee no longer offers, as its row is labelled. */
export function retiredCategoryLabel(category: string): string {
  return `${category}（已停用）`
}

/** The columns that add up (the rate is worked out from two of them), in the order of `ReportSums`. */
export const COUNTED_COLUMNS: readonly ReportColumn[] = REPORT_COLUMNS.filter((c) => c.unit !== 'rate')
const COUNTED = COUNTED_COLUMNS

const EVENT_BIT: Record<ReportEvent, number> = {
  accepted: 1,
  outcome: 2,
  closed: 4,
  performance: 8,
  judicial: 16,
  overdue: 32,
}

/**
 * The events of the case that fall in the period, as bits of EVENT_BIT (0: none). A column counts a case
 * only when its own event is among them (property-tested against every column), so a case is put through
 * only the columns of its events; most cases of a store holding many years have none and are passed over.
 */
export function eventsIn(c: ReportFacts, x: CountContext): number {
  const p = x.period
  let bits = 0
  if (inPeriod(c.acceptedOn, p)) bits |= EVENT_BIT.accepted
  if (inPeriod(c.outcomeOn, p)) bits |= EVENT_BIT.outcome
  if (inPeriod(c.closedOn, p)) bits |= EVENT_BIT.closed
  const performance = c.performance
  if (performance !== undefined)
    for (let i = 0; i < performance.length; i++)
      if (inPeriod(performance[i]![0], p)) {
        bits |= EVENT_BIT.performance
        break
      }
  if (inPeriod(c.jcAppliedOn, p) || inPeriod(c.jcConfirmedOn, p)) bits |= EVENT_BIT.judicial
  if (overdueIn(c, x)) bits |= EVENT_BIT.overdue
  return bits
}

/** Whether `event` is among the bits `eventsIn` gave. */
export function hasEvent(bits: number, event: ReportEvent): boolean {
  return (bits & EVENT_BIT[event]) !== 0
}

/** Each column's event bit, by index of `columns` (looked up once per list, not per case). */
const eventBitsCache = new WeakMap<readonly ReportColumn[], Int32Array>()
function eventBitsOf(columns: readonly ReportColumn[]): Int32Array {
  let bits = eventBitsCache.get(columns)
  if (bits === undefined) eventBitsCache.set(columns, (bits = Int32Array.from(columns, (col) => EVENT_BIT[col.event])))
  return bits
}

/**
 * What each of `columns` adds for one case (0 where it does not select it), into `out`; false when it adds
 * to none. Only the columns of the case's events in the period are asked.
 */
export function countedAdds(c: ReportFacts, x: CountContext, columns: readonly ReportColumn[], out: number[]): boolean {
  const bits = eventsIn(c, x)
  if (bits === 0) return false
  const columnBits = eventBitsOf(columns)
  let any = false
  for (let i = 0; i < columns.length; i++) {
    if ((bits & columnBits[i]!) !== 0) {
      const col = columns[i]!
      if (col.selects(c, x)) {
        out[i] = col.weight ? col.weight(c) : 1
        any = true
        continue
      }
    }
    out[i] = 0
  }
  return any
}

const zeros = (n: number): number[] => new Array<number>(n).fill(0)

function cellsOf(sums: readonly number[]): ReportCells {
  const cells = {} as Record<ReportColumnKey, number | null>
  COUNTED.forEach((col, i) => (cells[col.key] = sums[i]!))
  cells.successRate = successRate(cells.succeeded!, cells.failed!)
  return cells
}

/**
 * One period's table, summed a case at a time, so that one pass over the cases can feed the report, its
 * breakdowns, 环比 and 同比 together (reportFigures.ts). The caller leaves out cases outside the scope.
 * With `categories` it keeps a row per category; without, only 合计.
 */
export class ReportSums {
  readonly x: CountContext
  private readonly byCategory: Map<string, number[]> | undefined
  private readonly sums = zeros(COUNTED.length)
  private readonly adds = zeros(COUNTED.length)

  constructor(
    readonly period: ReportPeriod,
    today: string,
    private readonly categories?: readonly string[],
  ) {
    this.x = { period, today }
    this.byCategory = categories && new Map(categories.map((c) => [c, zeros(COUNTED.length)]))
  }

  /**
   * Counts the case; gives what it added to each of COUNTED_COLUMNS (an array reused by the next call),
   * or undefined when it added to none.
   */
  count(c: ReportFacts): readonly number[] | undefined {
    const add = this.adds
    if (!countedAdds(c, this.x, COUNTED, add)) return undefined
    const n = add.length
    const total = this.sums
    for (let i = 0; i < n; i++) total[i]! += add[i]!
    const byCategory = this.byCategory
    if (byCategory !== undefined) {
      let row = byCategory.get(c.category)
      if (row === undefined) byCategory.set(c.category, (row = zeros(n)))
      for (let i = 0; i < n; i++) row[i]! += add[i]!
    }
    return add
  }

  totals(): ReportCells {
    return cellsOf(this.sums)
  }

  /**
   * Rows: the committee's categories in its order (all of them, zeros included), then any other category
   * a counted case carries, marked 已停用, in code-point order; 合计 is taken over all cases in scope.
   */
  report(scope: ReportScope): Report {
    const categories = this.categories ?? []
    const sums = this.byCategory ?? new Map<string, number[]>()
    const configured = new Set(categories)
    const retired = [...sums.keys()].filter((k) => !configured.has(k)).sort()
    const rows = [...categories, ...retired].map((category) => ({
      category,
      label: configured.has(category) ? category : retiredCategoryLabel(category),
      retired: !configured.has(category),
      cells: cellsOf(sums.get(category)!),
    }))
    return {
      period: this.period,
      scope,
      rows,
      total: { category: '', label: TOTAL_LABEL, retired: false, cells: this.totals() },
    }
  }
}

/**
 * The report over `cases` (any order; those outside the scope are left out). Rows: as `ReportSums.report`.
 */
export function buildReport(
  cases: readonly ReportFacts[],
  period: ReportPeriod,
  scope: ReportScope,
  categories: readonly string[],
  today: string,
): Report {
  const sums = new ReportSums(period, today, categories)
  for (const c of cases) if (inScope(c, scope)) sums.count(c)
  return sums.report(scope)
}

/** True when nothing at all was counted (the page says so instead of showing a table of zeros only). */
export function isEmptyReport(r: Report): boolean {
  return REPORT_COLUMNS.every((c) => c.unit === 'rate' || r.total.cells[c.key] === 0)
}

// ---------------------------------------------------------------------------------------------------
// 环比 and 同比

/** Change from `before` to `now` as a fraction (0.25 = +25%), null when there is nothing to compare with. */
export function change(now: number, before: number): number | null {
  return before === 0 ? null : (now - before) / before
}

export interface Comparison {
  current: number | null
  previous: number | null
  lastYear: number | null
  /** counts and sums: relative change (0.25 = +25%); a rate: the difference in rate (0.05 = 5 个百分点) */
  periodOnPeriod: number | null
  yearOnYear: number | null
}

function compare(col: ReportColumn, now: number | null, before: number | null): number | null {
  if (now === null || before === null) return null
  return col.unit === 'rate' ? now - before : change(now, before)
}

/** The periods 环比 and 同比 compare a period with: the period before (same kind) and a year earlier. */
export function comparedPeriods(period: ReportPeriod): { previous: ReportPeriod; lastYear: ReportPeriod } {
  return { previous: previousPeriod(period), lastYear: samePeriodLastYear(period) }
}

/** 环比 and 同比 of each total, from the totals of the period, the period before and a year earlier. */
export function comparison(
  now: ReportCells,
  prev: ReportCells,
  last: ReportCells,
): Record<ReportColumnKey, Comparison> {
  return Object.fromEntries(
    REPORT_COLUMNS.map((col) => [
      col.key,
      {
        current: now[col.key],
        previous: prev[col.key],
        lastYear: last[col.key],
        periodOnPeriod: compare(col, now[col.key], prev[col.key]),
        yearOnYear: compare(col, now[col.key], last[col.key]),
      },
    ]),
  ) as Record<ReportColumnKey, Comparison>
}

/** 环比 (the period before, same kind) and 同比 (same period a year earlier) of each total. */
export function compareTotals(
  cases: readonly ReportFacts[],
  period: ReportPeriod,
  scope: ReportScope,
  today: string,
): Record<ReportColumnKey, Comparison> {
  const { previous, lastYear } = comparedPeriods(period)
  const now = new ReportSums(period, today)
  const prev = new ReportSums(previous, today)
  const last = new ReportSums(lastYear, today)
  for (const c of cases) {
    if (!inScope(c, scope)) continue
    now.count(c)
    prev.count(c)
    last.count(c)
  }
  return comparison(now.totals(), prev.totals(), last.totals())
}

// ---------------------------------------------------------------------------------------------------
// Showing a number

/** A cell in the unit its column shows: 件/人 as they are, fen as 元 or 万元, a rate 0..1 (null: —). */
export function shownValue(col: Pick<ReportColumn, 'unit'>, value: number | null): number | null {
  if (value === null) return null
  if (col.unit === 'yuan') return value / 100
  if (col.unit === 'wan') return value / 1_000_000
  return value
}

// one formatter for every cell (toLocaleString builds a new one per call: a report PDF formats thousands)
const MONEY = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })

/** A cell as the screen prints it: 1,234.50 元, 0.12 万元 (2 decimals), 87.5%, — for no rate. */
export function formatCell(col: Pick<ReportColumn, 'unit'>, value: number | null): string {
  const v = shownValue(col, value)
  if (v === null) return '—'
  if (col.unit === 'rate') return `${(v * 100).toFixed(1)}%`
  if (col.unit === 'yuan' || col.unit === 'wan') return MONEY.format(v)
  return String(v)
}

/** A change as the totals show it: ↑25.0% / ↓10.0% / 持平; a rate's change in 个百分点; — when none. */
export function formatChange(col: Pick<ReportColumn, 'unit'>, value: number | null): string {
  if (value === null) return '—'
  if (value === 0) return '持平'
  const arrow = value > 0 ? '↑' : '↓'
  const size = Math.abs(value * 100).toFixed(1)
  return col.unit === 'rate' ? `${arrow}${size}个百分点` : `${arrow}${size}%`
}

// ---------------------------------------------------------------------------------------------------
// Recording prevention outcomes

export const PREVENTION_KINDS: readonly PreventionKind[] = ['criminal', 'suicide', 'petition', 'fight']

/**
 * The prevention record of the 结案 form: kinds left empty or at 0 are dropped; nothing prevented and
 * no 非正常死亡 flag gives undefined (the case then carries no record).
 */
export function preventionRecord(
  people: Readonly<Partial<Record<PreventionKind, number | null>>>,
  abnormalDeath: boolean,
): Prevention | undefined {
  const kept: Prevention['people'] = {}
  for (const kind of PREVENTION_KINDS) {
    const n = people[kind]
    if (typeof n === 'number' && Number.isFinite(n) && n > 0) kept[kind] = Math.floor(n)
  }
  return Object.keys(kept).length === 0 && !abnormalDeath ? undefined : { people: kept, abnormalDeath }
}

// ---------------------------------------------------------------------------------------------------
// 矛盾纠纷排查: 排查次数 and 排查发现纠纷

/**
 * Screening rounds are not cases and have no category, so their figures stand beside the table (for the
 * committee, room or mediator as a whole), not in a category's row. A round counts in the period holding
 * its date (heldOn). Scope: the committee counts every round; a mediator, the rounds they took part in
 * (one of its mediatorIds); a room, the rounds one of the room's mediators (Mediator.roomIds) took part in.
 */
export function screeningInScope(
  round: Pick<ScreeningRound, 'mediatorIds'>,
  scope: ReportScope,
  mediators: readonly Pick<Mediator, 'id' | 'roomIds'>[],
): boolean {
  if (scope.kind === 'mediator') return round.mediatorIds.includes(scope.mediatorId)
  if (scope.kind === 'room') {
    const inRoom = new Set(mediators.filter((m) => m.roomIds.includes(scope.roomId)).map((m) => m.id))
    return round.mediatorIds.some((id) => inRoom.has(id))
  }
  return true
}

/** The rounds behind the report's screening figures: held in the period, in the scope. */
export function screeningsOfReport<R extends Pick<ScreeningRound, 'heldOn' | 'mediatorIds'>>(
  rounds: readonly R[],
  period: Pick<ReportPeriod, 'from' | 'to'>,
  scope: ReportScope,
  mediators: readonly Pick<Mediator, 'id' | 'roomIds'>[],
): R[] {
  return rounds.filter((r) => inPeriod(r.heldOn, period) && screeningInScope(r, scope, mediators))
}

export interface ScreeningFigures {
  /** 排查次数: the rounds counted */
  rounds: number
  /** 排查发现纠纷: the disputes they found (件) */
  found: number
  /** 其中转为案件: the cases naming one of those rounds, whenever registered */
  turnedIntoCases: number
}

export function screeningFigures(
  rounds: readonly ScreeningRound[],
  cases: readonly Pick<ReportFacts, 'screeningId'>[],
  period: Pick<ReportPeriod, 'from' | 'to'>,
  scope: ReportScope,
  mediators: readonly Pick<Mediator, 'id' | 'roomIds'>[],
): ScreeningFigures {
  const counted = screeningsOfReport(rounds, period, scope, mediators)
  const ids = new Set(counted.map((r) => r.id))
  return {
    rounds: counted.length,
    found: counted.reduce((sum, r) => sum + r.found, 0),
    turnedIntoCases: cases.filter((c) => c.screeningId !== undefined && ids.has(c.screeningId)).length,
  }
}

/** The 排查 page's query keys for a report's screening figures: the period and the scope. */
const SCREENING_LINK_KEYS: PeriodScopeKeys = { from: 'from', to: 'to', room: 'room', mediator: 'mediator' }

/** The 排查 page's route query for a report's screening figures: the period and the scope. */
export function encodeScreeningLink(
  period: Pick<ReportPeriod, 'from' | 'to'>,
  scope: ReportScope,
): Record<string, string> {
  return encodePeriodScope(period, scope, SCREENING_LINK_KEYS)
}

/** The period and scope a 排查 page query names, or undefined (then the page lists every round). */
export function decodeScreeningLink(
  query: Readonly<Record<string, unknown>>,
): { period: ReportPeriod; scope: ReportScope } | undefined {
  return decodePeriodScope(query, SCREENING_LINK_KEYS)
}
