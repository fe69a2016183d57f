import { describe, expect, it } from 'vitest'
import type { Agreement, Clause, Party } from '../../../src/domain/types'
import {
  editableOf,
  firstDraftOf,
  newAgreementDraft,
  newAgreementVersion,
  readAgreementDraft,
  type AgreementDraftInput,
} from '../../../src/domain/agreementDraft'

const clause: Clause = {
  id: 'k1',
  kind: 'payment',
  obligorIds: ['p2'],
  obligeeIds: ['p1'],
  action: '支付拖欠工资',
  amountFen: 800_000,
  dueOn: '2026-12-31',
  method: '银行转账',
}
const draft: AgreementDraftInput = {
  facts: '拖欠工资。',
  disputes: '支付工资',
  clauses: [clause],
  performanceTerms: '转账。',
  copies: 3,
}

function party(id: string, order: number): Party {
  return {
    id,
    caseId: 'c1',
    role: order === 0 ? '申请人' : '被申请人',
    kind: 'person',
    name: id,
    order,
    agents: [],
    createdAt: '',
    updatedAt: '',
  }
}

function agreement(over: Partial<Agreement> = {}): Agreement {
  return { id: 'a1', caseId: 'c1', version: 1, status: 'final', ...draft, createdAt: 't0', updatedAt: 't0', ...over }
}

describe('readAgreementDraft', () => {
  it('accepts a complete draft as it is', () => {
    expect(readAgreementDraft(draft)).toEqual({ ok: true, draft })
    expect(readAgreementDraft({ ...draft, template: 'wage' })).toEqual({
      ok: true,
      draft: { ...draft, template: 'wage' },
    })
  })

  // each row: what is changed from the complete draft, and the first message the user sees
  const table: [string, unknown, string][] = [
    ['not an object', null, '协议内容不完整'],
    ['facts not text', { ...draft, facts: 5 }, '纠纷主要事实应为文字'],
    ['facts over 20,000 characters', { ...draft, facts: '事'.repeat(20_001) }, '纠纷主要事实过长（超过2万字）'],
    ['disputes over 10,000 characters', { ...draft, disputes: '争'.repeat(10_001) }, '争议事项过长（超过1万字）'],
    [
      'performance terms over 10,000 characters',
      { ...draft, performanceTerms: '履'.repeat(10_001) },
      '履行方式、时限过长',
    ],
    ['no copies', { ...draft, copies: 0 }, '协议至少一式一份'],
    ['half a copy', { ...draft, copies: 1.5 }, '份数应为整数'],
    ['51 copies', { ...draft, copies: 51 }, '份数不能超过50份'],
    [
      '61 clauses',
      { ...draft, clauses: Array.from({ length: 61 }, (_, i) => ({ ...clause, id: `k${i}` })) },
      '条款不能超过60条',
    ],
    ['a clause without id', { ...draft, clauses: [{ ...clause, id: '' }] }, '条款编号缺失'],
    ['an unknown clause kind', { ...draft, clauses: [{ ...clause, kind: 'loan' }] }, '条款类型不正确'],
    ['a negative amount', { ...draft, clauses: [{ ...clause, amountFen: -1 }] }, '金额不能为负数'],
    ['a fraction of a fen', { ...draft, clauses: [{ ...clause, amountFen: 0.5 }] }, '金额最多两位小数'],
    [
      'one fen over the limit',
      { ...draft, clauses: [{ ...clause, amountFen: 100_000_000_000 }] },
      '金额超过 999,999,999.99 元的上限',
    ],
    [
      'an impossible due date',
      { ...draft, clauses: [{ ...clause, dueOn: '2026-02-30' }] },
      '日期不正确，应为“年-月-日”',
    ],
    ['an unknown method', { ...draft, clauses: [{ ...clause, method: '支付宝' }] }, '履行方式不正确'],
    [
      '121 instalments',
      {
        ...draft,
        clauses: [
          { ...clause, installments: Array.from({ length: 121 }, () => ({ dueOn: '2027-01-01', amountFen: 100 })) },
        ],
      },
      '分期不能超过120期',
    ],
  ]
  it.each(table)('%s', (_name, input, message) => {
    expect(readAgreementDraft(input)).toEqual({ ok: false, message })
  })

  it('accepts the limits themselves', () => {
    expect(readAgreementDraft({ ...draft, copies: 50, clauses: [{ ...clause, amountFen: 99_999_999_999 }] }).ok).toBe(
      true,
    )
    expect(readAgreementDraft({ ...draft, copies: 1, clauses: [] }).ok).toBe(true)
  })
})

describe('the first draft', () => {
  it('takes the facts, joins the requests that are not blank, and gives one copy per party plus one', () => {
    const c = { id: 'c1', facts: '拖欠工资。', requests: ['支付拖欠工资', ' ', '出具结算清单'] }
    expect(firstDraftOf(c, [party('p1', 0), party('p2', 1)])).toEqual({
      facts: '拖欠工资。',
      disputes: '支付拖欠工资；出具结算清单',
      clauses: [],
      performanceTerms: '',
      copies: 3,
    })
    expect(newAgreementDraft(c, [party('p1', 0)])).toEqual({
      caseId: 'c1',
      version: 1,
      status: 'draft',
      facts: '拖欠工资。',
      disputes: '支付拖欠工资；出具结算清单',
      clauses: [],
      performanceTerms: '',
      copies: 2,
    })
  })
})

describe('editableOf', () => {
  it('is the content only, with the template when there is one, and a copy of the clauses', () => {
    const a = agreement({ template: 'wage', verifyCode: '00000-00000' })
    const e = editableOf(a)
    expect(e).toEqual({ ...draft, template: 'wage' })
    e.clauses[0]!.action = '改了'
    expect(a.clauses[0]!.action).toBe('支付拖欠工资')
    expect('template' in editableOf(agreement())).toBe(false)
  })
})

describe('newAgreementVersion', () => {
  it('is a draft after every version, copied from the source and naming it', () => {
    const source = agreement({
      id: 'a2',
      version: 2,
      template: 'wage',
      contentHash: 'h',
      verifyCode: 'X',
      finalizedAt: 't1',
    })
    expect(newAgreementVersion(source, [{ version: 1 }, { version: 2 }])).toEqual({
      caseId: 'c1',
      version: 3,
      replacesId: 'a2',
      status: 'draft',
      ...draft,
      template: 'wage',
    })
    expect(newAgreementVersion(agreement(), [{ version: 1 }, { version: 4 }]).version).toBe(5)
  })
})
