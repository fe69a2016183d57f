/**
 * The pre-print checklist of an agreement: what blocks printing and what only asks for a second look.
 * Pure: `today` is passed in so the answer does not depend on the clock.
 */
import { clauseText, unfilledPlaceholders } from './clauses'
import type { Agreement, CaseRecord, Party, SignatureRecord } from './types'
import { electronicSignatureLimit, judicialConfirmationLimit } from './categories'
import { documentTypeOf, parseDocumentNumber } from './idDocuments'
import { isMaskedFieldValue } from './masking'
import { ID_FIELD_LABELS } from './labels'
import { ageReferenceDate, guardiansOf, isMinorOn } from './parties'

export type FindingLevel = 'block' | 'warn'

export interface Finding {
  level: FindingLevel
  code:
    | 'party-field-missing'
    | 'party-unsignable'
    | 'party-document-invalid'
    | 'party-document-masked'
    | 'guardian-missing'
    | 'guardian-incomplete'
    | 'no-clauses'
    | 'facts-missing'
    | 'amount-missing'
    | 'deadline-missing'
    | 'deadline-past'
    | 'installments-mismatch'
    | 'obligor-missing'
    | 'not-a-party'
    | 'placeholder-unfilled'
    | 'word-confusion'
    | 'copies-too-few'
    | 'judicial-confirmation-unavailable'
    | 'e-signature-unavailable'
  /** for the UI to point at: a party id, a clause id or a field name */
  target?: string
  message: string
}

interface RequiredField {
  key: keyof Party
  label: string
  level: FindingLevel
}

const PERSON_FIELDS: RequiredField[] = [
  { key: 'name', label: '姓名', level: 'block' },
  { key: 'gender', label: '性别', level: 'block' },
  { key: 'ethnicity', label: '民族', level: 'warn' },
  { key: 'birthDate', label: '出生日期', level: 'warn' },
  // any identity document will do: the label names the party's own (身份证号, 护照号码, 通行证号码 …)
  { key: 'idNumber', label: '身份证号', level: 'block' },
  { key: 'address', label: '住址', level: 'block' },
  { key: 'occupation', label: '职业', level: 'warn' },
  { key: 'phone', label: '电话', level: 'warn' },
]

const ORG_FIELDS: RequiredField[] = [
  { key: 'name', label: '名称', level: 'block' },
  { key: 'creditCode', label: '统一社会信用代码', level: 'block' },
  { key: 'legalRep', label: '法定代表人', level: 'block' },
  { key: 'address', label: '住所', level: 'block' },
]

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
}

/** A person's document: any type will do, as long as its number is right for that type. */
function documentFindings(party: Party, who: string): Finding[] {
  if (party.kind !== 'person' || isBlank(party.idNumber)) return []
  const type = documentTypeOf(party)
  // a copy from a masked file: the number is not wrong, it is hidden, and no one here can put it back
  if (isMaskedFieldValue('idNumber', party.idNumber ?? '')) {
    return [
      {
        level: 'block',
        code: 'party-document-masked',
        target: party.id,
        message: `当事人“${who}”的${ID_FIELD_LABELS[type]}来自脱敏文件，部分数字已遮盖，这份协议请到原来的电脑上打印`,
      },
    ]
  }
  const r = parseDocumentNumber(type, party.idNumber ?? '')
  if (r.ok) return []
  return [
    {
      level: 'block',
      code: 'party-document-invalid',
      target: party.id,
      message: `当事人“${who}”的${ID_FIELD_LABELS[type]}不对：${r.message}`,
    },
  ]
}

/** A minor signs through a 监护人 (法定代理人), who must be recorded with a relationship and an ID. */
function guardianFindings(party: Party, who: string, onDate: string): Finding[] {
  if (!isMinorOn(party, onDate)) return []
  const guardians = guardiansOf(party)
  if (guardians.length === 0) {
    return [
      {
        level: 'block',
        code: 'guardian-missing',
        target: party.id,
        message: `当事人“${who}”未满18周岁，请先在当事人信息里登记其监护人（法定代理人），协议由监护人一同签名`,
      },
    ]
  }
  const g = guardians[0]!
  const missing = [
    isBlank(g.relationship) ? '与当事人的关系' : '',
    isBlank(g.idNumber) ? '身份证号' : '',
    isBlank(g.phone) ? '电话' : '',
  ].filter(Boolean)
  if (missing.length === 0) return []
  return [
    {
      level: 'warn',
      code: 'guardian-incomplete',
      target: party.id,
      message: `当事人“${who}”的监护人${g.name}缺少${missing.join('、')}`,
    },
  ]
}

function partyFindings(party: Party, onDate: string): Finding[] {
  const fields = party.kind === 'org' ? ORG_FIELDS : PERSON_FIELDS
  const who = party.name.trim() || `${party.role}（第${party.order + 1}位）`
  const findings: Finding[] = fields
    .filter((f) => isBlank(party[f.key]))
    .map((f) => ({
      level: f.level,
      code: 'party-field-missing' as const,
      target: party.id,
      message: `当事人“${who}”缺少${f.key === 'idNumber' ? ID_FIELD_LABELS[documentTypeOf(party)] : f.label}`,
    }))
  findings.push(...documentFindings(party, who), ...guardianFindings(party, who, onDate))
  if (party.kind === 'org' && isBlank(party.legalRep) && party.agents.length === 0) {
    findings.push({
      level: 'block',
      code: 'party-unsignable',
      target: party.id,
      message: `单位当事人“${who}”既无法定代表人也无委托代理人，协议书上无人代表其签名`,
    })
  }
  if (isBlank(party.name)) {
    findings.push({
      level: 'block',
      code: 'party-unsignable',
      target: party.id,
      message: `${who}没有姓名，协议书上无法为其留签名栏`,
    })
  }
  return findings
}

/** Word pairs that are often confused in agreements; each is flagged once for a second look. */
const CONFUSABLE_WORDS: { pattern: RegExp; message: string }[] = [
  {
    pattern: /定金|订金/,
    message: '出现“定金”或“订金”：定金适用定金罚则（违约时双倍返还或不予返还），订金一般只是预付款，请确认用词',
  },
  {
    pattern: /抚养|扶养/,
    message: '出现“抚养”或“扶养”：抚养指父母对子女，扶养指夫妻之间，赡养指子女对父母，请确认用词',
  },
  {
    pattern: /赔偿|补偿/,
    message: '出现“赔偿”或“补偿”：赔偿以过错或侵权为前提，补偿不以过错为前提，请确认用词',
  },
]

export interface ChecklistInput {
  agreement: Agreement
  parties: readonly Party[]
  /** acceptedOn (or receivedOn before acceptance) is the day a party's age is counted on */
  caseRecord: Pick<CaseRecord, 'category'> & Partial<Pick<CaseRecord, 'acceptedOn' | 'receivedOn'>>
  signatures?: readonly SignatureRecord[]
  /** 'YYYY-MM-DD' */
  today: string
}

function clauseFindings(input: ChecklistInput): Finding[] {
  const { agreement, parties, today } = input
  const partyIds = new Set(parties.map((p) => p.id))
  const out: Finding[] = []
  agreement.clauses.forEach((clause, index) => {
    const label = `第${index + 1}条`
    const at = (level: FindingLevel, code: Finding['code'], message: string): void => {
      out.push({ level, code, target: clause.id, message: `${label}：${message}` })
    }
    if (clause.kind !== 'free' && clause.obligorIds.length === 0) at('block', 'obligor-missing', '没有写明由谁履行')
    for (const id of [...clause.obligorIds, ...clause.obligeeIds]) {
      if (!partyIds.has(id)) at('block', 'not-a-party', '履行人或权利人不是本案当事人')
    }
    const installments = clause.installments ?? []
    if (clause.kind === 'payment') {
      if (clause.amountFen === undefined || clause.amountFen <= 0) at('block', 'amount-missing', '金钱给付条款没有金额')
      if (!clause.dueOn && installments.length === 0) at('block', 'deadline-missing', '金钱给付条款没有履行期限')
      const sum = installments.reduce((s, i) => s + i.amountFen, 0)
      if (installments.length > 0 && clause.amountFen !== undefined && sum !== clause.amountFen) {
        at('block', 'installments-mismatch', '各期金额之和与总金额不一致')
      }
    }
    if (clause.kind === 'action' && !clause.dueOn) at('warn', 'deadline-missing', '没有写明履行期限')
    const dates = [clause.dueOn, ...installments.map((i) => i.dueOn)].filter((d): d is string => !!d)
    if (dates.some((d) => d < today)) at('warn', 'deadline-past', '履行期限早于今天')
  })
  return out
}

function textFindings(input: ChecklistInput): Finding[] {
  const { agreement, parties } = input
  const texts: { where: string; text: string }[] = [
    { where: '纠纷事实', text: agreement.facts },
    { where: '争议事项', text: agreement.disputes },
    ...agreement.clauses.map((c, i) => ({ where: `第${i + 1}条`, text: clauseText(c, parties) })),
    { where: '履行方式、时限', text: agreement.performanceTerms },
  ]
  const out: Finding[] = []
  for (const { where, text } of texts) {
    // unknown parties already print as 【当事人】 and are reported as not-a-party
    const blanks = unfilledPlaceholders(text).filter((b) => b !== '当事人')
    if (blanks.length > 0) {
      out.push({
        level: 'block',
        code: 'placeholder-unfilled',
        target: where,
        message: `${where}还有未填写的空白：${blanks.map((b) => `【${b}】`).join('、')}`,
      })
    }
  }
  const all = texts.map((t) => t.text).join('\n')
  for (const word of CONFUSABLE_WORDS) {
    if (word.pattern.test(all)) out.push({ level: 'warn', code: 'word-confusion', message: word.message })
  }
  return out
}

/** Every finding for an agreement about to be printed or finalised; print only when none is 'block'. */
export function checkAgreement(input: ChecklistInput): Finding[] {
  const { agreement, parties, caseRecord } = input
  // ages count on the acceptance date (ageReferenceDate); a bare case record in a test falls back to today
  const ageDay = ageReferenceDate({
    acceptedOn: caseRecord.acceptedOn,
    receivedOn: caseRecord.receivedOn ?? input.today,
  })
  const findings: Finding[] = parties.flatMap((p) => partyFindings(p, ageDay))
  if (agreement.facts.trim() === '') {
    findings.push({ level: 'block', code: 'facts-missing', target: 'facts', message: '没有填写纠纷主要事实' })
  }
  if (agreement.clauses.length === 0) {
    findings.push({ level: 'block', code: 'no-clauses', message: '协议没有任何条款' })
  }
  findings.push(...clauseFindings(input), ...textFindings(input))
  if (agreement.copies < parties.length + 1) {
    findings.push({
      level: 'warn',
      code: 'copies-too-few',
      target: 'copies',
      message: `协议份数为${agreement.copies}份，少于当事人人数加一（${parties.length + 1}份）`,
    })
  }
  const confirmation = judicialConfirmationLimit(caseRecord.category)
  if (!confirmation.allowed) {
    findings.push({
      level: 'warn',
      code: 'judicial-confirmation-unavailable',
      message: `“${caseRecord.category}”类纠纷：${confirmation.notice ?? '不能申请司法确认'}`,
    })
  }
  if (!electronicSignatureLimit(caseRecord.category).allowed) {
    const onScreen = (input.signatures ?? []).filter((s) => s.agreementId === agreement.id)
    findings.push({
      level: onScreen.length > 0 ? 'block' : 'warn',
      code: 'e-signature-unavailable',
      message: `“${caseRecord.category}”类纠纷涉及人身关系，依电子签名法不适用电子签名：请打印后由当事人手写签名并按指印${
        onScreen.length > 0 ? `（已有${onScreen.length}个屏幕签名，须改为纸面签署）` : ''
      }`,
    })
  }
  return findings
}

export function blocksPrinting(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.level === 'block')
}
