/**
 * Agreement clauses: the sentence each structured clause prints as, and the clause templates per
 * category that a mediator picks and fills. Unfilled blanks are written 【…】 so that the checklist
 * can refuse to print them.
 */
import { formatAmount } from './money'
import type { Clause, Installment, Party, PaymentMethod, UUID } from './types'

/** '2026-12-31' -> '2026年12月31日'; anything else is returned as typed. */
export function formatChineseDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate)
  if (!m) return isoDate
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`
}

/** Names of the given parties in their case order, joined with 、; unknown ids show as 【当事人】. */
export function partyNames(ids: readonly UUID[], parties: readonly Party[]): string {
  if (ids.length === 0) return '【当事人】'
  return ids
    .map((id) => parties.find((p) => p.id === id))
    .sort((a, b) => (a?.order ?? Infinity) - (b?.order ?? Infinity))
    .map((p) => (p && p.name.trim() !== '' ? p.name : '【当事人】'))
    .join('、')
}

const METHOD_PHRASE: Record<PaymentMethod, string> = {
  现金: '以现金方式',
  银行转账: '以银行转账方式',
  分期: '分期',
  其他: '',
}

function deadline(dueOn: string | undefined): string {
  return dueOn ? `于${formatChineseDate(dueOn)}前` : '于【履行期限】前'
}

function amount(fen: number | undefined): string {
  return fen === undefined ? '【金额】' : formatAmount(fen)
}

function installmentSentence(installments: readonly Installment[]): string {
  return installments
    .map((inst, i) => `第${i + 1}期于${formatChineseDate(inst.dueOn)}前支付${formatAmount(inst.amountFen)}`)
    .join('；')
}

/** The sentence one clause prints as, without its number. */
export function clauseText(clause: Clause, parties: readonly Party[]): string {
  const obligors = partyNames(clause.obligorIds, parties)
  const obligees = partyNames(clause.obligeeIds, parties)
  const action = clause.action.trim() === '' ? '【事项】' : clause.action.trim()
  switch (clause.kind) {
    case 'free':
      return (clause.text ?? '').trim() || '【条款内容】'
    case 'action':
      return `${obligors}${deadline(clause.dueOn)}${action}${clause.obligeeIds.length > 0 ? `（权利人：${obligees}）` : ''}。`
    case 'payment': {
      const installments = clause.installments ?? []
      if (installments.length > 0) {
        return (
          `${obligors}分${installments.length}期向${obligees}${action}，共计${amount(clause.amountFen)}：` +
          `${installmentSentence(installments)}。`
        )
      }
      const how = clause.method ? METHOD_PHRASE[clause.method] : ''
      return `${obligors}${deadline(clause.dueOn)}${how}向${obligees}${action}${amount(clause.amountFen)}。`
    }
  }
}

/** '一', '二', … '二十一' for clause numbering (一、二、…). */
export function chineseOrdinal(n: number): string {
  const d = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九']
  if (n < 10) return d[n] ?? String(n)
  if (n < 20) return '十' + (n % 10 === 0 ? '' : d[n % 10])
  if (n < 100) return (d[Math.floor(n / 10)] ?? '') + '十' + (n % 10 === 0 ? '' : d[n % 10])
  return String(n)
}

/** Numbered clause lines as the agreement prints them: '一、张三于…'. */
export function numberedClauses(clauses: readonly Clause[], parties: readonly Party[]): string[] {
  return clauses.map((c, i) => `${chineseOrdinal(i + 1)}、${clauseText(c, parties)}`)
}

/** Blanks of the form 【…】 still present in a text. */
export function unfilledPlaceholders(text: string): string[] {
  return [...text.matchAll(/【([^】]*)】/g)].map((m) => m[1] ?? '')
}

// ---- templates ----

/** A clause as a template holds it: no parties yet; who pays is decided when it is applied. */
export interface ClauseDraft {
  kind: Clause['kind']
  /** 'respondents' pay or act for 'applicants' unless reversed */
  direction: 'respondentToApplicant' | 'applicantToRespondent' | 'none'
  action: string
  method?: PaymentMethod
  text?: string
}

export interface ClauseTemplate {
  id: string
  name: string
  /** categories (as in Committee.categories) this template is offered for */
  categories: string[]
  clauses: ClauseDraft[]
  performanceTerms: string
}

const CLOSING = '本协议履行完毕后，双方就本纠纷再无其他争议，任何一方不得再就此事向对方主张任何权利。'

export const CLAUSE_TEMPLATES: readonly ClauseTemplate[] = [
  {
    id: 'wage-arrears',
    name: '欠薪（劳动报酬）',
    categories: ['劳动争议', '劳动争议（含欠薪）', '涉企'],
    clauses: [
      {
        kind: 'payment',
        direction: 'respondentToApplicant',
        action: '支付拖欠的【年月至年月】工资',
        method: '银行转账',
      },
      { kind: 'action', direction: 'respondentToApplicant', action: '向申请人出具工资结算清单' },
      { kind: 'free', direction: 'none', action: '', text: '申请人收到上述款项后，应向被申请人出具收条。' },
      { kind: 'free', direction: 'none', action: '', text: CLOSING },
    ],
    performanceTerms: '被申请人按第一条约定的期限，将款项转入各申请人本人名下的银行账户【开户行及账号另附清单】。',
  },
  {
    id: 'traffic-accident',
    name: '道路交通事故赔偿',
    categories: ['道路交通事故', '损害赔偿'],
    clauses: [
      {
        kind: 'payment',
        direction: 'respondentToApplicant',
        action: '一次性赔偿因【事故认定书编号】号交通事故造成的医疗费、误工费、护理费、交通费、财产损失等各项损失',
        method: '银行转账',
      },
      {
        kind: 'free',
        direction: 'none',
        action: '',
        text: '保险公司依法应予理赔的部分，由【一方】负责办理理赔手续，另一方予以配合。',
      },
      { kind: 'free', direction: 'none', action: '', text: CLOSING },
    ],
    performanceTerms: '赔偿款一次性付清，收款人收款后出具收条。',
  },
  {
    id: 'neighbour-boundary',
    name: '邻里相邻关系',
    categories: ['邻里', '房屋宅基地'],
    clauses: [
      {
        kind: 'action',
        direction: 'respondentToApplicant',
        action: '自行拆除【位置】的【构筑物】，恢复【通行/排水/采光】',
      },
      {
        kind: 'free',
        direction: 'none',
        action: '',
        text: '双方以【界址或参照物】为界，今后各自在界内使用，互不侵占。',
      },
      { kind: 'free', direction: 'none', action: '', text: '双方今后应互谅互让、和睦相处，不得再因此事发生争执。' },
    ],
    performanceTerms: '由人民调解委员会于履行期限届满后回访核实。',
  },
  {
    id: 'family-support',
    name: '婚姻家庭（抚养费、赡养费）',
    categories: ['婚姻家庭'],
    clauses: [
      {
        kind: 'payment',
        direction: 'respondentToApplicant',
        action: '支付【子女姓名】的抚养费（或：父母【姓名】的赡养费）',
        method: '分期',
      },
      {
        kind: 'free',
        direction: 'none',
        action: '',
        text: '【子女姓名】随【一方】共同生活，另一方享有探望的权利，具体时间为【探望安排】。',
      },
      { kind: 'free', direction: 'none', action: '', text: '子女的教育费、医疗费超出抚养费的部分，由双方各负担一半。' },
    ],
    performanceTerms: '按月支付，每月【日】日前转入【收款人】账户。',
  },
  {
    id: 'contract-debt',
    name: '合同欠款',
    categories: ['合同', '生产经营'],
    clauses: [
      {
        kind: 'payment',
        direction: 'respondentToApplicant',
        action: '支付所欠【货款/借款/工程款】',
        method: '银行转账',
      },
      {
        kind: 'free',
        direction: 'none',
        action: '',
        text: '如被申请人未按期足额支付任何一期款项，申请人有权就全部未付款项一并主张权利。',
      },
      { kind: 'free', direction: 'none', action: '', text: CLOSING },
    ],
    performanceTerms: '款项转入申请人指定账户【户名、开户行、账号】，以到账日为付款日。',
  },
  {
    id: 'property-fee',
    name: '物业费',
    categories: ['物业'],
    clauses: [
      {
        kind: 'payment',
        direction: 'applicantToRespondent',
        action: '缴纳【起止年月】的物业服务费',
        method: '银行转账',
      },
      { kind: 'action', direction: 'respondentToApplicant', action: '对【问题部位】进行维修整改并书面告知业主' },
      {
        kind: 'free',
        direction: 'none',
        action: '',
        text: '双方同意今后按物业服务合同约定的标准收取和缴纳物业服务费。',
      },
    ],
    performanceTerms: '物业费缴纳至物业服务中心，由物业服务企业开具收据。',
  },
  {
    id: 'forest-land',
    name: '山林土地（界址、林木）',
    categories: ['山林土地'],
    clauses: [
      {
        kind: 'action',
        direction: 'respondentToApplicant',
        action: '停止在【争议地块位置】范围内的【砍伐/耕种/建设】，并清除其中的【林木/作物/堆放物】',
      },
      {
        kind: 'payment',
        direction: 'respondentToApplicant',
        action: '赔偿已毁损的【林木/青苗】损失',
        method: '现金',
      },
      {
        kind: 'free',
        direction: 'none',
        action: '',
        text: '双方以【林权证/土地承包经营权证/承包合同编号】载明的四至为界（东至【东界】，南至【南界】，西至【西界】，北至【北界】），今后各自在界内经营，互不侵占。',
      },
      {
        kind: 'free',
        direction: 'none',
        action: '',
        // 土地管理法 Art. 14, 森林法 Art. 22: title to land and forest is the government's to decide, not a mediation's
        text: '本协议不改变土地、林地、林木的所有权和使用权登记；需要确认权属或变更登记的，由当事人依法向人民政府或有关主管部门申请。',
      },
    ],
    performanceTerms: '由人民调解委员会会同村（居）民委员会于履行期限届满后到现场核实界址和清理情况。',
  },
  {
    id: 'expropriation',
    name: '征地拆迁（补偿款分配、腾退交付）',
    categories: ['征地拆迁'],
    clauses: [
      {
        kind: 'payment',
        direction: 'respondentToApplicant',
        action: '支付【地块/房屋】征收补偿款中应归申请人的份额',
        method: '银行转账',
      },
      { kind: 'action', direction: 'respondentToApplicant', action: '腾空并交付【房屋地址/地块位置】' },
      {
        kind: 'free',
        direction: 'none',
        action: '',
        // the taking itself and its compensation standard are administrative acts: not for a mediation
        text: '补偿标准按【征收补偿安置方案名称及文号】执行。本协议仅就上述款项的分配和交付达成一致，不涉及征收决定和补偿标准本身。',
      },
      { kind: 'free', direction: 'none', action: '', text: CLOSING },
    ],
    performanceTerms: '款项转入申请人指定账户【户名、开户行、账号】，以到账日为付款日；交付时双方当场签署交接确认书。',
  },
  {
    id: 'pollution',
    name: '环境污染（噪声、排放）',
    categories: ['环境污染'],
    clauses: [
      {
        kind: 'action',
        direction: 'respondentToApplicant',
        action: '对【设备/排放口/作业场所】采取【隔音/除尘/截污】措施，使【噪声/废气/污水】达到国家规定的排放标准',
      },
      {
        kind: 'payment',
        direction: 'respondentToApplicant',
        action: '赔偿因【污染事项】造成的【养殖/种植/财产】损失',
        method: '银行转账',
      },
      {
        kind: 'free',
        direction: 'none',
        action: '',
        text: '在上述措施落实前，被申请人不得在【时段】进行产生【噪声/异味/粉尘】的作业。',
      },
      {
        kind: 'free',
        direction: 'none',
        action: '',
        // 民法典 Art. 1229 liability: the settlement covers past losses; harm from pollution to come stays claimable
        text: '申请人收到赔偿款后，不再就【起止日期】期间的上述损失向被申请人主张权利；此后如再次发生污染造成损害，申请人仍可依法向生态环境主管部门反映或者向人民法院起诉。',
      },
    ],
    performanceTerms:
      '整改完成后由双方共同到现场确认，必要时委托有资质的机构检测；人民调解委员会于履行期限届满后回访。',
  },
  {
    id: 'consumer',
    name: '消费纠纷（退货、退款、赔偿）',
    categories: ['消费'],
    clauses: [
      { kind: 'action', direction: 'applicantToRespondent', action: '将【商品名称】连同【配件、发票】退还被申请人' },
      {
        kind: 'payment',
        direction: 'respondentToApplicant',
        action: '退还【商品/服务名称】的价款',
        method: '银行转账',
      },
      {
        kind: 'free',
        direction: 'none',
        action: '',
        // 消费者权益保护法 Art. 24: the business bears the necessary costs of a return
        text: '退货所需的运输等必要费用由被申请人负担。',
      },
      { kind: 'free', direction: 'none', action: '', text: CLOSING },
    ],
    performanceTerms: '被申请人收到退回的商品之日起【天数】日内退款，款项原路退回申请人的付款账户。',
  },
  {
    id: 'medical',
    name: '医疗纠纷（赔偿）',
    categories: ['医疗'],
    clauses: [
      {
        kind: 'payment',
        direction: 'respondentToApplicant',
        action: '一次性赔偿患者【患者姓名】在【诊疗日期】诊疗中受到损害产生的医疗费、误工费、护理费、交通费等各项损失',
        method: '银行转账',
      },
      {
        kind: 'free',
        direction: 'none',
        action: '',
        text: '患者在被申请人处尚未结清的医疗费用按【已结清/由被申请人减免/由患者另行结清】处理。',
      },
      {
        kind: 'free',
        direction: 'none',
        action: '',
        text: '双方应共同维护正常医疗秩序，今后通过协商、调解、诉讼等合法途径表达诉求。',
      },
      { kind: 'free', direction: 'none', action: '', text: CLOSING },
    ],
    performanceTerms: '被申请人于本协议生效后【天数】日内将款项转入患方指定账户【户名、开户行、账号】。',
  },
  {
    id: 'general',
    name: '通用（给付、履行行为）',
    categories: ['其他'],
    clauses: [
      { kind: 'payment', direction: 'respondentToApplicant', action: '支付【款项名称】', method: '银行转账' },
      { kind: 'action', direction: 'respondentToApplicant', action: '【应当履行的具体事项】' },
      { kind: 'free', direction: 'none', action: '', text: CLOSING },
    ],
    performanceTerms: '【履行地点和方式】',
  },
]

/** Templates offered for a case category; every template when none matches. */
export function templatesForCategory(category: string): readonly ClauseTemplate[] {
  const matching = CLAUSE_TEMPLATES.filter((t) => t.categories.includes(category))
  return matching.length > 0 ? matching : CLAUSE_TEMPLATES
}

/** Turns a template into clauses for the parties of a case; ids come from `newId` (crypto.randomUUID in the app). */
export function applyTemplate(template: ClauseTemplate, parties: readonly Party[], newId: () => UUID): Clause[] {
  const ids = (role: Party['role']): UUID[] => parties.filter((p) => p.role === role).map((p) => p.id)
  const applicants = ids('申请人')
  const respondents = ids('被申请人')
  return template.clauses.map((draft) => {
    const [obligorIds, obligeeIds] =
      draft.direction === 'respondentToApplicant'
        ? [respondents, applicants]
        : draft.direction === 'applicantToRespondent'
          ? [applicants, respondents]
          : [[], []]
    const clause: Clause = { id: newId(), kind: draft.kind, obligorIds, obligeeIds, action: draft.action }
    if (draft.method) clause.method = draft.method
    if (draft.text !== undefined) clause.text = draft.text
    return clause
  })
}
