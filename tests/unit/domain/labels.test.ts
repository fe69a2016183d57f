import { describe, expect, it } from 'vitest'
import { transitionAuditAction } from '../../../src/domain/audit'
import {
  AGREEMENT_STATUS_LABELS,
  ATTACHMENT_KIND_LABELS,
  auditActionLabel,
  auditEntityLabel,
  CLAUSE_KIND_LABELS,
  OUTCOME_KIND_LABELS,
  OUTCOME_KIND_SENTENCES,
  PARTY_KIND_LABELS,
  PERFORMANCE_LABELS,
  REFERRAL_SCOPE_LABELS,
  SESSION_KIND_LABELS,
  SIGNER_ROLE_LABELS,
} from '../../../src/domain/labels'

describe('one wording per enum value', () => {
  it('says each value the way the documents and the forms say it', () => {
    expect(PERFORMANCE_LABELS).toEqual({ full: '已全部履行', partial: '部分履行', none: '未履行' })
    expect(ATTACHMENT_KIND_LABELS).toEqual({
      evidence: '证据',
      signed_scan: '签字扫描件',
      receipt: '履行凭证',
      id_proof: '身份证明',
      other: '其他',
    })
    expect(AGREEMENT_STATUS_LABELS).toEqual({ draft: '草稿', final: '已生效', superseded: '已被新版本替代' })
    expect(PARTY_KIND_LABELS).toEqual({ person: '自然人', org: '单位' })
    expect(SESSION_KIND_LABELS).toEqual({ investigation: '调查记录', mediation: '调解记录' })
    expect(CLAUSE_KIND_LABELS).toEqual({ payment: '给付金钱', action: '履行行为', free: '自由条款' })
    expect(OUTCOME_KIND_LABELS).toEqual({
      written: '书面协议',
      oral: '口头协议',
      terminated: '调解终止',
      withdrawn: '撤回',
      referred: '转办',
    })
    expect(OUTCOME_KIND_SENTENCES).toEqual({
      written: '达成书面调解协议',
      oral: '达成口头调解协议',
      terminated: '调解不成，终止调解',
      withdrawn: '当事人撤回调解申请',
      referred: '转交有关部门处理',
    })
    expect(SIGNER_ROLE_LABELS).toEqual({ party: '当事人', agent: '代理人', mediator: '调解员', recorder: '记录人' })
    expect(REFERRAL_SCOPE_LABELS).toEqual({ whole: '整案转办', part: '部分事项转办' })
  })
})

describe('audit actions', () => {
  it.each([
    ['create', '新建'],
    ['reveal', '查看完整号码'],
    ['export-unmasked', '完整导出（含号码）'],
    ['settle-take-incoming', '导入冲突：采用导入'],
    ['unlock-failed', '解锁失败'],
    ['transition:accept', '受理'],
    ['transition:close', '结案'],
    ['transition:refer', '整案转办'],
    ['transition:recordPerformance', '登记履行情况'],
    // words this version does not write are shown as stored
    ['transition:teleport', 'transition:teleport'],
    ['purge', 'purge'],
    // a member of Object.prototype is not a label
    ['toString', 'toString'],
  ])('%s reads %s', (action, label) => {
    expect(auditActionLabel(action)).toBe(label)
  })

  it('names the audited records', () => {
    expect(auditEntityLabel('followUp')).toBe('回访')
    expect(auditEntityLabel('lockSecret')).toBe('解锁密码')
    expect(auditEntityLabel('constructor')).toBe('constructor')
    expect(auditEntityLabel('gadget')).toBe('gadget')
  })

  it('writes transitions as transition:<action>', () => {
    expect(transitionAuditAction('close')).toBe('transition:close')
    expect(transitionAuditAction('registerOralAgreement')).toBe('transition:registerOralAgreement')
  })
})
