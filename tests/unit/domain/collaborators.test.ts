import { describe, expect, it } from 'vitest'
import {
  collaboratorChoices,
  countGridReported,
  countWithLegalHelper,
  gridWorkerLinkOf,
  rosterFromSetting,
  validateCollaborator,
  type CollaboratorInput,
} from '../../../src/domain/collaborators'
import type { Collaborator } from '../../../src/domain/types'

const OK: CollaboratorInput = {
  name: ' 王五 ',
  role: '网格员',
  where: ' 东门村第三网格 ',
  phone: '136 0000 1111',
  active: true,
}

describe('validateCollaborator', () => {
  it('trims and normalises a valid entry', () => {
    expect(validateCollaborator(OK)).toEqual({
      ok: true,
      value: { name: '王五', role: '网格员', where: '东门村第三网格', phone: '13600001111', active: true },
    })
  })

  it.each<[string, Partial<CollaboratorInput>, Record<string, string>]>([
    ['no name', { name: '  ' }, { name: '请填写姓名' }],
    ['a 31-character name', { name: '王'.repeat(31) }, { name: '姓名不能超过30个字' }],
    ['no role', { role: '' }, { role: '请选择类别' }],
    ['an unknown role', { role: '村长' as CollaboratorInput['role'] }, { role: '没有这个类别' }],
    ['a grid worker with no grid', { where: '' }, { where: '请填写所在网格或村（社区）' }],
    ['a counsellor with no place', { role: '心理咨询师', where: '' }, { where: '请填写所在单位或村（社区）' }],
    ['a 61-character place', { where: '村'.repeat(61) }, { where: '不能超过60个字' }],
    ['no phone', { phone: '' }, { phone: '请填写联系电话' }],
    ['a 10-digit mobile', { phone: '1360000111' }, { phone: '手机号码应为11位数字' }],
  ])('refuses %s', (_label, change, errors) => {
    expect(validateCollaborator({ ...OK, ...change })).toEqual({ ok: false, errors })
  })

  it('refuses the same name and phone as someone else on the roster, in any spelling of the number', () => {
    expect(validateCollaborator(OK, [{ name: '王五', phone: '+86 13600001111' }])).toEqual({
      ok: false,
      errors: { name: '名单里已有同名同电话的人员' },
    })
    expect(validateCollaborator(OK, [{ name: '王五', phone: '13600002222' }]).ok).toBe(true)
    expect(validateCollaborator(OK, [{ name: '王六', phone: '13600001111' }]).ok).toBe(true)
  })
})

const person = (id: string, role: Collaborator['role'], active: boolean): Collaborator => ({
  id,
  name: id,
  role,
  where: '东门村',
  phone: '13600001111',
  active,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
})

describe('collaboratorChoices', () => {
  const roster = [person('a', '网格员', true), person('b', '网格员', false), person('c', '法律明白人', true)]
  it.each<[Parameters<typeof collaboratorChoices>[1], string[], string[]]>([
    ['网格员', [], ['a']],
    ['网格员', ['b'], ['a', 'b']],
    ['法律明白人', [], ['c']],
    ['any', [], ['a', 'c']],
    ['心理咨询师', [], []],
    [['网格员', '法律明白人'], [], ['a', 'c']],
    [['法律明白人', '心理咨询师'], ['b'], ['c']],
    [[], [], []],
  ])('%s keeping %j → %j', (role, keep, ids) => {
    expect(collaboratorChoices(roster, role, keep).map((c) => c.id)).toEqual(ids)
  })
})

describe('rosterFromSetting', () => {
  it('keeps well-formed entries and drops the rest', () => {
    const good = person('a', '法律明白人', true)
    expect(rosterFromSetting([good, { ...good, role: '村长' }, { id: 'x' }, null, 'text'])).toEqual([good])
    expect(rosterFromSetting(undefined)).toEqual([])
    expect(rosterFromSetting({ a: 1 })).toEqual([])
  })
})

describe('counts for the report', () => {
  const roster = [person('lm', '法律明白人', true), person('gw', '网格员', true), person('old', '法律明白人', false)]
  it('counts every 网格员上报 case, named or not', () => {
    const cases = [
      { source: '网格员上报' as const },
      { source: '网格员上报' as const },
      { source: '当事人申请' as const },
      { source: '主动排查' as const },
    ]
    expect(countGridReported(cases)).toBe(2)
  })
  it('counts a case once however many sessions had a 法律明白人, and only 法律明白人', () => {
    const cases = [{ id: 'c1' }, { id: 'c2' }, { id: 'c3' }, { id: 'c4' }]
    const sessions = [
      { caseId: 'c1', invitedIds: ['lm'] },
      { caseId: 'c1', invitedIds: ['lm', 'gw'] },
      { caseId: 'c2', invitedIds: ['gw'] },
      { caseId: 'c3', invitedIds: ['old'] },
      { caseId: 'c4' },
      // a session of a case outside the period counts nothing
      { caseId: 'c9', invitedIds: ['lm'] },
    ]
    expect(countWithLegalHelper(cases, sessions, roster)).toBe(2)
  })
  it('names the grid worker only on a 网格员上报 case', () => {
    expect(gridWorkerLinkOf('网格员上报', 'gw')).toBe('gw')
    expect(gridWorkerLinkOf('网格员上报', '')).toBeUndefined()
    expect(gridWorkerLinkOf('当事人申请', 'gw')).toBeUndefined()
  })
})
