/** 人民调解协议书 (人民调解法 Art. 29): parties, facts, numbered clauses, performance, signatures, seal, verification. */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import { numberedClauses } from '../../domain/clauses'
import { encodeVerificationPayload } from '../../domain/canonical'
import type { Agreement, CaseBundle } from '../../domain/types'
import { dateOrBlank, describeParty, DocumentDataError, orderedParties } from '../format'
import { heading, labelled, numberLine, page, paragraph, sealBlock, signaturesAndSeal, title } from '../layout'
import { qrNode } from '../qr'
import { pickAgreement, signatureRows, type BuildOptions } from './common'

function verificationBlock(bundle: CaseBundle, agreement: Agreement): Content {
  const { contentHash, signature, keyId, verifyCode } = agreement
  if (!contentHash || !signature || !keyId || !verifyCode) {
    throw new DocumentDataError('协议已定稿，但缺少内容摘要或电子签章，无法生成核验码')
  }
  const payload = encodeVerificationPayload({
    v: 1,
    caseNo: bundle.case.caseNo ?? '',
    sha256: contentHash,
    sig: signature,
    keyId,
  })
  return {
    columns: [
      { stack: [qrNode(payload, 96)], width: 96 },
      {
        width: '*',
        stack: [
          { text: `核验码：${verifyCode}`, bold: true, fontSize: 12 },
          { text: `第${agreement.version}版\u3000定稿于${dateOrBlank(agreement.finalizedAt)}`, fontSize: 10.5 },
          {
            text: '扫描二维码或在“核验”页面输入核验码，可确认本协议是否在册且未被改动。二维码不含个人信息。',
            style: 'small',
          },
          { text: `摘要 SHA-256：${contentHash.slice(0, 32)}…\u3000密钥：${keyId}`, style: 'small' },
        ],
        margin: [8, 8, 0, 0],
      },
    ],
    unbreakable: true,
    margin: [0, 4, 0, 0],
  }
}

function watermarkOf(agreement: Agreement): string | undefined {
  if (agreement.status === 'draft') return '草稿'
  if (agreement.status === 'superseded') return '已被新版本替代'
  return undefined
}

export function buildAgreement(bundle: CaseBundle, opts: BuildOptions = {}): TDocumentDefinitions {
  const agreement = pickAgreement(bundle, opts.agreementId)
  const parties = orderedParties(bundle)
  const final = agreement.status !== 'draft'
  const clauses = numberedClauses(agreement.clauses, bundle.parties)
  const content: Content[] = [
    title('人民调解协议书'),
    numberLine(`编号：${bundle.case.caseNo ?? '＿＿＿＿＿＿＿＿'}`),
    heading('当事人'),
    ...parties.map(
      (p) =>
        ({ text: [{ text: `${p.role}：`, bold: true }, describeParty(p)], margin: [0, 0, 0, 3] }) satisfies Content,
    ),
    heading('纠纷主要事实、争议事项'),
    paragraph(agreement.facts),
    ...(agreement.disputes.trim() ? [labelled('争议事项', agreement.disputes)] : []),
    heading('经调解，自愿达成如下协议：'),
    ...clauses.map((line) => paragraph(line)),
    heading('履行方式、时限'),
    paragraph(agreement.performanceTerms || '按上述各条约定履行。'),
    paragraph(
      `本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效。本协议一式${agreement.copies}份，当事人、人民调解委员会各持一份。`,
    ),
    ...signaturesAndSeal(
      signatureRows(bundle, agreement),
      sealBlock(
        bundle.committee,
        final ? dateOrBlank(agreement.finalizedAt) : dateOrBlank(undefined),
        final ? bundle.committee.sealImage : undefined,
      ),
    ),
  ]
  if (agreement.replacesId) {
    const old = bundle.agreements.find((a) => a.id === agreement.replacesId)
    content.push({
      text: `本协议为第${agreement.version}版，替代第${old?.version ?? '前'}版协议。`,
      style: 'small',
      margin: [0, 8, 0, 0],
    })
  }
  if (agreement.status === 'final') content.push(verificationBlock(bundle, agreement))
  return page({ title: '人民调解协议书', content, watermark: watermarkOf(agreement), headerNote: bundle.case.caseNo })
}
