import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { recusalFlags } from '../../../src/domain/recusal'
import type { RecusalMediator, RecusalParty } from '../../../src/domain/recusal'
import { findRepeatParties, repeatCaseIds } from '../../../src/domain/repeatParty'
import { chineseNameArb, idNumberArb, mobileArb } from './arbitraries'

const mediator: RecusalMediator = {
  id: 'm1',
  name: '王建国',
  idNumber: '11010519491231002X',
  address: '某镇幸福村3组12号',
}

describe('recusal', () => {
  it('flags a shared name, ID number or address, with the reasons in Chinese', () => {
    const parties: RecusalParty[] = [
      { id: 'p1', name: '王 建国', agents: [] },
      { id: 'p2', name: '李四', idNumber: '11010519491231002x', address: '某镇 幸福村3组12号。', agents: [] },
      { id: 'p3', name: '赵五', agents: [{ name: '王建国', kind: '委托代理人' }] },
      { id: 'p4', name: '钱六', address: '某镇幸福村3组13号', agents: [] },
    ]
    const flags = recusalFlags([mediator], parties)
    expect(flags.map((f) => [f.partyId, f.reasons])).toEqual([
      ['p1', ['name']],
      ['p2', ['idNumber', 'address']],
      ['p3', ['name']],
    ])
    expect(flags[1].message).toBe('调解员王建国与当事人李四身份证号相同、住址相同，请确认是否需要回避')
    expect(flags[2].message).toBe('调解员王建国与当事人赵五的代理人王建国姓名相同，请确认是否需要回避')
  })

  it('ignores blank fields: two empty addresses are not a match', () => {
    expect(
      recusalFlags([{ id: 'm', name: '甲', address: '' }], [{ id: 'p', name: '乙', address: ' ', agents: [] }]),
    ).toEqual([])
  })

  it('never flags strangers and always flags a namesake', () => {
    fc.assert(
      fc.property(chineseNameArb(), chineseNameArb(), (a, b) => {
        const flags = recusalFlags([{ id: 'm', name: a }], [{ id: 'p', name: b, agents: [] }])
        expect(flags.length).toBe(a === b ? 1 : 0)
      }),
    )
  })
})

describe('repeat parties', () => {
  it('matches by ID number or by name with phone, never within the same case', () => {
    const candidates = [
      { id: 'a', caseId: 'c1', name: '李淑珺', idNumber: '11010519491231002X', phone: '13800000000' },
      { id: 'b', caseId: 'c2', name: '李淑珺', phone: '+86 138-1234-5678' },
      { id: 'c', caseId: 'c3', name: '李淑珺', phone: '13900000000' },
      { id: 'd', caseId: 'new', name: '李淑珺', idNumber: '11010519491231002X' },
      { id: 'e', caseId: 'c4', name: '宏达公司', creditCode: '91350100M000100Y43' },
    ]
    const matches = findRepeatParties(
      { caseId: 'new', name: '李淑珺', idNumber: '11010519491231002x', phone: '13812345678' },
      candidates,
    )
    expect(matches.map((m) => [m.candidate.id, m.reasons])).toEqual([
      ['a', ['idNumber']],
      ['b', ['namePhone']],
    ])
    expect(repeatCaseIds(matches)).toEqual(['c1', 'c2'])
    expect(
      findRepeatParties({ caseId: 'new', name: '宏达化工', creditCode: '91350100m000100y43' }, candidates).map(
        (m) => m.candidate.id,
      ),
    ).toEqual(['e'])
  })

  it('finds a party again under any spacing of its ID and never matches a different ID alone', () => {
    fc.assert(
      fc.property(
        idNumberArb(),
        idNumberArb(),
        chineseNameArb(),
        mobileArb(),
        mobileArb(),
        (g1, g2, name, phone1, phone2) => {
          const spaced = g1.idNumber.replace(/(\d{6})(\d{8})/, '$1 $2 ').toLowerCase()
          const self = findRepeatParties({ caseId: 'x', name, idNumber: spaced }, [
            { id: 'o', caseId: 'y', name: '某人', idNumber: g1.idNumber },
          ])
          expect(self).toHaveLength(1)
          const other = findRepeatParties({ caseId: 'x', name, idNumber: g1.idNumber, phone: phone1 }, [
            { id: 'o', caseId: 'y', name, idNumber: g2.idNumber, phone: phone2 },
          ])
          expect(other.length).toBe(g1.idNumber === g2.idNumber || phone1 === phone2 ? 1 : 0)
        },
      ),
    )
  })
})
