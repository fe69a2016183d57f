/**
 * THE case state machine, as data. Every change of a case's status goes through `transition`
 * (transition.ts: it validates the input, returns the next record and the names of the fields that
 * changed, for the audit log: names only, never values). Views ask `availableActions` which buttons to
 * show. No zod here: labels and the dashboard read this table on the first screen, the input schemas
 * load with the code that writes a case.
 */
import type { CaseRecord, CaseStatus, JudicialConfirmation, PerformanceStatus, Prevention } from './types'
import type { ExtensionInput } from './deadlines'
import { judicialConfirmationRefusal } from './judicialConfirmation'
import { CASE_SOURCES } from './sources'

/** What each action needs from the user. */
export interface ActionInputs {
  /** 受理: the case number comes from the db layer's counter (see numbering.ts) */
  accept: { caseNo: string; acceptedOn: string; deadlineDays: number; mediatorIds: string[]; recorderId?: string }
  /** 不予受理: why, and the routes open to the parties */
  reject: { reason: string; routes: string }
  investigate: Record<string, never>
  mediate: Record<string, never>
  /** the parties agreed to a written 协议书: it is drafted and signed */
  draftAgreement: Record<string, never>
  /** the draft is abandoned, back to sessions */
  resumeMediation: { reason: string }
  /** the 协议书 is signed and sealed (the agreement module checks signatures before calling this) */
  finalizeAgreement: Record<string, never>
  /** 口头协议: effective on the day (人民调解法 Art. 30) */
  registerOralAgreement: { content: string }
  /** 终止调解: reason and the routes told (Art. 26) */
  terminate: { reason: string; routesTold: string; escalationWarning: boolean }
  withdraw: { note: string }
  /** 整案转办: the Referral record itself is kept by the referral repository */
  refer: { department: string; matter: string }
  extendDeadline: ExtensionInput
  recordPerformance: { status: PerformanceStatus; note: string; receiptIds: string[] }
  /** 结案, with what the mediation prevented (防止民转刑 …), when anything */
  close: { summary: string; prevention?: Prevention }
  /** the prevention record corrected after 结案 (until archived); absent clears it */
  recordPrevention: { prevention?: Prevention }
  /** 司法确认 of the written agreement, recorded or corrected until archived; absent clears it */
  recordJudicialConfirmation: { judicialConfirmation?: JudicialConfirmation }
  archive: Record<string, never>
  reopen: { reason: string }
}

export type CaseAction = keyof ActionInputs

export interface TransitionRule {
  from: CaseStatus
  to: CaseStatus
  action: CaseAction
  /** the verb on the button */
  label: string
  /** input fields that must be filled in */
  requires: readonly string[]
}

export const STATUS_LABELS: Record<CaseStatus, string> = {
  intake: '已登记',
  rejected: '不予受理',
  accepted: '已受理',
  investigating: '调查中',
  mediating: '调解中',
  drafting: '协议拟定中',
  effective: '协议已生效',
  terminated: '调解终止',
  withdrawn: '已撤回',
  referred: '已转办',
  closed: '已结案',
  archived: '已归档',
}

const IN_PROGRESS: readonly CaseStatus[] = ['accepted', 'investigating', 'mediating', 'drafting']

function rules(
  from: readonly CaseStatus[],
  action: CaseAction,
  label: string,
  to: CaseStatus | 'same',
  requires: readonly string[] = [],
): TransitionRule[] {
  return from.map((f) => ({ from: f, to: to === 'same' ? f : to, action, label, requires }))
}

/** The whole lifecycle. Any (status, action) pair not listed here is refused. */
export const TRANSITIONS: readonly TransitionRule[] = [
  ...rules(['intake'], 'accept', '受理', 'accepted', ['caseNo', 'acceptedOn', 'deadlineDays', 'mediatorIds']),
  ...rules(['intake'], 'reject', '不予受理', 'rejected', ['reason', 'routes']),
  ...rules(['accepted', 'mediating'], 'investigate', '开始调查', 'investigating'),
  ...rules(['accepted', 'investigating'], 'mediate', '开始调解', 'mediating'),
  ...rules(['mediating'], 'draftAgreement', '拟定书面协议', 'drafting'),
  ...rules(['drafting'], 'resumeMediation', '退回继续调解', 'mediating', ['reason']),
  ...rules(['drafting'], 'finalizeAgreement', '协议生效', 'effective'),
  ...rules(['mediating'], 'registerOralAgreement', '登记口头协议', 'effective', ['content']),
  ...rules(IN_PROGRESS, 'terminate', '终止调解', 'terminated', ['reason', 'routesTold']),
  ...rules(['intake', ...IN_PROGRESS], 'withdraw', '撤回申请', 'withdrawn', ['note']),
  ...rules(['intake', 'accepted', 'investigating', 'mediating'], 'refer', '整案转办', 'referred', [
    'department',
    'matter',
  ]),
  ...rules(IN_PROGRESS, 'extendDeadline', '延长期限', 'same', ['days', 'reason', 'partiesConsent']),
  ...rules(['effective'], 'recordPerformance', '登记履行情况', 'same', ['status']),
  ...rules(['effective', 'terminated', 'withdrawn', 'referred'], 'close', '结案', 'closed', ['summary']),
  ...rules(['closed'], 'recordPrevention', '修改防止激化情况', 'same'),
  // only on a written agreement (judicialConfirmation.ts): `availableActions` and `transition` ask it
  ...rules(['effective', 'closed'], 'recordJudicialConfirmation', '登记司法确认', 'same'),
  ...rules(['closed', 'rejected'], 'archive', '归档', 'archived'),
  ...rules(['archived'], 'reopen', '重新打开', 'closed', ['reason']),
]

export const CASE_ACTIONS: readonly CaseAction[] = [...new Set(TRANSITIONS.map((t) => t.action))]

export function findRule(from: CaseStatus, action: CaseAction): TransitionRule | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.action === action)
}

export function canTransition(from: CaseStatus, action: CaseAction): boolean {
  return findRule(from, action) !== undefined
}

/** An archived case is read-only until it is reopened. */
export function isReadOnly(status: CaseStatus): boolean {
  return status === 'archived'
}

/** Why nothing in a read-only case may be written. */
export const READ_ONLY_CASE_MESSAGE = '案件已归档，只能查看。如需修改，请先“重新打开”并说明理由。'

/**
 * 撤回申请 withdraws a party's application; a case the committee took up itself (主动: 排查发现, 网格员上报,
 * 其他) has none to withdraw, so it ends by 终止调解 instead.
 */
export function withdrawalRefusal(c: Pick<CaseRecord, 'source'>): string | undefined {
  const group = CASE_SOURCES.find((s) => s.source === c.source)?.group
  return group === '主动'
    ? '本案由调委会主动调解，不是当事人申请的，没有可撤回的申请。如需结束调解，请用“终止调解”。'
    : undefined
}

/** The actions a user may take on this case now, in table order (buttons in the UI). */
export function availableActions(c: Pick<CaseRecord, 'status' | 'extension' | 'outcome' | 'source'>): TransitionRule[] {
  return TRANSITIONS.filter(
    (t) =>
      t.from === c.status &&
      !(t.action === 'extendDeadline' && c.extension !== undefined) &&
      !(t.action === 'withdraw' && withdrawalRefusal(c) !== undefined) &&
      !(t.action === 'recordJudicialConfirmation' && judicialConfirmationRefusal(c) !== undefined),
  )
}

/**
 * The one step forward from each state: the button drawn as the main (green) one, every other action
 * outlined. Investigation comes before the sessions, so once 调解 has begun 开始调查 is a step back; an
 * archived case has no step forward (重新打开 undoes the archive).
 */
const NEXT_STEP: Record<CaseStatus, CaseAction | undefined> = {
  intake: 'accept',
  rejected: 'archive',
  accepted: 'investigate',
  investigating: 'mediate',
  mediating: 'draftAgreement',
  drafting: 'finalizeAgreement',
  effective: 'close',
  terminated: 'close',
  withdrawn: 'close',
  referred: 'close',
  closed: 'archive',
  archived: undefined,
}

export function nextStepAction(status: CaseStatus): CaseAction | undefined {
  return NEXT_STEP[status]
}
