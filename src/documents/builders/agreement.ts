/** 人民调解协议书 (人民调解法 Art. 29): parties, facts, numbered clauses, performance, signatures, seal, verification. */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import { numberedClauses } from '../../domain/clauses'
import { encodeVerificationPayload } from '../../domain/canonical'
import type { Agreement, CaseBundle } from '../../domain/types'
import { dateOrBlank, describeParty, DocumentDataError, orderedParties } from '../format'
import { closingBlock, heading, labelled, numberLine, page, paragraph, sealBlock, title } from '../layout'
import { qrNode } from '../qr'
import { pickAgreement, signatureRows, type BuildOptions } from './common'

function verificationBlock(bundle: CaseBundle, agreement: Agreement): Content {
  const { contentHash, signature, keyId, verifyCode } = agreement
  if (!contentHash || !signature || !keyId || !verifyCode) {
    // a masked transfer file leaves them out (src/db/transfer/mask.ts): its numbers are not the signed ones
    throw new DocumentDataError(
      '协议已定稿，但缺少内容摘要或电子签章，无法生成核验码。从脱敏文件导入的协议不带这些内容，请在签发协议的电脑上打印。',
    )
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
      // the readable QR text is longer than the old JSON: a larger code keeps its modules easy to scan
      { stack: [qrNode(payload, 112)], width: 112 },
      {
        width: '*',
        stack: [
          { text: `核验码：${verifyCode}`, bold: true, fontSize: 12 },
          { text: `第${agreement.version}版\u3000定稿于${dateOrBlank(agreement.finalizedAt)}`, fontSize: 10.5 },
          {
            text:
              '核验方法：打开调解室软件的「核验」页，输入上面的核验码，或扫描左边的二维码。' +
              `显示“在册且未被改动”，即说明本协议已在${bundle.committee.fullName}登记，内容没有被改动；` +
              '也可以持本协议到本委员会核对。二维码不含个人信息。',
            style: 'small',
          },
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

/** 本协议为第2版，替代第1版协议。 */
function versionNote(bundle: CaseBundle, agreement: Agreement): Content[] {
  if (!agreement.replacesId) return []
  const old = bundle.agreements.find((a) => a.id === agreement.replacesId)
  return [
    {
      text: `本协议为第${agreement.version}版，替代第${old?.version ?? '前'}版协议。`,
      style: 'small',
      margin: [0, 8, 0, 0],
    },
  ]
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
    ...closingBlock({
      before: [
        paragraph(
          `本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效。本协议一式${agreement.copies}份，当事人、人民调解委员会各持一份。`,
        ),
      ],
      rows: signatureRows(bundle, agreement),
      // the seal, the version note and the 核验 block share the last signatures' page
      after: [
        sealBlock(
          bundle.committee,
          final ? dateOrBlank(agreement.finalizedAt) : dateOrBlank(undefined),
          final ? bundle.committee.sealImage : undefined,
        ),
        ...versionNote(bundle, agreement),
        ...(agreement.status === 'final' ? [verificationBlock(bundle, agreement)] : []),
      ],
    }),
  ]
  return page({ title: '人民调解协议书', content, watermark: watermarkOf(agreement), headerNote: bundle.case.caseNo })
}
