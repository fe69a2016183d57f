/**
 * Dispute categories, case flags and referral departments: the defaults a new committee starts with
 * (both lists are configurable per committee), and the legal limits some categories carry.
 */
import type { CaseFlag } from './types'

/** The categories of the monthly report used by 司法局 (domain brief §4), plus 涉企. */
export const DEFAULT_CATEGORIES: readonly string[] = [
  '婚姻家庭',
  '邻里',
  '房屋宅基地',
  '合同',
  '生产经营',
  '损害赔偿',
  '山林土地',
  '征地拆迁',
  '环境污染',
  '劳动争议（含欠薪）',
  '消费',
  '医疗',
  '道路交通事故',
  '物业',
  '涉企',
  '其他',
]

/** Departments a case or part of it can be transferred to (分类转办). */
export const DEFAULT_REFERRAL_DEPARTMENTS: readonly string[] = [
  '信访',
  '司法所',
  '人社/劳动监察',
  '住建',
  '卫健',
  '公安',
  '法院',
  '市场监管',
  '心理服务',
]

export const CASE_FLAGS: readonly { flag: CaseFlag; hint: string }[] = [
  { flag: '群体性', hint: '涉及人数较多（一般5人以上）的纠纷' },
  { flag: '激化风险', hint: '可能激化、有民转刑风险，须重点跟踪' },
  { flag: '涉企', hint: '一方为企业或涉及企业经营' },
  { flag: '涉及未成年人', hint: '涉及未成年人权益，注意隐私保护' },
]

/**
 * 民诉法解释 Art. 357: no 司法确认 for confirming or dissolving marriage, parent-child or adoption
 * relationships. Matched by keyword so that committee-defined categories (e.g. "婚姻家庭继承") are caught.
 */
const STATUS_RELATION_KEYWORDS = ['婚姻', '家庭', '亲子', '收养'] as const
/** 民诉法解释 Art. 357: no 司法确认 confirming title to property or IP (物权、知识产权确权). */
const TITLE_KEYWORDS = ['确权', '知识产权'] as const
/** Categories whose agreements often touch title to land or houses: allowed, with a warning. */
const TITLE_RISK_KEYWORDS = ['宅基地', '山林', '土地', '房屋'] as const
/** 电子签名法 Art. 3: documents on personal relationships such as marriage, adoption and inheritance. */
const NO_ESIGN_KEYWORDS = ['婚姻', '家庭', '收养', '继承', '亲子'] as const

const mentions = (category: string, keywords: readonly string[]): boolean => keywords.some((k) => category.includes(k))

export interface CategoryLimit {
  allowed: boolean
  /** what to tell the mediator (shown beside the button or in its place) */
  notice?: string
}

export function judicialConfirmationLimit(category: string): CategoryLimit {
  if (mentions(category, STATUS_RELATION_KEYWORDS)) {
    return {
      allowed: false,
      notice:
        '涉及确认或解除婚姻、亲子、收养关系的调解协议不能申请司法确认；其中赡养费、抚养费等财产内容如需确认，请单独拟定协议并咨询法院。',
    }
  }
  if (mentions(category, TITLE_KEYWORDS)) {
    return { allowed: false, notice: '确认物权、知识产权权属的调解协议不能申请司法确认。' }
  }
  if (mentions(category, TITLE_RISK_KEYWORDS)) {
    return { allowed: true, notice: '可以申请司法确认，但协议中确认房屋、土地等权属的内容不属于司法确认范围。' }
  }
  return { allowed: true }
}

export function judicialConfirmationAllowed(category: string): boolean {
  return judicialConfirmationLimit(category).allowed
}

export function electronicSignatureLimit(category: string): CategoryLimit {
  if (mentions(category, NO_ESIGN_KEYWORDS)) {
    return {
      allowed: false,
      notice: '涉及婚姻、收养、继承等人身关系的文书不适用电子签名，请打印后由当事人签名并按指印。',
    }
  }
  return { allowed: true }
}

export function electronicSignatureAllowed(category: string): boolean {
  return electronicSignatureLimit(category).allowed
}
