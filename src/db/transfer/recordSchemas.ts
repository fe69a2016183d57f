/**
 * zod schemas for every record a transfer file may carry, one per table. Objects are strict: an
 * unknown member (including `__proto__`) is an error, never silently copied into the database.
 * Each schema is checked against its type in src/domain/types.ts with `satisfies`.
 */
import { z } from 'zod'
import { parseIdNumber } from '../../domain/idNumber'
import { withVisibleCommitteeNames } from '../../domain/settings'
import { documentTypeOf, ID_DOCUMENT_TYPES, parseDocumentNumber } from '../../domain/idDocuments'
import type { TransferTableName } from '../../domain/transferTables'
import type {
  Agent,
  Agreement,
  AttachmentExport,
  AuditEntry,
  CaseRecord,
  Clause,
  IdDocumentType,
  Committee,
  Counter,
  FollowUp,
  ImportConflict,
  Mediator,
  Party,
  Referral,
  Room,
  ScreeningRound,
  Visit,
  SessionRecord,
  SettingRow,
  SignatureRecord,
} from '../../domain/types'

/** Limits that keep a hostile file from exhausting memory while leaving room for real case files. */
export const LIMITS = {
  shortText: 2_000,
  longText: 1_000_000,
  /** data URLs of seals and signatures */
  image: 10_000_000,
  /** an attachment's bytes as base64 (256 MB of bytes) */
  base64: 360_000_000,
  listItems: 10_000,
} as const

const short = z.string().max(LIMITS.shortText, '文字过长')
const long = z.string().max(LIMITS.longText, '文字过长')
const uuid = z.string().min(1, '编号为空').max(100, '编号过长')
const timestamp = z.string().max(40, '时间格式不正确')
const int = z.number().int('应为整数')
const list = <T extends z.ZodType>(item: T) => z.array(item).max(LIMITS.listItems, '列表过长')

/** A masked number from a masked export: digits, stars, maybe a final X. */
const MASKED_ID = /^[\dX]{0,6}\*+[\dX]{0,4}$/
/** A masked number of another document (masking.ts `maskDocumentNumber`): letters in front, stars, a tail. */
const MASKED_DOCUMENT = /^[A-Z]{0,3}\*+[0-9A-Z]{0,4}$/

/** A real ID number must pass the GB 11643 check; a masked one cannot be checked and cannot leak. */
export const idNumberSchema = z
  .string()
  .max(40)
  .refine((value) => MASKED_ID.test(value) || parseIdNumber(value).ok, '身份证号校验不通过')

const stamped = { id: uuid, createdAt: timestamp, updatedAt: timestamp }
const gender = z.enum(['男', '女'])

export const committeeSchema = z
  .strictObject({
    ...stamped,
    fullName: short,
    shortName: short,
    address: short,
    phone: short,
    caseNumberPattern: short,
    defaultDeadlineDays: int,
    categories: list(short),
    referralDepartments: list(short),
    sealImage: z.string().max(LIMITS.image).optional(),
  })
  .transform(withVisibleCommitteeNames) satisfies z.ZodType<Committee>

export const roomSchema = z.strictObject({
  ...stamped,
  committeeId: uuid,
  name: short,
  leadMediatorId: uuid.optional(),
  active: z.boolean(),
}) satisfies z.ZodType<Room>

export const mediatorSchema = z.strictObject({
  ...stamped,
  name: short,
  gender,
  phone: short,
  certificateNo: short,
  role: z.enum(['调解员', '记录人', '法律援助', '管理员']),
  active: z.boolean(),
  roomIds: list(uuid),
  idNumber: idNumberSchema.optional(),
  address: short.optional(),
}) satisfies z.ZodType<Mediator>

const caseStatus = z.enum([
  'intake',
  'rejected',
  'accepted',
  'investigating',
  'mediating',
  'drafting',
  'effective',
  'terminated',
  'withdrawn',
  'referred',
  'closed',
  'archived',
])
const caseSource = z.enum([
  '当事人申请',
  '主动排查',
  '公安移交',
  '法院委派委托',
  '政府部门交办',
  '网格员上报',
  '信访12345转办',
  '其他',
])
const performanceStatus = z.enum(['full', 'partial', 'none'])

export const caseSchema = z.strictObject({
  ...stamped,
  committeeId: uuid,
  roomId: uuid,
  caseNo: short.optional(),
  status: caseStatus,
  source: caseSource,
  sourceBody: short.optional(),
  sourceRefNo: short.optional(),
  oralApplication: z.boolean().optional(),
  category: short,
  title: short,
  facts: long,
  requests: list(long),
  amountFen: int,
  peopleCount: int,
  flags: list(z.enum(['群体性', '激化风险', '涉企', '涉及未成年人'])),
  mediatorIds: list(uuid),
  recorderId: uuid.optional(),
  receivedOn: timestamp,
  acceptedOn: timestamp.optional(),
  dueOn: timestamp.optional(),
  extension: z.strictObject({ days: int, reason: long, partiesConsent: z.literal(true), at: timestamp }).optional(),
  rightsNoticeGivenAt: timestamp.optional(),
  rejection: z.strictObject({ reason: long, routes: long, at: timestamp }).optional(),
  outcome: z
    .strictObject({
      kind: z.enum(['written', 'oral', 'terminated', 'withdrawn', 'referred']),
      at: timestamp,
      content: long,
      routesTold: long.optional(),
      escalationWarning: z.boolean().optional(),
    })
    .optional(),
  performance: list(z.strictObject({ status: performanceStatus, at: timestamp, note: long, receiptIds: list(uuid) })),
  closedAt: timestamp.optional(),
  closingSummary: long.optional(),
  archivedAt: timestamp.optional(),
  reopenings: list(z.strictObject({ at: timestamp, reason: long })).optional(),
  partySummary: long,
  prevention: z
    .strictObject({
      people: z.strictObject({
        criminal: int.min(0).optional(),
        suicide: int.min(0).optional(),
        petition: int.min(0).optional(),
        fight: int.min(0).optional(),
      }),
      abnormalDeath: z.boolean(),
    })
    .optional(),
  screeningId: uuid.optional(),
  visitId: uuid.optional(),
  gridWorkerId: uuid.optional(),
  judicialConfirmation: z
    .strictObject({
      appliedOn: timestamp,
      court: short,
      result: z.enum(['confirmed', 'rejected', 'withdrawn']).optional(),
      decidedOn: timestamp.optional(),
      rulingNo: short.optional(),
    })
    .optional(),
}) satisfies z.ZodType<CaseRecord>

/** Search and filter keys that case rows carried before storage v3; files written then still have them. */
export const LEGACY_CASE_KEYS = ['searchTokens', 'facets'] as const

/** A case row as a file may carry it: with the old keys, accepted (and checked) on read, then dropped. */
export const caseFileSchema = caseSchema.extend({
  searchTokens: list(short).optional(),
  facets: list(short).optional(),
})

type LegacyCaseKey = (typeof LEGACY_CASE_KEYS)[number]

export function hasLegacyCaseKeys(row: object): boolean {
  return LEGACY_CASE_KEYS.some((key) => key in row)
}

/** The row without the old search keys (they are derived data: this version keeps none). */
export function withoutLegacyCaseKeys<T extends object>(row: T): Omit<T, LegacyCaseKey> {
  const { searchTokens: _tokens, facets: _facets, ...rest } = row as T & Partial<Record<LegacyCaseKey, unknown>>
  return rest
}

/** Each number is checked for its own document; a masked one cannot be checked and cannot leak. */
function documentNumberRefinement(p: { idType?: IdDocumentType; idNumber?: string }, ctx: z.RefinementCtx): void {
  if (p.idNumber === undefined || MASKED_ID.test(p.idNumber) || MASKED_DOCUMENT.test(p.idNumber)) return
  const type = documentTypeOf(p)
  if (!parseDocumentNumber(type, p.idNumber).ok)
    ctx.addIssue({
      code: 'custom',
      message: type === 'resident' ? '身份证号校验不通过' : '证件号码校验不通过',
      path: ['idNumber'],
    })
}

const agentSchema = z
  .strictObject({
    name: short,
    kind: short,
    phone: short.optional(),
    idType: z.enum(ID_DOCUMENT_TYPES as [IdDocumentType, ...IdDocumentType[]]).optional(),
    idNumber: z.string().max(40).optional(),
    relationship: short.optional(),
  })
  .superRefine(documentNumberRefinement) satisfies z.ZodType<Agent>

export const partySchema = z
  .strictObject({
    ...stamped,
    caseId: uuid,
    role: z.enum(['申请人', '被申请人', '第三人']),
    kind: z.enum(['person', 'org']),
    name: short,
    order: int,
    phone: short.optional(),
    address: short.optional(),
    agents: list(agentSchema),
    gender: gender.optional(),
    ethnicity: short.optional(),
    birthDate: timestamp.optional(),
    // absent on every party written before document types: a 居民身份证
    idType: z.enum(ID_DOCUMENT_TYPES as [IdDocumentType, ...IdDocumentType[]]).optional(),
    idNumber: z.string().max(40).optional(),
    correctedFromId: z
      .array(z.enum(['gender', 'birthDate']))
      .max(2)
      .optional(),
    occupation: short.optional(),
    creditCode: short.optional(),
    legalRep: short.optional(),
  })
  .superRefine(documentNumberRefinement) satisfies z.ZodType<Party>

export const sessionSchema = z.strictObject({
  ...stamped,
  caseId: uuid,
  kind: z.enum(['investigation', 'mediation']),
  startedAt: timestamp,
  place: short,
  mediatorIds: list(uuid),
  recorderId: uuid.optional(),
  present: long,
  invitedIds: list(uuid).optional(),
  statements: list(z.strictObject({ speaker: short, text: long })),
  factsChecked: long,
  riskWarning: long,
  outcome: long,
  notes: long,
}) satisfies z.ZodType<SessionRecord>

const clauseSchema = z.strictObject({
  id: uuid,
  kind: z.enum(['payment', 'action', 'free']),
  obligorIds: list(uuid),
  obligeeIds: list(uuid),
  action: long,
  amountFen: int.optional(),
  dueOn: timestamp.optional(),
  method: z.enum(['现金', '银行转账', '分期', '其他']).optional(),
  installments: list(z.strictObject({ dueOn: timestamp, amountFen: int })).optional(),
  text: long.optional(),
}) satisfies z.ZodType<Clause>

export const agreementSchema = z.strictObject({
  ...stamped,
  caseId: uuid,
  version: int,
  replacesId: uuid.optional(),
  status: z.enum(['draft', 'final', 'superseded']),
  facts: long,
  disputes: long,
  clauses: list(clauseSchema),
  performanceTerms: long,
  copies: int,
  template: short.optional(),
  finalizedAt: timestamp.optional(),
  contentHash: short.optional(),
  signature: short.optional(),
  keyId: short.optional(),
  verifyCode: short.optional(),
  chainHead: short.optional(),
}) satisfies z.ZodType<Agreement>

export const signatureSchema = z.strictObject({
  ...stamped,
  agreementId: uuid,
  agreementVersion: int,
  signerRole: z.enum(['party', 'agent', 'mediator', 'recorder']),
  signerId: uuid,
  signerName: short,
  image: z.string().max(LIMITS.image),
  signedAt: timestamp,
}) satisfies z.ZodType<SignatureRecord>

export const followUpSchema = z.strictObject({
  ...stamped,
  caseId: uuid,
  visitedOn: timestamp,
  method: z.enum(['上门', '电话', '当面', '其他']),
  visitorIds: list(uuid),
  performance: performanceStatus,
  satisfaction: short,
  escalationSigns: z.boolean(),
  notes: long,
}) satisfies z.ZodType<FollowUp>

const referralStatus = z.enum(['已转办', '已接收', '已办结', '退回'])

export const referralSchema = z.strictObject({
  ...stamped,
  caseId: uuid,
  department: short,
  scope: z.enum(['whole', 'part']),
  matter: long,
  dueOn: timestamp,
  status: referralStatus,
  history: list(z.strictObject({ status: referralStatus, at: timestamp, note: long })),
  helperId: uuid.optional(),
}) satisfies z.ZodType<Referral>

export const attachmentSchema = z.strictObject({
  ...stamped,
  caseId: uuid,
  kind: z.enum(['evidence', 'signed_scan', 'receipt', 'id_proof', 'other']),
  name: short,
  mime: short,
  size: int.nonnegative(),
  dataBase64: z
    .string()
    .max(LIMITS.base64, '附件过大')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, '附件内容不是有效的base64'),
  sha256: short.optional(),
}) satisfies z.ZodType<AttachmentExport>

export const auditSchema = z.strictObject({
  id: uuid,
  seq: int.positive(),
  ts: timestamp,
  actor: short,
  action: short,
  entity: short,
  entityId: uuid,
  caseId: uuid.optional(),
  fields: list(short),
  prevHash: short,
  hash: short,
}) satisfies z.ZodType<AuditEntry>

export const counterSchema = z.strictObject({ key: short, value: int.nonnegative() }) satisfies z.ZodType<Counter>

export const settingSchema = z.strictObject({
  key: short,
  value: z.json(),
  updatedAt: timestamp,
}) satisfies z.ZodType<SettingRow>

export const conflictSchema = z.strictObject({
  id: short,
  table: short,
  recordId: uuid,
  caseId: uuid.optional(),
  incoming: z.json(),
  incomingHash: short,
  localHash: short,
  sourceCreatedAt: timestamp,
  detectedAt: timestamp,
  resolvedAt: timestamp.optional(),
}) satisfies z.ZodType<ImportConflict>

export const screeningSchema = z.strictObject({
  ...stamped,
  heldOn: timestamp,
  area: short,
  kind: z.enum(['regular', 'special', 'holiday', 'other']),
  mediatorIds: list(uuid),
  participants: list(short),
  found: int.min(0),
  note: long,
}) satisfies z.ZodType<ScreeningRound>

export const visitSchema = z.strictObject({
  ...stamped,
  visitedAt: timestamp,
  visitorName: short,
  phone: short,
  people: int.min(1),
  channel: z.enum(['walk_in', 'call', 'grid', 'enterprise_code', 'department', 'other']),
  category: short,
  note: long,
  route: z.enum(['answered', 'case', 'referred', 'legal_aid', 'psych', 'petition', 'other']),
  handledBy: short,
  outcome: long,
  organisation: z
    .strictObject({ name: short, creditCode: short, legalRep: short, address: short, phone: short })
    .optional(),
  enterprise: z.boolean().optional(),
  helperId: uuid.optional(),
  caseId: uuid.optional(),
  referral: z
    .strictObject({
      department: short,
      matter: long,
      dueOn: timestamp,
      status: referralStatus,
      history: list(z.strictObject({ status: referralStatus, at: timestamp, note: long })),
      updatedAt: timestamp,
    })
    .optional(),
}) satisfies z.ZodType<Visit>

/** The schema of each table's rows, in the order tables are written and restored: one per named table (src/domain/transferTables.ts). */
export const RECORD_SCHEMAS = {
  committees: committeeSchema,
  rooms: roomSchema,
  mediators: mediatorSchema,
  cases: caseSchema,
  parties: partySchema,
  sessions: sessionSchema,
  agreements: agreementSchema,
  signatures: signatureSchema,
  followUps: followUpSchema,
  referrals: referralSchema,
  attachments: attachmentSchema,
  audit: auditSchema,
  counters: counterSchema,
  settings: settingSchema,
  conflicts: conflictSchema,
  screenings: screeningSchema,
  visits: visitSchema,
} as const satisfies Record<TransferTableName, z.ZodType>

export type TransferTable = keyof typeof RECORD_SCHEMAS
export const TRANSFER_TABLES = Object.keys(RECORD_SCHEMAS) as TransferTable[]

/** What a file's rows are validated with: as RECORD_SCHEMAS, but older files' case rows are accepted. */
export const FILE_RECORD_SCHEMAS = { ...RECORD_SCHEMAS, cases: caseFileSchema } as const

/** A row of each table as it travels in a file (attachments carry base64 instead of a Blob). */
export type TransferRow<T extends TransferTable> = z.infer<(typeof RECORD_SCHEMAS)[T]>
export type TransferTables = { [T in TransferTable]: TransferRow<T>[] }
