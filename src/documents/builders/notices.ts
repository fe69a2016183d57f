/** 当事人权利义务告知书 (人民调解法 Arts. 23–24) and 终止调解告知书 (Art. 26). */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import type { CaseBundle } from '../../domain/types'
import { asClause, asSentence, dateOrBlank, DocumentDataError, namesOf, orBlank, orderedParties } from '../format'
import { closingBlock, heading, page, paragraph, sealBlock, title } from '../layout'
import { signatureRows, type BuildOptions } from './common'

const RIGHTS = [
  '选择或者接受人民调解员；',
  '接受调解、拒绝调解或者要求终止调解；',
  '要求调解公开进行或者不公开进行；',
  '自主表达意愿、自愿达成调解协议。',
]
const DUTIES = ['如实陈述纠纷事实；', '遵守调解现场秩序，尊重人民调解员；', '尊重对方当事人行使权利。']

export function buildRightsNotice(bundle: CaseBundle, _opts: BuildOptions = {}): TDocumentDefinitions {
  const content: Content[] = [
    title('当事人权利义务告知书'),
    { text: `${namesOf(orderedParties(bundle))}：`, margin: [0, 4, 0, 4] },
    paragraph(
      `根据《中华人民共和国人民调解法》的规定，人民调解委员会调解民间纠纷，不收取任何费用。为保障你们的合法权益，现将当事人在人民调解活动中享有的权利和承担的义务告知如下：`,
    ),
    heading('一、当事人享有下列权利（第二十三条）'),
    ...RIGHTS.map((r, i) => paragraph(`${i + 1}. ${r}`)),
    heading('二、当事人应当履行下列义务（第二十四条）'),
    ...DUTIES.map((d, i) => paragraph(`${i + 1}. ${d}`)),
    heading('三、其他事项'),
    paragraph(
      '人民调解员应当回避的情形：与本纠纷当事人有利害关系或者其他关系可能影响公正调解的，当事人有权申请其回避。',
    ),
    paragraph(
      '经调解达成的调解协议具有法律约束力，当事人应当按照约定履行。当事人可以自调解协议生效之日起三十日内共同向人民法院申请司法确认。',
    ),
    paragraph('调解不成的，当事人可以依法通过仲裁、行政、司法等途径维护自己的权利。'),
    ...closingBlock({
      before: [paragraph('以上内容已告知，当事人已阅知并理解。')],
      rows: signatureRows(bundle, undefined, false),
      caption: '当事人（签名）',
      after: [sealBlock(bundle.committee, dateOrBlank(bundle.case.rightsNoticeGivenAt ?? bundle.case.acceptedOn))],
    }),
  ]
  return page({ title: '当事人权利义务告知书', content, headerNote: bundle.case.caseNo })
}

export function buildTermination(bundle: CaseBundle, _opts: BuildOptions = {}): TDocumentDefinitions {
  const c = bundle.case
  const outcome = c.outcome
  if (!outcome || (outcome.kind !== 'terminated' && outcome.kind !== 'withdrawn')) {
    throw new DocumentDataError('本案未终止调解，不能生成终止调解告知书')
  }
  const reason =
    outcome.kind === 'withdrawn' ? `当事人撤回调解申请（${asClause(outcome.content)}）` : asClause(outcome.content)
  const content: Content[] = [
    title('终止调解告知书'),
    { text: `${namesOf(orderedParties(bundle))}：`, margin: [0, 4, 0, 4] },
    paragraph(
      `本委员会于${dateOrBlank(c.acceptedOn)}受理的${orBlank(c.title, '纠纷')}（${orBlank(c.caseNo, '')}），因${reason}，依照《中华人民共和国人民调解法》第二十六条的规定，决定终止调解。`,
    ),
    paragraph(
      `你们可以依法通过仲裁、行政、司法等途径维护自己的权利：${asSentence(orBlank(outcome.routesTold, '可以向有关仲裁机构申请仲裁，向有关行政机关申请处理，或者向人民法院提起诉讼'))}`,
    ),
    ...(outcome.escalationWarning
      ? [paragraph('本纠纷存在矛盾激化风险，本委员会已报告有关部门，请双方保持克制，依法理性解决纠纷。')]
      : []),
    ...closingBlock({
      before: [paragraph('特此告知。'), sealBlock(bundle.committee, dateOrBlank(outcome.at))],
      rows: signatureRows(bundle, undefined, false),
      caption: '当事人签收',
    }),
  ]
  return page({ title: '终止调解告知书', content, headerNote: c.caseNo })
}
