import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { Referral, ReferralStatus } from '../../../src/domain/types'
import { addDays } from '../../../src/domain/dates'
import {
  defaultReferralDueOn,
  isReferralOpen,
  isReferralOverdue,
  newReferral,
  nextReferralStatuses,
  readReferralForm,
  referralHelperRoles,
  referralInputProblem,
  referralMovedTo,
  referralsNeedingAttention,
  referralStatusProblem,
} from '../../../src/domain/referrals'

const TODAY = '2026-11-23'
const STATUSES: ReferralStatus[] = ['已转办', '已接收', '已办结', '退回']

function referral(dueOn: string, status: ReferralStatus, id = `${dueOn}-${status}`): Referral {
  return {
    id,
    caseId: 'c',
    department: '人社/劳动监察',
    scope: 'part',
    matter: '欠薪',
    dueOn,
    status,
    history: [],
    createdAt: '',
    updatedAt: '',
  }
}

describe('the referral transitions', () => {
  // [from, to, allowed], every pair written out
  const table: [ReferralStatus, ReferralStatus, boolean][] = [
    ['已转办', '已转办', false],
    ['已转办', '已接收', true],
    ['已转办', '已办结', false],
    ['已转办', '退回', true],
    ['已接收', '已转办', false],
    ['已接收', '已接收', false],
    ['已接收', '已办结', true],
    ['已接收', '退回', true],
    ['已办结', '已转办', false],
    ['已办结', '已接收', false],
    ['已办结', '已办结', false],
    ['已办结', '退回', false],
    ['退回', '已转办', true],
    ['退回', '已接收', false],
    ['退回', '已办结', false],
    ['退回', '退回', false],
  ]
  it.each(table)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(nextReferralStatuses(from).includes(to)).toBe(allowed)
    expect(referralStatusProblem(from, to, '原因') === undefined).toBe(allowed)
  })

  it('offers the buttons in this order', () => {
    expect(nextReferralStatuses('已转办')).toEqual(['已接收', '退回'])
    expect(nextReferralStatuses('已接收')).toEqual(['已办结', '退回'])
    expect(nextReferralStatuses('已办结')).toEqual([])
    expect(nextReferralStatuses('退回')).toEqual(['已转办'])
  })

  it('says why a move is refused, and wants a reason to return one', () => {
    expect(referralStatusProblem('已转办', '已办结', '')).toBe('转办状态为“已转办”，不能改为“已办结”。')
    expect(referralStatusProblem('已接收', '退回', '  ')).toBe('退回时请填写原因。')
    expect(referralStatusProblem('已接收', '退回', '不属本部门职责')).toBeUndefined()
    expect(referralStatusProblem('已接收', '已办结', '')).toBeUndefined()
  })
})

describe('open and overdue', () => {
  const table: [ReferralStatus, string, boolean, boolean][] = [
    // status, due on, open, overdue on 2026-11-23
    ['已转办', '2026-11-22', true, true],
    ['已转办', '2026-11-23', true, false],
    ['已接收', '2026-11-01', true, true],
    ['退回', '2026-11-01', true, true],
    ['已办结', '2026-11-01', false, false],
    ['已办结', '2026-12-01', false, false],
    ['退回', '2026-12-01', true, false],
  ]
  it.each(table)('%s due %s: open %s, overdue %s', (status, dueOn, open, overdue) => {
    expect(isReferralOpen({ status })).toBe(open)
    expect(isReferralOverdue({ status, dueOn }, TODAY)).toBe(overdue)
  })

  it('a new referral is due 15 days on', () => {
    expect(defaultReferralDueOn('2026-11-23')).toBe('2026-12-08')
    expect(defaultReferralDueOn('2026-12-20')).toBe('2027-01-04')
  })
})

describe('referralsNeedingAttention', () => {
  it('keeps the open ones due by three days from today, most urgent first (written out)', () => {
    const all = [
      referral('2026-11-26', '已转办', 'a'), // due within three days
      referral('2026-11-27', '已转办', 'b'), // four days: not yet
      referral('2026-11-20', '已办结', 'c'), // done
      referral('2026-11-20', '退回', 'd'), // overdue
      referral('2026-11-23', '已接收', 'e'), // due today
    ]
    expect(referralsNeedingAttention(all, TODAY).map((r) => r.id)).toEqual(['d', 'e', 'a'])
  })

  it('keeps open referrals that are overdue or due within 3 days, most urgent first', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -20, max: 20 }), fc.constantFrom<ReferralStatus>(...STATUSES))),
        (specs) => {
          const all = specs.map(([d, s]) => referral(addDays(TODAY, d), s))
          const got = referralsNeedingAttention(all, TODAY)
          const expected = all.filter((r) => r.status !== '已办结' && r.dueOn <= addDays(TODAY, 3))
          expect(got).toHaveLength(expected.length)
          expect(got.every((r, i) => i === 0 || got[i - 1]!.dueOn <= r.dueOn)).toBe(true)
        },
      ),
    )
  })
})

describe('the referral form', () => {
  const table: [string, { department: string | null; matter: string; dueOn: string }, string | undefined][] = [
    ['complete', { department: '司法所', matter: '欠薪部分', dueOn: '2026-12-08' }, undefined],
    ['no department', { department: null, matter: '欠薪部分', dueOn: '2026-12-08' }, '请选择转办部门'],
    ['an empty department', { department: '', matter: '欠薪部分', dueOn: '2026-12-08' }, '请选择转办部门'],
    ['a blank matter', { department: '司法所', matter: '  ', dueOn: '2026-12-08' }, '请填写转办事项'],
    [
      'a half-typed date',
      { department: '司法所', matter: '欠薪部分', dueOn: '2026-12' },
      '办理期限应为日期，如 2026-12-08',
    ],
    [
      'an impossible date',
      { department: '司法所', matter: '欠薪部分', dueOn: '2026-02-30' },
      '办理期限应为日期，如 2026-12-08',
    ],
    ['department is asked first', { department: null, matter: '', dueOn: '' }, '请选择转办部门'],
    ['then the matter', { department: '司法所', matter: '', dueOn: '' }, '请填写转办事项'],
  ]
  // what the form says of a date it cannot read: the typed-date words (src/domain/typedDate.ts), not the store's
  const formSays: Record<string, string> = {
    'a half-typed date': '办理期限：日期请写成 2026-01-01 这样（也可写 2026/1/1、2026.1.1 或 2026年1月1日）',
    'an impossible date': '办理期限：没有2026年2月30日这一天，请检查',
  }
  it.each(table)('%s', (name, form, message) => {
    expect(referralInputProblem(form)).toBe(message)
    const shown = formSays[name] ?? message
    expect(readReferralForm(form)).toEqual(
      shown === undefined ? { ok: true, value: form } : { ok: false, message: shown },
    )
  })

  it('reads a 办理期限 typed as a mediator writes it, and stores the date it names', () => {
    expect(readReferralForm({ department: '司法所', matter: '欠薪部分', dueOn: '2026/12/8' })).toEqual({
      ok: true,
      value: { department: '司法所', matter: '欠薪部分', dueOn: '2026-12-08' },
    })
  })

  it('trims the matter it reads', () => {
    expect(readReferralForm({ department: '司法所', matter: ' 欠薪部分 ', dueOn: '2026-12-08' })).toEqual({
      ok: true,
      value: { department: '司法所', matter: '欠薪部分', dueOn: '2026-12-08' },
    })
  })
})

describe('a referral to 心理服务 or 法律援助 names the person it went to', () => {
  it.each<[string, string[]]>([
    ['心理服务', ['心理咨询师']],
    ['镇心理咨询室', ['心理咨询师']],
    ['法律援助', ['律师/法律工作者', '法律明白人']],
    ['县法律援助中心', ['律师/法律工作者', '法律明白人']],
    ['人社/劳动监察', []],
    ['司法所', []],
  ])('%s → %j', (department, roles) => {
    expect(referralHelperRoles(department)).toEqual(roles)
  })

  it('keeps the person only where the department takes one', () => {
    const base = { matter: '情绪疏导', dueOn: '2026-12-08', helperId: 'p1' }
    expect(readReferralForm({ ...base, department: '心理服务' })).toEqual({
      ok: true,
      value: { department: '心理服务', matter: '情绪疏导', dueOn: '2026-12-08', helperId: 'p1' },
    })
    expect(readReferralForm({ ...base, department: '司法所' })).toEqual({
      ok: true,
      value: { department: '司法所', matter: '情绪疏导', dueOn: '2026-12-08' },
    })
    expect(readReferralForm({ ...base, department: '心理服务', helperId: '' })).toEqual({
      ok: true,
      value: { department: '心理服务', matter: '情绪疏导', dueOn: '2026-12-08' },
    })
  })
})

describe('new and moved referrals', () => {
  it('a new referral starts as 已转办 with that step in its history', () => {
    const input = {
      caseId: 'c1',
      department: '司法所',
      scope: 'whole' as const,
      matter: '整案转办',
      dueOn: '2026-12-08',
    }
    expect(newReferral(input, '2026-11-23T01:00:00.000Z')).toEqual({
      caseId: 'c1',
      department: '司法所',
      scope: 'whole',
      matter: '整案转办',
      dueOn: '2026-12-08',
      status: '已转办',
      history: [{ status: '已转办', at: '2026-11-23T01:00:00.000Z', note: '' }],
    })
  })

  it('a move adds a step with the trimmed note and the time', () => {
    const r = { ...referral('2026-12-08', '已转办'), history: [{ status: '已转办' as const, at: 't0', note: '' }] }
    expect(referralMovedTo(r, '退回', ' 不属本部门 ', 't1')).toEqual({
      ...r,
      status: '退回',
      history: [
        { status: '已转办', at: 't0', note: '' },
        { status: '退回', at: 't1', note: '不属本部门' },
      ],
      updatedAt: 't1',
    })
  })
})
