/**
 * The end of a document is never split from what it confirms: the signature table starts on the page of
 * the line before it, the seal sits on the page of the last signature (or the last line of the form),
 * whatever the length of the case. Each document is rendered for a run of cases that push its end
 * across a page break, and every page is read back with pdfjs-dist.
 */
import { describe, expect, it } from 'vitest'
import type { CaseBundle } from '../../../src/domain/types'
import type { DocumentKind } from '../../../src/documents/builders/index'
import { pageTexts } from './pdf-pages'
import { finalisedBundle, render } from './render-fixture'

const SEAL = '岳阳市云溪区云溪镇人民调解委员会（印章）'

/** The case with its first `applicants` workers and the company: one signature row each. */
function withParties(bundle: CaseBundle, applicants: number): CaseBundle {
  const b = structuredClone(bundle)
  const workers = b.parties.filter((p) => p.role === '申请人').slice(0, applicants)
  const company = b.parties.filter((p) => p.role !== '申请人')
  b.parties = [...workers, ...company]
  return b
}

/** The page (0-based) whose text holds `needle`; the first one, or -1. */
function pageOf(pages: readonly string[], needle: string): number {
  return pages.findIndex((p) => p.includes(needle))
}

interface Rendered {
  label: string
  pages: string[]
}

async function renderAll(kind: DocumentKind, bundles: readonly [string, CaseBundle][]): Promise<Rendered[]> {
  const out: Rendered[] = []
  for (const [label, bundle] of bundles) out.push({ label, pages: await pageTexts(await render(kind, bundle)) })
  return out
}

/** The runs must move the end of the document across a page break, or they test nothing. */
function expectSeveralPageCounts(runs: readonly Rendered[]): void {
  expect(new Set(runs.map((r) => r.pages.length)).size).toBeGreaterThan(1)
}

/** `first` and `second` appear on one page, and `first` comes before `second` there. */
function expectOnOnePage(run: Rendered, first: string, second: string): void {
  const at = pageOf(run.pages, first)
  expect(at, `${run.label}: “${first}” is printed`).toBeGreaterThanOrEqual(0)
  const page = run.pages[at] ?? ''
  const secondAt = page.indexOf(second, page.indexOf(first))
  expect(
    secondAt,
    `${run.label}: “${second}” on the page of “${first}” (page ${at + 1} of ${run.pages.length})`,
  ).toBeGreaterThan(0)
}

/** The seal is on the last page, and that page holds more than the seal. */
function expectSealNotAlone(run: Rendered, before: string): void {
  const last = run.pages.at(-1) ?? ''
  expect(last, `${run.label}: the seal is on the last page`).toContain(SEAL)
  expect(last.indexOf(before), `${run.label}: “${before}” before the seal on the last page`).toBeGreaterThanOrEqual(0)
  expect(last.indexOf(before)).toBeLessThan(last.indexOf(SEAL))
}

describe('the end of a document stays with the lines before it', () => {
  it('当事人权利义务告知书: the signature table starts with the closing sentence, the seal follows the last signature', async () => {
    const base = await finalisedBundle()
    const bundles = Array.from(
      { length: 12 },
      (_, i) => [`${i + 1} applicants`, withParties(base, i + 1)] as [string, CaseBundle],
    )
    const runs = await renderAll('rights-notice', bundles)
    expectSeveralPageCounts(runs)
    for (const run of runs) {
      expectOnOnePage(run, '以上内容已告知，当事人已阅知并理解。', '申请人：王𠮷')
      expectSealNotAlone(run, '被申请人：岳阳云溪恒泰化工有限公司')
    }
  }, 120_000)

  it('终止调解告知书: 特此告知, the seal and the first receipt row stay together', async () => {
    const base = await finalisedBundle()
    base.case.outcome = {
      kind: 'terminated',
      at: '2026-11-18T08:00:00.000Z',
      content: '被申请人拒绝继续调解',
      routesTold: '可以向岳阳市云溪区劳动人事争议仲裁委员会申请仲裁',
      escalationWarning: true,
    }
    base.agreements = []
    base.signatures = []
    // two more lines of the reason per run: the end of the notice walks down a whole page
    const line = '双方对付款期限和金额分歧较大，经多次调解仍无法达成一致意见，'
    const bundles = Array.from({ length: 22 }, (_, i) => {
      const b = withParties(base, 2)
      if (b.case.outcome) b.case.outcome.content = `${line.repeat(2 * i)}被申请人拒绝继续调解`
      return [`${2 * i} lines of reason`, b] as [string, CaseBundle]
    })
    const runs = await renderAll('termination', bundles)
    expectSeveralPageCounts(runs)
    for (const run of runs) {
      expectOnOnePage(run, '特此告知。', SEAL)
      expectOnOnePage(run, SEAL, '申请人：王𠮷')
    }
  }, 120_000)

  it('人民调解结案报告: the sign-off and the seal stay with the last lines of the form', async () => {
    const base = await finalisedBundle()
    base.case.closedAt = '2027-01-25T02:00:00.000Z'
    base.case.closingSummary = '被申请人已按期履行全部付款义务，申请人表示满意。'
    // one more line of 纠纷简要情况 per run: the end of the form walks down a whole page
    const line = '申请人多次讨要未果，于同日向本委员会申请调解。'
    const bundles = Array.from({ length: 22 }, (_, i) => {
      const b = structuredClone(base)
      b.case.facts = line.repeat(2 * i + 1)
      return [`${2 * i + 1} lines of facts`, b] as [string, CaseBundle]
    })
    const runs = await renderAll('closing-report', bundles)
    expectSeveralPageCounts(runs)
    for (const run of runs) {
      expectOnOnePage(run, '申请人表示满意。', '承办人民调解员：李国华、欧阳珺')
      expectSealNotAlone(run, '申请人表示满意。')
    }
  }, 180_000)

  it('人民调解协议书: the signature table starts with the closing paragraph, the seal follows the last signature', async () => {
    const base = await finalisedBundle()
    const bundles = Array.from(
      { length: 12 },
      (_, i) => [`${i + 1} applicants`, withParties(base, i + 1)] as [string, CaseBundle],
    )
    const runs = await renderAll('agreement', bundles)
    expectSeveralPageCounts(runs)
    for (const run of runs) {
      expectOnOnePage(run, '当事人、人民调解委员会各持一份。', '申请人：王𠮷')
      expectSealNotAlone(run, '记录人：彭晓雯')
    }
  }, 180_000)
})
