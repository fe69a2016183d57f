/**
 * The data model of Mediation Room: plain, serialisable records as they are stored in IndexedDB.
 * Dates are ISO strings: calendar dates as 'YYYY-MM-DD', instants as full ISO timestamps.
 * Money is kept in integer fen (分) so that sums are exact; the UI shows yuan.
 */

export type UUID = string

/** Every stored record carries these. */
export interface Stamped {
  id: UUID
  createdAt: string
  updatedAt: string
}

export type Gender = '男' | '女'

export type MediatorRole = '调解员' | '记录人' | '法律援助' | '管理员'

export interface Committee extends Stamped {
  /** 全称, e.g. "XX镇人民调解委员会" */
  fullName: string
  /** 简称 used in case numbers, e.g. "X镇" */
  shortName: string
  address: string
  phone: string
  /** e.g. `（{年}）{简称}调字第{序号:3}号` */
  caseNumberPattern: string
  defaultDeadlineDays: number
  /** the configurable dispute categories */
  categories: string[]
  /** departments a case can be referred to (分类转办) */
  referralDepartments: string[]
  /** PNG/JPEG data URL of the committee seal (印章), placed on agreements */
  sealImage?: string
}

/** A named mediation room, e.g. "老李调解工作室". */
export interface Room extends Stamped {
  committeeId: UUID
  name: string
  leadMediatorId?: UUID
  active: boolean
}

export interface Mediator extends Stamped {
  name: string
  gender: Gender
  phone: string
  certificateNo: string
  role: MediatorRole
  active: boolean
  roomIds: UUID[]
  /** optional, used only for the recusal (回避) check */
  idNumber?: string
  address?: string
}

export type CaseSource =
  '当事人申请' | '主动排查' | '公安移交' | '法院委派委托' | '政府部门交办' | '网格员上报' | '信访12345转办' | '其他'

export type CaseFlag = '群体性' | '激化风险' | '涉企' | '涉及未成年人'

/**
 * States of a case. The allowed transitions live in src/domain/lifecycle.ts.
 */
export type CaseStatus =
  | 'intake' // 登记
  | 'rejected' // 不予受理
  | 'accepted' // 已受理
  | 'investigating' // 调查中
  | 'mediating' // 调解中
  | 'drafting' // 书面协议拟定、签署中
  | 'effective' // 协议生效（书面已签署或口头协议已登记），履行跟踪
  | 'terminated' // 调解终止
  | 'withdrawn' // 撤回
  | 'referred' // 整案转办
  | 'closed' // 已结案
  | 'archived' // 已归档（只读）

export interface Extension {
  days: number
  reason: string
  /** both parties agreed to the extension */
  partiesConsent: true
  at: string
}

export type OutcomeKind = 'written' | 'oral' | 'terminated' | 'withdrawn' | 'referred'

export interface Outcome {
  kind: OutcomeKind
  at: string
  /** oral agreement content, termination reason, withdrawal note … */
  content: string
  /** routes told to the parties (仲裁、行政、诉讼) when mediation ends without agreement */
  routesTold?: string
  /** termination: the dispute may escalate (激化预警) */
  escalationWarning?: boolean
}

export type PerformanceStatus = 'full' | 'partial' | 'none'

export interface PerformanceRecord {
  status: PerformanceStatus
  at: string
  note: string
  /** attachment ids of receipts (收条、转账凭证) */
  receiptIds: UUID[]
}

export interface CaseRecord extends Stamped {
  committeeId: UUID
  roomId: UUID
  /** assigned at acceptance, e.g. （2026）X镇调字第012号 */
  caseNo?: string
  status: CaseStatus
  source: CaseSource
  /** referring body (移交/委派单位) and its reference number */
  sourceBody?: string
  sourceRefNo?: string
  /** an application made orally and transcribed by staff */
  oralApplication?: boolean
  category: string
  title: string
  facts: string
  /** 申请事项 */
  requests: string[]
  amountFen: number
  peopleCount: number
  flags: CaseFlag[]
  mediatorIds: UUID[]
  recorderId?: UUID
  /** date of intake (登记日期) */
  receivedOn: string
  acceptedOn?: string
  /** last day to finish (限时办结) */
  dueOn?: string
  extension?: Extension
  rightsNoticeGivenAt?: string
  rejection?: { reason: string; routes: string; at: string }
  outcome?: Outcome
  performance: PerformanceRecord[]
  closedAt?: string
  closingSummary?: string
  archivedAt?: string
  /** each reopening of an archived case, with its reason (see src/domain/lifecycle.ts) */
  reopenings?: { at: string; reason: string }[]
  /** "张三、李四 与 某公司": the parties' names, kept for lists */
  partySummary: string
  /** what mediating this case prevented (recorded at 结案, editable until archived); absent on older cases */
  prevention?: Prevention
  /** the screening round (矛盾纠纷排查) that found it; only with source 主动排查 (src/domain/screening.ts) */
  screeningId?: UUID
  /** the reception visit (接待登记) it was registered from (src/domain/visits.ts) */
  visitId?: UUID
  /** the grid worker (协同人员 roster) who reported it; only with source 网格员上报 (src/domain/collaborators.ts) */
  gridWorkerId?: UUID
  /** 司法确认 of its written agreement (人民调解法 Art. 33); only on a written outcome (src/domain/judicialConfirmation.ts) */
  judicialConfirmation?: JudicialConfirmation
}

/** What the court did with an application for 司法确认: 已确认 / 不予确认 / 撤回申请 (labels in labels.ts). */
export type JudicialConfirmationResult = 'confirmed' | 'rejected' | 'withdrawn'

/**
 * The parties' joint application to a court to confirm their written mediation agreement, as the mediator
 * records it. Dates are China calendar dates, 'YYYY-MM-DD'. No result yet: the court has not decided.
 */
export interface JudicialConfirmation {
  /** 申请日期 */
  appliedOn: string
  /** 受理法院 */
  court: string
  result?: JudicialConfirmationResult
  /** 裁定日期 (or the day the application was withdrawn); present exactly when `result` is */
  decidedOn?: string
  /** 裁定书文号, e.g. （2026）粤0106民特123号 */
  rulingNo?: string
}

/** The kinds of harm a mediation can prevent, each counted in 件 and 人 in the monthly report. */
export type PreventionKind = 'criminal' | 'suicide' | 'petition' | 'fight'

/**
 * 防止民转刑 / 防止自杀 / 防止群体性上访 / 防止群体性械斗: the number of people each concerned (0 or absent:
 * not prevented), plus whether the dispute was a 非正常死亡纠纷.
 */
export interface Prevention {
  people: Partial<Record<PreventionKind, number>>
  abnormalDeath: boolean
}

/** 定期排查 / 专项排查 / 节前排查 / 其他 (labels in src/domain/labels.ts). */
export type ScreeningKind = 'regular' | 'special' | 'holiday' | 'other'

/**
 * One 矛盾纠纷排查 round: where and when the committee went looking for disputes, who went, and how many
 * it found. The cases it led to name it (`CaseRecord.screeningId`); how many did is derived, never typed.
 */
export interface ScreeningRound extends Stamped {
  /** the day of the round, 'YYYY-MM-DD' (the only indexed field: the rest is sealed) */
  heldOn: string
  /** 排查区域: the village, community or grid */
  area: string
  kind: ScreeningKind
  /** the committee's mediators who took part */
  mediatorIds: UUID[]
  /** others who took part (网格员、村干部 …), one name or role each */
  participants: string[]
  /** 发现矛盾纠纷 (件) */
  found: number
  note: string
}

/** How a visit came: 来访 / 来电 / 网格员上报 / 一企一码 / 部门转来 / 其他 (labels in src/domain/labels.ts). */
export type VisitChannel = 'walk_in' | 'call' | 'grid' | 'enterprise_code' | 'department' | 'other'

/** 分流: where a visit was routed (labels in src/domain/labels.ts, rules in src/domain/visits.ts). */
export type VisitRoute = 'answered' | 'case' | 'referred' | 'legal_aid' | 'psych' | 'petition' | 'other'

/** An enterprise as its 一企一码 card describes it (the fields of src/domain/enterpriseCode.ts's EnterpriseCard). */
export interface VisitOrganisation {
  name: string
  creditCode: string
  legalRep: string
  address: string
  phone: string
}

/** A visit's 转办: tracked with the case referrals' statuses and rules (src/domain/referrals.ts). */
export type VisitReferral = Pick<Referral, 'department' | 'matter' | 'dueOn' | 'status' | 'history' | 'updatedAt'>

/**
 * One 接待登记 entry: someone who came to (or called) the desk, what about, and where they were routed.
 * Only the id and the time stay in clear at rest (the table is sealed).
 */
export interface Visit extends Stamped {
  /** when, an ISO instant (the only indexed field) */
  visitedAt: string
  /** '' when the visitor stays anonymous */
  visitorName: string
  /** normalised phone or '' */
  phone: string
  /** how many people came (a group visit counts its people: 接待人次) */
  people: number
  channel: VisitChannel
  /** the committee's category, or '' */
  category: string
  note: string
  route: VisitRoute
  /** who handled it (接待人) */
  handledBy: string
  /** 当场解答: what was said; the other routes: where it went / what was done ('' when none) */
  outcome: string
  /** the organisation the visitor came for, as read from its 一企一码 card (src/domain/enterpriseCode.ts) */
  organisation?: VisitOrganisation
  /** 涉企: the visit concerns an enterprise (set by a card read at the desk, or ticked) */
  enterprise?: boolean
  /** 法律援助 / 心理服务: the person on the 协同人员 roster it went to */
  helperId?: UUID
  /** 登记为调解案件: the case, once intake is saved */
  caseId?: UUID
  /** 转办部门: the referral, tracked until 已办结 */
  referral?: VisitReferral
}

export type PartyRole = '申请人' | '被申请人' | '第三人'

export interface Agent {
  name: string
  /** 委托代理人 / 法定代理人 / 近亲属 … (a minor's 监护人 is recorded as 法定代理人) */
  kind: string
  /** a 法定代理人's relationship to the party, e.g. 父亲, 母亲, 祖母; absent on older records */
  relationship?: string
  phone?: string
  /** absent: 居民身份证, as for a party */
  idType?: IdDocumentType
  idNumber?: string
}

/**
 * 居民身份证, 护照, 港澳居民来往内地通行证, 台湾居民来往大陆通行证, 外国人永久居留身份证, 其他
 * (labels in labels.ts). A party without one recorded holds a 居民身份证: see idDocuments.ts.
 */
export type IdDocumentType = 'resident' | 'passport' | 'hkmo' | 'tw' | 'foreignPR' | 'other'

/** A field read from a 身份证 number that the user corrected on purpose (the record differs from the ID). */
export type IdDerivedField = 'gender' | 'birthDate'

export interface Party extends Stamped {
  caseId: UUID
  role: PartyRole
  kind: 'person' | 'org'
  /** 姓名 or 名称: kept exactly as typed, rare characters included */
  name: string
  order: number
  phone?: string
  address?: string
  agents: Agent[]
  // natural person
  gender?: Gender
  ethnicity?: string
  birthDate?: string
  /** absent: 居民身份证 (every party stored before document types were added) */
  idType?: IdDocumentType
  /** the document's number (field name kept from when only 身份证 existed) */
  idNumber?: string
  /** gender or birth date deliberately recorded differently from what the 身份证 number encodes */
  correctedFromId?: IdDerivedField[]
  occupation?: string
  // organisation
  creditCode?: string
  legalRep?: string
}

export interface Statement {
  speaker: string
  text: string
}

/** 调查记录 (investigation) or 调解记录 (mediation session). */
export interface SessionRecord extends Stamped {
  caseId: UUID
  kind: 'investigation' | 'mediation'
  startedAt: string
  place: string
  mediatorIds: UUID[]
  recorderId?: UUID
  /** people present (参加人) */
  present: string
  /** 邀请参加人员: people from the 协同人员 roster invited to take part; absent on older sessions */
  invitedIds?: UUID[]
  statements: Statement[]
  factsChecked: string
  riskWarning: string
  outcome: string
  /** the free notes typed during the session; autosaved */
  notes: string
}

export type PaymentMethod = '现金' | '银行转账' | '分期' | '其他'

export interface Installment {
  dueOn: string
  amountFen: number
}

export interface Clause {
  id: UUID
  kind: 'payment' | 'action' | 'free'
  /** party ids */
  obligorIds: UUID[]
  obligeeIds: UUID[]
  /** what is done, e.g. "支付拖欠工资" */
  action: string
  amountFen?: number
  dueOn?: string
  method?: PaymentMethod
  installments?: Installment[]
  text?: string
}

export type AgreementStatus = 'draft' | 'final' | 'superseded'

export interface Agreement extends Stamped {
  caseId: UUID
  version: number
  /** the version this one replaces */
  replacesId?: UUID
  status: AgreementStatus
  facts: string
  disputes: string
  clauses: Clause[]
  performanceTerms: string
  copies: number
  template?: string
  finalizedAt?: string
  /** SHA-256 hex of the canonical content */
  contentHash?: string
  /** Ed25519 signature (base64) over the hash */
  signature?: string
  keyId?: string
  /** short code printed on the PDF */
  verifyCode?: string
  /** audit chain head at finalisation */
  chainHead?: string
}

export type SignerRole = 'party' | 'agent' | 'mediator' | 'recorder'

export interface SignatureRecord extends Stamped {
  agreementId: UUID
  agreementVersion: number
  signerRole: SignerRole
  /** party or mediator id */
  signerId: UUID
  signerName: string
  /** PNG data URL */
  image: string
  signedAt: string
}

export type FollowUpMethod = '上门' | '电话' | '当面' | '其他'

export interface FollowUp extends Stamped {
  caseId: UUID
  visitedOn: string
  method: FollowUpMethod
  visitorIds: UUID[]
  performance: PerformanceStatus
  /** 满意 / 基本满意 / 不满意 */
  satisfaction: string
  escalationSigns: boolean
  notes: string
}

export type ReferralStatus = '已转办' | '已接收' | '已办结' | '退回'

export interface Referral extends Stamped {
  caseId: UUID
  department: string
  scope: 'whole' | 'part'
  matter: string
  dueOn: string
  status: ReferralStatus
  history: { status: ReferralStatus; at: string; note: string }[]
  /** 心理服务 / 法律援助: the person on the 协同人员 roster it went to (src/domain/referrals.ts) */
  helperId?: UUID
}

export type AttachmentKind = 'evidence' | 'signed_scan' | 'receipt' | 'id_proof' | 'other'

export interface Attachment extends Stamped {
  caseId: UUID
  kind: AttachmentKind
  name: string
  mime: string
  size: number
  data: Blob
  sha256?: string
}

export interface AuditEntry {
  id: UUID
  /** strictly increasing, no gaps */
  seq: number
  ts: string
  actor: string
  action: string
  entity: string
  entityId: UUID
  caseId?: UUID
  /** names of the fields that changed; never their values */
  fields: string[]
  prevHash: string
  hash: string
}

export interface Counter {
  /** `${committeeId}:${year}` */
  key: string
  value: number
}

export interface SettingRow {
  key: string
  value: unknown
  updatedAt: string
}

/** An attachment as it travels in a file: the bytes as base64. */
export interface AttachmentExport extends Omit<Attachment, 'data'> {
  dataBase64: string
}

/**
 * Everything about one case, as documents are built from it and as it travels in an export file
 * (src/db/transfer). Documents builders take this, never Dexie.
 */
export interface CaseBundle {
  committee: Committee
  room: Room
  mediators: Mediator[]
  case: CaseRecord
  parties: Party[]
  sessions: SessionRecord[]
  agreements: Agreement[]
  signatures: SignatureRecord[]
  followUps: FollowUp[]
  referrals: Referral[]
  attachments: AttachmentExport[]
  /** the 协同人员 its sessions invited (邀请参加人员), from this PC's roster; absent when none */
  collaborators?: Collaborator[]
}

/**
 * A record that an import found changed on both sides (same id, different content). The local version
 * stays in its table; the incoming one waits here for a person to settle (src/db/transfer).
 */
export interface ImportConflict {
  /** `${table}:${recordId}:${incomingHash}`: importing the same file twice records it once */
  id: string
  table: string
  recordId: UUID
  caseId?: UUID
  /** the incoming row exactly as in the file (attachments with base64 bytes) */
  incoming: unknown
  incomingHash: string
  localHash: string
  /** createdAt of the file it came from */
  sourceCreatedAt: string
  detectedAt: string
  resolvedAt?: string
}

/** A 协同人员 role (src/domain/collaborators.ts lists them in order; labels.ts labels them). */
export type CollaboratorRole = '网格员' | '法律明白人' | '心理咨询师' | '律师/法律工作者' | '乡贤/志愿者' | '部门联络员'

/** One person of the 协同人员 roster (src/domain/collaborators.ts decides what a valid entry is). */
export interface Collaborator {
  id: string
  name: string
  role: CollaboratorRole
  /** 网格 or 村/社区 for a grid worker; 单位 or 村 for the others */
  where: string
  phone: string
  active: boolean
  createdAt: string
  updatedAt: string
}
