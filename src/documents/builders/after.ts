/** After the outcome: 口头协议登记表, 司法确认申请书, 回访记录 and 结案报告. */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import { numberedClauses } from '../../domain/clauses'
import { localDate } from '../../domain/dates'
import { PARTY_ROLES } from '../../domain/intake'
import { judicialConfirmationLastDay } from '../../domain/judicialConfirmation'
import { OUTCOME_KIND_SENTENCES, PERFORMANCE_LABELS } from '../../domain/labels'
import { formatAmount } from '../../domain/money'
import type { CaseBundle, CaseRecord, FollowUp } from '../../domain/types'
import {
  asClause,
  dateOrBlank,
  describeParty,
  DocumentDataError,
  mediatorsByIds,
  namesOf,
  orBlank,
  orderedParties,
} from '../format'
import {
  closingBlock,
  formTable,
  formTableThen,
  heading,
  numberLine,
  page,
  paragraph,
  sealBlock,
  signOff,
  title,
  type FormRow,
} from '../layout'
import { pickAgreement, signatureRows, type BuildOptions } from './common'
import { compareOrdinal } from '../../domain/text'

export function buildOralAgreement(bundle: CaseBundle, _opts: BuildOptions = {}): TDocumentDefinitions {
  const c = bundle.case
  if (c.outcome?.kind !== 'oral') throw new DocumentDataError('本案没有口头调解协议，不能生成口头协议登记表')
  const mediators = mediatorsByIds(bundle, c.mediatorIds)
  const content: Content[] = [
    title('口头调解协议登记表'),
    numberLine(`编号：${orBlank(c.caseNo, '＿＿＿＿＿＿')}`),
    formTable([
      ['当事人', namesOf(orderedParties(bundle))],
      ['纠纷类型', c.category, '达成日期', dateOrBlank(c.outcome.at)],
      { label: '纠纷简要情况', text: orBlank(c.facts), minHeight: 110 },
      { label: '协议内容', text: orBlank(c.outcome.content), minHeight: 150 },
      ['人民调解员', namesOf(mediators), '登记日期', dateOrBlank(c.outcome.at)],
    ]),
    ...closingBlock({
      before: [paragraph('口头调解协议自各方当事人达成协议之日起生效（《中华人民共和国人民调解法》第三十条）。')],
      rows: signatureRows(bundle, undefined),
      caption: '签名（按指印）',
      after: [sealBlock(bundle.committee, dateOrBlank(c.outcome.at))],
    }),
  ]
  return page({ title: '口头调解协议登记表', content, headerNote: c.caseNo })
}

export function buildJudicialConfirmation(bundle: CaseBundle, opts: BuildOptions = {}): TDocumentDefinitions {
  const c = bundle.case
  const agreement = pickAgreement(bundle, opts.agreementId)
  if (agreement.status === 'draft') throw new DocumentDataError('协议尚未定稿生效，不能申请司法确认')
  const effectiveOn = agreement.finalizedAt ? localDate(agreement.finalizedAt) : undefined
  const lastDay = agreement.finalizedAt ? judicialConfirmationLastDay(agreement.finalizedAt) : undefined
  const court = opts.court?.trim() ? opts.court : '＿＿＿＿＿＿＿＿人民法院'
  const content: Content[] = [
    title('司法确认申请书'),
    ...orderedParties(bundle).map(
      (p) => ({ text: [{ text: '申请人：', bold: true }, describeParty(p)], margin: [0, 0, 0, 3] }) satisfies Content,
    ),
    heading('请求事项'),
    paragraph(
      `请求依法确认申请人于${dateOrBlank(effectiveOn)}经${bundle.committee.fullName}主持调解达成的《人民调解协议书》（编号：${orBlank(c.caseNo)}）有效。`,
    ),
    heading('事实和理由'),
    paragraph(
      `申请人之间因${orBlank(c.title, '纠纷')}，经${bundle.committee.fullName}调解，于${dateOrBlank(effectiveOn)}自愿达成调解协议。协议内容为：`,
    ),
    // word for word as the agreement prints them: who does what, by when
    ...numberedClauses(agreement.clauses, bundle.parties).map((line) => paragraph(line)),
    paragraph('申请人依照《中华人民共和国人民调解法》第三十三条的规定，共同向贵院申请司法确认。'),
    heading('申请人承诺'),
    paragraph('一、出于解决纠纷的目的自愿达成协议，没有恶意串通、规避法律的行为；'),
    paragraph('二、如因虚假调解给他人造成损失，愿意承担相应的民事责任和其他法律责任；'),
    paragraph('三、提交的材料真实、合法。'),
    paragraph(`本申请应当自调解协议生效之日起三十日内提出${lastDay ? `（即不晚于${dateOrBlank(lastDay)}）` : ''}。`, {
      bold: true,
    }),
    ...closingBlock({
      before: [
        { text: '此致', margin: [28, 8, 0, 0] },
        { text: court, margin: [0, 0, 0, 8] },
        paragraph('附：人民调解协议书、当事人身份证明、与纠纷有关的证明材料。', { style: 'small' }),
      ],
      // the parties apply together (人民调解法 Art. 33): each signs as 申请人, whatever their role in the case
      rows: signatureRows(bundle, undefined, false).map((row) =>
        (PARTY_ROLES as readonly string[]).includes(row.label) ? { ...row, label: '申请人' } : row,
      ),
      caption: '申请人（签名盖章或按指印）',
      after: [{ text: dateOrBlank(undefined), alignment: 'right', margin: [0, 8, 0, 0] }],
    }),
  ]
  return page({ title: '司法确认申请书', content })
}

function followUpContent(bundle: CaseBundle, f: FollowUp, first: boolean): Content[] {
  const visitors = mediatorsByIds(bundle, f.visitorIds)
  const agreement = bundle.agreements.find((a) => a.status === 'final') ?? bundle.agreements[0]
  return [
    { text: '回访记录', style: 'title', ...(first ? {} : { pageBreak: 'before' as const }) },
    formTable([
      ['当事人', namesOf(orderedParties(bundle))],
      ['协议编号', orBlank(bundle.case.caseNo)],
      ['回访事由', orBlank(bundle.case.title)],
      ['回访时间', dateOrBlank(f.visitedOn), '回访方式', f.method],
      ['回访人', namesOf(visitors)],
      ['履行情况', PERFORMANCE_LABELS[f.performance], '当事人满意度', orBlank(f.satisfaction)],
      [
        '激化迹象',
        f.escalationSigns ? '有，已采取措施' : '无',
        '协议版本',
        agreement ? `第${agreement.version}版` : '—',
      ],
      { label: '回访情况', text: orBlank(f.notes), minHeight: 180 },
    ]),
    signOff('回访人', namesOf(visitors), dateOrBlank(f.visitedOn)),
  ]
}

export function buildFollowUp(bundle: CaseBundle, opts: BuildOptions = {}): TDocumentDefinitions {
  const visits = bundle.followUps
    .filter((f) => opts.followUpId === undefined || f.id === opts.followUpId)
    .sort((a, b) => compareOrdinal(a.visitedOn, b.visitedOn))
  if (visits.length === 0) throw new DocumentDataError('本案没有回访记录')
  return page({
    title: '回访记录',
    content: visits.flatMap((f, i) => followUpContent(bundle, f, i === 0)),
    headerNote: bundle.case.caseNo,
  })
}

/** The extension of the deadline, when there was one: when, by how much and why (the reason is on record only here). */
function extensionRows(c: CaseRecord): FormRow[] {
  const ext = c.extension
  if (!ext) return []
  return [['延长期限', `${dateOrBlank(ext.at)}经双方当事人同意延长${ext.days}日：${asClause(ext.reason)}`]]
}

export function buildClosingReport(bundle: CaseBundle, _opts: BuildOptions = {}): TDocumentDefinitions {
  const c = bundle.case
  const mediators = mediatorsByIds(bundle, c.mediatorIds)
  const lastPerformance = [...c.performance].sort((a, b) => compareOrdinal(a.at, b.at)).at(-1)
  const performance = lastPerformance
    ? `${PERFORMANCE_LABELS[lastPerformance.status]}（${dateOrBlank(lastPerformance.at)}：${lastPerformance.note}）`
    : '—'
  const visits = bundle.followUps.map((f) => `${dateOrBlank(f.visitedOn)}${f.method}回访：${f.notes}`).join('\n')
  const content: Content[] = [
    title('人民调解结案报告'),
    numberLine(`编号：${orBlank(c.caseNo, '＿＿＿＿＿＿')}`),
    ...formTableThen(
      [
        ['案由', orBlank(c.title)],
        ['当事人', namesOf(orderedParties(bundle))],
        ['纠纷类型', c.category, '案件来源', c.source],
        ['受理日期', dateOrBlank(c.acceptedOn), '结案日期', dateOrBlank(c.closedAt)],
        ...extensionRows(c),
        ['涉及金额', formatAmount(c.amountFen)],
        ['涉及人数', `${c.peopleCount}人`, '调解结果', c.outcome ? OUTCOME_KIND_SENTENCES[c.outcome.kind] : '—'],
        ['人民调解员', namesOf(mediators)],
        { label: '纠纷简要情况', text: orBlank(c.facts), minHeight: 100 },
        { label: '协议履行情况', text: performance, minHeight: 50 },
        { label: '回访情况', text: orBlank(visits, '未回访'), minHeight: 60 },
        { label: '结案小结', text: orBlank(c.closingSummary), minHeight: 90 },
      ],
      [
        signOff('承办人民调解员', namesOf(mediators), dateOrBlank(c.closedAt)),
        sealBlock(bundle.committee, dateOrBlank(c.closedAt)),
      ],
    ),
  ]
  return page({ title: '人民调解结案报告', content, headerNote: c.caseNo })
}
