/**
 * Every document of the fixture case rendered for real: the text holds every field it should, nothing
 * prints as undefined/null/NaN, fonts are embedded as subsets, and qpdf finds the file sound.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { DOCUMENT_KIND_NAMES, availableDocuments, type DocumentKind } from '../../../src/documents/builders/index'
import { formatChineseDate } from '../../../src/domain/clauses'
import { formatAmount } from '../../../src/domain/money'
import type { CaseBundle } from '../../../src/domain/types'
import { extractText, listFonts, pageCount, qpdfCheck, requireTools } from './pdf-tools'
import { finalisedBundle, render } from './render-fixture'

const strip = (s: string): string => s.replace(/\s+/g, '')

function partyNames(b: CaseBundle): string[] {
  return b.parties.map((p) => p.name)
}

/** Every identifying detail of every party, as the full party paragraphs print them. */
function partyDetails(b: CaseBundle): string[] {
  return b.parties.flatMap((p) =>
    [
      p.name,
      p.idNumber,
      p.address,
      p.phone,
      p.creditCode,
      p.legalRep,
      p.ethnicity,
      p.occupation,
      p.birthDate ? formatChineseDate(p.birthDate) : undefined,
      ...p.agents.map((a) => a.name),
    ].filter((v): v is string => !!v),
  )
}

/** The case's mediators and, where a document names the recorder, the recorder too. */
const mediatorNames = (b: CaseBundle): string[] =>
  b.mediators.filter((m) => b.case.mediatorIds.includes(m.id)).map((m) => m.name)
const recorderName = (b: CaseBundle): string => b.mediators.find((m) => m.id === b.case.recorderId)?.name ?? 'missing'

/** What each document must show of the case. */
const EXPECTED: Record<DocumentKind, (b: CaseBundle) => string[]> = {
  application: (b) => [...partyDetails(b), ...b.case.requests, b.case.facts, b.committee.fullName],
  registration: (b) => [
    ...partyNames(b),
    b.case.caseNo ?? '',
    b.case.category,
    b.case.source,
    formatAmount(b.case.amountFen),
    ...mediatorNames(b),
    recorderName(b),
  ],
  rejection: (b) => [
    b.case.rejection?.reason ?? 'missing',
    b.case.rejection?.routes ?? 'missing',
    b.committee.fullName,
  ],
  'rights-notice': (b) => [...partyNames(b), '第二十三条', '第二十四条', '如实陈述纠纷事实', b.committee.fullName],
  investigation: (b) =>
    b.sessions
      .filter((s) => s.kind === 'investigation')
      .flatMap((s) => [s.place, s.factsChecked, s.outcome, ...s.statements.map((st) => st.text)]),
  mediation: (b) =>
    b.sessions
      .filter((s) => s.kind === 'mediation')
      .flatMap((s) => [s.riskWarning, s.outcome, ...s.statements.map((st) => st.text)]),
  agreement: (b) => {
    const a = b.agreements[0]
    return [
      ...partyDetails(b),
      ...mediatorNames(b),
      recorderName(b),
      b.case.caseNo ?? '',
      a?.facts ?? 'missing',
      a?.performanceTerms ?? 'missing',
      formatAmount(38_640_000),
      formatAmount(20_000_000),
      formatAmount(18_640_000),
      `本协议一式${a?.copies}份`,
      b.committee.fullName,
      a?.verifyCode ?? 'missing',
    ]
  },
  'oral-agreement': (b) => [...partyNames(b), b.case.outcome?.content ?? 'missing', b.case.caseNo ?? ''],
  termination: (b) => [...partyNames(b), b.case.outcome?.content ?? 'missing', b.case.outcome?.routesTold ?? 'missing'],
  'judicial-confirmation': (b) => [
    ...partyDetails(b),
    b.case.caseNo ?? '',
    '三十日内',
    formatChineseDate('2026-12-20'),
    '人民法院',
  ],
  'follow-up': (b) => [...partyNames(b), ...b.followUps.map((f) => f.notes), b.case.caseNo ?? ''],
  'closing-report': (b) => [...partyNames(b), b.case.caseNo ?? '', formatAmount(b.case.amountFen), ...mediatorNames(b)],
  'enterprise-card': (b) => {
    const org = b.parties.find((p) => p.kind === 'org')
    return [
      org?.name ?? 'no org',
      org?.creditCode ?? 'no code',
      b.committee.fullName,
      b.committee.address,
      b.committee.phone,
    ]
  },
  casefile: (b) => [
    '人民调解卷宗',
    '卷内目录',
    '备考表',
    '人民调解协议书',
    '调解记录',
    ...b.attachments.map((a) => a.name),
    ...partyDetails(b),
  ],
}

function withOutcome(b: CaseBundle, kind: 'oral' | 'terminated'): CaseBundle {
  b.case.outcome =
    kind === 'oral'
      ? {
          kind: 'oral',
          at: '2026-11-18T08:00:00.000Z',
          content: '被申请人于2026年11月30日前一次性支付全部拖欠工资，申请人不再追究。',
        }
      : {
          kind: 'terminated',
          at: '2026-11-18T08:00:00.000Z',
          content: '被申请人拒绝继续调解',
          routesTold: '可以向岳阳市云溪区劳动人事争议仲裁委员会申请仲裁',
          escalationWarning: true,
        }
  b.agreements = []
  b.signatures = []
  return b
}

async function bundleFor(kind: DocumentKind): Promise<CaseBundle> {
  const b = await finalisedBundle()
  if (kind === 'rejection')
    b.case.rejection = {
      reason: '该纠纷已由人民法院受理',
      routes: '可以向岳阳市云溪区人民法院了解案件进展',
      at: '2026-11-03',
    }
  if (kind === 'oral-agreement') return withOutcome(b, 'oral')
  if (kind === 'termination') return withOutcome(b, 'terminated')
  b.case.closedAt = '2027-01-25T02:00:00.000Z'
  b.case.closingSummary = '被申请人已按期履行全部付款义务，申请人表示满意。'
  return b
}

describe('every document as a real PDF', () => {
  const pdfs = new Map<DocumentKind, { pdf: Uint8Array; bundle: CaseBundle }>()

  beforeAll(async () => {
    requireTools('pdftotext', 'pdffonts', 'pdfinfo', 'qpdf')
    for (const kind of DOCUMENT_KIND_NAMES) {
      const bundle = await bundleFor(kind)
      pdfs.set(kind, { pdf: await render(kind, bundle), bundle })
    }
  }, 120_000)

  it.each(DOCUMENT_KIND_NAMES)('%s shows every field of the case and nothing undefined', (kind) => {
    const entry = pdfs.get(kind)
    if (!entry) throw new Error(`not rendered: ${kind}`)
    const text = extractText(entry.pdf)
    const missing = EXPECTED[kind](entry.bundle).filter((field) => !text.includes(strip(field)))
    expect(missing).toEqual([])
    expect(text).not.toMatch(/undefined|null|NaN|\[object/)
  })

  it.each(DOCUMENT_KIND_NAMES)('%s embeds its fonts as subsets and passes qpdf --check', (kind) => {
    const pdf = pdfs.get(kind)?.pdf
    if (!pdf) throw new Error(`not rendered: ${kind}`)
    const fonts = listFonts(pdf)
    expect(fonts.length).toBeGreaterThan(0)
    for (const f of fonts) expect(f, f.name).toMatchObject({ embedded: true, subset: true })
    const check = qpdfCheck(pdf)
    expect(check.ok, check.output).toBe(true)
  })

  it('draws the rare characters of names with the fallback face when the main one lacks them', () => {
    const pdf = pdfs.get('agreement')?.pdf
    if (!pdf) throw new Error('not rendered')
    const text = extractText(pdf)
    for (const ch of ['𠮷', '堃', '珺', '喆', '赟', '䶮']) expect(text).toContain(ch)
    expect(listFonts(pdf).map((f) => f.name.split('+')[1])).toEqual(
      expect.arrayContaining(['NotoSerifSC-Regular', 'NotoSerifSC-Bold', 'NotoSerifJP-Regular']),
    )
  })

  it('puts the case file in the order of the law, with a contents page', () => {
    const pdf = pdfs.get('casefile')?.pdf
    if (!pdf) throw new Error('not rendered')
    const text = extractText(pdf)
    const order = [
      '人民调解申请书',
      '人民调解受理登记表',
      '当事人权利义务告知书',
      '调查记录',
      '调解记录',
      '人民调解协议书',
      '签字页扫描件1.png',
      '回访记录',
      '司法确认申请书',
      '人民调解结案报告',
      '备考表',
    ]
    const afterContents = text.slice(text.lastIndexOf('备考表') > 0 ? text.indexOf('备考表') + 3 : 0)
    const positions = order.map((t) => afterContents.indexOf(t))
    expect(positions.every((p) => p >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    expect(text).toMatch(new RegExp(`本卷连同封面、目录及本表共${pageCount(pdf)}页`))
  })

  it('offers only the documents the case has data for', async () => {
    const b = await finalisedBundle()
    expect(availableDocuments(b)).not.toContain('rejection')
    expect(availableDocuments(b)).not.toContain('oral-agreement')
    expect(availableDocuments(b)).toContain('agreement')
  })
})
