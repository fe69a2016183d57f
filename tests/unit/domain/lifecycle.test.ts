import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { ActionInputs, CaseAction } from '../../../src/domain/lifecycle'
import {
  availableActions,
  CASE_ACTIONS,
  canTransition,
  isReadOnly,
  STATUS_LABELS,
  TRANSITIONS,
} from '../../../src/domain/lifecycle'
import { transition } from '../../../src/domain/transition'
import type { CaseRecord, CaseStatus } from '../../../src/domain/types'
import { makeCase } from './arbitraries'

const NOW = '2026-11-22T09:30:00.000Z'
const ALL_STATUSES = Object.keys(STATUS_LABELS) as CaseStatus[]

const VALID: { [A in CaseAction]: ActionInputs[A] } = {
  accept: {
    caseNo: '（2026）X镇调字第012号',
    acceptedOn: '2026-11-02',
    deadlineDays: 30,
    mediatorIds: ['m1', 'm1', 'm2'],
  },
  reject: { reason: '属于法院已经受理的纠纷', routes: '可向人民法院了解案件进展' },
  investigate: {},
  mediate: {},
  draftAgreement: {},
  resumeMediation: { reason: '被申请人对金额反悔' },
  finalizeAgreement: {},
  registerOralAgreement: { content: '乙方当场返还甲方农具一套' },
  terminate: { reason: '双方分歧过大', routesTold: '可申请劳动仲裁或向法院起诉', escalationWarning: true },
  withdraw: { note: '申请人自行和解后撤回' },
  refer: { department: '劳动监察', matter: '欠薪线索' },
  extendDeadline: { days: 15, reason: '等待鉴定', partiesConsent: true },
  recordPerformance: { status: 'partial', note: '已付一半', receiptIds: ['att-1'] },
  close: { summary: '协议已全部履行' },
  recordPrevention: { prevention: { people: { criminal: 2 }, abnormalDeath: false } },
  // applied on the day of NOW (China date), the latest a finalisation during the walk can be
  recordJudicialConfirmation: { judicialConfirmation: { appliedOn: '2026-11-22', court: '某区人民法院' } },
  archive: {},
  reopen: { reason: '补充归档回访记录' },
}

/** A case that has plausibly reached `status`: the fields earlier steps would have set. */
function caseIn(status: CaseStatus): CaseRecord {
  const accepted = status !== 'intake' && status !== 'rejected'
  // an agreement in force (and a case closed after one) came from a written agreement
  const agreed = status === 'effective' || status === 'closed'
  return makeCase({
    status,
    ...(accepted
      ? { caseNo: '（2026）X镇调字第001号', acceptedOn: '2026-11-02', dueOn: '2026-12-02', mediatorIds: ['m1'] }
      : {}),
    ...(agreed ? { outcome: { kind: 'written' as const, at: '2026-11-20T02:00:00.000Z', content: '' } } : {}),
  })
}

function run<A extends CaseAction>(c: CaseRecord, action: A): ReturnType<typeof transition> {
  return transition(c, action, VALID[action], NOW)
}

describe('the transition table', () => {
  it('lists each (from, action) pair once, with a Chinese label', () => {
    const pairs = TRANSITIONS.map((t) => `${t.from}/${t.action}`)
    expect(new Set(pairs).size).toBe(pairs.length)
    for (const t of TRANSITIONS) expect(t.label).toMatch(/\p{Script=Han}/u)
  })

  it('has no way out of archived except reopen, and reaches archived from every outcome', () => {
    expect(TRANSITIONS.filter((t) => t.from === 'archived').map((t) => t.action)).toEqual(['reopen'])
    for (const s of ['rejected', 'effective', 'terminated', 'withdrawn', 'referred'] as const) {
      const reachable = new Set<CaseStatus>([s])
      for (let i = 0; i < 3; i++) for (const t of TRANSITIONS) if (reachable.has(t.from)) reachable.add(t.to)
      expect(reachable.has('archived')).toBe(true)
    }
  })

  it.each(TRANSITIONS.map((t) => [t.from, t.action, t.to] as const))(
    '%s --%s--> %s succeeds with valid input',
    (from, action, to) => {
      const before = caseIn(from)
      const r = run(before, action)
      if (!r.ok) throw new Error(r.message)
      expect(r.next.status).toBe(to)
      expect(r.next.updatedAt).toBe(NOW)
      expect(r.next.id).toBe(before.id)
      if (from !== to) expect(r.changedFields).toContain('status')
      expect(r.changedFields).not.toContain('updatedAt')
    },
  )

  const refused = ALL_STATUSES.flatMap((s) =>
    CASE_ACTIONS.filter((a) => !canTransition(s, a)).map((a) => [s, a] as const),
  )
  it.each(refused)('from %s, %s is refused and nothing changes', (from, action) => {
    const before = caseIn(from)
    const snapshot = structuredClone(before)
    const r = run(before, action)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.message).toContain(`案件当前状态为“${STATUS_LABELS[from]}”`)
    expect(before).toEqual(snapshot)
  })

  it('only archived cases are read-only', () => {
    expect(ALL_STATUSES.filter(isReadOnly)).toEqual(['archived'])
  })
})

describe('what each transition records', () => {
  it('accept assigns the number, the deadline, the rights notice and the mediators', () => {
    const r = run(caseIn('intake'), 'accept')
    expect(r).toMatchObject({
      ok: true,
      next: {
        caseNo: '（2026）X镇调字第012号',
        acceptedOn: '2026-11-02',
        dueOn: '2026-12-02',
        rightsNoticeGivenAt: NOW,
        mediatorIds: ['m1', 'm2'],
      },
      changedFields: ['acceptedOn', 'caseNo', 'dueOn', 'mediatorIds', 'rightsNoticeGivenAt', 'status'],
    })
  })

  it.each([
    [{ caseNo: ' ' }, '受理时必须生成案件编号'],
    [{ acceptedOn: '2026-02-30' }, '受理日期不正确'],
    [{ acceptedOn: '2026-10-31' }, '受理日期不能早于登记日期'],
    [{ deadlineDays: 0 }, '办理期限应为1至90天'],
    [{ deadlineDays: 91 }, '办理期限应为1至90天'],
    [{ mediatorIds: [] }, '受理时请指派至少一名调解员'],
  ])('accept refuses %o', (change, message) => {
    expect(transition(caseIn('intake'), 'accept', { ...VALID.accept, ...change }, NOW)).toEqual({ ok: false, message })
  })

  it.each([
    ['reject', { reason: '' }, '请填写不予受理的理由', 'intake'],
    ['reject', { routes: ' ' }, '请填写告知当事人的其他解决途径', 'intake'],
    ['terminate', { reason: '' }, '请填写终止调解的原因', 'mediating'],
    ['terminate', { routesTold: '' }, '请填写已告知当事人的其他解决途径（仲裁、行政、诉讼等）', 'mediating'],
    ['registerOralAgreement', { content: '' }, '请填写口头协议的内容', 'mediating'],
    ['withdraw', { note: '' }, '请填写撤回申请的情况说明', 'accepted'],
    ['refer', { department: '' }, '请选择转办部门', 'accepted'],
    ['refer', { matter: '' }, '请填写转办事项', 'accepted'],
    ['close', { summary: '' }, '请填写结案情况', 'effective'],
    ['reopen', { reason: ' ' }, '重新打开已归档案件须填写理由', 'archived'],
    ['resumeMediation', { reason: '' }, '请填写退回继续调解的原因', 'drafting'],
    ['extendDeadline', { partiesConsent: false }, '延长期限须经双方当事人同意', 'mediating'],
  ] as const)('%s refuses %o', (action, change, message, from) => {
    const input = { ...VALID[action], ...change } as ActionInputs[typeof action]
    expect(transition(caseIn(from), action, input, NOW)).toEqual({ ok: false, message })
  })

  it('reject records reason and routes', () => {
    expect(run(caseIn('intake'), 'reject')).toMatchObject({
      ok: true,
      next: { rejection: { ...VALID.reject, at: NOW } },
      changedFields: ['rejection', 'status'],
    })
  })

  it('outcomes record kind, content, routes and the escalation warning', () => {
    expect(run(caseIn('mediating'), 'terminate')).toMatchObject({
      next: {
        outcome: {
          kind: 'terminated',
          at: NOW,
          content: '双方分歧过大',
          routesTold: '可申请劳动仲裁或向法院起诉',
          escalationWarning: true,
        },
      },
    })
    expect(run(caseIn('mediating'), 'registerOralAgreement')).toMatchObject({
      next: { status: 'effective', outcome: { kind: 'oral', content: '乙方当场返还甲方农具一套' } },
    })
    expect(run(caseIn('drafting'), 'finalizeAgreement')).toMatchObject({
      next: { status: 'effective', outcome: { kind: 'written' } },
    })
    expect(run(caseIn('accepted'), 'refer')).toMatchObject({
      next: { outcome: { kind: 'referred', content: '转劳动监察：欠薪线索' } },
    })
  })

  it('extension moves the due date and is offered only once', () => {
    const r = run(caseIn('mediating'), 'extendDeadline')
    if (!r.ok) throw new Error(r.message)
    expect(r.next.dueOn).toBe('2026-12-17')
    expect(r.changedFields).toEqual(['dueOn', 'extension'])
    expect(availableActions(r.next).map((a) => a.action)).not.toContain('extendDeadline')
    expect(run(r.next, 'extendDeadline')).toEqual({ ok: false, message: '办理期限只能延长一次，本案已延长过' })
  })

  it('performance records accumulate', () => {
    const once = run(caseIn('effective'), 'recordPerformance')
    if (!once.ok) throw new Error(once.message)
    const twice = transition(once.next, 'recordPerformance', { status: 'full', note: '余款付清', receiptIds: [] }, NOW)
    if (!twice.ok) throw new Error(twice.message)
    expect(twice.next.performance.map((p) => p.status)).toEqual(['partial', 'full'])
    expect(twice.changedFields).toEqual(['performance'])
  })

  it('archive then reopen keeps the reason and clears archivedAt', () => {
    const archived = run(caseIn('closed'), 'archive')
    if (!archived.ok) throw new Error(archived.message)
    expect(archived.next.archivedAt).toBe(NOW)
    const reopened = run(archived.next, 'reopen')
    if (!reopened.ok) throw new Error(reopened.message)
    expect(reopened.next.status).toBe('closed')
    expect('archivedAt' in reopened.next).toBe(false)
    expect(reopened.next.reopenings).toEqual([{ at: NOW, reason: '补充归档回访记录' }])
    expect(reopened.changedFields).toEqual(['archivedAt', 'reopenings', 'status'])
  })
})

describe('random walks through the lifecycle', () => {
  it('stay inside the table, never change a refused case, and keep the invariants', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CASE_ACTIONS), { maxLength: 40 }), (actions) => {
        let c = makeCase()
        for (const action of actions) {
          const allowed = availableActions(c).some((a) => a.action === action)
          const snapshot = structuredClone(c)
          const r = run(c, action)
          expect(r.ok).toBe(allowed)
          expect(c).toEqual(snapshot)
          if (!r.ok) continue
          c = r.next
          // cases in progress or under an agreement were accepted; withdrawal and referral may come before
          if (['accepted', 'investigating', 'mediating', 'drafting', 'effective'].includes(c.status)) {
            expect(c.caseNo).toBeTruthy()
            expect(c.dueOn).toBeTruthy()
            expect(c.rightsNoticeGivenAt).toBeTruthy()
          }
          if (c.status === 'archived') expect(c.archivedAt).toBeTruthy()
          if (
            ['effective', 'terminated', 'withdrawn', 'referred', 'closed'].includes(c.status) &&
            c.rejection === undefined
          ) {
            expect(c.outcome).toBeDefined()
          }
        }
      }),
    )
  })
})

describe('untrusted input (from a form or over IPC)', () => {
  it('answers missing or wrongly typed fields in Chinese and changes nothing', () => {
    const intake = caseIn('intake')
    const loose = transition as (
      c: CaseRecord,
      action: CaseAction,
      input: unknown,
      now: string,
    ) => ReturnType<typeof transition>
    expect(
      loose(intake, 'accept', { caseNo: 'x', acceptedOn: '2026-11-02', deadlineDays: '30', mediatorIds: ['m'] }, NOW),
    ).toEqual({ ok: false, message: '办理期限应为1至90天' })
    expect(loose(intake, 'accept', { caseNo: 'x', acceptedOn: '2026-11-02', deadlineDays: 30 }, NOW)).toEqual({
      ok: false,
      message: '受理时请指派至少一名调解员',
    })
    expect(loose(intake, 'reject', undefined, NOW)).toMatchObject({ ok: false })
    expect(loose(caseIn('effective'), 'recordPerformance', { status: 'done', note: '', receiptIds: [] }, NOW)).toEqual({
      ok: false,
      message: '请选择履行情况',
    })
  })

  it('trims what is kept', () => {
    expect(
      transition(caseIn('intake'), 'reject', { reason: '  不属于受理范围 ', routes: ' 法院 ' }, NOW),
    ).toMatchObject({ next: { rejection: { reason: '不属于受理范围', routes: '法院' } } })
  })

  it('never throws, whatever the input, and refuses in Chinese', () => {
    const loose = transition as (
      c: CaseRecord,
      action: CaseAction,
      input: unknown,
      now: string,
    ) => ReturnType<typeof transition>
    fc.assert(
      fc.property(
        fc.constantFrom(...ALL_STATUSES),
        fc.constantFrom(...CASE_ACTIONS),
        fc.oneof(
          fc.anything(),
          fc.dictionary(
            fc.constantFrom(
              'caseNo',
              'acceptedOn',
              'deadlineDays',
              'mediatorIds',
              'recorderId',
              'reason',
              'routes',
              'status',
              'receiptIds',
              'days',
              'partiesConsent',
              'note',
            ),
            fc.anything(),
          ),
        ),
        (status, action, input) => {
          const r = loose(caseIn(status), action, input, NOW)
          if (!r.ok) expect(r.message).toMatch(/\p{Script=Han}/u)
        },
      ),
      { numRuns: 2000 },
    )
  })
})
