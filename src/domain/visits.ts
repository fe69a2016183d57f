/**
 * 接待登记 (the reception log): what a visit must hold, what each 分流 route requires, which route opens a
 * referral (tracked with the case referrals' rules, ./referrals.ts), what a stored visit may still become,
 * how the desk's list filters visits, and how visits count for a period (接待人次, visits per route).
 */
import type {
  Collaborator,
  CollaboratorRole,
  Referral,
  ReferralStatus,
  UUID,
  Visit,
  VisitChannel,
  VisitOrganisation,
  VisitReferral,
  VisitRoute,
} from './types'
import type { FieldErrors, Validation } from './settings'
import { dateInChina, instantFromChinaMinute, minuteInChina } from './dates'
import { parsePhone } from './phone'
import { compareOrdinal, charCount } from './text'
import {
  isReferralOpen,
  newReferral,
  readTypedReferral,
  referralMovedTo,
  referralStatusProblem,
  referralsNeedingAttention,
} from './referrals'
import { VISIT_ROUTE_LABELS } from './labels'

export const VISIT_CHANNELS: readonly VisitChannel[] = [
  'walk_in',
  'call',
  'grid',
  'enterprise_code',
  'department',
  'other',
]
/** In the order the desk's radio group numbers them (1–7). */
export const VISIT_ROUTES: readonly VisitRoute[] = [
  'answered',
  'case',
  'referred',
  'legal_aid',
  'psych',
  'petition',
  'other',
]

export const MAX_VISITOR_NAME_CHARS = 30
export const MAX_HANDLER_CHARS = 30
/** A long account told at the desk is kept whole. */
export const MAX_VISIT_NOTE_CHARS = 5000
export const MAX_OUTCOME_CHARS = 5000
/** People in one visit: beyond this a typing slip is more likely than a real group. */
export const MAX_VISIT_PEOPLE = 1000
/** A clock a few minutes ahead of the desk's is not a visit from the future. */
const FUTURE_SLACK_MS = 10 * 60_000

/** What each route asks for besides who handled it. */
export interface RouteRule {
  /** the outcome text ('what was said' / 'what was done') is required */
  outcomeRequired: boolean
  /** what the outcome field is called on the form for this route */
  outcomeLabel: string
  /** the route opens a referral tracked until 已办结 (department and due date required) */
  opensReferral: boolean
  /** the route opens intake; the visit names the case once it is saved */
  opensCase: boolean
  /** the roster roles of the person it may be handed to (法律援助, 心理服务); none: nobody is named */
  helperRoles: readonly CollaboratorRole[]
}

const NOBODY: readonly CollaboratorRole[] = []

export const ROUTE_RULES: Readonly<Record<VisitRoute, RouteRule>> = {
  answered: {
    outcomeRequired: true,
    outcomeLabel: '解答内容',
    opensReferral: false,
    opensCase: false,
    helperRoles: NOBODY,
  },
  case: { outcomeRequired: false, outcomeLabel: '说明', opensReferral: false, opensCase: true, helperRoles: NOBODY },
  referred: {
    outcomeRequired: false,
    outcomeLabel: '转办说明',
    opensReferral: true,
    opensCase: false,
    helperRoles: NOBODY,
  },
  legal_aid: {
    outcomeRequired: false,
    outcomeLabel: '去向或承办人',
    opensReferral: false,
    opensCase: false,
    helperRoles: ['律师/法律工作者', '法律明白人'],
  },
  psych: {
    outcomeRequired: false,
    outcomeLabel: '去向或咨询师',
    opensReferral: false,
    opensCase: false,
    helperRoles: ['心理咨询师'],
  },
  petition: {
    outcomeRequired: false,
    outcomeLabel: '去向',
    opensReferral: false,
    opensCase: false,
    helperRoles: NOBODY,
  },
  other: {
    outcomeRequired: true,
    outcomeLabel: '处理情况',
    opensReferral: false,
    opensCase: false,
    helperRoles: NOBODY,
  },
}

/** Whether a visit on this route may name a person from the roster (法律援助 / 心理服务). */
export function routeNamesHelper(route: VisitRoute): boolean {
  return ROUTE_RULES[route].helperRoles.length > 0
}

export function routeOpensReferral(route: VisitRoute): boolean {
  return ROUTE_RULES[route].opensReferral
}

export function routeOpensCase(route: VisitRoute): boolean {
  return ROUTE_RULES[route].opensCase
}

/** The form of a visit as typed at the desk. */
export interface VisitInput {
  /** 'YYYY-MM-DD HH:mm', China time */
  visitedAt: string
  visitorName: string
  phone: string
  /** null: left empty */
  people: number | null
  channel: VisitChannel | ''
  category: string
  note: string
  route: VisitRoute | ''
  handledBy: string
  outcome: string
  /** 转办部门 only */
  department: string
  dueOn: string
  /** read from a 一企一码 card (null: none) */
  organisation: VisitOrganisation | null
  /** 涉企 */
  enterprise: boolean
  /** 法律援助 / 心理服务 only: the roster person it went to ('' : nobody named) */
  helperId: string
}

/** What is stored of a visit besides its id and stamps (the referral's history is added when stored). */
export type VisitFields = Omit<Visit, 'id' | 'createdAt' | 'updatedAt' | 'caseId' | 'referral'> & {
  referral?: Pick<Referral, 'department' | 'matter' | 'dueOn'>
}

export function emptyVisitInput(now: Date, handledBy = ''): VisitInput {
  return {
    visitedAt: minuteInChina(now.toISOString()),
    visitorName: '',
    phone: '',
    people: 1,
    channel: 'walk_in',
    category: '',
    note: '',
    route: '',
    handledBy,
    outcome: '',
    department: '',
    dueOn: '',
    organisation: null,
    enterprise: false,
    helperId: '',
  }
}

/** The form of a stored visit, for correcting it. */
export function visitInputOf(visit: Visit): VisitInput {
  return {
    visitedAt: minuteInChina(visit.visitedAt),
    visitorName: visit.visitorName,
    phone: visit.phone,
    people: visit.people,
    channel: visit.channel,
    category: visit.category,
    note: visit.note,
    route: visit.route,
    handledBy: visit.handledBy,
    outcome: visit.outcome,
    department: visit.referral?.department ?? '',
    dueOn: visit.referral?.dueOn ?? '',
    organisation: visit.organisation ? { ...visit.organisation } : null,
    enterprise: visit.enterprise === true,
    helperId: visit.helperId ?? '',
  }
}

/** The field names the form shows, for the message naming what is missing. */
export const VISIT_FIELD_LABELS: Readonly<Record<string, string>> = {
  visitedAt: '接待时间',
  visitorName: '来访人',
  phone: '联系电话',
  people: '人数',
  channel: '来访方式',
  about: '事由（类别或简要情况）',
  category: '类别',
  note: '简要情况',
  route: '分流',
  handledBy: '接待人',
  outcome: '处理内容',
  department: '转办部门',
  dueOn: '办理期限',
  helperId: '承接人员',
  organisation: '单位',
}

/** The referral's matter: what the visit was about (the note, else its category). */
function referralMatter(category: string, note: string): string {
  return note || category
}

/**
 * Checks a visit; every problem at once, keyed by field. A visit must say what it was about (a category
 * or a note), where it was routed and who handled it; the route adds its own requirements (ROUTE_RULES).
 */
export function validateVisit(
  input: VisitInput,
  now: Date,
  roster: readonly Pick<Collaborator, 'id' | 'role'>[] = [],
): Validation<VisitFields> {
  const errors: FieldErrors = {}
  const visitedAt = instantFromChinaMinute(input.visitedAt)
  if (!input.visitedAt.trim()) errors.visitedAt = '请填写接待时间'
  else if (visitedAt === undefined) errors.visitedAt = '接待时间不正确，请按“2026-11-05 09:30”的格式填写'
  else if (Date.parse(visitedAt) > now.getTime() + FUTURE_SLACK_MS) errors.visitedAt = '接待时间不能晚于现在'

  const visitorName = input.visitorName.trim()
  if (charCount(visitorName) > MAX_VISITOR_NAME_CHARS)
    errors.visitorName = `来访人姓名不能超过${MAX_VISITOR_NAME_CHARS}个字`

  let phone = ''
  if (input.phone.trim()) {
    const parsed = parsePhone(input.phone)
    if (parsed.ok) phone = parsed.normalized
    else errors.phone = parsed.message
  }

  const people = input.people
  if (people === null || typeof people !== 'number' || Number.isNaN(people)) errors.people = '请填写来访人数'
  else if (!Number.isInteger(people)) errors.people = '来访人数应为整数'
  else if (people < 1) errors.people = '来访人数至少为1'
  else if (people > MAX_VISIT_PEOPLE) errors.people = '来访人数过大，请核对'

  if (!VISIT_CHANNELS.includes(input.channel as VisitChannel)) errors.channel = '请选择来访方式'

  const category = input.category.trim()
  const note = input.note.trim()
  if (!category && !note) errors.about = '请选择类别或填写简要情况'
  if (charCount(note) > MAX_VISIT_NOTE_CHARS) errors.note = `简要情况不能超过${MAX_VISIT_NOTE_CHARS}字`

  const route = input.route
  const handledBy = input.handledBy.trim()
  const outcome = input.outcome.trim()
  let referral: VisitFields['referral']
  let helperId: string | undefined
  if (!VISIT_ROUTES.includes(route as VisitRoute)) errors.route = '请选择分流去向'
  else {
    const rule = ROUTE_RULES[route as VisitRoute]
    if (rule.helperRoles.length > 0 && input.helperId) {
      const helper = roster.find((c) => c.id === input.helperId)
      if (!helper) errors.helperId = '所选人员不在协同人员名单中，请重新选择'
      else if (!rule.helperRoles.includes(helper.role))
        errors.helperId = `${VISIT_ROUTE_LABELS[route as VisitRoute]}只能选择${rule.helperRoles.join('或')}`
      else helperId = helper.id
    }
    if (rule.outcomeRequired && !outcome) errors.outcome = `请填写${rule.outcomeLabel}`
    if (rule.opensReferral) {
      const matter = referralMatter(category, note)
      const { dueOn, problem } = readTypedReferral({
        department: input.department,
        matter: matter || '-',
        dueOn: input.dueOn,
      })
      if (problem !== undefined) errors[input.department.trim() ? 'dueOn' : 'department'] = problem
      else referral = { department: input.department.trim(), matter, dueOn }
    }
  }
  if (charCount(outcome) > MAX_OUTCOME_CHARS) errors.outcome = `处理内容不能超过${MAX_OUTCOME_CHARS}字`
  if (!handledBy) errors.handledBy = '请填写接待人'
  else if (charCount(handledBy) > MAX_HANDLER_CHARS) errors.handledBy = `接待人不能超过${MAX_HANDLER_CHARS}个字`

  const organisation = input.organisation ?? undefined
  if (organisation && !organisation.name.trim()) errors.organisation = '单位名称为空，请重新扫码'

  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    value: {
      visitedAt: visitedAt!,
      visitorName,
      phone,
      people: people!,
      channel: input.channel as VisitChannel,
      category,
      note,
      route: route as VisitRoute,
      handledBy,
      outcome,
      ...(organisation ? { organisation: { ...organisation } } : {}),
      ...(input.enterprise ? { enterprise: true } : {}),
      ...(helperId ? { helperId } : {}),
      ...(referral ? { referral } : {}),
    },
  }
}

/** One sentence naming every field a refused visit is missing or has wrong, for the form's alert. */
export function visitProblemMessage(errors: FieldErrors): string {
  const names = Object.keys(errors).map((k) => VISIT_FIELD_LABELS[k] ?? k)
  return `未保存：请补充或更正${names.join('、')}。`
}

/** A new visit's referral (not yet stored): 已转办 from `at`, with that first step in its history. */
export function newVisitReferral(input: Pick<Referral, 'department' | 'matter' | 'dueOn'>, at: string): VisitReferral {
  const { department, matter, dueOn } = input
  return { ...newReferral({ department, matter, dueOn }, at), updatedAt: at }
}

// ---------------------------------------------------------------------------------------------------
// What a stored visit may become

/**
 * Why a stored visit may not be routed to `next`, or undefined when it may. A visit that became a case
 * stays one (the case is the record now); a referral a department has acted on stays a referral.
 */
export function visitRouteChangeProblem(
  visit: Pick<Visit, 'route' | 'caseId' | 'referral'>,
  next: VisitRoute,
): string | undefined {
  if (next === visit.route) return undefined
  if (visit.caseId) return '该接待已登记为调解案件，不能改为其他分流。'
  if (visit.referral && visit.referral.history.length > 1) return '该转办已有办理记录，不能改为其他分流。'
  return undefined
}

/**
 * Why a stored visit may not be corrected to `fields` (already checked by validateVisit), or undefined when
 * it may: the route rules above, and a referral a department has acted on keeps its department and due date.
 */
export function visitEditProblem(
  current: Pick<Visit, 'route' | 'caseId' | 'referral'>,
  fields: Pick<VisitFields, 'route' | 'referral'>,
): string | undefined {
  const routeProblem = visitRouteChangeProblem(current, fields.route)
  if (routeProblem !== undefined) return routeProblem
  const was = current.referral
  const now = fields.referral
  if (was && was.history.length > 1 && now && (now.department !== was.department || now.dueOn !== was.dueOn))
    return '该转办已有办理记录，转办部门和办理期限不能再修改。'
  return undefined
}

/**
 * The stored visit after a correction (the caller checks visitEditProblem first): the case it became stays
 * linked, a referral kept keeps its status and history, a route newly 转办部门 opens its referral now.
 */
export function visitAfterEdit(current: Visit, fields: VisitFields, at: string): Visit {
  const { referral, ...own } = fields
  const next: Visit = { id: current.id, createdAt: current.createdAt, updatedAt: at, ...own }
  if (current.caseId) next.caseId = current.caseId
  if (referral) {
    const was = current.referral
    if (!was) next.referral = newVisitReferral(referral, at)
    else {
      const same =
        was.department === referral.department && was.matter === referral.matter && was.dueOn === referral.dueOn
      next.referral = same ? was : { ...was, ...referral, updatedAt: at }
    }
  }
  return next
}

/** The routes a stored visit may still take (its own included). */
export function visitRoutesAllowed(visit: Pick<Visit, 'route' | 'caseId' | 'referral'>): VisitRoute[] {
  return VISIT_ROUTES.filter((r) => visitRouteChangeProblem(visit, r) === undefined)
}

/** Whether a 登记为调解案件 visit still waits for its case (intake not saved yet). */
export function awaitsCase(visit: Pick<Visit, 'route' | 'caseId'>): boolean {
  return routeOpensCase(visit.route) && !visit.caseId
}

/** Why a visit may not be linked to a case, or undefined when it may. */
export function caseLinkProblem(visit: Pick<Visit, 'route' | 'caseId'>, caseId: UUID): string | undefined {
  if (!routeOpensCase(visit.route)) return `该接待的分流为“${VISIT_ROUTE_LABELS[visit.route]}”，不能关联案件。`
  if (visit.caseId && visit.caseId !== caseId) return '该接待已关联其他案件。'
  return undefined
}

/** Why a visit's referral may not move to `next`, or undefined when it may (the case referrals' rules). */
export function visitReferralStatusProblem(
  visit: Pick<Visit, 'referral'>,
  next: ReferralStatus,
  note: string,
): string | undefined {
  if (!visit.referral) return '该接待没有转办。'
  return referralStatusProblem(visit.referral.status, next, note)
}

/** The visit's referral after moving to `next`; the caller checks `visitReferralStatusProblem` first. */
export function visitReferralMovedTo(
  referral: VisitReferral,
  next: ReferralStatus,
  note: string,
  at: string,
): VisitReferral {
  return referralMovedTo(referral, next, note, at)
}

export function hasOpenReferral(visit: Pick<Visit, 'referral'>): boolean {
  return visit.referral !== undefined && isReferralOpen(visit.referral)
}

/** Visits whose referral is still open, the earliest due first (工作台). */
export function openVisitReferrals<V extends Pick<Visit, 'referral'>>(visits: readonly V[]): V[] {
  return visits.filter(hasOpenReferral).sort((a, b) => compareOrdinal(a.referral!.dueOn, b.referral!.dueOn))
}

/** Open visit referrals due within the due-soon window or overdue, most urgent first. */
export function visitReferralsNeedingAttention<V extends Pick<Visit, 'referral'>>(
  visits: readonly V[],
  today: string,
): V[] {
  const due = new Set(
    referralsNeedingAttention(
      visits.flatMap((v) => (v.referral ? [v.referral] : [])),
      today,
    ),
  )
  return openVisitReferrals(visits).filter((v) => due.has(v.referral!))
}

// ---------------------------------------------------------------------------------------------------
// The desk's list

export interface VisitFilter {
  /** days (China time) both ends included, 'YYYY-MM-DD'; either may be absent */
  from?: string
  to?: string
  route?: VisitRoute
  /** only visits whose referral is still open */
  openReferrals?: boolean
}

/** The day of a visit, China time. */
export function visitDay(visit: Pick<Visit, 'visitedAt'>): string {
  return dateInChina(visit.visitedAt)
}

/** The newest visit first. */
export function visitsNewestFirst<V extends Pick<Visit, 'visitedAt' | 'createdAt'>>(visits: readonly V[]): V[] {
  return [...visits].sort((a, b) =>
    a.visitedAt !== b.visitedAt ? (a.visitedAt < b.visitedAt ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1,
  )
}

export function filterVisits<V extends Visit>(visits: readonly V[], filter: VisitFilter): V[] {
  return visitsNewestFirst(
    visits.filter((v) => {
      const day = visitDay(v)
      return (
        (!filter.from || day >= filter.from) &&
        (!filter.to || day <= filter.to) &&
        (!filter.route || v.route === filter.route) &&
        (!filter.openReferrals || hasOpenReferral(v))
      )
    }),
  )
}

// ---------------------------------------------------------------------------------------------------
// Counting (统计)

export interface ReceptionFigures {
  /** visits recorded in the period */
  visits: number
  /** 接待人次: the people those visits brought */
  people: number
  /** visits per route (every route present, 0 when none) */
  byRoute: Record<VisitRoute, number>
  /** people per route */
  peopleByRoute: Record<VisitRoute, number>
}

function zeroByRoute(): Record<VisitRoute, number> {
  return Object.fromEntries(VISIT_ROUTES.map((r) => [r, 0])) as Record<VisitRoute, number>
}

/** The visits of a period: those whose day (China time) is within it, both ends included. */
export function visitsInPeriod<V extends Pick<Visit, 'visitedAt'>>(
  visits: readonly V[],
  period: { from: string; to: string },
): V[] {
  return visits.filter((v) => {
    const day = visitDay(v)
    return day >= period.from && day <= period.to
  })
}

/** 接待人次 and the visits per route for a period (the statistics report calls this). */
export function receptionFigures(
  visits: readonly Pick<Visit, 'visitedAt' | 'people' | 'route'>[],
  period: { from: string; to: string },
): ReceptionFigures {
  const byRoute = zeroByRoute()
  const peopleByRoute = zeroByRoute()
  let people = 0
  const counted = visitsInPeriod(visits, period)
  for (const v of counted) {
    byRoute[v.route] += 1
    peopleByRoute[v.route] += v.people
    people += v.people
  }
  return { visits: counted.length, people, byRoute, peopleByRoute }
}

// ---------------------------------------------------------------------------------------------------
// 登记为调解案件: what intake starts with

/** What intake is pre-filled with from a visit: the visitor as the applicant, what was typed as the facts. */
export interface IntakePrefill {
  visitId: UUID
  /** the committee's category when the visit named one, else '' (the form asks) */
  category: string
  facts: string
  peopleCount: number
  applicantName: string
  applicantPhone: string
  /** a visit at the desk is an oral application recorded by the staff */
  oralApplication: boolean
  /**
   * The organisation read from its card, and which party it becomes: the applicant when the enterprise came
   * by its own code (一企一码: it asks for help), else the other side (e.g. a worker's employer).
   */
  organisation?: { card: VisitOrganisation; partyIndex: 0 | 1 }
  /** 涉企 (absent: not) */
  enterprise?: true
}

export function intakePrefillOf(
  visit: Pick<
    Visit,
    'id' | 'category' | 'note' | 'people' | 'visitorName' | 'phone' | 'channel' | 'organisation' | 'enterprise'
  >,
  categories: readonly string[],
): IntakePrefill {
  return {
    visitId: visit.id,
    category: categories.includes(visit.category) ? visit.category : '',
    facts: visit.note,
    // a case has two sides at least: the visitors plus the other party
    peopleCount: Math.max(2, visit.people + 1),
    applicantName: visit.visitorName,
    applicantPhone: visit.phone,
    oralApplication: visit.channel === 'walk_in' || visit.channel === 'call',
    ...(visit.organisation
      ? {
          organisation: {
            card: { ...visit.organisation },
            partyIndex: visit.channel === 'enterprise_code' ? (0 as const) : (1 as const),
          },
        }
      : {}),
    ...(visit.enterprise === true || visit.organisation !== undefined ? { enterprise: true as const } : {}),
  }
}
