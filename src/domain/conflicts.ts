/**
 * Settling a conflict: a record changed both here (本机版本) and elsewhere — in an imported file (导入版本)
 * or on another PC of the committee, arriving through the sync server (对方版本). What a person is shown
 * to decide (the fields that differ, labelled in Chinese, personal numbers masked), the two choices and
 * when each is refused. Pure: the db layer reads the versions and writes the choice.
 */
import { isReadOnly, STATUS_LABELS } from './lifecycle'
import type { CaseStatus, SessionRecord } from './types'
import { isMaskedFieldValue, maskedFieldValue, maskIdNumber, maskPersonalNumbersInText, maskPhone } from './masking'
import { CHINA_UTC_OFFSET_MINUTES } from './dates'
import { fenToFigures } from './money'
import { canonicalJson } from './canonical'
import type { RecordAuditAction } from './audit'
import { UNKNOWN_ROSTER_LABELS, type RosterKind } from './rosterNames'
import {
  AGREEMENT_STATUS_LABELS,
  ATTACHMENT_KIND_LABELS,
  CLAUSE_KIND_LABELS,
  ID_DOCUMENT_LABELS,
  JUDICIAL_CONFIRMATION_RESULT_LABELS,
  OUTCOME_KIND_LABELS,
  PARTY_KIND_LABELS,
  PERFORMANCE_LABELS,
  REFERRAL_SCOPE_LABELS,
  SESSION_KIND_LABELS,
  SESSION_KIND_WORDS,
  SIGNER_ROLE_LABELS,
} from './labels'
import { compareOrdinal } from './text'

export type SettleChoice = 'local' | 'incoming'

/** The two buttons, in the order they are shown. */
export const SETTLE_CHOICES = [
  { choice: 'local', label: '保留本机' },
  { choice: 'incoming', label: '采用导入' },
] as const satisfies readonly { choice: SettleChoice; label: string }[]

/** Where a conflict comes from: an imported transfer file, or the committee's sync server (another PC). */
export type ConflictSource = 'import' | 'sync'

/** The words of each source: the list's 来源, the other version's name, the second button and its result. */
export const CONFLICT_SOURCE_WORDS: Record<
  ConflictSource,
  { label: string; theirs: string; take: string; taken: string; explain: string }
> = {
  import: {
    label: '导入文件',
    theirs: '导入版本',
    take: '采用导入',
    taken: '已采用导入的版本',
    explain: '保留本机：本机记录不变，导入的版本不再保留。采用导入：用导入的版本替换本机记录。',
  },
  sync: {
    label: '同步',
    theirs: '对方版本',
    take: '采用对方',
    taken: '已采用对方的版本',
    explain:
      '保留本机：本机版本在下次同步时发到服务器，其他电脑随后也改用它。采用对方：用服务器上（另一台电脑保存）的版本替换本机记录。',
  },
}

/** The label of a choice's button for a conflict from `source` (保留本机 / 采用导入 / 采用对方). */
export function settleChoiceLabel(source: ConflictSource, choice: SettleChoice): string {
  return choice === 'local' ? SETTLE_CHOICES[0].label : CONFLICT_SOURCE_WORDS[source].take
}

/** Why a conflict was not settled (nothing changed), in the words shown to the person. */
export const SETTLE_REFUSALS = {
  gone: '这条冲突已经处理过或已不存在，没有作任何改动。',
  localChanged: '本机的这条记录在比较之后又被修改过，没有作任何改动。请重新打开比较，看过最新内容后再选择。',
  archived: '案件已归档，只能查看，冲突没有处理。如需处理，请先“重新打开”案件并说明理由。',
  archivedTakeRemote:
    '本机的案件已归档，不能用对方的版本替换，本机版本保持不变。可以选择“保留本机”；如需采用对方的版本，请先“重新打开”案件并说明理由。',
} as const

/**
 * Why a sync conflict cannot be settled by `choice`, or undefined when it can. 采用对方 would change the
 * case here, so it is refused while the case here is archived (read-only until reopened, lifecycle.ts):
 * ours stays. 保留本机 changes nothing here and stays possible (the server's validation judges the push).
 */
export function syncSettleRefusal(choice: SettleChoice, localStatus: CaseStatus | undefined): string | undefined {
  return choice === 'incoming' && localStatus !== undefined && isReadOnly(localStatus)
    ? SETTLE_REFUSALS.archivedTakeRemote
    : undefined
}

/**
 * What refuses each choice of a conflict as it is listed (the buttons are disabled, the reason shown):
 * an import conflict on an archived case refuses both, a masked number blocks 采用导入; a sync conflict
 * refuses only 采用对方 on a case archived here (syncSettleRefusal).
 */
export function settleRefusals(
  source: ConflictSource,
  facts: { localStatus?: CaseStatus; caseReadOnly: boolean; incomingBlocked?: string },
): Partial<Record<SettleChoice, string>> {
  if (source === 'sync') {
    const refused = syncSettleRefusal('incoming', facts.localStatus)
    return refused ? { incoming: refused } : {}
  }
  if (facts.caseReadOnly) return { local: SETTLE_REFUSALS.archived, incoming: SETTLE_REFUSALS.archived }
  return facts.incomingBlocked ? { incoming: facts.incomingBlocked } : {}
}

/** What the audit log records for each choice (an identifier, see src/db/audit.ts). */
export const SETTLE_AUDIT_ACTIONS: Record<SettleChoice, RecordAuditAction> = {
  local: 'settle-keep-local',
  incoming: 'settle-take-incoming',
}

/**
 * Never compared or shown: keys derived from the record (recomputed on write; the search keys only in
 * conflicts recorded before storage v3), and attachment bytes (their size and SHA-256 stand for them).
 */
const HIDDEN_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'partySummary',
  'searchTokens',
  'facets',
  'data',
  'dataBase64',
])

/** Field names as the forms say them; the order here is the order of the comparison. */
const FIELD_LABELS: Record<string, string> = {
  caseNo: '案号',
  title: '纠纷名称',
  status: '状态',
  parties: '当事人',
  sessions: '调解记录',
  name: '姓名/名称',
  role: '身份',
  kind: '类型',
  category: '纠纷类别',
  source: '案件来源',
  sourceBody: '移交/委派单位',
  sourceRefNo: '移交文号',
  screeningId: '排查记录',
  visitId: '接待登记',
  gridWorkerId: '上报网格员',
  invitedIds: '邀请参加人员',
  oralApplication: '口头申请',
  facts: '事实',
  requests: '申请事项',
  amountFen: '金额',
  peopleCount: '涉及人数',
  flags: '标记',
  roomId: '调解室',
  mediatorIds: '调解员',
  recorderId: '记录人',
  receivedOn: '登记日期',
  acceptedOn: '受理日期',
  dueOn: '期限',
  extension: '延期',
  rightsNoticeGivenAt: '权利义务告知时间',
  rejection: '不予受理',
  outcome: '结果',
  performance: '履行情况',
  closedAt: '结案时间',
  closingSummary: '结案小结',
  prevention: '防止纠纷激化',
  archivedAt: '归档时间',
  reopenings: '重新打开',
  judicialConfirmation: '司法确认',
  gender: '性别',
  ethnicity: '民族',
  birthDate: '出生日期',
  idNumber: '身份证号',
  idType: '证件类型',
  correctedFromId: '与身份证号不同（已更正）',
  relationship: '与当事人关系',
  phone: '电话',
  address: '住址',
  occupation: '职业',
  creditCode: '统一社会信用代码',
  legalRep: '法定代表人',
  agents: '代理人',
  order: '排列顺序',
  caseId: '所属案件',
  startedAt: '时间',
  place: '地点',
  present: '参加人',
  statements: '各方陈述',
  factsChecked: '查明的事实',
  riskWarning: '风险提示',
  notes: '记录',
  version: '版本',
  replacesId: '取代的版本',
  disputes: '争议事项',
  clauses: '协议条款',
  performanceTerms: '履行方式和期限',
  copies: '份数',
  template: '模板',
  finalizedAt: '生效时间',
  contentHash: '内容摘要',
  signature: '电子签章',
  keyId: '签章密钥',
  verifyCode: '核验码',
  chainHead: '审计链位置',
  agreementId: '所属协议',
  agreementVersion: '协议版本',
  signerRole: '签名人身份',
  signerId: '签名人',
  signerName: '签名人姓名',
  image: '签名图像',
  signedAt: '签名时间',
  visitedOn: '回访日期',
  method: '方式',
  visitorIds: '回访人',
  satisfaction: '满意度',
  escalationSigns: '有激化迹象',
  department: '转办部门',
  scope: '范围',
  matter: '转办事项',
  history: '办理经过',
  mime: '文件类型',
  size: '大小',
  sha256: '内容校验值',
  fullName: '全称',
  shortName: '简称',
  caseNumberPattern: '案号格式',
  defaultDeadlineDays: '默认办理期限（天）',
  categories: '纠纷类别',
  referralDepartments: '转办部门',
  sealImage: '印章',
  committeeId: '调解委员会',
  leadMediatorId: '负责调解员',
  certificateNo: '证书编号',
  active: '在用',
  roomIds: '所属调解室',
  // members of nested values (agents, statements, clauses, outcomes …)
  speaker: '发言人',
  text: '内容',
  content: '内容',
  reason: '理由',
  days: '天数',
  partiesConsent: '双方同意',
  at: '时间',
  routes: '告知的途径',
  routesTold: '告知的途径',
  escalationWarning: '激化预警',
  note: '说明',
  receiptIds: '凭证',
  appliedOn: '申请日期',
  court: '受理法院',
  result: '结果',
  decidedOn: '裁定日期',
  rulingNo: '裁定书文号',
  obligorIds: '义务人',
  obligeeIds: '权利人',
  action: '事项',
  installments: '分期',
  createdAt: '创建时间',
  updatedAt: '最后修改时间',
}

/** Where one word means something more precise in one table. */
const TABLE_FIELD_LABELS: Record<string, Record<string, string>> = {
  cases: { facts: '纠纷事实', outcome: '调解结果', amountFen: '涉及金额', dueOn: '办结期限', performance: '履行记录' },
  sessions: { kind: '记录类型', mediatorIds: '主持调解员', outcome: '结果' },
  agreements: { facts: '协议事实' },
  followUps: { notes: '回访记录' },
  referrals: { dueOn: '办理期限', status: '办理状态' },
  attachments: { name: '文件名', kind: '附件类型' },
  mediators: { name: '姓名', role: '角色' },
  rooms: { name: '名称' },
}

/** A member's stored values in words: `status` and `kind` mean different enums in different tables, and their values do not overlap. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  status: { ...STATUS_LABELS, ...AGREEMENT_STATUS_LABELS, ...PERFORMANCE_LABELS },
  performance: PERFORMANCE_LABELS,
  kind: {
    ...PARTY_KIND_LABELS,
    ...SESSION_KIND_LABELS,
    ...CLAUSE_KIND_LABELS,
    ...OUTCOME_KIND_LABELS,
    ...ATTACHMENT_KIND_LABELS,
  },
  scope: REFERRAL_SCOPE_LABELS,
  signerRole: SIGNER_ROLE_LABELS,
  idType: ID_DOCUMENT_LABELS,
  result: JUDICIAL_CONFIRMATION_RESULT_LABELS,
}

const IMAGE_FIELDS: ReadonlySet<string> = new Set(['image', 'sealImage'])
/** Long digests and signatures: their first characters are enough to tell two apart. */
const DIGEST_FIELDS: ReadonlySet<string> = new Set(['sha256', 'contentHash', 'signature', 'chainHead'])
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

export function fieldLabel(table: string, field: string): string {
  return TABLE_FIELD_LABELS[table]?.[field] ?? FIELD_LABELS[field] ?? field
}

/** A field of the case form (IntakeInput) as the forms say it: the amount is typed in 元, stored in 分. */
export function intakeFieldLabel(field: string): string {
  return fieldLabel('cases', field === 'amountYuan' ? 'amountFen' : field)
}

/** A value of the case form (IntakeInput) in words, as `displayValue` says the stored one: 元 typed, 分 stored. */
export function intakeFieldWords(field: string, value: unknown, nameOf: NameOf = () => undefined): string {
  if (field === 'amountYuan' && typeof value === 'number')
    return displayValue('cases', 'amountFen', Math.round(value * 100))
  return displayValue('cases', field, value, nameOf)
}

/** The fields of a session record whose label in its editor starts with the record's kind (调查时间, 调解结果). */
const SESSION_KIND_FIELDS: ReadonlySet<string> = new Set(['startedAt', 'place', 'outcome'])

/**
 * A field of a session record as its editor and the clash notice say it. The notes box is named after the
 * record itself (调解记录, 调查记录): that is what a mediator calls what is written down, and the same word as
 * the paper it prints on.
 */
export function sessionFieldLabel(kind: SessionRecord['kind'], field: string): string {
  if (SESSION_KIND_FIELDS.has(field)) return `${SESSION_KIND_WORDS[kind]}${FIELD_LABELS[field] ?? field}`
  if (field === 'notes') return SESSION_KIND_LABELS[kind]
  return fieldLabel('sessions', field)
}

export interface FieldDifference {
  field: string
  label: string
  /** what the person sees of each version: masked, in words */
  local: string
  incoming: string
}

/** Resolves an id (mediator, room, party …) to a name where the caller knows it. */
export type NameOf = (id: string) => string | undefined

function members(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

/** Absent, empty text and an empty list all mean "nothing here": one form stores '' where another leaves the field out. */
function comparable(value: unknown): string {
  const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  return empty ? '' : canonicalJson(value)
}

/** Each labelled field's place in FIELD_LABELS: looked up per comparison of a sort, so listed once. */
const FIELD_ORDER: ReadonlyMap<string, number> = new Map(Object.keys(FIELD_LABELS).map((field, i) => [field, i]))

function fieldOrder(field: string): number {
  return FIELD_ORDER.get(field) ?? Number.MAX_SAFE_INTEGER
}

/**
 * Names of the top-level members that differ between the two versions (a missing local record
 * differs in every member the incoming one has). Derived keys and attachment bytes are left out.
 */
export function differingFields(local: unknown, incoming: unknown): string[] {
  const a = members(local)
  const b = members(incoming)
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((k) => !HIDDEN_FIELDS.has(k) && comparable(a[k]) !== comparable(b[k]))
    .sort((x, y) => fieldOrder(x) - fieldOrder(y) || compareOrdinal(x, y))
}

/**
 * The incoming version with every number that a masked export hid (110105********1234, 138****5678,
 * the same inside free text) put back from the local version when it is the same number: a masked
 * file cannot know the full number, so hiding it is no change. Anything else stays as imported.
 */
export function withLocalNumbers(local: unknown, incoming: unknown, field = ''): unknown {
  if (typeof local === 'string' && typeof incoming === 'string')
    return local !== incoming && maskedForm(field, local) === incoming ? local : incoming
  if (Array.isArray(local) && Array.isArray(incoming)) {
    return local.length === incoming.length
      ? incoming.map((item, i) => withLocalNumbers(local[i], item, field))
      : incoming
  }
  if (
    typeof incoming !== 'object' ||
    incoming === null ||
    Array.isArray(incoming) ||
    typeof local !== 'object' ||
    local === null
  )
    return incoming
  const a = members(local)
  return Object.fromEntries(Object.entries(members(incoming)).map(([k, v]) => [k, withLocalNumbers(a[k], v, k)]))
}

/** A masked number (with the `*` a masked export puts in), which must never replace a full one. */
const MASKED_NUMBER_FIELDS: ReadonlySet<string> = new Set(['idNumber', 'phone'])

/**
 * Why the incoming version cannot be taken, or undefined when it can: a masked export's ID and phone
 * numbers are incomplete, so one that differs from the number here would overwrite it with stars.
 * Call with the incoming version after `withLocalNumbers`.
 */
export function incomingBlocker(local: unknown, incoming: unknown): string | undefined {
  const masked = maskedNumbersChanged(local, incoming, '')
  if (masked.length === 0) return undefined
  const what = [...new Set(masked.map((f) => FIELD_LABELS[f] ?? f))].join('、')
  return `导入版本的${what}来自脱敏文件，号码不完整，不能用它替换本机的号码。请保留本机版本，向对方核实后在案件中手工修改。`
}

function maskedNumbersChanged(local: unknown, incoming: unknown, field: string): string[] {
  if (typeof incoming === 'string') return isMaskedFieldValue(field, incoming) && incoming !== local ? [field] : []
  if (Array.isArray(incoming))
    return incoming.flatMap((item, i) => maskedNumbersChanged(Array.isArray(local) ? local[i] : undefined, item, field))
  if (typeof incoming !== 'object' || incoming === null) return []
  const a = members(local)
  return Object.entries(members(incoming)).flatMap(([k, v]) => maskedNumbersChanged(a[k], v, k))
}

function maskedForm(field: string, value: string): string {
  return maskedFieldValue(field, value)
}

/** The comparison shown side by side: one line per differing field, both sides in words, masked. */
export function compareVersions(
  table: string,
  local: unknown,
  incoming: unknown,
  nameOf: NameOf = () => undefined,
): FieldDifference[] {
  const a = members(local)
  const b = members(withLocalNumbers(local, incoming))
  return differingFields(a, b).map((field) => ({
    field,
    label: fieldLabel(table, field),
    local: local === undefined ? '（本机已没有这条记录）' : displayValue(table, field, a[field], nameOf),
    incoming: displayValue(table, field, b[field], nameOf),
  }))
}

const EMPTY = '（空）'

/** One value in words: codes as labels, money in yuan, instants in China time, numbers masked. */
export function displayValue(table: string, field: string, value: unknown, nameOf: NameOf = () => undefined): string {
  if (value === undefined || value === null || value === '') return EMPTY
  if (IMAGE_FIELDS.has(field)) return '（图片）'
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (typeof value === 'number') return displayNumber(field, value)
  if (typeof value === 'string') return displayText(field, value, nameOf)
  if (Array.isArray(value)) {
    if (value.length === 0) return EMPTY
    const itemField = field.endsWith('Ids') ? field.slice(0, -1) : field
    const parts = value.map((item) => displayValue(table, itemField, item, nameOf))
    return parts.join(value.every((item) => typeof item !== 'object') ? '、' : '；')
  }
  const entries = Object.entries(members(value)).filter(([k, v]) => !HIDDEN_FIELDS.has(k) && v !== undefined)
  return entries.map(([k, v]) => `${fieldLabel(table, k)}：${displayValue(table, k, v, nameOf)}`).join('，')
}

function displayNumber(field: string, value: number): string {
  if (field.endsWith('Fen') && Number.isSafeInteger(value) && value >= 0) return `${fenToFigures(value)} 元`
  if (field === 'size') return value < 1024 ? `${value} 字节` : `${(value / 1024).toFixed(1)} KB`
  return String(value)
}

function displayText(field: string, value: string, nameOf: NameOf): string {
  if (MASKED_NUMBER_FIELDS.has(field) && value.includes('*')) return value
  if (field === 'idNumber') return maskIdNumber(value)
  if (field === 'phone') return maskPhone(value)
  if (field.endsWith('Id')) return nameOf(value) ?? unnamedId(field, value)
  if (DIGEST_FIELDS.has(field)) return value.length > 12 ? `${value.slice(0, 12)}…` : value
  const label = VALUE_LABELS[field]?.[value]
  if (label !== undefined) return label
  if (INSTANT.test(value)) return chinaTime(value)
  return maskPersonalNumbersInText(value)
}

/** The fields (a list's items named in the singular) that hold a room's or a mediator's id. */
const ROSTER_ID_FIELDS: Readonly<Record<string, RosterKind>> = {
  roomId: 'room',
  mediatorId: 'mediator',
  recorderId: 'mediator',
  visitorId: 'mediator',
  leadMediatorId: 'mediator',
}

/**
 * An id this PC has no name for: a room or mediator is another PC's (rosterNames.ts); the start of the id
 * stays, since telling two versions apart is what the comparison is for.
 */
function unnamedId(field: string, id: string): string {
  const kind = ROSTER_ID_FIELDS[field]
  const tag = `编号 ${id.slice(0, 8)}`
  return kind ? `${UNKNOWN_ROSTER_LABELS[kind]}（${tag}）` : tag
}

/** '2026-11-22T08:05:09.000Z' -> '2026-11-22 16:05:09' (China Standard Time): seconds tell two saves apart. */
function chinaTime(instant: string): string {
  const ms = Date.parse(instant)
  if (Number.isNaN(ms)) return maskPersonalNumbersInText(instant)
  return new Date(ms + CHINA_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 19).replace('T', ' ')
}
