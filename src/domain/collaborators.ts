/**
 * 协同人员: the people who work around the room without being its mediators — grid workers who
 * report disputes early, law-savvy villagers who mediate beside the committee, counsellors, lawyers,
 * respected villagers and volunteers, department liaisons. Kept as one settings record (no table of
 * their own), named on cases (网格员上报) and on sessions (邀请参加人员).
 */
import { parsePhone } from './phone'
import { charCount } from './text'
import type { FieldErrors, Validation } from './settings'
import type { CaseRecord, CaseSource, Collaborator, CollaboratorRole, SessionRecord } from './types'

/** The roles, in the order forms offer them (every CollaboratorRole of types.ts, once). */
export const COLLABORATOR_ROLES = [
  '网格员',
  '法律明白人',
  '心理咨询师',
  '律师/法律工作者',
  '乡贤/志愿者',
  '部门联络员',
] as const satisfies readonly CollaboratorRole[]

/** The settings row the roster is kept in. */
export const COLLABORATORS_SETTING = 'collaborators'

export interface CollaboratorInput {
  name: string
  role: CollaboratorRole | ''
  where: string
  phone: string
  active: boolean
}

export type CheckedCollaborator = Omit<CollaboratorInput, 'role'> & { role: CollaboratorRole }

export function isCollaboratorRole(value: string): value is CollaboratorRole {
  return (COLLABORATOR_ROLES as readonly string[]).includes(value)
}

const MAX_NAME = 30
const MAX_WHERE = 60

/**
 * One entry, checked against the others on the roster (`others` without the one being edited): the
 * same name and phone twice would make the roster ambiguous when a case names the person.
 */
export function validateCollaborator(
  input: CollaboratorInput,
  others: readonly Pick<Collaborator, 'name' | 'phone'>[] = [],
): Validation<CheckedCollaborator> {
  const errors: FieldErrors = {}
  const name = input.name.trim()
  const where = input.where.trim()
  if (!name) errors.name = '请填写姓名'
  else if (charCount(name) > MAX_NAME) errors.name = `姓名不能超过${MAX_NAME}个字`
  if (!input.role) errors.role = '请选择类别'
  else if (!isCollaboratorRole(input.role)) errors.role = '没有这个类别'
  if (!where) errors.where = input.role === '网格员' ? '请填写所在网格或村（社区）' : '请填写所在单位或村（社区）'
  else if (charCount(where) > MAX_WHERE) errors.where = `不能超过${MAX_WHERE}个字`
  const phone = parsePhone(input.phone)
  if (!phone.ok) errors.phone = phone.message
  if (name && phone.ok && others.some((o) => o.name === name && samePhone(o.phone, phone.normalized)))
    errors.name = '名单里已有同名同电话的人员'
  if (Object.keys(errors).length > 0 || !phone.ok || !isCollaboratorRole(input.role)) return { ok: false, errors }
  return { ok: true, value: { name, role: input.role, where, phone: phone.normalized, active: input.active } }
}

function samePhone(stored: string, normalized: string): boolean {
  const p = parsePhone(stored)
  return p.ok && p.normalized === normalized
}

/**
 * The people of one role (or of any of several) who can be chosen now; the one already chosen stays even if
 * no longer active.
 */
export function collaboratorChoices(
  roster: readonly Collaborator[],
  role: CollaboratorRole | 'any' | readonly CollaboratorRole[],
  keepIds: readonly string[] = [],
): Collaborator[] {
  const fits = (r: CollaboratorRole) =>
    role === 'any' ? true : typeof role === 'string' ? r === role : role.includes(r)
  return roster.filter((c) => fits(c.role) && (c.active || keepIds.includes(c.id)))
}

/** How a person is named in a list or a document: 王五（法律明白人，东门村）. */
export function describeCollaborator(c: Pick<Collaborator, 'name' | 'role' | 'where'>): string {
  return `${c.name}（${c.role}，${c.where}）`
}

/** Reads the stored roster, dropping anything malformed (the row comes from a backup of any age). */
export function rosterFromSetting(value: unknown): Collaborator[] {
  if (!Array.isArray(value)) return []
  return value.filter(
    (c): c is Collaborator =>
      typeof c === 'object' &&
      c !== null &&
      typeof (c as Collaborator).id === 'string' &&
      typeof (c as Collaborator).name === 'string' &&
      typeof (c as Collaborator).role === 'string' &&
      isCollaboratorRole((c as Collaborator).role) &&
      typeof (c as Collaborator).where === 'string' &&
      typeof (c as Collaborator).phone === 'string' &&
      typeof (c as Collaborator).active === 'boolean',
  )
}

/** The case source whose reporter is a grid worker from the roster. */
export const GRID_SOURCE = '网格员上报' satisfies CaseSource

/** The grid worker a case keeps: only a 网格员上报 case names one. */
export function gridWorkerLinkOf(source: CaseSource, gridWorkerId: string | undefined): string | undefined {
  return source === GRID_SOURCE && gridWorkerId ? gridWorkerId : undefined
}

/** For the report: disputes reported by grid workers (every 网格员上报 case, named on the roster or not). */
export function countGridReported(cases: readonly Pick<CaseRecord, 'source'>[]): number {
  return cases.filter((c) => c.source === GRID_SOURCE).length
}

/** For the report: cases where a 法律明白人 from the roster was invited to a session. */
export function countWithLegalHelper(
  cases: readonly Pick<CaseRecord, 'id'>[],
  sessions: readonly Pick<SessionRecord, 'caseId' | 'invitedIds'>[],
  roster: readonly Pick<Collaborator, 'id' | 'role'>[],
): number {
  const helpers = new Set(roster.filter((c) => c.role === '法律明白人').map((c) => c.id))
  const withHelper = new Set(
    sessions.filter((s) => (s.invitedIds ?? []).some((id) => helpers.has(id))).map((s) => s.caseId),
  )
  return cases.filter((c) => withHelper.has(c.id)).length
}

/** The roster entries the sessions invited, in roster order: what a case's documents may print. */
export function invitedCollaborators(
  roster: readonly Collaborator[],
  sessions: readonly Pick<SessionRecord, 'invitedIds'>[],
): Collaborator[] {
  const ids = new Set(sessions.flatMap((s) => s.invitedIds ?? []))
  return roster.filter((c) => ids.has(c.id))
}

/** 邀请参加人员 of one session as a document prints them; someone no longer on this PC's roster is not printed. */
export function invitedLine(
  invitedIds: readonly string[] | undefined,
  known: readonly Pick<Collaborator, 'id' | 'name' | 'role' | 'where'>[],
): string {
  return (invitedIds ?? [])
    .map((id) => known.find((c) => c.id === id))
    .filter((c) => c !== undefined)
    .map(describeCollaborator)
    .join('、')
}
