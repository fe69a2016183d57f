import { describe, expect, it } from 'vitest'
import {
  enterpriseCardOf,
  fillPartyFromCard,
  flagsWithEnterprise,
  type OrgPartyFields,
} from '../../../src/domain/enterpriseCode'

const ORG: OrgPartyFields = {
  kind: 'org',
  name: ' 岳阳云溪恒泰化工有限公司 ',
  creditCode: '91430600ma4q8k7t3n',
  legalRep: '黄立新',
  address: '湖南省岳阳市云溪区绿色化工产业园滨江大道8号',
  phone: '0730-8412368',
}

describe('enterpriseCardOf', () => {
  it('makes a card of an organisation with a valid credit code, trimmed and normalised', () => {
    expect(enterpriseCardOf(ORG)).toEqual({
      ok: true,
      card: {
        name: '岳阳云溪恒泰化工有限公司',
        creditCode: '91430600MA4Q8K7T3N',
        legalRep: '黄立新',
        address: '湖南省岳阳市云溪区绿色化工产业园滨江大道8号',
        phone: '0730-8412368',
      },
    })
  })

  it('leaves missing optional fields empty', () => {
    const r = enterpriseCardOf({ kind: 'org', name: '某公司', creditCode: '91430600MA4Q8K7T3N' })
    expect(r).toEqual({
      ok: true,
      card: { name: '某公司', creditCode: '91430600MA4Q8K7T3N', legalRep: '', address: '', phone: '' },
    })
  })

  it.each([
    [{ ...ORG, kind: 'person' as const }, '只有单位（企业）当事人才能打印企业码'],
    [{ ...ORG, name: '  ' }, '请先填写企业名称'],
    [{ ...ORG, creditCode: undefined }, '请先填写正确的统一社会信用代码'],
    [{ ...ORG, creditCode: '91430600MA4Q8K7T3M' }, '请先填写正确的统一社会信用代码'],
  ])('refuses %#', (party, message) => {
    const r = enterpriseCardOf(party)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.message).toContain(message)
  })
})

describe('fillPartyFromCard', () => {
  it('turns the party into the organisation and keeps what the card does not hold', () => {
    const person = { kind: 'person' as const, name: '', role: '被申请人', agents: [], idNumber: '' }
    const card = { name: 'A公司', creditCode: '91430600MA4Q8K7T3N', legalRep: '王五', address: '某路1号', phone: '' }
    expect(fillPartyFromCard(person, card)).toEqual({
      kind: 'org',
      name: 'A公司',
      creditCode: '91430600MA4Q8K7T3N',
      legalRep: '王五',
      address: '某路1号',
      phone: '',
      role: '被申请人',
      agents: [],
      idNumber: '',
    })
  })
})

describe('flagsWithEnterprise', () => {
  it.each([
    [[], ['涉企']],
    [['群体性'], ['群体性', '涉企']],
    [
      ['涉企', '激化风险'],
      ['涉企', '激化风险'],
    ],
  ] as const)('%j → %j', (flags, expected) => {
    expect(flagsWithEnterprise([...flags])).toEqual(expected)
  })
})
