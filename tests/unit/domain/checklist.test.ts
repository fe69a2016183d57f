import { describe, expect, it } from 'vitest'
import { blocksPrinting, checkAgreement, type ChecklistInput } from '../../../src/domain/checklist'
import type { Agreement, Clause } from '../../../src/domain/types'
import { wageArrearsBundle } from '../../fixtures/cases/wage-arrears'

function input(change: (i: ChecklistInput & { agreement: Agreement }) => void = () => {}): ChecklistInput {
  const b = wageArrearsBundle()
  const agreement = b.agreements[0]
  if (!agreement) throw new Error('no agreement')
  const i = { agreement, parties: b.parties, caseRecord: b.case, signatures: b.signatures, today: '2026-11-22' }
  change(i)
  return i
}

const codes = (i: ChecklistInput): string[] => checkAgreement(i).map((f) => f.code)
const firstClause = (a: Agreement): Clause => {
  const c = a.clauses[0]
  if (!c) throw new Error('no clause')
  return c
}

describe('pre-print checklist', () => {
  it('lets the fixture agreement print, with only the second-look warnings', () => {
    const findings = checkAgreement(input())
    expect(blocksPrinting(findings)).toBe(false)
    expect(findings.filter((f) => f.level === 'block')).toEqual([])
  })

  it('blocks a party block with a missing required field', () => {
    const i = input((x) => {
      x.parties = x.parties.map((p, n) => (n === 0 ? { ...p, idNumber: '' } : p))
    })
    const f = checkAgreement(i).find((x) => x.code === 'party-field-missing' && x.level === 'block')
    expect(f?.message).toBe('当事人“王𠮷”缺少身份证号')
  })

  it('says a number from a masked file is hidden, not wrong, and where to print', () => {
    const i = input((x) => {
      x.parties = x.parties.map((p, n) => (n === 0 ? { ...p, idNumber: '110105********1234' } : p))
    })
    const found = checkAgreement(i).filter((f) => f.target === i.parties[0]!.id && f.level === 'block')
    expect(found.map((f) => [f.code, f.message])).toEqual([
      ['party-document-masked', '当事人“王𠮷”的身份证号来自脱敏文件，部分数字已遮盖，这份协议请到原来的电脑上打印'],
    ])
    expect(blocksPrinting(checkAgreement(i))).toBe(true)
  })

  it('blocks an organisation without credit code, and one with nobody to sign for it', () => {
    const i = input((x) => {
      x.parties = x.parties.map((p) =>
        p.kind === 'org' ? { ...p, creditCode: undefined, legalRep: undefined, agents: [] } : p,
      )
    })
    expect(codes(i)).toEqual(expect.arrayContaining(['party-field-missing', 'party-unsignable']))
    expect(blocksPrinting(checkAgreement(i))).toBe(true)
  })

  it('blocks a money clause without amount or deadline', () => {
    const i = input((x) => {
      x.agreement.clauses[0] = {
        ...firstClause(x.agreement),
        amountFen: undefined,
        installments: undefined,
        dueOn: undefined,
      }
    })
    expect(codes(i)).toEqual(expect.arrayContaining(['amount-missing', 'deadline-missing']))
  })

  it('blocks instalments that do not add up to the amount', () => {
    const i = input((x) => {
      x.agreement.clauses[0] = { ...firstClause(x.agreement), amountFen: 1 }
    })
    expect(codes(i)).toContain('installments-mismatch')
  })

  it('warns about a deadline already past', () => {
    const i = input((x) => {
      x.today = '2026-12-20'
    })
    const f = checkAgreement(i).find((x) => x.code === 'deadline-past')
    expect(f).toMatchObject({ level: 'warn', message: expect.stringMatching(/^第1条/) })
  })

  it('blocks an obligor who is not a party, and a clause with no obligor', () => {
    const i = input((x) => {
      x.agreement.clauses[0] = { ...firstClause(x.agreement), obligorIds: ['someone-else'] }
      const second = x.agreement.clauses[1]
      if (second) x.agreement.clauses[1] = { ...second, obligorIds: [] }
    })
    expect(codes(i)).toEqual(expect.arrayContaining(['not-a-party', 'obligor-missing']))
  })

  it.each([
    ['定金', /定金罚则/],
    ['订金', /定金罚则/],
    ['扶养费', /扶养指夫妻之间/],
    ['经济补偿', /补偿不以过错为前提/],
  ])('flags %s for a second look', (word, message) => {
    const i = input((x) => {
      x.agreement.performanceTerms = `双方确认${word}已结清。`
    })
    const f = checkAgreement(i).filter((x) => x.code === 'word-confusion')
    expect(f.some((x) => message.test(x.message) && x.level === 'warn')).toBe(true)
  })

  it('does not flag text without those words', () => {
    const i = input((x) => {
      x.agreement.facts = '双方因工资发生争议。'
      x.agreement.performanceTerms = '转账支付。'
      x.agreement.clauses = x.agreement.clauses.slice(0, 2)
    })
    expect(codes(i)).not.toContain('word-confusion')
  })

  it('blocks template blanks left unfilled', () => {
    const i = input((x) => {
      x.agreement.performanceTerms = '转入【户名、开户行、账号】'
    })
    expect(checkAgreement(i).find((f) => f.code === 'placeholder-unfilled')?.message).toContain(
      '【户名、开户行、账号】',
    )
  })

  it('says a marriage-family case cannot be confirmed by a court nor signed on screen', () => {
    const i = input((x) => {
      x.caseRecord = { category: '婚姻家庭' }
    })
    expect(codes(i)).toEqual(expect.arrayContaining(['judicial-confirmation-unavailable', 'e-signature-unavailable']))
    // the fixture already has on-screen signatures: they must be redone on paper
    expect(checkAgreement(i).find((f) => f.code === 'e-signature-unavailable')?.level).toBe('block')
    const labour = input((x) => {
      x.caseRecord = { category: '劳动争议（含欠薪）' }
    })
    expect(codes(labour)).not.toContain('e-signature-unavailable')
    expect(codes(labour)).not.toContain('judicial-confirmation-unavailable')
  })

  it('warns when fewer copies than parties plus one are made', () => {
    const i = input((x) => {
      x.agreement.copies = 2
    })
    expect(codes(i)).toContain('copies-too-few')
  })

  it('blocks an agreement without facts or clauses', () => {
    const i = input((x) => {
      x.agreement.facts = ' '
      x.agreement.clauses = []
    })
    expect(codes(i)).toEqual(expect.arrayContaining(['facts-missing', 'no-clauses']))
  })
})
