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
  visitAfterEdit,
  visitEditProblem,
  visitInputOf,
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
    // typed as a mediator writes it, kept as the date it names; one that cannot be read says how to write it
    const typed = validateVisit(
      input({ route: 'referred', department: '人社/劳动监察', dueOn: '2026年11月20日', note: '欠薪三个月' }),
      NOW,
    )
    expect(typed.ok && typed.value.referral?.dueOn).toBe('2026-11-20')
    const unread = validateVisit(input({ route: 'referred', department: '人社/劳动监察', dueOn: '11.20' }), NOW)
    expect(unread.ok ? {} : unread.errors).toEqual({
      dueOn: '办理期限：日期请写成 2026-01-01 这样（也可写 2026/1/1、2026.1.1 或 2026年1月1日）',
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

describe('correcting a stored visit', () => {
  const referral = newVisitReferral(
    { department: '人社/劳动监察', matter: '欠薪', dueOn: '2026-11-20' },
    '2026-11-05T02:00:00.000Z',
  )
  const AT = '2026-11-06T03:00:00.000Z'

  it('reads back into the form it was typed in, field for field', () => {
    const v = visit({
      visitedAt: '2026-11-05T01:30:00.000Z',
      visitorName: '钱多多',
      phone: '13812345678',
      people: 6,
      route: 'referred',
      note: '欠薪',
      outcome: '',
      referral,
      organisation: { name: '恒泰', creditCode: '91430600MA4Q8K7T3N', legalRep: '黄', address: '滨江路', phone: '' },
      enterprise: true,
    })
    expect(visitInputOf(v)).toEqual({
      visitedAt: '2026-11-05 09:30',
      visitorName: '钱多多',
      phone: '13812345678',
      people: 6,
      channel: 'walk_in',
      category: '邻里',
      note: '欠薪',
      route: 'referred',
      handledBy: '张调解',
      outcome: '',
      department: '人社/劳动监察',
      dueOn: '2026-11-20',
      organisation: { name: '恒泰', creditCode: '91430600MA4Q8K7T3N', legalRep: '黄', address: '滨江路', phone: '' },
      enterprise: true,
      helperId: '',
    })
  })

  it('a typo is corrected and a 5,000-character note is kept whole', () => {
    const long = '情'.repeat(5000)
    const v = visit({ note: '错字' })
    const checked = validateVisit({ ...visitInputOf(v), note: long }, NOW)
    expect(checked.ok).toBe(true)
    if (!checked.ok) return
    expect(visitEditProblem(v, checked.value)).toBeUndefined()
    const next = visitAfterEdit(v, checked.value, AT)
    expect(next.note).toHaveLength(5000)
    expect(next).toMatchObject({ id: 'v', createdAt: v.createdAt, updatedAt: AT })
    const tooLong = validateVisit({ ...visitInputOf(v), note: `${long}多` }, NOW)
    expect(tooLong.ok).toBe(false)
  })

  it('keeps the case a visit became, and refuses to route it elsewhere', () => {
    const v = visit({ route: 'case', caseId: 'c1', outcome: '' })
    const same = validateVisit({ ...visitInputOf(v), note: '补充情况' }, NOW)
    expect(same.ok && visitAfterEdit(v, same.value, AT).caseId).toBe('c1')
    const other = validateVisit({ ...visitInputOf(v), route: 'answered', outcome: '已解答' }, NOW)
    expect(other.ok && visitEditProblem(v, other.value)).toBe('该接待已登记为调解案件，不能改为其他分流。')
  })

  it('a newly referred visit opens its referral; a referral kept keeps its history; one acted on keeps department and due date', () => {
    const answered = visit({ note: '欠薪' })
    const toReferral = validateVisit(
      { ...visitInputOf(answered), route: 'referred', department: '人社/劳动监察', dueOn: '2026-11-21' },
      NOW,
    )
    expect(toReferral.ok).toBe(true)
    if (!toReferral.ok) return
    expect(visitAfterEdit(answered, toReferral.value, AT).referral).toEqual({
      department: '人社/劳动监察',
      matter: '欠薪',
      dueOn: '2026-11-21',
      status: '已转办',
      history: [{ status: '已转办', at: AT, note: '' }],
      updatedAt: AT,
    })

    const fresh = visit({ route: 'referred', note: '欠薪', outcome: '', referral })
    const later = validateVisit({ ...visitInputOf(fresh), dueOn: '2026-11-30' }, NOW)
    if (!later.ok) throw new Error('expected valid')
    expect(visitEditProblem(fresh, later.value)).toBeUndefined()
    expect(visitAfterEdit(fresh, later.value, AT).referral).toEqual({ ...referral, dueOn: '2026-11-30', updatedAt: AT })
    // nothing of the referral changed: it stays as it was, stamps and all
    const untouched = validateVisit({ ...visitInputOf(fresh), outcome: '电话告知' }, NOW)
    if (!untouched.ok) throw new Error('expected valid')
    expect(visitAfterEdit(fresh, untouched.value, AT).referral).toBe(referral)

    const received = visit({
      route: 'referred',
      note: '欠薪',
      outcome: '',
      referral: visitReferralMovedTo(referral, '已接收', '', '2026-11-06T01:00:00.000Z'),
    })
    const moved = validateVisit({ ...visitInputOf(received), dueOn: '2026-11-30' }, NOW)
    if (!moved.ok) throw new Error('expected valid')
    expect(visitEditProblem(received, moved.value)).toBe('该转办已有办理记录，转办部门和办理期限不能再修改。')
    const back = validateVisit({ ...visitInputOf(received), route: 'answered', outcome: '已解答' }, NOW)
    if (!back.ok) throw new Error('expected valid')
    expect(visitEditProblem(received, back.value)).toBe('该转办已有办理记录，不能改为其他分流。')
  })

  it('a route left behind leaves nothing of it: no referral, no helper', () => {
    const psych = visit({ route: 'psych', outcome: '', helperId: 'h1' })
    const checked = validateVisit({ ...visitInputOf(psych), route: 'other', outcome: '已处理' }, NOW, [
      { id: 'h1', role: '心理咨询师' },
    ])
    if (!checked.ok) throw new Error('expected valid')
    const next = visitAfterEdit(psych, checked.value, AT)
    expect(next.helperId).toBeUndefined()
    expect(next.referral).toBeUndefined()
  })
})

describe('法律援助 and 心理服务 name the person from the roster', () => {
  const roster = [
    { id: 'psy', role: '心理咨询师' as const },
    { id: 'law', role: '律师/法律工作者' as const },
    { id: 'fl', role: '法律明白人' as const },
    { id: 'grid', role: '网格员' as const },
  ]
  // route, helper chosen → kept id, or the field refused
  const table: [VisitRoute, string, string | 'refused'][] = [
    ['psych', 'psy', 'psy'],
    ['psych', 'law', 'refused'],
    ['legal_aid', 'law', 'law'],
    ['legal_aid', 'fl', 'fl'],
    ['legal_aid', 'grid', 'refused'],
    ['legal_aid', 'gone', 'refused'],
    ['answered', 'psy', ''],
    ['psych', '', ''],
  ]
  it.each(table)('%s with %s → %s', (route, helperId, expected) => {
    const r = validateVisit(input({ route, helperId, outcome: route === 'answered' ? '已解答' : '' }), NOW, roster)
    if (expected === 'refused') {
      expect(r.ok).toBe(false)
      if (!r.ok) expect(Object.keys(r.errors)).toEqual(['helperId'])
    } else {
      expect(r.ok).toBe(true)
      if (r.ok) expect(r.value.helperId ?? '').toBe(expected)
    }
  })
})

describe("the visitor's organisation from its 一企一码 card", () => {
  const card = {
    name: '城关镇恒泰五金制品有限公司',
    creditCode: '91430600MA4Q8K7T3N',
    legalRep: '黄立新',
    address: '滨江路8号',
    phone: '0730-8412368',
  }

  it('is stored with the visit, and 涉企 as ticked', () => {
    const r = validateVisit(input({ route: 'psych', organisation: card, enterprise: true }), NOW)
    expect(r.ok && r.value.organisation).toEqual(card)
    expect(r.ok && r.value.enterprise).toBe(true)
    const none = validateVisit(input({ route: 'psych' }), NOW)
    expect(none.ok && 'organisation' in none.value).toBe(false)
    expect(none.ok && 'enterprise' in none.value).toBe(false)
  })

  it('goes to intake: the applicant when the enterprise came by its code, else the other side; the case is 涉企', () => {
    const byCode = intakePrefillOf(visit({ channel: 'enterprise_code', organisation: card }), [])
    expect(byCode.organisation).toEqual({ card, partyIndex: 0 })
    expect(byCode.enterprise).toBe(true)
    const walkIn = intakePrefillOf(visit({ channel: 'walk_in', organisation: card }), [])
    expect(walkIn.organisation).toEqual({ card, partyIndex: 1 })
    const ticked = intakePrefillOf(visit({ enterprise: true }), [])
    expect(ticked.enterprise).toBe(true)
    expect(ticked.organisation).toBeUndefined()
  })
})
