/**
 * What the 调解工作统计表 looks at in a case, worked out once per write: the case's events as China
 * dates (not instants), its due date, and the few numbers the columns add. Every case's facts ride in its
 * digest (src/domain/caseDigest.ts), which the case index holds in memory, so a year's report over
 * 100,000 cases reads no case at all and compares dates as text.
 *
 * The facts decide nothing themselves: when a case counts is defined in statistics.ts over them.
 */
import type { CaseRecord, CaseSource, CaseStatus, OutcomeKind, PerformanceStatus, Prevention } from './types'
import { localDate } from './dates'
import { finishedWithinDeadline } from './deadlines'
import { judicialConfirmationAppliedOn, judicialConfirmationConfirmedOn } from './judicialConfirmation'

export interface ReportFacts {
  id: string
  status: CaseStatus
  category: string
  roomId: string
  source: CaseSource
  mediatorIds: string[]
  /** 受理 date (absent: never accepted) */
  acceptedOn?: string
  outcome?: OutcomeKind
  /** the outcome's China date */
  outcomeOn?: string
  /** 结案: the closing's China date */
  closedOn?: string
  /** the due date, whether or not the clock still runs (the digest's `dueOn` is kept only while it runs) */
  deadline?: string
  /** the outcome came on or before the due date (deadlines.ts `finishedWithinDeadline`) */
  inTime?: true
  /** 协议涉及金额 in fen; absent when 0 */
  amountFen?: number
  /** 涉及人数; absent when 0 */
  people?: number
  /** each 登记履行情况 as [China date, status], in the order of their instants (oldest first) */
  performance?: [string, PerformanceStatus][]
  prevention?: Prevention
  /** the 排查 round it was found in (排查发现纠纷 其中转为案件) */
  screeningId?: string
  /** 司法确认: the day it counts as applied for, and as confirmed (judicialConfirmation.ts decides) */
  jcAppliedOn?: string
  jcConfirmedOn?: string
}

export type FactsCase = Pick<
  CaseRecord,
  | 'id'
  | 'status'
  | 'category'
  | 'roomId'
  | 'source'
  | 'mediatorIds'
  | 'acceptedOn'
  | 'outcome'
  | 'closedAt'
  | 'dueOn'
  | 'amountFen'
  | 'peopleCount'
  | 'performance'
  | 'prevention'
  | 'screeningId'
  | 'judicialConfirmation'
>

/** A case's facts. Absent and zero fields are left out: the digest of every case carries them. */
export function reportFactsOf(c: FactsCase): ReportFacts {
  const performance = [...c.performance]
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.at < b.p.at ? -1 : a.p.at > b.p.at ? 1 : a.i - b.i))
    .map(({ p }): [string, PerformanceStatus] => [localDate(p.at), p.status])
  const applied = judicialConfirmationAppliedOn(c)
  const confirmed = judicialConfirmationConfirmedOn(c)
  return {
    id: c.id,
    status: c.status,
    category: c.category,
    roomId: c.roomId,
    source: c.source,
    mediatorIds: [...c.mediatorIds],
    ...(c.acceptedOn !== undefined ? { acceptedOn: c.acceptedOn } : {}),
    ...(c.outcome ? { outcome: c.outcome.kind, outcomeOn: localDate(c.outcome.at) } : {}),
    ...(c.closedAt !== undefined ? { closedOn: localDate(c.closedAt) } : {}),
    ...(c.dueOn !== undefined ? { deadline: c.dueOn } : {}),
    ...(finishedWithinDeadline(c) === true ? { inTime: true as const } : {}),
    ...(c.amountFen ? { amountFen: c.amountFen } : {}),
    ...(c.peopleCount ? { people: c.peopleCount } : {}),
    ...(performance.length > 0 ? { performance } : {}),
    ...(c.prevention ? { prevention: c.prevention } : {}),
    ...(c.screeningId ? { screeningId: c.screeningId } : {}),
    ...(applied !== undefined ? { jcAppliedOn: applied } : {}),
    ...(confirmed !== undefined ? { jcConfirmedOn: confirmed } : {}),
  }
}
