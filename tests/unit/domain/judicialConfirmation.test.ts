import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  JUDICIAL_CONFIRMATION_DAYS,
  judicialConfirmationAppliedOn,
  judicialConfirmationConfirmedOn,
  judicialConfirmationForm,
  judicialConfirmationLastDay,
  judicialConfirmationLateWarning,
  judicialConfirmationOfForm,
  judicialConfirmationProblem,
  judicialConfirmationRefusal,
} from '../../../src/domain/judicialConfirmation'
import { availableActions } from '../../../src/domain/lifecycle'
import { transition } from '../../../src/domain/transition'
import { JUDICIAL_CONFIRMATION_RESULT_LABELS } from '../../../src/domain/labels'
import type { CaseRecord, JudicialConfirmation, Outcome, OutcomeKind } from '../../../src/domain/types'
import { makeCase } from './arbitraries'
import { reportColumn } from '../../../src/domain/statistics'
import { reportFactsOf } from '../../../src/domain/reportFacts'

/** Whether the report's 司法确认 申请 / 确认 column counts the case in the period. */
const countsIn =
  (key: 'judicialApplied' | 'judicialConfirmed') => (c: CaseRecord, period: { from: string; to: string }) =>
    reportColumn(key)!.selects(reportFactsOf(c), { period, today: '2030-01-01' })
const judicialConfirmationAppliedIn = countsIn('judicialApplied')
const judicialConfirmationConfirmedIn = countsIn('judicialConfirmed')

describe('judicialConfirmationLastDay (人民调解法 Art. 33: thirty days, the effective day not counted)', () => {
  it('the window is thirty days', () => {
    expect(JUDICIAL_CONFIRMATION_DAYS).toBe(30)
  })

  it.each([
    // finalizedAt (stored UTC instant)   last day to apply (China date)
    ['2026-03-01T02:00:00.000Z', '2026-03-31'],
    ['2026-02-01T09:30:00.000Z', '2026-03-03'],
    ['2028-02-01T09:30:00.000Z', '2028-03-02'], // leap year
    ['2026-12-15T00:00:00.000Z', '2027-01-14'], // across the year
    // 20:00 UTC on 11-30 is already 12-01 in China: the window counts from the China date
    ['2026-11-30T20:00:00.000Z', '2026-12-31'],
    ['2026-11-30T15:59:59.000Z', '2026-12-30'],
  ])('effective %s -> until %s', (finalizedAt, lastDay) => {
    expect(judicialConfirmationLastDay(finalizedAt)).toBe(lastDay)
  })
})

/** Effective 2026-11-02 in China (10:00 local). */
const EFFECTIVE_AT = '2026-11-02T02:00:00.000Z'
const written: Outcome = { kind: 'written', at: EFFECTIVE_AT, content: '' }
const outcomeOf = (kind: OutcomeKind): Outcome => ({ kind, at: EFFECTIVE_AT, content: '内容' })
/** 2026-11-22 17:30 in China. */
const NOW = '2026-11-22T09:30:00.000Z'

describe('which cases may record 司法确认', () => {
  it.each([
    ['written', undefined],
    ['oral', '口头协议不能申请司法确认：只有生效的书面调解协议才能登记司法确认。'],
    ['terminated', '只有生效的书面调解协议才能登记司法确认。'],
    ['withdrawn', '只有生效的书面调解协议才能登记司法确认。'],
    ['referred', '只有生效的书面调解协议才能登记司法确认。'],
  ] as const)('outcome %s -> %s', (kind, message) => {
    expect(judicialConfirmationRefusal({ outcome: outcomeOf(kind) })).toBe(message)
  })

  it('a case without an outcome may not', () => {
    expect(judicialConfirmationRefusal({})).toBe('只有生效的书面调解协议才能登记司法确认。')
  })

  // status, outcome -> offered (the button on the 履行 tab): only while the written agreement is in force or the
  // case closed after it; an archived case is read-only until reopened
  it.each([
    ['effective', 'written', true],
    ['closed', 'written', true],
    ['archived', 'written', false],
    ['effective', 'oral', false],
    ['closed', 'oral', false],
    ['closed', 'terminated', false],
    ['closed', 'withdrawn', false],
    ['closed', 'referred', false],
    ['terminated', 'terminated', false],
    ['drafting', undefined, false],
    ['mediating', undefined, false],
  ] as const)('%s with outcome %s: offered %s', (status, kind, offered) => {
    const c = makeCase({ status, ...(kind ? { outcome: outcomeOf(kind) } : {}) })
    expect(availableActions(c).some((a) => a.action === 'recordJudicialConfirmation')).toBe(offered)
  })
})

const jc = (over: Partial<JudicialConfirmation> = {}): JudicialConfirmation => ({
  appliedOn: '2026-11-05',
  court: '广州市海珠区人民法院',
  ...over,
})

describe('what a record must satisfy (agreement effective 2026-11-02, today 2026-11-22)', () => {
  it.each([
    [jc(), undefined],
    [jc({ appliedOn: '2026-11-02' }), undefined], // the day it took effect
    [jc({ appliedOn: '2026-11-01' }), '申请日期不能早于协议生效日期（2026-11-02）'],
    [jc({ appliedOn: '2026-11-22' }), undefined], // today
    [jc({ appliedOn: '2026-11-23' }), '申请日期不能晚于今天'],
    [jc({ result: 'confirmed', decidedOn: '2026-11-20', rulingNo: '（2026）粤0105民特12号' }), undefined],
    [jc({ result: 'confirmed', decidedOn: '2026-11-05' }), undefined], // decided the day it was applied for
    [jc({ result: 'rejected', decidedOn: '2026-11-04' }), '裁定日期不能早于申请日期'],
    [jc({ result: 'withdrawn', decidedOn: '2026-11-23' }), '裁定日期不能晚于今天'],
    [jc({ result: 'confirmed' }), '请填写裁定日期'],
    [jc({ decidedOn: '2026-11-10' }), '请先选择法院的处理结果，再填写裁定日期和文号'],
    [jc({ rulingNo: '（2026）粤0105民特12号' }), '请先选择法院的处理结果，再填写裁定日期和文号'],
  ])('%o -> %s', (record, message) => {
    expect(judicialConfirmationProblem(record, '2026-11-02', '2026-11-22')).toBe(message)
  })
})

describe('recording it on a case (the lifecycle action)', () => {
  const effective = makeCase({ status: 'effective', outcome: written })

  it('keeps the record, trimmed, empties left out, and names the one changed field', () => {
    const r = transition(
      effective,
      'recordJudicialConfirmation',
      {
        judicialConfirmation: {
          appliedOn: ' 2026-11-05 ',
          court: ' 广州市海珠区人民法院 ',
          result: 'confirmed',
          decidedOn: '2026-11-12',
          rulingNo: '  ',
        },
      },
      NOW,
    )
    expect(r).toEqual({
      ok: true,
      next: {
        ...effective,
        updatedAt: NOW,
        judicialConfirmation: {
          appliedOn: '2026-11-05',
          court: '广州市海珠区人民法院',
          result: 'confirmed',
          decidedOn: '2026-11-12',
        },
      },
      changedFields: ['judicialConfirmation'],
    })
  })

  it('corrects it on a closed case and clears it when nothing is given', () => {
    const closed = makeCase({ status: 'closed', outcome: written, judicialConfirmation: jc() })
    const changed = transition(
      closed,
      'recordJudicialConfirmation',
      { judicialConfirmation: jc({ court: '某中院' }) },
      NOW,
    )
    expect(changed.ok && changed.next.judicialConfirmation).toEqual(jc({ court: '某中院' }))
    expect(changed.ok && changed.next.status).toBe('closed')
    const cleared = transition(closed, 'recordJudicialConfirmation', {}, NOW)
    expect(cleared.ok && 'judicialConfirmation' in cleared.next).toBe(false)
    expect(cleared.ok && cleared.changedFields).toEqual(['judicialConfirmation'])
  })

  it.each([
    [makeCase({ status: 'archived', outcome: written }), '案件当前状态为“已归档”，不能登记司法确认'],
    [
      makeCase({ status: 'effective', outcome: outcomeOf('oral') }),
      '口头协议不能申请司法确认：只有生效的书面调解协议才能登记司法确认。',
    ],
    [makeCase({ status: 'closed', outcome: outcomeOf('terminated') }), '只有生效的书面调解协议才能登记司法确认。'],
  ])('is refused on %#, changing nothing', (c, message) => {
    const before = structuredClone(c)
    expect(transition(c, 'recordJudicialConfirmation', { judicialConfirmation: jc() }, NOW)).toEqual({
      ok: false,
      message,
    })
    expect(c).toEqual(before)
  })

  it.each([
    [{ appliedOn: '', court: '某法院' }, '请填写申请日期'],
    [{ appliedOn: '2026-11-31', court: '某法院' }, '申请日期应写作 2026-11-05 这样的格式'],
    [{ appliedOn: '2026-11-05', court: '  ' }, '请填写受理法院'],
    [{ appliedOn: '2026-11-05', court: '某法院', result: 'approved' }, '请选择法院的处理结果'],
    [
      { appliedOn: '2026-11-05', court: '某法院', result: 'confirmed', decidedOn: '11月12日' },
      '裁定日期应写作 2026-11-05 这样的格式',
    ],
    [{ appliedOn: '2026-10-30', court: '某法院' }, '申请日期不能早于协议生效日期（2026-11-02）'],
  ])('refuses %o in Chinese', (input, message) => {
    const loose = transition as (c: CaseRecord, a: 'recordJudicialConfirmation', i: unknown, now: string) => unknown
    expect(loose(effective, 'recordJudicialConfirmation', { judicialConfirmation: input }, NOW)).toEqual({
      ok: false,
      message,
    })
  })
})

describe('the 已超过申请期限 warning (agreement effective 2026-11-02: last day 2026-12-02)', () => {
  it.each([
    [undefined, undefined],
    ['2026-12-02', undefined],
    ['2026-12-03', '已超过申请期限：应在 2026-12-02 前申请，法院可能不予受理。'],
  ])('applied %s -> %s', (appliedOn, warning) => {
    const c = makeCase({ outcome: written, ...(appliedOn ? { judicialConfirmation: jc({ appliedOn }) } : {}) })
    expect(judicialConfirmationLateWarning(c)).toBe(warning)
  })
})

describe('counting for the report: 申请 on the application date, 确认 on the confirming ruling', () => {
  // case -> [counts as 申请 on, counts as 确认 on]
  it.each([
    [{ outcome: written }, undefined, undefined],
    [{ outcome: written, judicialConfirmation: jc() }, '2026-11-05', undefined],
    [
      { outcome: written, judicialConfirmation: jc({ result: 'confirmed', decidedOn: '2026-12-01' }) },
      '2026-11-05',
      '2026-12-01',
    ],
    [
      { outcome: written, judicialConfirmation: jc({ result: 'rejected', decidedOn: '2026-12-01' }) },
      '2026-11-05',
      undefined,
    ],
    [
      { outcome: written, judicialConfirmation: jc({ result: 'withdrawn', decidedOn: '2026-11-09' }) },
      '2026-11-05',
      undefined,
    ],
    // a record on a case without a written agreement (a hand-edited file) never counts
    [
      { outcome: outcomeOf('oral'), judicialConfirmation: jc({ result: 'confirmed', decidedOn: '2026-12-01' }) },
      undefined,
      undefined,
    ],
  ] as const)('%o -> %s / %s', (over, appliedOn, confirmedOn) => {
    const c = makeCase(over as Partial<CaseRecord>)
    expect(judicialConfirmationAppliedOn(c)).toBe(appliedOn)
    expect(judicialConfirmationConfirmedOn(c)).toBe(confirmedOn)
    const november = { from: '2026-11-01', to: '2026-11-30' }
    expect(judicialConfirmationAppliedIn(c, november)).toBe(appliedOn?.startsWith('2026-11') ?? false)
    expect(judicialConfirmationConfirmedIn(c, november)).toBe(confirmedOn?.startsWith('2026-11') ?? false)
  })

  it('an application in November confirmed in December is 申请 in November and 确认 in December', () => {
    const c = makeCase({
      outcome: written,
      judicialConfirmation: jc({ appliedOn: '2026-11-28', result: 'confirmed', decidedOn: '2026-12-03' }),
    })
    expect(judicialConfirmationAppliedIn(c, { from: '2026-11-01', to: '2026-11-30' })).toBe(true)
    expect(judicialConfirmationConfirmedIn(c, { from: '2026-11-01', to: '2026-11-30' })).toBe(false)
    expect(judicialConfirmationAppliedIn(c, { from: '2026-12-01', to: '2026-12-31' })).toBe(false)
    expect(judicialConfirmationConfirmedIn(c, { from: '2026-12-01', to: '2026-12-31' })).toBe(true)
  })
})

describe('the dialog form', () => {
  it('starts from the stored record, or a new application dated today', () => {
    expect(judicialConfirmationForm(undefined, '2026-11-22')).toEqual({
      appliedOn: '2026-11-22',
      court: '',
      result: null,
      decidedOn: '',
      rulingNo: '',
    })
    expect(judicialConfirmationForm(jc({ result: 'rejected', decidedOn: '2026-11-09' }), '2026-11-22')).toEqual({
      appliedOn: '2026-11-05',
      court: '广州市海珠区人民法院',
      result: 'rejected',
      decidedOn: '2026-11-09',
      rulingNo: '',
    })
  })

  it('gives back what it started from', () => {
    const record = jc({ result: 'confirmed', decidedOn: '2026-11-12', rulingNo: '（2026）粤0105民特12号' })
    expect(judicialConfirmationOfForm(judicialConfirmationForm(record, '2026-11-22'))).toEqual(record)
    expect(judicialConfirmationOfForm(judicialConfirmationForm(jc(), '2026-11-22'))).toEqual(jc())
  })

  it('keeps the dates typed as a mediator writes them as the dates they name, and an unreadable one as typed', () => {
    const typed = { court: ' 广州市海珠区人民法院 ', result: 'confirmed' as const, rulingNo: '' }
    expect(judicialConfirmationOfForm({ ...typed, appliedOn: '2026年11月5日', decidedOn: ' 2026/11/12 ' })).toEqual(
      jc({ result: 'confirmed', decidedOn: '2026-11-12' }),
    )
    // left for the lifecycle's check, which refuses it in its own words (申请日期应写作…)
    expect(judicialConfirmationOfForm({ ...typed, appliedOn: '11月5日', decidedOn: '' }).appliedOn).toBe('11月5日')
  })

  it('words each result once', () => {
    expect(JUDICIAL_CONFIRMATION_RESULT_LABELS).toEqual({
      confirmed: '已确认',
      rejected: '不予确认',
      withdrawn: '撤回申请',
    })
  })
})

// ---------------------------------------------------------------------------------------------------
// Property: the date rules against a plain reference that works on day numbers, not on date strings.

const DAY_MS = 86_400_000
const dayNo = (iso: string): number => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY_MS
const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10)
const day = fc.integer({ min: dayNo('2025-12-01'), max: dayNo('2027-02-28') })

/** What each rule says, restated: the first broken rule's message, in the order a person reads the form. */
function referenceProblem(
  applied: number,
  decided: number | undefined,
  result: string | undefined,
  effective: number,
  today: number,
): string | undefined {
  if (applied < effective) return `申请日期不能早于协议生效日期（${isoOf(effective)}）`
  if (applied > today) return '申请日期不能晚于今天'
  if (result === undefined) return decided === undefined ? undefined : '请先选择法院的处理结果，再填写裁定日期和文号'
  if (decided === undefined) return '请填写裁定日期'
  if (decided < applied) return '裁定日期不能早于申请日期'
  if (decided > today) return '裁定日期不能晚于今天'
  return undefined
}

describe('the date rules, for any dates', () => {
  it('agree with the plain reference, and the stored record counts on exactly its dates', () => {
    fc.assert(
      fc.property(
        day,
        day,
        fc.option(day, { nil: undefined }),
        day,
        fc.option(fc.constantFrom('confirmed', 'rejected', 'withdrawn' as const), { nil: undefined }),
        (effective, applied, decided, today, result) => {
          const record = jc({
            appliedOn: isoOf(applied),
            ...(result ? { result } : {}),
            ...(decided !== undefined ? { decidedOn: isoOf(decided) } : {}),
          })
          expect(judicialConfirmationProblem(record, isoOf(effective), isoOf(today))).toBe(
            referenceProblem(applied, decided, result, effective, today),
          )
          // late: more than thirty days after the day it took effect (that day not counted)
          const effectiveAt = `${isoOf(effective)}T02:00:00.000Z`
          const c = makeCase({
            outcome: { kind: 'written', at: effectiveAt, content: '' },
            judicialConfirmation: record,
          })
          expect(judicialConfirmationLateWarning(c) !== undefined).toBe(applied - effective > 30)
          // a one-day period on day `today` counts the application and the confirmation exactly on their days
          const period = { from: isoOf(today), to: isoOf(today) }
          expect(judicialConfirmationAppliedIn(c, period)).toBe(applied === today)
          expect(judicialConfirmationConfirmedIn(c, period)).toBe(result === 'confirmed' && decided === today)
        },
      ),
      { numRuns: 500 },
    )
  })
})
