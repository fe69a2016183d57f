/**
 * What a 待编号 case shows (src/domain/syncNumbering.ts: caseNumberLabel, documentAwaitsCaseNumber) and which
 * of its documents wait for the number (src/stores/documents.ts), against tables written out here; and the
 * counter raised past the numbers a committee gave before it shared cases (counterAbove).
 */
import { describe, expect, it, vi } from 'vitest'

// the PDF worker is not what is tested here
vi.mock('../../../src/documents/browser/client', () => ({
  generatePdf: vi.fn(async () => new Uint8Array([37, 80, 68, 70])),
  findMissingGlyphs: vi.fn(async () => []),
  preloadPdfWorker: vi.fn(async () => undefined),
}))
import { documentEntries } from '../../../src/stores/documents'
import { caseNumberLabel, counterAbove } from '../../../src/domain/syncNumbering'
import { wageArrearsBundle } from '../../fixtures/cases/wage-arrears'

const PENDING = '案件编号待同步后生成：本机联网同步后即可制作此文书'

describe('the words for a case number', () => {
  it.each([
    [{}, '未受理'],
    [{ caseNo: '（2026）城关镇调字第012号' }, '（2026）城关镇调字第012号'],
    [{ acceptedOn: '2026-03-02' }, '待编号'],
    [{ acceptedOn: '2026-03-02', caseNo: '（2026）城关镇调字第012号' }, '（2026）城关镇调字第012号'],
  ])('%j reads %s', (c, words) => {
    expect(caseNumberLabel(c)).toBe(words)
  })
})

describe('documents of a 待编号 case', () => {
  it('only those that print no case number can be made; the rest say why', () => {
    const bundle = wageArrearsBundle()
    delete bundle.case.caseNo
    expect(bundle.case.acceptedOn).toBeDefined()
    const entries = documentEntries(bundle, '2026-11-10')
    const made = entries.filter((e) => e.available).map((e) => e.title)
    expect(made).toEqual(['人民调解申请书'])
    for (const e of entries.filter((x) => x.title !== '人民调解申请书')) expect(e.note).toBe(PENDING)
  })

  it('once numbered, the same case offers them again', () => {
    const bundle = wageArrearsBundle()
    expect(bundle.case.caseNo).toBeDefined()
    const waiting = documentEntries(bundle, '2026-11-10').filter((e) => e.note === PENDING)
    expect(waiting).toEqual([])
  })
})

describe('raising the counter past numbers given before sharing', () => {
  const where = { committeeId: 'c-1', year: 2026 }

  it.each([
    [undefined, 0, undefined],
    [undefined, 5, 6],
    [4, 5, 6],
    [6, 5, undefined],
    [9, 5, undefined],
  ])('counter next %s, last used %i: next becomes %s', (next, lastUsed, raised) => {
    const counter = next === undefined ? undefined : { type: 'counter' as const, ...where, next, grants: {} }
    expect(counterAbove(counter, where, lastUsed)?.next).toBe(raised)
  })

  it('keeps the grants on the counter', () => {
    const grants = { pc0: { requestId: 'r', start: 1, end: 11 } }
    expect(counterAbove({ type: 'counter', ...where, next: 11, grants }, where, 20)).toEqual({
      type: 'counter',
      ...where,
      next: 21,
      grants,
    })
  })
})
