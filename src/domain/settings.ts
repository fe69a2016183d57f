/**
 * Validation of the committee, rooms and mediators entered at first-run setup and in 设置.
 * Every message is in Chinese and keyed by field path, so the form can show it beside the field.
 */
import type { Committee, Gender, MediatorRole } from './types'
import { parsePhone } from './phone'
import { validateCaseNumberPattern, DEFAULT_CASE_NUMBER_PATTERN } from './numbering'
import { parseIdNumber } from './idNumber'
import { charCount, hasHiddenCharacter, withoutHiddenCharacters } from './text'
import { DEFAULT_DEADLINE_DAYS, MAX_DEADLINE_DAYS, MIN_DEADLINE_DAYS } from './deadlines'

/** What a mediator is told when a pasted short name brings a character nobody can see: what to do, not what it is. */
export const HIDDEN_IN_SHORT_NAME = '简称里有看不见的字符（多半是复制粘贴带来的），请删掉后重新输入'
/** The same for the full name, which heads every document and names the committee to other PCs. */
export const HIDDEN_IN_FULL_NAME = '全称里有看不见的字符（多半是复制粘贴带来的），请删掉后重新输入'

export const MEDIATOR_ROLES: readonly MediatorRole[] = ['调解员', '记录人', '法律援助', '管理员']
export const GENDERS: readonly Gender[] = ['男', '女']
export { DEFAULT_CASE_NUMBER_PATTERN, DEFAULT_DEADLINE_DAYS }

export type FieldErrors = Record<string, string>
export type Validation<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors }

export interface CommitteeInput {
  fullName: string
  shortName: string
  address: string
  phone: string
  caseNumberPattern: string
  defaultDeadlineDays: number
}

export interface RoomInput {
  name: string
  /** index into the mediators list of the same setup, or a mediator id in 设置 */
  leadMediatorKey?: string
}

export interface MediatorInput {
  key: string
  name: string
  gender: Gender | ''
  phone: string
  certificateNo: string
  role: MediatorRole | ''
  active: boolean
  idNumber?: string
}

export interface SetupInput {
  committee: CommitteeInput
  rooms: RoomInput[]
  mediators: MediatorInput[]
}

const trim = (s: string | undefined) => (s ?? '').trim()

export function validateCommittee(input: CommitteeInput): Validation<CommitteeInput> {
  const errors: FieldErrors = {}
  const fullName = trim(input.fullName)
  const shortName = trim(input.shortName)
  if (!fullName) errors.fullName = '请填写调解委员会全称'
  else if (charCount(fullName) > 60) errors.fullName = '全称不能超过60个字'
  // a name that looks like another committee's would pass unseen on every document and import screen
  else if (hasHiddenCharacter(fullName)) errors.fullName = HIDDEN_IN_FULL_NAME
  else if (!fullName.endsWith('调解委员会')) errors.fullName = '全称应以“调解委员会”结尾，如“XX镇人民调解委员会”'
  if (!shortName) errors.shortName = '请填写简称，它会出现在案件编号中'
  else if (charCount(shortName) > 10) errors.shortName = '简称不能超过10个字'
  // it goes into every case number (./numbering.ts), which may hold no hidden character; checked before
  // spaces, since JavaScript counts a pasted BOM as one and the mediator would look for a space not there
  else if (hasHiddenCharacter(shortName)) errors.shortName = HIDDEN_IN_SHORT_NAME
  else if (/[{}\s]/.test(shortName)) errors.shortName = '简称不能包含空格或花括号'
  const phone = trim(input.phone)
  if (phone) {
    const p = parsePhone(phone)
    if (!p.ok) errors.phone = p.message
  }
  const pattern = trim(input.caseNumberPattern)
  const patternCheck = validateCaseNumberPattern(pattern)
  if (!patternCheck.ok) errors.caseNumberPattern = patternCheck.message
  const days = input.defaultDeadlineDays
  if (!Number.isInteger(days) || days < MIN_DEADLINE_DAYS || days > MAX_DEADLINE_DAYS) {
    errors.defaultDeadlineDays = `办结期限应为${MIN_DEADLINE_DAYS}至${MAX_DEADLINE_DAYS}之间的整天数`
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    value: {
      fullName,
      shortName,
      address: trim(input.address),
      phone,
      caseNumberPattern: pattern,
      defaultDeadlineDays: days,
    },
  }
}

/**
 * A committee as it arrives from a file (another committee's transfer file, a backup written before
 * setup refused hidden characters): its two names with them taken out, as setup would have made the
 * mediator do. Its id and everything else stay as written.
 */
export function withVisibleCommitteeNames<T extends Pick<Committee, 'fullName' | 'shortName'>>(committee: T): T {
  return {
    ...committee,
    fullName: withoutHiddenCharacters(committee.fullName),
    shortName: withoutHiddenCharacters(committee.shortName),
  }
}

export function validateMediators(list: MediatorInput[]): Validation<MediatorInput[]> {
  const errors: FieldErrors = {}
  const seenNamePhone = new Map<string, number>()
  const seenCert = new Map<string, number>()
  const value = list.map((m, i) => {
    const at = (field: string) => `mediators.${i}.${field}`
    const name = trim(m.name)
    const phone = trim(m.phone)
    const certificateNo = trim(m.certificateNo)
    if (!name) errors[at('name')] = '请填写调解员姓名'
    else if (charCount(name) > 30) errors[at('name')] = '姓名不能超过30个字'
    if (!m.gender) errors[at('gender')] = '请选择性别'
    if (!m.role) errors[at('role')] = '请选择角色'
    const p = parsePhone(phone)
    if (!p.ok) errors[at('phone')] = p.message
    const normalizedPhone = p.ok ? p.normalized : phone
    const idNumber = trim(m.idNumber)
    if (idNumber) {
      const id = parseIdNumber(idNumber)
      if (!id.ok) errors[at('idNumber')] = id.message
    }
    if (name && phone) {
      const k = `${name}|${normalizedPhone}`
      const first = seenNamePhone.get(k)
      if (first !== undefined) errors[at('name')] = `与第${first + 1}位调解员重复（姓名和电话相同）`
      else seenNamePhone.set(k, i)
    }
    if (certificateNo) {
      const first = seenCert.get(certificateNo)
      if (first !== undefined) errors[at('certificateNo')] = `证书编号与第${first + 1}位调解员重复`
      else seenCert.set(certificateNo, i)
    }
    return { ...m, name, phone: normalizedPhone, certificateNo, ...(idNumber ? { idNumber } : {}) }
  })
  if (list.length === 0) errors.mediators = '请至少登记一名调解员'
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, value }
}

export function validateRooms(list: RoomInput[], mediatorKeys: readonly string[]): Validation<RoomInput[]> {
  const errors: FieldErrors = {}
  const seen = new Map<string, number>()
  const value = list.map((r, i) => {
    const name = trim(r.name)
    if (!name) errors[`rooms.${i}.name`] = '请填写调解室名称'
    else if (charCount(name) > 40) errors[`rooms.${i}.name`] = '名称不能超过40个字'
    else {
      const first = seen.get(name)
      if (first !== undefined) errors[`rooms.${i}.name`] = `与第${first + 1}个调解室重名`
      else seen.set(name, i)
    }
    if (r.leadMediatorKey && !mediatorKeys.includes(r.leadMediatorKey)) {
      errors[`rooms.${i}.leadMediatorKey`] = '牵头调解员不在调解员名单中'
    }
    return { ...r, name }
  })
  if (list.length === 0) errors.rooms = '请至少设立一个调解室'
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, value }
}

/** The whole first-run setup, all fields checked at once so every problem shows together. */
export function validateSetup(input: SetupInput): Validation<SetupInput> {
  const c = validateCommittee(input.committee)
  const m = validateMediators(input.mediators)
  const r = validateRooms(
    input.rooms,
    input.mediators.map((x) => x.key),
  )
  if (c.ok && m.ok && r.ok) return { ok: true, value: { committee: c.value, mediators: m.value, rooms: r.value } }
  const errors: FieldErrors = {}
  if (!c.ok) for (const [k, v] of Object.entries(c.errors)) errors[`committee.${k}`] = v
  if (!m.ok) Object.assign(errors, m.errors)
  if (!r.ok) Object.assign(errors, r.errors)
  return { ok: false, errors }
}

export type CommitteeSettings = Pick<Committee, 'categories' | 'referralDepartments'>

/** A configurable list (categories, referral departments): no blanks, no duplicates, at least one. */
export function validateNameList(list: string[], what: string): Validation<string[]> {
  const cleaned = list.map(trim)
  const errors: FieldErrors = {}
  if (cleaned.length === 0) errors.list = `${what}至少要有一项`
  cleaned.forEach((s, i) => {
    if (!s) errors[`list.${i}`] = `第${i + 1}项为空`
    else if (cleaned.indexOf(s) !== i) errors[`list.${i}`] = `“${s}”重复`
    else if (charCount(s) > 20) errors[`list.${i}`] = `“${s}”超过20个字`
  })
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, value: cleaned }
}

/**
 * Checks one new or edited entry against the rest of its list, as a dialog that edits one entry shows it:
 * its errors under `<list>.0.…` (a duplicate is reported on the entry being edited, never on the one
 * already saved), its checked value alone. Errors that only concern the other entries are not its own.
 */
export function validateEntryOf<T, C>(
  list: 'rooms' | 'mediators',
  validateList: (entries: T[]) => Validation<C[]>,
  draft: T,
  others: readonly T[],
): Validation<C> {
  const all = validateList([...others, draft])
  if (all.ok) return { ok: true, value: all.value[others.length]! }
  const at = `${list}.${others.length}.`
  const own = Object.entries(all.errors).filter(([key]) => key.startsWith(at))
  if (own.length > 0)
    return {
      ok: false,
      errors: Object.fromEntries(own.map(([key, message]) => [`${list}.0.${key.slice(at.length)}`, message])),
    }
  const alone = validateList([draft])
  return alone.ok ? { ok: true, value: alone.value[0]! } : alone
}
