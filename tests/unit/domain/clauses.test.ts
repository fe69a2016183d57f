import { describe, expect, it } from 'vitest'
import {
  applyTemplate,
  CLAUSE_TEMPLATES,
  chineseOrdinal,
  clauseText,
  numberedClauses,
  templatesForCategory,
  unfilledPlaceholders,
} from '../../../src/domain/clauses'
import type { Clause } from '../../../src/domain/types'
import { wageArrearsBundle } from '../../fixtures/cases/wage-arrears'

const bundle = wageArrearsBundle()
const company = bundle.parties.find((p) => p.kind === 'org')
const worker = bundle.parties.find((p) => p.name === '王𠮷')

describe('clause text', () => {
  it('says who pays whom how much, by when and how', () => {
    const clause: Clause = {
      id: 'c1',
      kind: 'payment',
      obligorIds: [company?.id ?? ''],
      obligeeIds: [worker?.id ?? ''],
      action: '支付拖欠工资',
      amountFen: 800_000,
      dueOn: '2026-12-31',
      method: '银行转账',
    }
    expect(clauseText(clause, bundle.parties)).toBe(
      '岳阳云溪恒泰化工有限公司于2026年12月31日前以银行转账方式向王𠮷支付拖欠工资人民币捌仟元整（¥8,000.00）。',
    )
  })

  it('lists an instalment schedule', () => {
    const text = clauseText(
      {
        id: 'c2',
        kind: 'payment',
        obligorIds: [company?.id ?? ''],
        obligeeIds: [worker?.id ?? ''],
        action: '支付工资',
        amountFen: 300_000,
        installments: [
          { dueOn: '2026-12-15', amountFen: 100_000 },
          { dueOn: '2027-01-15', amountFen: 200_000 },
        ],
      },
      bundle.parties,
    )
    expect(text).toContain('分2期')
    expect(text).toContain('第1期于2026年12月15日前支付人民币壹仟元整（¥1,000.00）')
    expect(text).toContain('第2期于2027年1月15日前支付人民币贰仟元整（¥2,000.00）')
  })

  it('marks what is missing as blanks the checklist will catch', () => {
    const text = clauseText(
      { id: 'c3', kind: 'payment', obligorIds: [], obligeeIds: ['nobody'], action: '' },
      bundle.parties,
    )
    expect(unfilledPlaceholders(text)).toEqual(['当事人', '履行期限', '当事人', '事项', '金额'])
  })

  it('numbers clauses in Chinese', () => {
    expect([1, 9, 10, 11, 20, 21].map(chineseOrdinal)).toEqual(['一', '九', '十', '十一', '二十', '二十一'])
    expect(numberedClauses(bundle.agreements[0]?.clauses ?? [], bundle.parties)[0]).toMatch(
      /^一、岳阳云溪恒泰化工有限公司分2期向王𠮷、张堃/,
    )
  })
})

describe('clause templates', () => {
  it('cover the six categories older mediators ask for', () => {
    expect(CLAUSE_TEMPLATES.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('欠薪'),
        expect.stringContaining('交通事故'),
        expect.stringContaining('邻里'),
        expect.stringContaining('抚养'),
        expect.stringContaining('合同'),
        expect.stringContaining('物业'),
      ]),
    )
    expect(templatesForCategory('劳动争议').map((t) => t.id)).toEqual(['wage-arrears'])
    expect(templatesForCategory('没有的类别')).toHaveLength(CLAUSE_TEMPLATES.length)
  })

  it('apply to the parties of a case, respondents paying applicants, with blanks left to fill', () => {
    const template = CLAUSE_TEMPLATES.find((t) => t.id === 'wage-arrears')
    if (!template) throw new Error('no template')
    let n = 0
    const clauses = applyTemplate(template, bundle.parties, () => `id-${n++}`)
    expect(clauses[0]?.obligorIds).toEqual([company?.id])
    expect(clauses[0]?.obligeeIds).toHaveLength(12)
    expect(new Set(clauses.map((c) => c.id)).size).toBe(clauses.length)
    expect(unfilledPlaceholders(clauseText(clauses[0] as Clause, bundle.parties))).toContain('年月至年月')
  })
})
