/**
 * 一企一码 card: an A6 card an enterprise keeps, with its QR code (the text of domain/enterpriseCode)
 * and the committee's contact, so that it can come to the desk and be registered by a scan.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import type { CaseBundle } from '../../domain/types'
import { encodeEnterpriseCode, enterpriseCardOf } from '../../domain/enterpriseCode'
import { DocumentDataError, orBlank } from '../format'
import { MAIN_FONT } from '../fonts'
import { qrNode } from '../qr'
import type { BuildOptions } from './common'

export const ENTERPRISE_CARD_TITLE = '一企一码 企业调解联系卡'
/** A6 in points, portrait. */
const A6: [number, number] = [297.64, 419.53]
const MARGIN = 22
/** Large enough for a 500-character code (QR version ~15) to keep modules of about 2pt. */
const QR_SIZE = 178

/** The card of the party `opts.partyId`, or of the case's first organisation party. */
export function buildEnterpriseCard(bundle: CaseBundle, opts: BuildOptions = {}): TDocumentDefinitions {
  const party = opts.partyId
    ? bundle.parties.find((p) => p.id === opts.partyId)
    : [...bundle.parties].sort((a, b) => a.order - b.order).find((p) => p.kind === 'org')
  if (!party) throw new DocumentDataError(opts.partyId ? '找不到这个当事人' : '本案没有单位（企业）当事人')
  const made = enterpriseCardOf(party)
  if (!made.ok) throw new DocumentDataError(made.message)
  const { card } = made
  const committee = bundle.committee
  const content: Content[] = [
    { text: '一企一码', fontSize: 16, bold: true, alignment: 'center', characterSpacing: 4 },
    { text: '企业调解联系卡', fontSize: 10.5, alignment: 'center', margin: [0, 0, 0, 6] },
    { text: card.name, fontSize: 12, bold: true, alignment: 'center' },
    { text: `统一社会信用代码：${card.creditCode}`, fontSize: 9, alignment: 'center', margin: [0, 2, 0, 4] },
    {
      columns: [
        { width: '*', text: '' },
        { width: QR_SIZE, stack: [qrNode(encodeEnterpriseCode(card), QR_SIZE)] },
        { width: '*', text: '' },
      ],
    },
    {
      text: `企业遇到矛盾纠纷，可持此卡到${committee.fullName}，出示此码登记。`,
      fontSize: 9.5,
      margin: [0, 4, 0, 4],
    },
    {
      fontSize: 8.5,
      color: '#333333',
      stack: [committee.fullName, `地址：${orBlank(committee.address)}`, `电话：${orBlank(committee.phone)}`],
    },
  ]
  return {
    pageSize: { width: A6[0], height: A6[1] },
    pageMargins: [MARGIN, MARGIN, MARGIN, MARGIN],
    info: { title: `${ENTERPRISE_CARD_TITLE}（${card.name}）` },
    defaultStyle: { font: MAIN_FONT, fontSize: 10, lineHeight: 1.25 },
    content,
  }
}
