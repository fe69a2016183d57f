/**
 * The words the app shows for each stored enum value: one map per enum, used by the screens, the
 * import comparison and the documents alike, so one value never reads two ways.
 * The case lifecycle is the exception: its status names and action verbs are part of the state
 * machine's table (`STATUS_LABELS`, `TRANSITIONS` in lifecycle.ts).
 */
import { RECORD_AUDIT_ACTIONS, transitionAuditAction, type RecordAuditAction } from './audit'
import { TRANSITIONS } from './lifecycle'
import type { BackupReason } from './backupSchedule'
import type { CollaboratorRole } from './types'
import type {
  AgreementStatus,
  AttachmentKind,
  Clause,
  IdDocumentType,
  JudicialConfirmationResult,
  OutcomeKind,
  Party,
  PerformanceStatus,
  PreventionKind,
  Referral,
  ScreeningKind,
  SessionRecord,
  SignerRole,
  VisitChannel,
  VisitRoute,
} from './types'

/** 履行情况, worded as the 回访记录 and the 结案报告 print it. */
export const PERFORMANCE_LABELS: Record<PerformanceStatus, string> = {
  full: '已全部履行',
  partial: '部分履行',
  none: '未履行',
}

/** 证据材料 kinds; a 签字扫描件 is the signed paper agreement uploaded from the agreement page. */
export const ATTACHMENT_KIND_LABELS: Record<AttachmentKind, string> = {
  evidence: '证据',
  signed_scan: '签字扫描件',
  receipt: '履行凭证',
  id_proof: '身份证明',
  other: '其他',
}

export const AGREEMENT_STATUS_LABELS: Record<AgreementStatus, string> = {
  draft: '草稿',
  final: '已生效',
  superseded: '已被新版本替代',
}

/** A natural person's identity document, as the form offers it. */
export const ID_DOCUMENT_LABELS: Record<IdDocumentType, string> = {
  resident: '居民身份证',
  passport: '护照',
  hkmo: '港澳居民来往内地通行证',
  tw: '台湾居民来往大陆通行证',
  foreignPR: '外国人永久居留身份证',
  other: '其他',
}

/** What a document prints before the number (公民身份号码110…, 护照号码E12345678). */
export const ID_NUMBER_LABELS: Record<IdDocumentType, string> = {
  resident: '公民身份号码',
  passport: '护照号码',
  hkmo: '港澳居民来往内地通行证号码',
  tw: '台湾居民来往大陆通行证号码',
  foreignPR: '外国人永久居留身份证号码',
  other: '证件号码',
}

/** The number field's name on screens and in messages. */
export const ID_FIELD_LABELS: Record<IdDocumentType, string> = {
  resident: '身份证号',
  passport: '护照号码',
  hkmo: '通行证号码',
  tw: '通行证号码',
  foreignPR: '永久居留身份证号码',
  other: '证件号码',
}

export const PARTY_KIND_LABELS: Record<Party['kind'], string> = { person: '自然人', org: '单位' }

/** The word of a session's kind that its editor puts before 时间, 地点, 结果 (调查时间, 调解结果). */
export const SESSION_KIND_WORDS: Record<SessionRecord['kind'], string> = {
  investigation: '调查',
  mediation: '调解',
}

export const SESSION_KIND_LABELS: Record<SessionRecord['kind'], string> = {
  investigation: '调查记录',
  mediation: '调解记录',
}

export const CLAUSE_KIND_LABELS: Record<Clause['kind'], string> = {
  payment: '给付金钱',
  action: '履行行为',
  free: '自由条款',
}

/** How a case ended, in a word (the import comparison). */
export const OUTCOME_KIND_LABELS: Record<OutcomeKind, string> = {
  written: '书面协议',
  oral: '口头协议',
  terminated: '调解终止',
  withdrawn: '撤回',
  referred: '转办',
}

/** How a case ended, in the sentence the 结案报告 prints. */
export const OUTCOME_KIND_SENTENCES: Record<OutcomeKind, string> = {
  written: '达成书面调解协议',
  oral: '达成口头调解协议',
  terminated: '调解不成，终止调解',
  withdrawn: '当事人撤回调解申请',
  referred: '转交有关部门处理',
}

export const SIGNER_ROLE_LABELS: Record<SignerRole, string> = {
  party: '当事人',
  agent: '代理人',
  mediator: '调解员',
  recorder: '记录人',
}

export const REFERRAL_SCOPE_LABELS: Record<Referral['scope'], string> = { whole: '整案转办', part: '部分事项转办' }

/** Audit actions in the words of the 审计日志 page. */
export const AUDIT_ACTION_LABELS: Record<RecordAuditAction, string> = {
  create: '新建',
  update: '修改',
  delete: '删除',
  reveal: '查看完整号码',
  print: '打印',
  export: '导出（脱敏）',
  'export-unmasked': '完整导出（含号码）',
  'export-all': '导出全部数据',
  import: '导入',
  'settle-keep-local': '导入冲突：保留本机',
  'settle-take-incoming': '导入冲突：采用导入',
  'sync-pull': '同步：取回其他电脑的修改',
  'sync-keep-local': '同步冲突：保留本机',
  'sync-take-remote': '同步冲突：采用对方',
  'sync-settled-elsewhere': '同步冲突：已在其他电脑处理',
  sign: '签名',
  resign: '重新签名',
  finalize: '协议生效',
  supersede: '被新版本取代',
  'new-version': '新建协议版本',
  'skip-signed-version': '改为下一版本确认（签发登记簿已有此版本）',
  unlock: '解锁',
  'unlock-failed': '解锁失败',
  'show-join-code': '显示同步加入码',
}

/** The audited tables and aggregates (the `entity` of an entry). */
export const AUDIT_ENTITY_LABELS: Readonly<Record<string, string>> = {
  case: '案件',
  party: '当事人',
  session: '调查/调解记录',
  agreement: '协议',
  signature: '签名',
  attachment: '附件',
  followUp: '回访',
  referral: '转办',
  committee: '调委会',
  room: '调解室',
  mediator: '调解员',
  settings: '设置',
  lockSecret: '解锁密码',
  transfer: '数据交换',
  database: '数据库',
  screening: '矛盾纠纷排查',
  visit: '接待登记',
  committeeKey: '同步数据密钥',
}

const RECORD_ACTIONS: ReadonlySet<string> = new Set(RECORD_AUDIT_ACTIONS)
/** A transition is logged with its button's verb (受理, 结案 …). */
const TRANSITION_LABELS: ReadonlyMap<string, string> = new Map(
  TRANSITIONS.map((t) => [transitionAuditAction(t.action), t.label]),
)

/** A stored entry's action in words; one this version does not know is shown as stored. */
export function auditActionLabel(action: string): string {
  if (RECORD_ACTIONS.has(action)) return AUDIT_ACTION_LABELS[action as RecordAuditAction]
  return TRANSITION_LABELS.get(action) ?? action
}

export function auditEntityLabel(entity: string): string {
  // own members only: 'constructor' is an identifier the log accepts, not a label
  return Object.hasOwn(AUDIT_ENTITY_LABELS, entity) ? AUDIT_ENTITY_LABELS[entity]! : entity
}

/** Why a backup was written, in the words of 设置 → 备份. */
export const BACKUP_REASON_LABELS: Record<BackupReason, string> = {
  interval: '定时备份',
  'case-closed': '结案后备份',
  'pre-upgrade': '升级前备份',
  'pre-restore': '恢复前备份',
  quit: '退出时备份',
  manual: '手动备份',
}

/** What a mediation prevented (结案 dialog, 统计), in the words of the monthly report. */
export const PREVENTION_KIND_LABELS: Record<PreventionKind, string> = {
  criminal: '防止民转刑',
  suicide: '防止自杀',
  petition: '防止群体性上访',
  fight: '防止群体性械斗',
}

/** What the court did with an application for 司法确认 (the case's 履行 tab, its dialog, the import comparison). */
export const JUDICIAL_CONFIRMATION_RESULT_LABELS: Record<JudicialConfirmationResult, string> = {
  confirmed: '已确认',
  rejected: '不予确认',
  withdrawn: '撤回申请',
}

/** An application the court has not decided yet (no result recorded). */
export const JUDICIAL_CONFIRMATION_PENDING_LABEL = '尚未裁定'

/** The flag recorded beside the prevention counts. */
export const ABNORMAL_DEATH_LABEL = '非正常死亡纠纷'

/** The kinds of 矛盾纠纷排查 round (排查 page, its form and the statistics). */
export const SCREENING_KIND_LABELS: Record<ScreeningKind, string> = {
  regular: '定期排查',
  special: '专项排查',
  holiday: '节前排查',
  other: '其他',
}

/** How a visit came to the desk (接待登记). */
export const VISIT_CHANNEL_LABELS: Record<VisitChannel, string> = {
  walk_in: '来访',
  call: '来电',
  grid: '网格员上报',
  enterprise_code: '一企一码',
  department: '部门转来',
  other: '其他',
}

/** 分流: where a visit was routed (接待登记 and the statistics). */
export const VISIT_ROUTE_LABELS: Record<VisitRoute, string> = {
  answered: '当场解答',
  case: '登记为调解案件',
  referred: '转办部门',
  legal_aid: '法律援助',
  psych: '心理服务',
  petition: '信访',
  other: '其他',
}

/** 协同人员 roles, as the roster and the intake form show them. */
export const COLLABORATOR_ROLE_LABELS: Record<CollaboratorRole, string> = {
  网格员: '网格员（网格、村或社区）',
  法律明白人: '法律明白人',
  心理咨询师: '心理咨询师',
  '律师/法律工作者': '律师、基层法律服务工作者',
  '乡贤/志愿者': '乡贤、志愿者',
  部门联络员: '部门联络员',
}
