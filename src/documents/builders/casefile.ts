/**
 * The case file (卷宗) as one PDF: cover, contents with page numbers, the documents in the order of
 * the case-file table (domain brief §1), attached scans, and the back cover (备考表).
 */
import type { Content, ContentTocItem, TDocumentDefinitions } from 'pdfmake/interfaces'
import { attachmentTitle } from '../../domain/attachmentTitle'
import type { AttachmentExport, AttachmentKind, CaseBundle } from '../../domain/types'
import { dateOrBlank, mediatorsByIds, namesOf, orBlank } from '../format'
import { CONTENT_WIDTH, formTable, page } from '../layout'
import { buildAgreement } from './agreement'
import { buildClosingReport, buildFollowUp, buildJudicialConfirmation, buildOralAgreement } from './after'
import { archivedAgreementId, type BuildOptions } from './common'
import { buildApplication, buildRegistration, buildRejection } from './intake'
import { buildRightsNotice, buildTermination } from './notices'
import { buildInvestigationRecord, buildMediationRecord } from './records'

type Part =
  | { doc: (b: CaseBundle, o: BuildOptions) => TDocumentDefinitions; when: (b: CaseBundle) => boolean }
  | { scans: AttachmentKind }

/** The law's order; scans sit where the table puts 身份证明, 证据材料 and 履行凭证. */
const ORDER: Part[] = [
  { doc: buildApplication, when: () => true },
  { doc: buildRegistration, when: (b) => !!b.case.acceptedOn },
  { doc: buildRejection, when: (b) => !!b.case.rejection },
  { doc: buildRightsNotice, when: (b) => !!b.case.acceptedOn },
  { scans: 'id_proof' },
  { doc: buildInvestigationRecord, when: (b) => b.sessions.some((s) => s.kind === 'investigation') },
  { scans: 'evidence' },
  { doc: buildMediationRecord, when: (b) => b.sessions.some((s) => s.kind === 'mediation') },
  { doc: archivedAgreement, when: (b) => b.agreements.length > 0 },
  { scans: 'signed_scan' },
  { doc: buildOralAgreement, when: (b) => b.case.outcome?.kind === 'oral' },
  { doc: buildTermination, when: (b) => b.case.outcome?.kind === 'terminated' || b.case.outcome?.kind === 'withdrawn' },
  { scans: 'receipt' },
  { doc: buildFollowUp, when: (b) => b.followUps.length > 0 },
  { doc: buildJudicialConfirmation, when: (b) => b.agreements.some((a) => a.status !== 'draft') },
  { doc: buildClosingReport, when: (b) => !!b.case.closedAt || !!b.case.outcome },
  { scans: 'other' },
]

/** The agreement that is filed: the effective (final) version, else the newest. */
function archivedAgreement(bundle: CaseBundle, opts: BuildOptions): TDocumentDefinitions {
  return buildAgreement(bundle, { ...opts, agreementId: opts.agreementId ?? archivedAgreementId(bundle) })
}

/** The title node every builder starts with: `{ text, style }` with plain text. */
function titleOf(node: Content | undefined): { text: string; style?: string } | undefined {
  if (typeof node !== 'object' || node === null || Array.isArray(node) || !('text' in node)) return undefined
  return typeof node.text === 'string'
    ? { text: node.text, style: typeof node.style === 'string' ? node.style : undefined }
    : undefined
}

/** A document's content with its first node (the title) listed in the contents and starting a page. */
function asSection(dd: TDocumentDefinitions): Content[] {
  const nodes = Array.isArray(dd.content) ? [...dd.content] : [dd.content]
  const first = titleOf(nodes[0])
  if (first) {
    nodes[0] = {
      text: first.text,
      style: first.style ?? 'title',
      tocItem: true,
      pageBreak: 'before',
    } satisfies ContentTocItem
  } else {
    nodes.unshift({ text: dd.info?.title ?? '', tocItem: true, pageBreak: 'before', style: 'heading' })
  }
  return nodes
}

/** A stored file under its title (kind, number, name), with the original file name below for the record. */
function scanSection(a: AttachmentExport, ordinal: number): Content[] {
  const heading: Content = {
    text: attachmentTitle(a.kind, ordinal, a.name),
    style: 'heading',
    tocItem: true,
    pageBreak: 'before',
  }
  const source: Content = { text: `原文件：${a.name}`, style: 'small', margin: [0, 0, 0, 6] }
  if (a.mime === 'image/png' || a.mime === 'image/jpeg') {
    return [
      heading,
      source,
      { image: `data:${a.mime};base64,${a.dataBase64}`, fit: [CONTENT_WIDTH, 620], alignment: 'center' },
    ]
  }
  return [heading, source, { text: `（${a.mime} 格式附件，另行存档，不在本卷宗 PDF 内展示。）`, style: 'small' }]
}

function cover(bundle: CaseBundle, opts: BuildOptions): Content[] {
  const c = bundle.case
  const recorder = c.recorderId ? mediatorsByIds(bundle, [c.recorderId])[0] : undefined
  const mediators = mediatorsByIds(bundle, c.mediatorIds)
  const ended = c.closedAt ?? c.outcome?.at
  return [
    { text: bundle.committee.fullName, alignment: 'center', fontSize: 18, margin: [0, 24, 0, 20] },
    { text: '人民调解卷宗', alignment: 'center', fontSize: 34, bold: true, characterSpacing: 6, margin: [0, 0, 0, 36] },
    {
      style: 'cover',
      table: {
        widths: [110, '*'],
        body: [
          ['卷　　名', orBlank(c.title)],
          ['卷　　号', orBlank(c.caseNo, '（　　）人调字第　　号')],
          ['人民调解员', namesOf(mediators)],
          ['调解日期', `${dateOrBlank(c.acceptedOn)} 至 ${dateOrBlank(ended)}`],
          ['立 卷 人', orBlank(opts.filedBy ?? recorder?.name)],
          ['立卷日期', dateOrBlank(c.archivedAt ?? c.closedAt)],
          ['保管期限', opts.retention ?? '长期'],
          ['备　　注', ''],
        ].map(([label = '', value = '']) => [
          { text: label, bold: true, margin: [0, 3, 0, 3] },
          { text: value, margin: [0, 3, 0, 3] },
        ]),
      },
      layout: 'lightHorizontalLines',
      margin: [30, 0, 30, 0],
    },
  ]
}

export function buildCaseFile(bundle: CaseBundle, opts: BuildOptions = {}): TDocumentDefinitions {
  const sections: Content[] = []
  let documents = 0
  for (const part of ORDER) {
    if ('scans' in part) {
      bundle.attachments
        .filter((x) => x.kind === part.scans)
        .forEach((a, i) => {
          sections.push(...scanSection(a, i + 1))
          documents++
        })
    } else if (part.when(bundle)) {
      sections.push(...asSection(part.doc(bundle, opts)))
      documents++
    }
  }
  const content: Content[] = [
    ...cover(bundle, opts),
    {
      toc: { title: { text: '卷内目录', style: 'title' }, textMargin: [0, 4, 0, 4], numberStyle: { bold: true } },
      pageBreak: 'before',
    },
    ...sections,
    { text: '备考表', style: 'title', tocItem: true, pageBreak: 'before', id: 'back-cover' },
    formTable([
      ['卷号', orBlank(bundle.case.caseNo)],
      ['本卷情况', `本卷共${documents}件（不含封面、卷内目录与本表）。`],
      { label: '立卷人说明', text: '本卷材料齐全，排列有序，按人民调解卷宗要求立卷归档。', minHeight: 120 },
      ['立卷人', orBlank(opts.filedBy), '检查人', ''],
      ['立卷日期', dateOrBlank(bundle.case.archivedAt ?? bundle.case.closedAt), '检查日期', dateOrBlank(undefined)],
    ]),
    // the page count is known only at layout time: pdfmake resolves a reference to this page's number
    { text: ['本卷连同封面、目录及本表共 ', { pageReference: 'back-cover' }, ' 页。'], margin: [0, 6, 0, 0] },
  ]
  return page({ title: `人民调解卷宗 ${bundle.case.caseNo ?? ''}`.trim(), content, headerNote: bundle.case.caseNo })
}
