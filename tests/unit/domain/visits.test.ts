/**
 * 接待登记: what each 分流 route requires, which route opens a referral, what a stored visit may become,
 * and how visits count for a period. Expectations are written out by hand; the counting property holds
 * the figures to a plain sum over random visits.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  awaitsCase,
  caseLinkProblem,
  emptyVisitInput,
  filterVisits,
  intakePrefillOf,
  newVisitReferral,
  openVisitReferrals,
  receptionFigures,
  routeOpensCase,
  routeOpensReferral,
  validateVisit,
  visitProblemMessage,
  visitReferralMovedTo,
  visitReferralStatusProblem,
  visitRouteChangeProblem,
  type VisitInput,
} from '../../../src/domain/visits'
import type { Visit, VisitRoute } from '../../../src/domain/types'

const NOW = new Date('2026-11-05T02:00:00.000Z') // 10:00 in China

const input = (over: Partial<VisitInput>): VisitInput => ({
  ...emptyVisitInput(NOW, '张调解'),
  category: '邻里',
  ...over,
})

describe('routing rules', () => {
  // route → [opens a referral, opens a case]
  const table: [VisitRoute, boolean, boolean][] = [
    ['answered', false, false],
    ['case', false, true],
    ['referred', true, false],
    ['legal_aid', false, false],
    ['psych', false, false],
    ['petition', false, false],
    ['other', false, false],
  ]
  it.each(table)('%s: opens a referral %s, opens a case %s', (route, referral, kase) => {
    expect(routeOpensReferral(route)).toBe(referral)
    expect(routeOpensCase(route)).toBe(kase)
  })

  // what each route requires beyond the common fields: the fields refused when only the route is given
  const required: [VisitRoute, string[]][] = [
    ['answered', ['outcome']],
    ['case', []],
    ['referred', ['department']],
    ['legal_aid', []],
    ['psych', []],
    ['petition', []],
    ['other', ['outcome']],
  ]
  it.each(required)('%s requires %j', (route, fields) => {
    const result = validateVisit(input({ route }), NOW)
    if (fields.length === 0) expect(result.ok).toBe(true)
    else {
      expect(result.ok).toBe(false)
      if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(fields)
    }
  })

  it('a referral needs a department and a due date', () => {
    const noDue = validateVisit(input({ route: 'referred', department: '人社/劳动监察', dueOn: '' }), NOW)
    expect(noDue.ok).toBe(false)
    if (!noDue.ok) expect(noDue.errors).toEqual({ dueOn: '办理期限应为日期，如 2026-12-08' })
    const ok = validateVisit(
      input({ route: 'referred', department: '人社/劳动监察', dueOn: '2026-11-20', note: '欠薪三个月' }),
      NOW,
    )
    expect(ok.ok && ok.value.referral).toEqual({
      department: '人社/劳动监察',
      matter: '欠薪三个月',
      dueOn: '2026-11-20',
    })
  })

  it('refuses a visit with nothing but a time, naming what is missing', () => {
    const result = validateVisit(input({ category: '', handledBy: '' }), NOW)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(Object.keys(result.errors).sort()).toEqual(['about', 'handledBy', 'route'])
    expect(visitProblemMessage(result.errors)).toBe('未保存：请补充或更正事由（类别或简要情况）、分流、接待人。')
  })

  it('keeps a 5,000-character note whole and refuses one character more', () => {
    const note = '欠'.repeat(5000)
    const kept = validateVisit(input({ route: 'petition', note }), NOW)
    expect(kept.ok && kept.value.note).toBe(note)
    const long = validateVisit(input({ route: 'petition', note: note + '薪' }), NOW)
    expect(long.ok).toBe(false)
  })

  it('allows an anonymous visitor without a phone, normalises a typed phone and refuses a bad one', () => {
    const anonymous = validateVisit(input({ route: 'psych' }), NOW)
    expect(anonymous.ok && [anonymous.value.visitorName, anonymous.value.phone]).toEqual(['', ''])
    const phone = validateVisit(input({ route: 'psych', phone: '138 1234 5678' }), NOW)
    expect(phone.ok && phone.value.phone).toBe('13812345678')
    const bad = validateVisit(input({ route: 'psych', phone: '12345' }), NOW)
    expect(!bad.ok && Object.keys(bad.errors)).toEqual(['phone'])
  })

  const people: [number | null, string | undefined][] = [
    [1, undefined],
    [12, undefined],
    [0, '来访人数至少为1'],
    [2.5, '来访人数应为整数'],
    [null, '请填写来访人数'],
    [-3, '来访人数至少为1'],
  ]
  it.each(people)('people %s → %s', (n, message) => {
    const result = validateVisit(input({ route: 'petition', people: n }), NOW)
    expect(result.ok ? undefined : result.errors.people).toBe(message)
  })

  it('records the time typed in China time, refuses one in the future', () => {
    const ok = validateVisit(input({ route: 'petition', visitedAt: '2026-11-05 09:30' }), NOW)
    expect(ok.ok && ok.value.visitedAt).toBe('2026-11-05T01:30:00.000Z')
    const future = validateVisit(input({ route: 'petition', visitedAt: '2026-11-05 11:30' }), NOW)
    expect(!future.ok && future.errors.visitedAt).toBe('接待时间不能晚于现在')
  })
})

const visit = (over: Partial<Visit>): Visit => ({
  id: 'v',
  createdAt: '2026-11-05T02:00:00.000Z',
  updatedAt: '2026-11-05T02:00:00.000Z',
  visitedAt: '2026-11-05T02:00:00.000Z',
  visitorName: '',
  phone: '',
  people: 1,
  channel: 'walk_in',
  category: '邻里',
  note: '',
  route: 'answered',
  handledBy: '张调解',
  outcome: '已解答',
  ...over,
})

describe('what a visit may become', () => {
  const referral = newVisitReferral(
    { department: '人社/劳动监察', matter: '欠薪', dueOn: '2026-11-20' },
    NOW.toISOString(),
  )

  it('a fresh visit may change route; one that became a case or whose referral moved may not', () => {
    expect(visitRouteChangeProblem(visit({ route: 'answered' }), 'case')).toBeUndefined()
    expect(visitRouteChangeProblem(visit({ route: 'case', caseId: 'c1' }), 'answered')).toBe(
      '该接待已登记为调解案件，不能改为其他分流。',
    )
    expect(visitRouteChangeProblem(visit({ route: 'referred', referral }), 'legal_aid')).toBeUndefined()
    const received = visitReferralMovedTo(referral, '已接收', '', '2026-11-06T00:00:00.000Z')
    expect(visitRouteChangeProblem(visit({ route: 'referred', referral: received }), 'legal_aid')).toBe(
      '该转办已有办理记录，不能改为其他分流。',
    )
  })

  it('a case visit awaits its case until linked; only a case visit can be linked', () => {
    expect(awaitsCase(visit({ route: 'case' }))).toBe(true)
    expect(awaitsCase(visit({ route: 'case', caseId: 'c1' }))).toBe(false)
    expect(caseLinkProblem(visit({ route: 'case' }), 'c1')).toBeUndefined()
    expect(caseLinkProblem(visit({ route: 'answered' }), 'c1')).toBe('该接待的分流为“当场解答”，不能关联案件。')
    expect(caseLinkProblem(visit({ route: 'case', caseId: 'c2' }), 'c1')).toBe('该接待已关联其他案件。')
  })

  it('a visit referral follows the case referrals: 已转办 → 已接收 → 已办结, and then it is closed', () => {
    expect(referral.status).toBe('已转办')
    expect(referral.history).toEqual([{ status: '已转办', at: NOW.toISOString(), note: '' }])
    const v = visit({ route: 'referred', referral })
    expect(visitReferralStatusProblem(v, '已办结', '')).toBe('转办状态为“已转办”，不能改为“已办结”。')
    expect(visitReferralStatusProblem(v, '退回', '')).toBe('退回时请填写原因。')
    const received = visitReferralMovedTo(referral, '已接收', '', '2026-11-06T00:00:00.000Z')
    const done = visitReferralMovedTo(received, '已办结', '已支付', '2026-11-07T00:00:00.000Z')
    expect(done.history.map((h) => h.status)).toEqual(['已转办', '已接收', '已办结'])
    expect(openVisitReferrals([v, visit({ route: 'referred', referral: done })])).toEqual([v])
    expect(visitReferralStatusProblem(visit({}), '已接收', '')).toBe('该接待没有转办。')
  })
})

describe('counting and filtering', () => {
  const visits = [
    visit({ id: 'a', visitedAt: '2026-10-31T15:59:00.000Z', people: 3, route: 'answered' }), // 10-31 23:59 China
    visit({ id: 'b', visitedAt: '2026-10-31T16:00:00.000Z', people: 2, route: 'referred' }), // 11-01 00:00 China
    visit({ id: 'c', visitedAt: '2026-11-15T03:00:00.000Z', people: 1, route: 'case' }),
    visit({ id: 'd', visitedAt: '2026-11-30T15:00:00.000Z', people: 5, route: 'referred' }), // 11-30 23:00
    visit({ id: 'e', visitedAt: '2026-12-01T01:00:00.000Z', people: 4, route: 'psych' }),
  ]

  it('counts November by China time: 3 visits, 8 people, 2 referred and 1 case', () => {
    const f = receptionFigures(visits, { from: '2026-11-01', to: '2026-11-30' })
    expect(f.visits).toBe(3)
    expect(f.people).toBe(8)
    expect(f.byRoute).toEqual({ answered: 0, case: 1, referred: 2, legal_aid: 0, psych: 0, petition: 0, other: 0 })
    expect(f.peopleByRoute.referred).toBe(7)
  })

  it('filters by days, route and open referral, newest first', () => {
    expect(filterVisits(visits, { from: '2026-11-01', to: '2026-11-30' }).map((v) => v.id)).toEqual(['d', 'c', 'b'])
    expect(filterVisits(visits, { route: 'referred' }).map((v) => v.id)).toEqual(['d', 'b'])
    const referral = newVisitReferral({ department: '信访', matter: 'x', dueOn: '2026-12-01' }, NOW.toISOString())
    const withOpen = [...visits, visit({ id: 'f', route: 'referred', referral })]
    expect(filterVisits(withOpen, { openReferrals: true }).map((v) => v.id)).toEqual(['f'])
  })

  const routes: VisitRoute[] = ['answered', 'case', 'referred', 'legal_aid', 'psych', 'petition', 'other']
  const arbVisit = fc.record({
    day: fc.integer({ min: 0, max: 120 }),
    minute: fc.integer({ min: 0, max: 1439 }),
    people: fc.integer({ min: 1, max: 50 }),
    route: fc.constantFrom(...routes),
  })

  it('接待人次 is the sum of people over the visits of the period; the per-route counts sum to the total', () => {
    fc.assert(
      fc.property(
        fc.array(arbVisit, { maxLength: 60 }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 0, max: 60 }),
        (rows, start, len) => {
          const base = Date.UTC(2026, 8, 1) - 8 * 3600_000 // 2026-09-01 00:00 China
          const dayOf = (d: number) => new Date(Date.UTC(2026, 8, 1 + d)).toISOString().slice(0, 10)
          const vs = rows.map((r, i) =>
            visit({
              id: String(i),
              visitedAt: new Date(base + r.day * 86_400_000 + r.minute * 60_000).toISOString(),
              people: r.people,
              route: r.route,
            }),
          )
          const period = { from: dayOf(start), to: dayOf(start + len) }
          const inside = rows.filter((r) => r.day >= start && r.day <= start + len)
          const f = receptionFigures(vs, period)
          expect(f.visits).toBe(inside.length)
          expect(f.people).toBe(inside.reduce((s, r) => s + r.people, 0))
          expect(Object.values(f.byRoute).reduce((s, n) => s + n, 0)).toBe(f.visits)
          expect(Object.values(f.peopleByRoute).reduce((s, n) => s + n, 0)).toBe(f.people)
          for (const route of routes) expect(f.byRoute[route]).toBe(inside.filter((r) => r.route === route).length)
        },
      ),
    )
  })
})

describe('登记为调解案件: intake pre-filled', () => {
  it('takes the visitor as applicant, the note as facts, a known category, one more person for the other side', () => {
    const v = visit({
      id: 'v9',
      visitorName: '周某',
      phone: '13812345678',
      people: 3,
      category: '邻里',
      note: '装修损坏墙体',
    })
    expect(intakePrefillOf(v, ['邻里', '合同'])).toEqual({
      visitId: 'v9',
      category: '邻里',
      facts: '装修损坏墙体',
      peopleCount: 4,
      applicantName: '周某',
      applicantPhone: '13812345678',
      oralApplication: true,
    })
    expect(intakePrefillOf(visit({ category: '旧类别', channel: 'grid' }), ['邻里'])).toMatchObject({
      category: '',
      peopleCount: 2,
      oralApplication: false,
    })
  })
})
