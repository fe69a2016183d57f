import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { readDateRange, readTypedDate, TYPED_DATE_FORMAT } from '../../../src/domain/typedDate'

// written out: what a mediator types, and the date it names
const READ: [string, string][] = [
  ['2026-11-01', '2026-11-01'],
  ['2026-1-1', '2026-01-01'],
  ['2026/1/1', '2026-01-01'],
  ['2026.1.1', '2026-01-01'],
  ['2026年1月1日', '2026-01-01'],
  ['2026年11月30', '2026-11-30'],
  ['20261130', '2026-11-30'],
  ['２０２６－１１－０１', '2026-11-01'],
  [' 2026 / 11 / 1 ', '2026-11-01'],
  ['2026\u3000年1月\u30001日', '2026-01-01'],
  ['2024-02-29', '2024-02-29'],
]
const UNREADABLE = [
  '11/30',
  '26-11-01',
  '2026-11',
  '2026年11月',
  '01/11/2026',
  '2026-11-01-02',
  '二〇二六年一月一日',
  'abc',
]
const NO_SUCH_DAY: [string, string][] = [
  ['2026-02-29', '没有2026年2月29日这一天，请检查'],
  ['2026-13-01', '没有2026年13月1日这一天，请检查'],
  ['2026/4/31', '没有2026年4月31日这一天，请检查'],
  ['20260000', '没有2026年0月0日这一天，请检查'],
]

describe('a typed date', () => {
  it.each(READ)('%s reads as %s', (typed, date) => {
    expect(readTypedDate(typed)).toEqual({ ok: true, date })
  })

  it.each(UNREADABLE)('%s is refused with the form to write', (typed) => {
    expect(readTypedDate(typed)).toEqual({ ok: false, message: TYPED_DATE_FORMAT })
  })

  it.each(NO_SUCH_DAY)('%s is a day that does not exist', (typed, message) => {
    expect(readTypedDate(typed)).toEqual({ ok: false, message })
  })

  it('an empty box (or spaces) is no date', () => {
    expect(readTypedDate('')).toEqual({ ok: true, date: '' })
    expect(readTypedDate(' \u3000 ')).toEqual({ ok: true, date: '' })
  })

  it('property: every real day, in every spelling, reads as that day', () => {
    const sep = fc.constantFrom(['-', '-', ''], ['/', '/', ''], ['.', '.', ''], ['年', '月', '日'], ['年', '月', ''])
    fc.assert(
      fc.property(
        fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2199, 11, 31)), noInvalidDate: true }),
        sep,
        fc.boolean(),
        fc.boolean(),
        (d, [a, b, c], pad, fullWidth) => {
          // reference: the date's own ISO form from the platform
          const iso = d.toISOString().slice(0, 10)
          const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]
          const two = (n: number) => (pad ? String(n).padStart(2, '0') : String(n))
          let typed = `${y}${a}${two(m)}${b}${two(day)}${c}`
          if (fullWidth) typed = typed.replace(/[0-9]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0))
          expect(readTypedDate(typed)).toEqual({ ok: true, date: iso })
        },
      ),
    )
  })
})

describe('a typed range', () => {
  const names = { from: '起始日期', to: '截止日期' }
  // written out: the two boxes, and what the list filters by and says
  const table: [string, string, { from: string; to: string; problem?: string }][] = [
    ['', '', { from: '', to: '' }],
    ['2026/11/1', '', { from: '2026-11-01', to: '' }],
    ['2026年11月1日', '2026.11.30', { from: '2026-11-01', to: '2026-11-30' }],
    ['11-1', '2026-11-30', { from: '', to: '2026-11-30', problem: `起始日期：${TYPED_DATE_FORMAT}` }],
    ['2026-11-01', '2026-11-31', { from: '2026-11-01', to: '', problem: '截止日期：没有2026年11月31日这一天，请检查' }],
    ['2026-11-30', '2026-11-01', { from: '2026-11-30', to: '2026-11-01', problem: '截止日期不能早于起始日期' }],
  ]
  it.each(table)('%s to %s', (from, to, expected) => {
    expect(readDateRange(from, to, names)).toEqual(expected)
  })
})
