import { describe, expect, it } from 'vitest'
import type { Party } from '../../../src/domain/types'
import { newPartyInput, partyToInput } from '../../../src/domain/parties'

describe('newPartyInput', () => {
  it('a new applicant is a person with every field empty but the usual ethnicity', () => {
    expect(newPartyInput()).toEqual({
      role: '申请人',
      kind: 'person',
      name: '',
      phone: '',
      address: '',
      agents: [],
      gender: '',
      ethnicity: '汉族',
      birthDate: '',
      idType: 'resident',
      idNumber: '',
      correctedFromId: [],
      occupation: '',
      creditCode: '',
      legalRep: '',
    })
    expect(newPartyInput('第三人', 'org')).toMatchObject({ role: '第三人', kind: 'org', name: '' })
  })
})

describe('partyToInput', () => {
  it('keeps what is stored and shows what is absent as empty text', () => {
    const p: Party = {
      id: 'p1',
      caseId: 'c1',
      role: '被申请人',
      kind: 'org',
      name: '某某有限公司',
      order: 1,
      agents: [{ name: '孙八', kind: '委托代理人' }],
      creditCode: '91350100M000100Y43',
      createdAt: '',
      updatedAt: '',
    }
    const input = partyToInput(p)
    expect(input).toEqual({
      id: 'p1',
      role: '被申请人',
      kind: 'org',
      name: '某某有限公司',
      phone: '',
      address: '',
      agents: [{ name: '孙八', kind: '委托代理人' }],
      gender: '',
      ethnicity: '',
      birthDate: '',
      idType: 'resident',
      idNumber: '',
      correctedFromId: [],
      occupation: '',
      creditCode: '91350100M000100Y43',
      legalRep: '',
    })
    input.agents[0]!.name = '改了'
    expect(p.agents[0]!.name).toBe('孙八')
  })
})
