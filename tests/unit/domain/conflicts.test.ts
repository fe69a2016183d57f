import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  compareVersions,
  differingFields,
  displayValue,
  incomingBlocker,
  intakeFieldWords,
  sessionFieldLabel,
  SETTLE_CHOICES,
  settleChoiceLabel,
  settleRefusals,
  withLocalNumbers,
} from '../../../src/domain/conflicts'
import { containsUnmaskedPersonalNumber } from '../../../src/domain/masking'
import { maskFreeText } from '../../../src/db/transfer/mask'
import type { Party } from '../../../src/domain/types'
import { chineseNameArb, idNumberArb, makeCase, makeParty, mobileArb } from './arbitraries'

/** A party full of personal numbers: its own, an agent's, and ones typed into the address. */
const partyArb = fc
  .record({
    name: chineseNameArb(),
    id: idNumberArb(),
    phone: mobileArb(),
    agentPhone: mobileArb(),
    agentId: idNumberArb(),
    typed: mobileArb(),
    occupation: fc.string({ maxLength: 12 }),
  })
  .map(({ name, id, phone, agentPhone, agentId, typed, occupation }): Party =>
    makeParty({
      name,
      idNumber: id.idNumber,
      phone,
      occupation,
      address: `城关镇东街，联系电话${typed}`,
      agents: [{ name: '代理人', kind: '委托代理人', phone: agentPhone, idNumber: agentId.idNumber }],
    }),
  )

describe('comparing the two versions of a conflict', () => {
  it('offers the two choices, 保留本机 first', () => {
    expect(SETTLE_CHOICES.map((c) => c.label)).toEqual(['保留本机', '采用导入'])
  })

  it('a record compared with itself has no difference', () => {
    fc.assert(
      fc.property(partyArb, (p) => {
        expect(compareVersions('parties', p, structuredClone(p))).toEqual([])
      }),
    )
  })

  it('names exactly the fields that were changed, in Chinese', () => {
    fc.assert(
      fc.property(
        partyArb,
        partyArb,
        fc.subarray(['name', 'phone', 'address', 'occupation'] as const, { minLength: 1 }),
        (p, other, changed) => {
          const edited = { ...p, ...Object.fromEntries(changed.map((f) => [f, `${other[f] ?? ''}改`])) }
          const diff = compareVersions('parties', p, edited)
          expect(diff.map((d) => d.field).sort()).toEqual([...changed].sort())
          expect(diff.every((d) => /[\u4e00-\u9fff]/.test(d.label))).toBe(true)
        },
      ),
    )
  })

  it('never shows a personal number in full, however the two versions differ', () => {
    fc.assert(
      fc.property(partyArb, partyArb, (local, incoming) => {
        const shown = JSON.stringify(compareVersions('parties', local, { ...incoming, id: local.id }))
        expect(containsUnmaskedPersonalNumber(shown)).toBe(false)
      }),
    )
  })

  it('a masked copy of a record is no change: its numbers come back from the local version', () => {
    fc.assert(
      fc.property(partyArb, (p) => {
        const masked = maskFreeText(p)
        expect(masked).not.toEqual(p)
        expect(withLocalNumbers(p, masked)).toEqual(p)
        expect(differingFields(p, withLocalNumbers(p, masked))).toEqual([])
        expect(incomingBlocker(p, withLocalNumbers(p, masked))).toBeUndefined()
      }),
    )
  })

  it('a masked number that differs from the one here blocks 采用导入, naming the field', () => {
    fc.assert(
      fc.property(partyArb, partyArb, (p, other) => {
        fc.pre(p.phone !== other.phone)
        const masked = maskFreeText({ ...p, phone: other.phone })
        expect(incomingBlocker(p, withLocalNumbers(p, masked))).toContain('电话来自脱敏文件')
      }),
    )
  })

  it('shows values in words: statuses, money, instants in China time, ids by name', () => {
    const local = makeCase({
      status: 'mediating',
      amountFen: 800000,
      mediatorIds: ['m-1'],
      updatedAt: '2026-11-22T08:05:00.000Z',
    })
    const incoming = {
      ...local,
      status: 'closed',
      amountFen: 1234,
      mediatorIds: ['m-1', 'm-2'],
      updatedAt: '2026-11-22T17:30:00.000Z',
    }
    const names = new Map([
      ['m-1', '李淑珺'],
      ['m-2', '王𠮷'],
    ])
    const diff = compareVersions('cases', local, incoming, (id) => names.get(id))
    expect(diff).toEqual([
      { field: 'status', label: '状态', local: '调解中', incoming: '已结案' },
      { field: 'amountFen', label: '涉及金额', local: '8,000.00 元', incoming: '12.34 元' },
      { field: 'mediatorIds', label: '调解员', local: '李淑珺', incoming: '李淑珺、王𠮷' },
      { field: 'updatedAt', label: '最后修改时间', local: '2026-11-22 16:05:00', incoming: '2026-11-23 01:30:00' },
    ])
    // a room or mediator of another PC, unknown here: said so, with the start of its id to tell two apart
    expect(
      displayValue('cases', 'mediatorIds', ['m-1', 'f2c4a9e1-0000-4000-8000-000000000000'], (id) => names.get(id)),
    ).toBe('李淑珺、其他电脑的调解员（编号 f2c4a9e1）')
    expect(displayValue('cases', 'roomId', 'b7d1c3a0-0000-4000-8000-000000000000')).toBe(
      '其他电脑的调解室（编号 b7d1c3a0）',
    )
    expect(displayValue('sessions', 'recorderId', 'c0ffee00-0000-4000-8000-000000000000')).toBe(
      '其他电脑的调解员（编号 c0ffee00）',
    )
    // another id still reads as one
    expect(displayValue('agreements', 'caseId', 'd00dfeed-0000-4000-8000-000000000000')).toBe('编号 d00dfeed')
    expect(displayValue('sessions', 'statements', [{ speaker: '申请人', text: '电话13912345678' }])).toBe(
      '发言人：申请人，内容：电话139****5678',
    )
  })

  it('absent, empty text and an empty list are the same: no difference', () => {
    const local = makeCase({ sourceBody: '', reopenings: [] })
    const { sourceBody: _body, reopenings: _none, ...incoming } = local
    expect(differingFields(local, incoming)).toEqual([])
    expect(differingFields(local, { ...incoming, sourceBody: '公安派出所' }).map((f) => f)).toEqual(['sourceBody'])
  })

  it('lists the differing fields in the order the comparison shows them, then the unlabelled ones by name', () => {
    const incoming = {
      zeta: 1,
      facts: '漏水',
      status: 'accepted',
      alpha: 2,
      caseNo: '（2026）城调字第1号',
      roomId: 'r1',
    }
    expect(differingFields({}, incoming)).toEqual(['caseNo', 'status', 'facts', 'roomId', 'alpha', 'zeta'])
  })

  it('a record missing here differs in every field the incoming one has', () => {
    const incoming = makeParty({ name: '赵堃', phone: '13900001111' })
    const diff = compareVersions('parties', undefined, incoming)
    expect(diff.map((d) => d.field)).toEqual(differingFields({}, incoming))
    expect(diff.every((d) => d.local === '（本机已没有这条记录）')).toBe(true)
  })
})

describe('what refuses each choice, by where the conflict comes from', () => {
  const ARCHIVED = '案件已归档，只能查看，冲突没有处理。如需处理，请先“重新打开”案件并说明理由。'
  const ARCHIVED_TAKE_REMOTE =
    '本机的案件已归档，不能用对方的版本替换，本机版本保持不变。可以选择“保留本机”；如需采用对方的版本，请先“重新打开”案件并说明理由。'
  it.each([
    ['import', { caseReadOnly: false }, {}],
    ['import', { caseReadOnly: true }, { local: ARCHIVED, incoming: ARCHIVED }],
    ['import', { caseReadOnly: false, incomingBlocked: '号码不完整' }, { incoming: '号码不完整' }],
    ['sync', { localStatus: 'mediating', caseReadOnly: false }, {}],
    ['sync', { localStatus: 'closed', caseReadOnly: false }, {}],
    ['sync', { localStatus: 'archived', caseReadOnly: true }, { incoming: ARCHIVED_TAKE_REMOTE }],
  ] as const)('%s %j refuses %j', (source, facts, refused) => {
    expect(settleRefusals(source, facts)).toEqual(refused)
  })

  it('names the second choice by the source: 采用导入 for a file, 采用对方 for sync', () => {
    expect([settleChoiceLabel('import', 'local'), settleChoiceLabel('import', 'incoming')]).toEqual([
      '保留本机',
      '采用导入',
    ])
    expect([settleChoiceLabel('sync', 'local'), settleChoiceLabel('sync', 'incoming')]).toEqual([
      '保留本机',
      '采用对方',
    ])
  })

  it('a replicated case compares its parties and sessions under their Chinese names', () => {
    const diff = compareVersions(
      'cases',
      { parties: [], sessions: [] },
      { parties: [{ name: '赵大海' }], sessions: [] },
    )
    expect(diff.map((d) => [d.label, d.incoming])).toEqual([['当事人', '姓名/名称：赵大海']])
  })
})

describe('a session record field as its editor names it', () => {
  it.each<[string, string, string]>([
    ['mediation', 'notes', '调解记录'],
    ['investigation', 'notes', '调查记录'],
    ['mediation', 'startedAt', '调解时间'],
    ['investigation', 'place', '调查地点'],
    ['investigation', 'outcome', '调查结果'],
    ['mediation', 'factsChecked', '查明的事实'],
    ['mediation', 'riskWarning', '风险提示'],
    ['mediation', 'present', '参加人'],
    ['mediation', 'statements', '各方陈述'],
    ['mediation', 'mediatorIds', '主持调解员'],
    ['mediation', 'recorderId', '记录人'],
    ['mediation', 'invitedIds', '邀请参加人员'],
  ])('%s %s → %s', (kind, field, label) => {
    expect(sessionFieldLabel(kind as 'mediation' | 'investigation', field)).toBe(label)
  })
})

describe('intakeFieldWords: a value of the case form in words (the clash notice)', () => {
  const names: Record<string, string> = { 'room-1': '第一调解室', 'med-1': '李淑珺' }
  it.each<[string, unknown, string]>([
    // field, value as the form holds it, in words
    ['amountYuan', 1234.5, '1,234.50 元'],
    ['amountYuan', 0, '0.00 元'],
    ['title', '相邻通行纠纷', '相邻通行纠纷'],
    ['facts', '', '（空）'],
    ['requests', ['拆除围墙', '赔偿损失'], '拆除围墙、赔偿损失'],
    ['requests', [], '（空）'],
    ['peopleCount', 3, '3'],
    ['oralApplication', true, '是'],
    ['roomId', 'room-1', '第一调解室'],
    ['mediatorIds', ['med-1', 'med-unknown-123'], '李淑珺、其他电脑的调解员（编号 med-unkn）'],
    ['facts', '电话13812345678联系', '电话138****5678联系'],
  ])('%s %j', (field, value, words) => {
    expect(intakeFieldWords(field, value, (id) => names[id])).toBe(words)
  })
})
