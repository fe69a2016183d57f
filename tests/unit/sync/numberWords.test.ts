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

const PENDING = '案件编号待同步后生成（本机联网同步后即可制作）'

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
  it('only those that print no case number can be made; those the case has wait for its number', () => {
    const bundle = wageArrearsBundle()
    delete bundle.case.caseNo
    expect(bundle.case.acceptedOn).toBeDefined()
    // title → the reason shown ('' = can be made); the fixture's case as it is, but without its number
    expect(documentEntries(bundle, '2026-11-10').map((e) => [e.title, e.note ?? ''])).toEqual([
      ['人民调解申请书', ''],
      ['人民调解受理登记表', PENDING],
      ['不予受理通知书', '只有不予受理的案件才有此通知书'],
      ['当事人权利义务告知书', PENDING],
      ['调查记录', PENDING],
      ['调解记录', PENDING],
      ['人民调解协议书', PENDING],
      ['口头调解协议登记表', '只有登记口头协议的案件才有此登记表'],
      ['终止调解告知书', '只有终止调解或撤回的案件才有此告知书'],
      ['司法确认申请书', '书面协议确认生效后才能申请司法确认'],
      ['回访记录', PENDING],
      ['人民调解结案报告', PENDING],
      ['人民调解卷宗', PENDING],
    ])
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
