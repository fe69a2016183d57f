import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { Referral, ReferralStatus } from '../../../src/domain/types'
import { idNumberCheckChar } from '../../../src/domain/idNumber'
import { addDays } from '../../../src/domain/dates'
import { emptyFilters, filtersToQuery, referralsNeedingAttention, repeatLookupKeys } from '../../../src/composables/caseRules'

const validId = (first17: string) => first17 + idNumberCheckChar(first17)

describe('repeatLookupKeys', () => {
  it('looks up only complete, valid numbers, normalised as stored', () => {
    const id = validId('11010519900101123')
    const keys = repeatLookupKeys([
      { name: '张三', idNumber: ` ${id.toLowerCase()} ` },
      { name: '李四', idNumber: id.slice(0, 10) },
      { name: '王五', phone: '138 1234 5678' },
      { name: '', phone: '13812345678' },
    ])
    expect(keys).toEqual([{ name: '张三', idNumber: id }, { name: '王五', phone: '13812345678' }])
  })

  it('never passes a wrong check digit on', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^11010519[5-9]\d(0[1-9]|1[0-2])(0[1-9]|1\d|2[0-8])\d{3}$/), fc.constantFrom(...'0123456789X'), (first17, check) => {
        const keys = repeatLookupKeys([{ name: '某', idNumber: first17 + check }])
        const valid = idNumberCheckChar(first17) === check
        expect(keys).toEqual(valid ? [{ name: '某', idNumber: first17 + check }] : [])
      }),
    )
  })
})

describe('referralsNeedingAttention', () => {
  const today = '2026-11-23'
  const referral = (dueOn: string, status: ReferralStatus): Referral => ({
    id: `${dueOn}-${status}`,
    caseId: 'c',
    department: '人社/劳动监察',
    scope: 'part',
    matter: '欠薪',
    dueOn,
    status,
    history: [],
    createdAt: '',
    updatedAt: '',
  })

  it('keeps open referrals that are overdue or due within 3 days, most urgent first', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -20, max: 20 }), fc.constantFrom<ReferralStatus>('已转办', '已接收', '已办结', '退回'))), (specs) => {
        const all = specs.map(([d, s]) => referral(addDays(today, d), s))
        const got = referralsNeedingAttention(all, today)
        const expected = all.filter((r) => r.status !== '已办结' && r.dueOn <= addDays(today, 3))
        expect(got).toHaveLength(expected.length)
        expect(got.every((r, i) => i === 0 || got[i - 1]!.dueOn <= r.dueOn)).toBe(true)
      }),
    )
  })
})

describe('filtersToQuery', () => {
  it('defaults to the open stage and drops empty fields', () => {
    expect(filtersToQuery(emptyFilters(), '2026-11-23')).toEqual({ stage: 'open' })
  })
  it('a chosen status replaces the stage; half-typed dates are ignored; deadlines carry today', () => {
    const q = filtersToQuery({ ...emptyFilters(), search: ' lsj ', status: 'archived', from: '2026-1', to: '2026-11-30', deadline: 'overdue' }, '2026-11-23')
    expect(q).toEqual({ search: 'lsj', status: 'archived', to: '2026-11-30', deadline: 'overdue', today: '2026-11-23' })
  })
})
