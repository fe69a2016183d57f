/**
 * People the forms must fit: other identity documents at intake and in the agreement checklist, a
 * minor's flag and guardian, ages in 周岁 on the acceptance date, and a confirmed correction of what a
 * 身份证 says. Expected values are written out.
 */
import { describe, expect, it } from 'vitest'
import { checkAgreement, type ChecklistInput } from '../../../src/domain/checklist'
import { validateIntake, validateParty, type IntakeInput } from '../../../src/domain/intake'
import type { PartyInput } from '../../../src/domain/parties'
import {
  ageInFullYears,
  ageReferenceDate,
  ageText,
  isMinorOn,
  newPartyInput,
  withMinorFlag,
} from '../../../src/domain/parties'
import { describeParty } from '../../../src/documents/format'
import { signatureRows } from '../../../src/documents/builders/common'
import { requiredSigners } from '../../../src/domain/signers'
import type { Agreement, Party } from '../../../src/domain/types'
import { wageArrearsBundle } from '../../fixtures/cases/wage-arrears'

const TODAY = '2026-12-03'

function person(change: Partial<PartyInput>): PartyInput {
  return { ...newPartyInput('申请人'), name: '陈家明', phone: '13900001111', address: '城关镇1号', ...change }
}

describe('ages', () => {
  /** [birth date, on, 周岁] */
  const AGES: [string, string, number][] = [
    ['2011-05-01', '2026-12-03', 15],
    ['2008-12-03', '2026-12-03', 18],
    ['2008-12-04', '2026-12-03', 17],
    ['2008-02-29', '2026-02-28', 17],
    ['2008-02-29', '2026-03-01', 18],
    ['1949-12-31', '2026-12-03', 76],
  ]
  it.each(AGES)('born %s is on %s %i周岁', (birthDate, on, age) => {
    expect(ageInFullYears({ kind: 'person', birthDate }, on)).toBe(age)
    expect(ageText({ kind: 'person', birthDate }, on)).toBe(`${age}周岁`)
    expect(isMinorOn({ kind: 'person', birthDate }, on)).toBe(age < 18)
  })

  it('no age without a birth date, for an organisation, or before birth', () => {
    expect(ageText({ kind: 'person' }, TODAY)).toBe('')
    expect(ageInFullYears({ kind: 'org', birthDate: '2011-05-01' }, TODAY)).toBeUndefined()
    expect(ageInFullYears({ kind: 'person', birthDate: '2027-01-01' }, TODAY)).toBeUndefined()
  })

  it('counts on the acceptance date, or the intake date before acceptance', () => {
    expect(ageReferenceDate({ receivedOn: '2026-11-30', acceptedOn: '2026-12-02' })).toBe('2026-12-02')
    expect(ageReferenceDate({ receivedOn: '2026-11-30' })).toBe('2026-11-30')
  })
})

describe('涉及未成年人', () => {
  it('is added by a party under 18 on the date, never removed', () => {
    expect(withMinorFlag([], [{ kind: 'person', birthDate: '2011-05-01' }], TODAY)).toEqual(['涉及未成年人'])
    expect(withMinorFlag(['涉企'], [{ kind: 'person', birthDate: '1980-01-01' }], TODAY)).toEqual(['涉企'])
    expect(withMinorFlag(['涉及未成年人'], [], TODAY)).toEqual(['涉及未成年人'])
    // turned 18 the day before acceptance: an adult
    expect(withMinorFlag([], [{ kind: 'person', birthDate: '2008-12-02' }], TODAY)).toEqual([])
  })

  it('is set at intake by a 15-year-old party', () => {
    const input: IntakeInput = {
      source: '当事人申请',
      sourceBody: '',
      sourceRefNo: '',
      oralApplication: false,
      category: '邻里纠纷',
      title: '陈家明与何志强相邻纠纷',
      facts: '事实',
      requests: [],
      amountYuan: 0,
      peopleCount: 2,
      flags: [],
      roomId: 'r1',
      mediatorIds: [],
      receivedOn: TODAY,
      parties: [
        person({ idNumber: '110105201105010023' }),
        person({ role: '被申请人', name: '何志强', idType: 'hkmo', idNumber: 'H12345678', gender: '男' }),
      ],
    }
    const r = validateIntake(input, ['邻里纠纷'], TODAY)
    expect(r.ok && r.value.flags).toEqual(['涉及未成年人'])

    // 登记日期 as a mediator types it is stored as the date it names; one that cannot be read says how to write it
    const typed = validateIntake({ ...input, receivedOn: '2026年12月1日' }, ['邻里纠纷'], TODAY)
    expect(typed.ok && typed.value.receivedOn).toBe('2026-12-01')
    const written = (receivedOn: string) => {
      const v = validateIntake({ ...input, receivedOn }, ['邻里纠纷'], TODAY)
      return v.ok ? 'ok' : v.errors.receivedOn
    }
    expect(written('12/1')).toBe('日期请写成 2026-01-01 这样（也可写 2026/1/1、2026.1.1 或 2026年1月1日）')
    expect(written('2026-11-31')).toBe('没有2026年11月31日这一天，请检查')
    expect(written(' ')).toBe('请填写登记日期')
    expect(written('2099/1/1')).toBe('登记日期不能晚于今天')
  })
})

describe('validateParty with other documents', () => {
  it('stores a Hong Kong party with the permit type and number, sex and birth date as typed', () => {
    const r = validateParty(
      person({ idType: 'hkmo', idNumber: 'h 1234 5678', gender: '男', birthDate: '1985-03-02' }),
      'p.',
      TODAY,
    )
    expect(r.ok && r.value).toMatchObject({
      idType: 'hkmo',
      idNumber: 'H12345678',
      gender: '男',
      birthDate: '1985-03-02',
    })
  })

  it('reads a birth date typed by hand as any date is typed, and says how to write one it cannot read', () => {
    const typed = validateParty(
      person({ idType: 'passport', idNumber: 'E12345678', gender: '女', birthDate: '1985年3月2日' }),
      'p.',
      TODAY,
    )
    expect(typed.ok && typed.value.birthDate).toBe('1985-03-02')
    const refused = (birthDate: string) => {
      const r = validateParty(person({ idType: 'passport', idNumber: 'E12345678', birthDate }), 'p.', TODAY)
      return r.ok ? 'ok' : r.errors['p.birthDate']
    }
    expect(refused('3/2/1985')).toBe(
      '出生日期：日期请写成 2026-01-01 这样（也可写 2026/1/1、2026.1.1 或 2026年1月1日）',
    )
    expect(refused('1985-02-29')).toBe('出生日期：没有1985年2月29日这一天，请检查')
    expect(refused('2030/1/1')).toBe('出生日期不能晚于今天')
    // with a 身份证 the typed date is compared as the date it names
    const withId = validateParty(person({ idNumber: '110105201105010023', birthDate: '2011/5/1' }), 'p.', TODAY)
    expect(withId.ok && withId.value.birthDate).toBe('2011-05-01')
  })

  it('refuses a permit number in words a person understands', () => {
    const r = validateParty(person({ idType: 'hkmo', idNumber: '12345678' }), 'p.', TODAY)
    expect(r.ok ? {} : r.errors).toEqual({ 'p.idNumber': '港澳通行证号码应以H（香港）或M（澳门）开头，请核对' })
  })

  it('takes a guardian with a permit, and prints it as such', () => {
    const r = validateParty(
      person({
        idNumber: '110105201105010023',
        agents: [
          {
            name: '何家辉',
            kind: '法定代理人',
            relationship: '父亲',
            idType: 'hkmo',
            idNumber: 'H87654321',
            phone: '',
          },
        ],
      }),
      'p.',
      TODAY,
    )
    expect(r.ok && r.value.agents).toEqual([
      { name: '何家辉', kind: '法定代理人', relationship: '父亲', idType: 'hkmo', idNumber: 'H87654321' },
    ])
    const refused = validateParty(
      person({ agents: [{ name: '何家辉', kind: '法定代理人', idType: 'hkmo', idNumber: '87654321' }] }),
      'p.',
      TODAY,
    )
    expect(refused.ok ? {} : refused.errors).toEqual({
      'p.agents.0.idNumber': '港澳通行证号码应以H（香港）或M（澳门）开头，请核对',
    })
  })

  it('stores a 身份证 without a type, as every older party is', () => {
    const r = validateParty(person({ idType: 'resident', idNumber: '110105201105010023' }), 'p.', TODAY)
    expect(r.ok && r.value.idType).toBeUndefined()
    expect(r.ok && r.value.correctedFromId).toBeUndefined()
  })
})

describe('correcting what a 身份证 says (更正)', () => {
  const ID = '110105201105010023' // 2011-05-01, 女

  it('refuses a different sex unless the correction is confirmed', () => {
    const r = validateParty(person({ idNumber: ID, gender: '男' }), 'p.', TODAY)
    expect(r.ok ? {} : r.errors).toEqual({ 'p.gender': '性别与身份证号不一致（身份证号显示为女）' })
  })

  it('keeps a confirmed correction and flags that the value differs from the ID', () => {
    const r = validateParty(
      person({ idNumber: ID, gender: '男', birthDate: '2011-05-02', correctedFromId: ['gender', 'birthDate'] }),
      'p.',
      TODAY,
    )
    expect(r.ok && r.value).toMatchObject({
      gender: '男',
      birthDate: '2011-05-02',
      correctedFromId: ['gender', 'birthDate'],
    })
  })

  it('drops a correction that agrees with the ID after all', () => {
    const r = validateParty(person({ idNumber: ID, gender: '女', correctedFromId: ['gender'] }), 'p.', TODAY)
    expect(r.ok && r.value.correctedFromId).toBeUndefined()
  })
})

function checklistInput(change: (parties: Party[]) => Party[]): ChecklistInput {
  const b = wageArrearsBundle()
  const agreement = b.agreements[0] as Agreement
  return {
    agreement,
    parties: change(b.parties),
    caseRecord: b.case,
    signatures: b.signatures,
    today: '2026-11-22',
  }
}
const blocks = (i: ChecklistInput) => checkAgreement(i).filter((f) => f.level === 'block')

describe('agreement checklist', () => {
  it('accepts a passport or a permit instead of a 身份证', () => {
    const i = checklistInput((ps) =>
      ps.map((p, n) => (n === 0 ? { ...p, idType: 'passport', idNumber: 'E12345678' } : p)),
    )
    expect(blocks(i)).toEqual([])
  })

  it('names the missing number for the document the party holds', () => {
    const i = checklistInput((ps) => ps.map((p, n) => (n === 0 ? { ...p, idType: 'hkmo', idNumber: '' } : p)))
    expect(blocks(i).map((f) => f.message)).toEqual(['当事人“王𠮷”缺少通行证号码'])
  })

  it('refuses an agreement where a minor has no guardian, naming the party', () => {
    // the fixture case was accepted on 2026-11-03: 15 that day
    const i = checklistInput((ps) =>
      ps.map((p, n) => (n === 0 ? { ...p, idNumber: '110105201105010023', birthDate: '2011-05-01', agents: [] } : p)),
    )
    expect(blocks(i).map((f) => f.message)).toEqual([
      '当事人“王𠮷”未满18周岁，请先在当事人信息里登记其监护人（法定代理人），协议由监护人一同签名',
    ])
  })

  it('lets a minor with a guardian sign', () => {
    const i = checklistInput((ps) =>
      ps.map((p, n) =>
        n === 0
          ? {
              ...p,
              birthDate: '2011-05-01',
              agents: [
                {
                  name: '王建军',
                  kind: '法定代理人',
                  relationship: '父亲',
                  phone: '13900003333',
                  idNumber: '110105197903030011',
                },
              ],
            }
          : p,
      ),
    )
    expect(blocks(i)).toEqual([])
    expect(checkAgreement(i).filter((f) => f.code === 'guardian-incomplete')).toEqual([])
  })
})

describe('documents', () => {
  const base: Party = {
    id: 'p1',
    caseId: 'c1',
    role: '被申请人',
    kind: 'person',
    name: '何志强',
    order: 1,
    agents: [],
    gender: '男',
    createdAt: '',
    updatedAt: '',
  }

  it('print the type with the number', () => {
    expect(describeParty({ ...base, idType: 'passport', idNumber: 'E12345678' })).toBe(
      '何志强，男，护照号码E12345678。',
    )
    expect(describeParty({ ...base, idType: 'hkmo', idNumber: 'H12345678' })).toBe(
      '何志强，男，港澳居民来往内地通行证号码H12345678。',
    )
    expect(
      describeParty({
        ...base,
        agents: [{ name: '何家辉', kind: '法定代理人', relationship: '父亲', idType: 'hkmo', idNumber: 'H87654321' }],
      }),
    ).toBe('何志强，男。法定代理人：何家辉（何志强的父亲），港澳居民来往内地通行证号码H87654321。')
    // no type recorded: a 身份证, printed as before
    expect(describeParty({ ...base, idNumber: '110105197903030011' })).toBe(
      '何志强，男，公民身份号码110105197903030011。',
    )
  })

  it('put the guardian on the line under the minor in the signature table', () => {
    const b = wageArrearsBundle()
    const [first, ...rest] = b.parties
    const minor: Party = {
      ...(first as Party),
      birthDate: '2011-05-01',
      agents: [{ name: '王建军', kind: '法定代理人', relationship: '父亲' }],
    }
    const rows = signatureRows({ ...b, parties: [minor, ...rest] }, undefined, false)
    expect(rows.slice(0, 2).map((r) => `${r.label}：${r.name}`)).toEqual([
      `申请人：${minor.name}`,
      `法定代理人：王建军（${minor.name}的父亲）`,
    ])
    expect(rows[1]?.fingerprint).toBe(true)
  })

  it('ask the guardian to sign on screen too, and place that signature on the guardian line', () => {
    const b = wageArrearsBundle()
    const [first, ...rest] = b.parties
    const minor: Party = {
      ...(first as Party),
      birthDate: '2011-05-01',
      agents: [{ name: '王建军', kind: '法定代理人', relationship: '父亲' }],
    }
    const signers = requiredSigners(b.case, [minor, ...rest], () => '调解员')
    expect(signers.slice(0, 2)).toEqual([
      { signerRole: 'party', signerId: minor.id, name: minor.name, label: '申请人' },
      { signerRole: 'agent', signerId: minor.id, name: '王建军', label: `法定代理人（${minor.name}）` },
    ])
    const agreement = b.agreements[0] as Agreement
    const image = 'data:image/png;base64,AAAA'
    const signature = {
      id: 's-guardian',
      createdAt: '',
      updatedAt: '',
      agreementId: agreement.id,
      agreementVersion: agreement.version,
      signerRole: 'agent' as const,
      signerId: minor.id,
      signerName: '王建军',
      image,
      signedAt: '2026-11-20T02:00:00.000Z',
    }
    const rows = signatureRows({ ...b, parties: [minor, ...rest], signatures: [signature] }, agreement)
    expect(rows[0]?.image).toBeUndefined()
    expect(rows[1]?.image).toBe(image)
  })
})
