/**
 * Transfer files and identity documents: a party written before document types (no type: a 身份证)
 * still imports; a permit, a passport and their masked forms import; a number wrong for its type does not.
 */
import { describe, expect, it } from 'vitest'
import { partySchema } from '../../../src/db/transfer/recordSchemas'

const party = {
  id: 'p1',
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  caseId: 'c1',
  role: '申请人',
  kind: 'person',
  name: '何志强',
  order: 0,
  agents: [],
}

describe('partySchema', () => {
  it.each([
    ['an older party with a 身份证 and no type', { idNumber: '110105197903030011' }],
    ['a Hong Kong permit', { idType: 'hkmo', idNumber: 'H12345678' }],
    ['a masked permit', { idType: 'hkmo', idNumber: 'H*****678' }],
    ['a masked passport', { idType: 'passport', idNumber: 'E*****678' }],
    ['a corrected sex', { idNumber: '110105197903030011', gender: '女', correctedFromId: ['gender'] }],
    [
      'a guardian with a permit',
      { agents: [{ name: '何家辉', kind: '法定代理人', relationship: '父亲', idType: 'hkmo', idNumber: 'H87654321' }] },
    ],
  ])('accepts %s', (_what, fields) => {
    expect(partySchema.safeParse({ ...party, ...fields }).success).toBe(true)
  })

  it.each([
    ['a permit number without H or M', { idType: 'hkmo', idNumber: '12345678' }, '证件号码校验不通过'],
    ['a 身份证 number with a wrong last character', { idNumber: '110105197903030012' }, '身份证号校验不通过'],
    ['an unknown document type', { idType: 'drivingLicence', idNumber: '12345678' }, undefined],
    [
      'a guardian whose 身份证 number is wrong',
      { agents: [{ name: '何家辉', kind: '法定代理人', idNumber: '110105197903030012' }] },
      '身份证号校验不通过',
    ],
  ])('refuses %s', (_what, fields, message) => {
    const r = partySchema.safeParse({ ...party, ...fields })
    expect(r.success).toBe(false)
    if (message) expect(r.error?.issues.map((i) => i.message)).toContain(message)
  })
})
