import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addDays, daysBetween } from '../../../src/domain/dates'
import {
  monthPeriod,
  periodLabel,
  periodOf,
  previousPeriod,
  quarterPeriod,
  readPeriod,
  samePeriodLastYear,
  yearPeriod,
} from '../../../src/domain/reportPeriod'
import { isoDateArb } from './arbitraries'

describe('report periods', () => {
  it('months, quarters and years, with their titles', () => {
    expect(monthPeriod(2028, 2)).toEqual({ kind: 'month', from: '2028-02-01', to: '2028-02-29' })
    expect(quarterPeriod(2026, 4)).toEqual({ kind: 'quarter', from: '2026-10-01', to: '2026-12-31' })
    expect(yearPeriod(2026)).toEqual({ kind: 'year', from: '2026-01-01', to: '2026-12-31' })
    expect(periodLabel(monthPeriod(2026, 11))).toBe('2026年11月')
    expect(periodLabel(quarterPeriod(2026, 4))).toBe('2026年第四季度')
    expect(periodLabel(yearPeriod(2026))).toBe('2026年')
    expect(periodLabel({ kind: 'custom', from: '2026-11-03', to: '2026-12-02' })).toBe('2026年11月3日至2026年12月2日')
  })

  it('环比 and 同比 periods across a year boundary and a leap day', () => {
    expect(previousPeriod(monthPeriod(2026, 1))).toEqual(monthPeriod(2025, 12))
    expect(previousPeriod(quarterPeriod(2026, 1))).toEqual(quarterPeriod(2025, 4))
    expect(previousPeriod(yearPeriod(2026))).toEqual(yearPeriod(2025))
    expect(previousPeriod({ kind: 'custom', from: '2026-03-01', to: '2026-03-10' })).toEqual({
      kind: 'custom',
      from: '2026-02-19',
      to: '2026-02-28',
    })
    expect(samePeriodLastYear(monthPeriod(2028, 2))).toEqual({ kind: 'month', from: '2027-02-01', to: '2027-02-28' })
    expect(samePeriodLastYear(quarterPeriod(2026, 1))).toEqual(quarterPeriod(2025, 1))
  })

  it('a custom range: the previous one has the same length and ends the day before', () => {
    fc.assert(
      fc.property(isoDateArb(2000, 2100), fc.integer({ min: 0, max: 400 }), (from, span) => {
        const p = { kind: 'custom' as const, from, to: addDays(from, span) }
        const prev = previousPeriod(p)
        expect(addDays(prev.to, 1)).toBe(from)
        expect(daysBetween(prev.from, prev.to)).toBe(span)
      }),
    )
  })

  it('bad input gets a clear Chinese message', () => {
    expect(readPeriod({ kind: 'custom', from: '2026-11-30', to: '2026-11-01' })).toEqual({
      ok: false,
      message: '结束日期不能早于开始日期',
    })
    expect(readPeriod({ kind: 'custom', from: '', to: '' })).toEqual({ ok: false, message: '请填写统计的起止日期' })
    expect(readPeriod({ kind: 'custom', from: '2026-02-30', to: '2026-03-01' })).toEqual({
      ok: false,
      message: '开始日期：没有2026年2月30日这一天，请检查',
    })
    expect(readPeriod({ kind: 'custom', from: '2026-11-01', to: '11/30' })).toEqual({
      ok: false,
      message: '结束日期：日期请写成 2026-01-01 这样（也可写 2026/1/1、2026.1.1 或 2026年1月1日）',
    })
    // typed as a mediator would: the same period as the ISO dates
    expect(readPeriod({ kind: 'custom', from: '2026年11月1日', to: ' ２０２６/11/30 ' })).toEqual({
      ok: true,
      period: { kind: 'custom', from: '2026-11-01', to: '2026-11-30' },
    })
    expect(readPeriod({ kind: 'month', year: 2026, part: null })).toEqual({ ok: false, message: '请选择月份' })
    expect(readPeriod({ kind: 'quarter', year: 2026, part: 5 })).toEqual({ ok: false, message: '请选择季度' })
    expect(readPeriod({ kind: 'year', year: null })).toEqual({ ok: false, message: '请选择统计年份' })
    expect(readPeriod({ kind: 'month', year: 2026, part: 11 })).toEqual({ ok: true, period: monthPeriod(2026, 11) })
    expect(readPeriod({ kind: 'custom', from: '2026-11-01', to: '2026-11-01' })).toMatchObject({ ok: true })
  })

  it('a pair of dates is recognised as the month, quarter or year it is', () => {
    expect(periodOf('2026-11-01', '2026-11-30')).toEqual({ ok: true, period: monthPeriod(2026, 11) })
    expect(periodOf('2026-10-01', '2026-12-31')).toEqual({ ok: true, period: quarterPeriod(2026, 4) })
    expect(periodOf('2026-01-01', '2026-12-31')).toEqual({ ok: true, period: yearPeriod(2026) })
    expect(periodOf('2026-01-02', '2026-12-31')).toMatchObject({ ok: true, period: { kind: 'custom' } })
    expect(periodOf('2026-12-31', '2026-01-01')).toMatchObject({ ok: false })
  })
})
