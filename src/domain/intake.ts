/**
 * Intake (登记): what a case and its parties must hold before they are stored. Messages are Chinese
 * and keyed by field path (`parties.0.idNumber`), so the form shows each beside its field.
 */
import type { Agent, CaseFlag, CaseSource, Gender, IdDerivedField, IdDocumentType, PartyRole } from './types'
import { parseIdNumber } from './idNumber'
import { isIdDocumentType, parseDocumentNumber } from './idDocuments'
import { GUARDIAN_KIND, withMinorFlag, type PartyInput } from './parties'
import { parseCreditCode } from './creditCode'
import { parsePhone } from './phone'
import { isCaseSource, sourceInfo } from './sources'
import { charCount } from './text'
import { isIsoDate } from './dates'
import { readTypedDate } from './typedDate'
import type { FieldErrors, Validation } from './settings'

export const PARTY_ROLES: readonly PartyRole[] = ['申请人', '被申请人', '第三人']
/** Largest amount a form accepts: ten billion yuan, in fen. */
export const MAX_AMOUNT_FEN = 1_000_000_000_000

export interface IntakeInput {
  source: CaseSource
  sourceBody: string
  sourceRefNo: string
  /** the screening round that found a 主动排查 case ('' or absent: none) */
  screeningId?: string
  /** the reception visit it is registered from (absent: none) */
  visitId?: string
  /** the roster's grid worker who reported a 网格员上报 case ('' or absent: none) */
  gridWorkerId?: string
  oralApplication: boolean
  category: string
  title: string
  facts: string
  requests: string[]
  amountYuan: number
  peopleCount: number
  flags: CaseFlag[]
  roomId: string
  mediatorIds: string[]
  receivedOn: string
  parties: PartyInput[]
}

const t = (s: string | undefined) => (s ?? '').trim()

/** What an ID number tells about its holder: the form fills gender and birth date from it. */
export function identityFromIdNumber(idNumber: string): { gender: Gender; birthDate: string } | undefined {
  const r = parseIdNumber(idNumber)
  return r.ok ? { gender: r.gender, birthDate: r.birthDate } : undefined
}

/** Checks one party; `at` prefixes the error keys. The cleaned party keeps the name exactly as typed. */
export function validateParty(p: PartyInput, at: string, today: string): Validation<PartyInput> {
  const errors: FieldErrors = {}
  const e = (field: string, message: string) => (errors[`${at}${field}`] = message)
  // Names are kept exactly as typed (rare characters included); only surrounding spaces go.
  const name = t(p.name)
  if (!PARTY_ROLES.includes(p.role)) e('role', '请选择当事人身份')
  if (!name) e('name', p.kind === 'org' ? '请填写单位名称' : '请填写当事人姓名')
  else if (charCount(name) > (p.kind === 'org' ? 60 : 30))
    e('name', p.kind === 'org' ? '单位名称不能超过60个字' : '姓名不能超过30个字')

  let phone = t(p.phone)
  if (phone) {
    const r = parsePhone(phone)
    if (r.ok) phone = r.normalized
    else e('phone', r.message)
  }

  const cleaned: PartyInput = { ...p, name, phone, address: t(p.address), agents: [] }
  if (p.kind === 'person') {
    const idType: IdDocumentType = p.idType && isIdDocumentType(p.idType) ? p.idType : 'resident'
    const idNumber = t(p.idNumber)
    const corrected = new Set(p.correctedFromId ?? [])
    // a birth date typed by hand (no 身份证: a passport, a child) as any date is typed (./typedDate.ts)
    const typedBirth = readTypedDate(p.birthDate ?? '')
    const birthDate = typedBirth.ok ? typedBirth.date : p.birthDate
    if (typedBirth.ok && typedBirth.date) cleaned.birthDate = typedBirth.date
    delete cleaned.correctedFromId
    // 居民身份证 is what a party without a type holds: stored without one, so older records stay as they were
    delete cleaned.idType
    if (idType !== 'resident') cleaned.idType = idType
    if (idNumber) {
      const r = parseDocumentNumber(idType, idNumber, today)
      if (!r.ok) e('idNumber', r.message)
      else {
        cleaned.idNumber = r.number
        // A 身份证 gives gender and birth date; a different value stands only as a confirmed correction (更正).
        if (r.derived) {
          const kept: IdDerivedField[] = []
          const derived = r.derived
          const differs = (field: IdDerivedField, value: string | undefined, label: string) => {
            if (!value || value === derived[field]) return
            if (corrected.has(field)) kept.push(field)
            else e(field, `${label}与身份证号不一致（身份证号显示为${derived[field]}）`)
          }
          differs('gender', p.gender, '性别')
          differs('birthDate', birthDate, '出生日期')
          cleaned.gender = kept.includes('gender') ? (p.gender as Gender) : derived.gender
          cleaned.birthDate = kept.includes('birthDate') ? birthDate : derived.birthDate
          if (kept.length > 0) cleaned.correctedFromId = kept
        }
      }
    }
    if (!cleaned.gender) delete cleaned.gender
    if (!typedBirth.ok && (!idNumber || idType !== 'resident' || corrected.has('birthDate')))
      e('birthDate', `出生日期：${typedBirth.message}`)
    if (birthDate && isIsoDate(birthDate) && birthDate > today) e('birthDate', '出生日期不能晚于今天')
    for (const k of ['ethnicity', 'occupation'] as const) if (t(p[k])) cleaned[k] = t(p[k])
    delete cleaned.creditCode
    delete cleaned.legalRep
  } else {
    const code = t(p.creditCode)
    if (code) {
      const r = parseCreditCode(code)
      if (!r.ok) e('creditCode', r.message)
      else cleaned.creditCode = r.creditCode
    }
    if (t(p.legalRep)) cleaned.legalRep = t(p.legalRep)
    for (const k of [
      'gender',
      'ethnicity',
      'birthDate',
      'idType',
      'idNumber',
      'correctedFromId',
      'occupation',
    ] as const)
      delete cleaned[k]
  }
  for (const k of Object.keys(cleaned) as (keyof PartyInput)[])
    if (cleaned[k] === '' || cleaned[k] === undefined) delete cleaned[k]
  cleaned.phone = phone
  cleaned.address = t(p.address)

  p.agents.forEach((a, i) => {
    const agentAt = `agents.${i}.`
    const agent: Agent = { name: t(a.name), kind: t(a.kind) || '委托代理人' }
    if (!agent.name) e(`${agentAt}name`, agent.kind === GUARDIAN_KIND ? '请填写监护人姓名' : '请填写代理人姓名')
    if (t(a.relationship) && agent.kind === GUARDIAN_KIND) agent.relationship = t(a.relationship)
    if (t(a.phone)) {
      const r = parsePhone(t(a.phone))
      if (r.ok) agent.phone = r.normalized
      else e(`${agentAt}phone`, r.message)
    }
    if (t(a.idNumber)) {
      // an agent (a foreign minor's parent, say) may hold any identity document too; absent: 身份证
      const type: IdDocumentType = a.idType && isIdDocumentType(a.idType) ? a.idType : 'resident'
      const r = parseDocumentNumber(type, t(a.idNumber), today)
      if (r.ok) {
        agent.idNumber = r.number
        if (type !== 'resident') agent.idType = type
      } else e(`${agentAt}idNumber`, r.message)
    }
    cleaned.agents.push(agent)
  })

  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, value: cleaned }
}

/** The whole intake form; every problem at once. */
export function validateIntake(
  input: IntakeInput,
  categories: readonly string[],
  today: string,
): Validation<IntakeInput> {
  const errors: FieldErrors = {}
  if (!isCaseSource(input.source)) errors.source = '请选择案件来源'
  else if (sourceInfo(input.source).hasReferringBody && !t(input.sourceBody))
    errors.sourceBody = '请填写移交或委派的单位'
  if (!categories.includes(input.category)) errors.category = '请选择纠纷类别'
  const title = t(input.title)
  if (!title) errors.title = '请填写纠纷简要名称，如“张某与李某相邻通行纠纷”'
  else if (charCount(title) > 60) errors.title = '纠纷名称不能超过60个字'
  if (!t(input.facts)) errors.facts = '请简要填写纠纷事实'
  else if (charCount(input.facts) > 20000) errors.facts = '纠纷事实不能超过2万字，详细内容请记入调查记录'
  const requests = input.requests.map(t).filter(Boolean)
  if (!Number.isFinite(input.amountYuan) || input.amountYuan < 0) errors.amountYuan = '涉及金额不能为负数'
  else if (Math.round(input.amountYuan * 100) > MAX_AMOUNT_FEN) errors.amountYuan = '涉及金额过大，请核对'
  if (!Number.isInteger(input.peopleCount) || input.peopleCount < 1 || input.peopleCount > 100000)
    errors.peopleCount = '涉及人数应为1以上的整数'
  if (!t(input.roomId)) errors.roomId = '请选择调解室'
  const received = readTypedDate(input.receivedOn)
  const receivedOn = received.ok ? received.date : ''
  if (!received.ok) errors.receivedOn = received.message
  else if (receivedOn === '') errors.receivedOn = '请填写登记日期'
  else if (receivedOn > today) errors.receivedOn = '登记日期不能晚于今天'

  const parties: PartyInput[] = []
  input.parties.forEach((p, i) => {
    const r = validateParty(p, `parties.${i}.`, today)
    if (r.ok) parties.push(r.value)
    else Object.assign(errors, r.errors)
  })
  if (!input.parties.some((p) => p.role === '申请人')) errors.parties = '请至少登记一名申请人'
  else if (input.source === '当事人申请' && !input.parties.some((p) => p.role === '被申请人'))
    errors.parties = '请登记被申请人（对方当事人）'
  if (input.parties.length > 0 && input.peopleCount < input.parties.length && !errors.peopleCount) {
    errors.peopleCount = `涉及人数不能少于登记的当事人数（${input.parties.length}）`
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    value: {
      ...input,
      receivedOn,
      sourceBody: t(input.sourceBody),
      sourceRefNo: t(input.sourceRefNo),
      title,
      facts: input.facts.trim(),
      requests,
      // a party under 18 (on the intake date: the case is not accepted yet) marks the case by itself
      flags: withMinorFlag([...new Set(input.flags)], parties, receivedOn),
      mediatorIds: [...new Set(input.mediatorIds)],
      parties,
    },
  }
}

/** "张三、李四 与 某公司": applicants, then respondents, for lists. */
export function partySummary(parties: readonly Pick<PartyInput, 'role' | 'name'>[]): string {
  const names = (role: PartyRole) => parties.filter((p) => p.role === role).map((p) => p.name)
  const list = (xs: string[]) => (xs.length > 3 ? `${xs.slice(0, 3).join('、')}等${xs.length}人` : xs.join('、'))
  const a = names('申请人')
  const b = names('被申请人')
  return b.length ? `${list(a)} 与 ${list(b)}` : list(a)
}

/**
 * The case with its party summary derived again from its parties. Parties are taken in their `order`,
 * so the result does not depend on how they were read (an import compares it byte for byte).
 */
export function withPartySummary<C extends { partySummary: string }>(
  c: C,
  parties: readonly (Pick<PartyInput, 'role' | 'name'> & { order?: number })[],
): C {
  const ordered = [...parties].sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
  return { ...c, partySummary: partySummary(ordered) }
}
