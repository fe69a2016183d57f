/** 人民调解申请书, 受理登记表 and 不予受理通知书: the documents of intake and acceptance. */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import { formatAmount } from '../../domain/money'
import type { CaseBundle } from '../../domain/types'
import {
  asClause,
  asSentence,
  dateOrBlank,
  describeParty,
  DocumentDataError,
  mediatorsByIds,
  namesOf,
  orBlank,
  orderedParties,
  partiesByRole,
} from '../format'
import { closingBlock, formTable, heading, numberLine, page, paragraph, sealBlock, signOff, title } from '../layout'
import { signatureRows, type BuildOptions } from './common'

export function buildApplication(bundle: CaseBundle, _opts: BuildOptions = {}): TDocumentDefinitions {
  const c = bundle.case
  const applicants = partiesByRole(bundle, '申请人')
  const others = orderedParties(bundle).filter((p) => p.role !== '申请人')
  const content: Content[] = [
    title('人民调解申请书'),
    ...applicants.map(
      (p) => ({ text: [{ text: '申请人：', bold: true }, describeParty(p)], margin: [0, 0, 0, 3] }) satisfies Content,
    ),
    ...others.map(
      (p) =>
        ({ text: [{ text: `${p.role}：`, bold: true }, describeParty(p)], margin: [0, 0, 0, 3] }) satisfies Content,
    ),
    heading('申请事项'),
    ...(c.requests.length > 0
      ? c.requests.map((r, i) => paragraph(`${i + 1}. ${r}`))
      : [paragraph('＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿')]),
    heading('纠纷简要情况'),
    paragraph(orBlank(c.facts)),
    paragraph('已将申请人民调解的相关规定告知我，现自愿申请人民调解委员会进行调解。'),
    ...closingBlock({
      before: [
        { text: '此致', margin: [28, 8, 0, 0] },
        { text: bundle.committee.fullName, margin: [0, 0, 0, 8] },
        ...(c.oralApplication
          ? [paragraph('（本申请由当事人口头提出，工作人员记录，经当事人确认无误。）', { style: 'small' })]
          : []),
      ],
      rows: signatureRows(bundle, undefined, false).filter((r) => r.label === '申请人'),
      caption: '申请人（签名盖章或按指印）',
      after: [{ text: dateOrBlank(c.receivedOn), alignment: 'right', margin: [0, 8, 0, 0] }],
    }),
  ]
  return page({ title: '人民调解申请书', content })
}

export function buildRegistration(bundle: CaseBundle, _opts: BuildOptions = {}): TDocumentDefinitions {
  const c = bundle.case
  const applicants = partiesByRole(bundle, '申请人')
  const respondents = partiesByRole(bundle, '被申请人')
  const thirdParties = partiesByRole(bundle, '第三人')
  const mediators = mediatorsByIds(bundle, c.mediatorIds)
  const recorder = c.recorderId ? mediatorsByIds(bundle, [c.recorderId])[0] : undefined
  const content: Content[] = [
    title('人民调解受理登记表'),
    numberLine(`编号：${orBlank(c.caseNo, '＿＿＿＿＿＿')}`),
    formTable([
      ['登记日期', dateOrBlank(c.receivedOn), '受理日期', dateOrBlank(c.acceptedOn)],
      [
        '纠纷类型',
        c.category,
        '案件来源',
        c.source + (c.sourceBody ? `（${c.sourceBody}${c.sourceRefNo ? ' ' + c.sourceRefNo : ''}）` : ''),
      ],
      ['申请人', namesOf(applicants)],
      ['被申请人', namesOf(respondents)],
      ...(thirdParties.length > 0 ? [['第三人', namesOf(thirdParties)] as const] : []),
      ['涉及金额', formatAmount(c.amountFen)],
      ['涉及人数', `${c.peopleCount}人`, '调解室', orBlank(bundle.room.name)],
      ['标记', c.flags.length > 0 ? c.flags.join('、') : '无', '办结期限', dateOrBlank(c.dueOn)],
      ['人民调解员', namesOf(mediators), '记录人', orBlank(recorder?.name)],
      { label: '纠纷简要情况', text: orBlank(c.facts), minHeight: 130 },
      {
        label: '受理意见',
        text:
          `经当事人同意，调解${namesOf(applicants)}与${namesOf(respondents)}之间的${c.category}纠纷` +
          (thirdParties.length > 0 ? `，第三人${namesOf(thirdParties)}参加调解。` : '。'),
        minHeight: 60,
      },
    ]),
    ...closingBlock({
      rows: signatureRows(bundle, undefined, false),
      caption: '当事人签名',
      after: [
        signOff('登记人', orBlank(recorder?.name ?? mediators[0]?.name, ''), dateOrBlank(c.receivedOn)),
        sealBlock(bundle.committee, dateOrBlank(c.acceptedOn)),
      ],
    }),
  ]
  return page({ title: '人民调解受理登记表', content, headerNote: c.caseNo })
}

export function buildRejection(bundle: CaseBundle, _opts: BuildOptions = {}): TDocumentDefinitions {
  const c = bundle.case
  if (!c.rejection) throw new DocumentDataError('本案没有不予受理的决定，不能生成不予受理通知书')
  const applicants = partiesByRole(bundle, '申请人')
  const content: Content[] = [
    title('不予受理通知书'),
    { text: `${namesOf(applicants)}：`, margin: [0, 8, 0, 4] },
    paragraph(
      `你（们）于${dateOrBlank(c.receivedOn)}申请调解的${orBlank(c.title, '纠纷')}，经审查，${asClause(c.rejection.reason)}，本委员会决定不予受理。`,
    ),
    paragraph(`你（们）可以通过以下途径解决：${asSentence(c.rejection.routes)}`),
    ...closingBlock({
      before: [paragraph('特此通知。'), sealBlock(bundle.committee, dateOrBlank(c.rejection.at))],
      rows: [],
      after: [{ text: '当事人签收：＿＿＿＿＿＿＿＿　　　年　　月　　日', margin: [0, 30, 0, 0] }],
    }),
  ]
  return page({ title: '不予受理通知书', content })
}
