/** Audit actions and entities in the words of the 审计日志 page. Unknown ones are shown as stored. */
import { TRANSITIONS } from '../../domain/lifecycle'

const ACTIONS: Record<string, string> = {
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
  sign: '签名',
  resign: '重新签名',
  finalize: '协议生效',
  supersede: '被新版本取代',
  'new-version': '新建协议版本',
  unlock: '解锁',
  'unlock-failed': '解锁失败',
}

const ENTITIES: Record<string, string> = {
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
}

const TRANSITION_LABELS = new Map(TRANSITIONS.map((t) => [`transition:${t.action}`, t.label]))

export function auditActionLabel(action: string): string {
  return ACTIONS[action] ?? TRANSITION_LABELS.get(action) ?? action
}

export function auditEntityLabel(entity: string): string {
  return ENTITIES[entity] ?? entity
}
