import { describe, expect, it } from 'vitest'
import { newFollowUpForm, readFollowUpForm, type FollowUpForm } from '../../../src/domain/followUps'

const TODAY = '2026-11-23'

describe('newFollowUpForm', () => {
  it('starts today, by phone, with the case mediators, nothing answered', () => {
    const mediators = ['m1', 'm2']
    const form = newFollowUpForm(TODAY, mediators)
    expect(form).toEqual({
      visitedOn: TODAY,
      method: '电话',
      visitorIds: ['m1', 'm2'],
      performance: null,
      satisfaction: null,
      escalationSigns: false,
      notes: '',
    })
    form.visitorIds.push('m3')
    expect(mediators).toEqual(['m1', 'm2'])
  })
})

describe('readFollowUpForm', () => {
  const complete: FollowUpForm = {
    visitedOn: '2026-11-20',
    method: '上门',
    visitorIds: ['m1'],
    performance: 'partial',
    satisfaction: '基本满意',
    escalationSigns: true,
    notes: ' 已付一半 ',
  }

  it('reads a complete form, notes trimmed', () => {
    expect(readFollowUpForm(complete, TODAY)).toEqual({
      ok: true,
      value: {
        visitedOn: '2026-11-20',
        method: '上门',
        visitorIds: ['m1'],
        performance: 'partial',
        satisfaction: '基本满意',
        escalationSigns: true,
        notes: '已付一半',
      },
    })
    expect(readFollowUpForm({ ...complete, visitedOn: TODAY }, TODAY).ok).toBe(true)
    // typed as a mediator writes it, stored as the date it names
    const typed = readFollowUpForm({ ...complete, visitedOn: '2026年11月2日' }, TODAY)
    expect(typed.ok && typed.value.visitedOn).toBe('2026-11-02')
  })

  const table: [string, Partial<FollowUpForm>, string][] = [
    ['tomorrow', { visitedOn: '2026-11-24' }, '回访日期不能晚于今天'],
    [
      'a half-typed date',
      { visitedOn: '2026-11' },
      '回访日期：日期请写成 2026-01-01 这样（也可写 2026/1/1、2026.1.1 或 2026年1月1日）',
    ],
    ['an impossible date', { visitedOn: '2026-02-30' }, '回访日期：没有2026年2月30日这一天，请检查'],
    ['no visitor', { visitorIds: [] }, '请选择回访人'],
    ['performance unanswered', { performance: null }, '请选择协议履行情况'],
    ['satisfaction unanswered', { satisfaction: null }, '请选择当事人满意度'],
    ['the date is asked first', { visitedOn: '', visitorIds: [], performance: null }, '请填写回访日期'],
  ]
  it.each(table)('%s', (_name, change, message) => {
    expect(readFollowUpForm({ ...complete, ...change }, TODAY)).toEqual({ ok: false, message })
  })
})
