/**
 * A report's period and scope carried in a route query, so that a figure clicked on 统计 opens the page
 * that lists what it counts (the case list for a report cell, src/domain/reportCell.ts; 排查 for the
 * screening figures, src/domain/statistics.ts). Each page names the keys; the rule is the same.
 */
import type { ReportScope } from './reportScope'
import { periodOf, type ReportPeriod } from './reportPeriod'

/** The query keys a page uses for the period's ends and the scope. */
export interface PeriodScopeKeys {
  from: string
  to: string
  room: string
  mediator: string
}

/** A query value as the router gives it (a string, or an array of them when a key repeats): its first string. */
export function firstQueryValue(v: unknown): string | undefined {
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined
}

export function encodePeriodScope(
  period: Pick<ReportPeriod, 'from' | 'to'>,
  scope: ReportScope,
  keys: PeriodScopeKeys,
): Record<string, string> {
  const q: Record<string, string> = { [keys.from]: period.from, [keys.to]: period.to }
  if (scope.kind === 'room') q[keys.room] = scope.roomId
  if (scope.kind === 'mediator') q[keys.mediator] = scope.mediatorId
  return q
}

/** The period and scope a query names, or undefined when it names no valid period. */
export function decodePeriodScope(
  query: Readonly<Record<string, unknown>>,
  keys: PeriodScopeKeys,
): { period: ReportPeriod; scope: ReportScope } | undefined {
  const from = firstQueryValue(query[keys.from])
  const to = firstQueryValue(query[keys.to])
  if (from === undefined || to === undefined) return undefined
  const read = periodOf(from, to)
  if (!read.ok) return undefined
  const room = firstQueryValue(query[keys.room])
  const mediator = firstQueryValue(query[keys.mediator])
  const scope: ReportScope =
    room !== undefined
      ? { kind: 'room', roomId: room }
      : mediator !== undefined
        ? { kind: 'mediator', mediatorId: mediator }
        : { kind: 'committee' }
  return { period: read.period, scope }
}
