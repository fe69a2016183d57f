import { describe, expect, it } from 'vitest'
import type { Party, SignatureRecord } from '../../../src/domain/types'
import {
  isSignatureOf,
  MAX_SIGNATURE_CHARS,
  onScreenSigningRefusal,
  requiredSigners,
  signatureProblem,
  unsignedMessage,
  unsignedSigners,
  type RequiredSigner,
} from '../../../src/domain/signers'

function party(over: Partial<Party> & Pick<Party, 'id' | 'name' | 'order' | 'role'>): Party {
  return { caseId: 'c1', kind: 'person', agents: [], createdAt: '', updatedAt: '', ...over }
}

const names: Record<string, string> = { m1: '李淑珺', m2: '王五', m3: '周六' }

describe('requiredSigners', () => {
  it('parties in their order, an organisation by its legal representative, then mediators, then the recorder', () => {
    const parties = [
      party({
        id: 'p3',
        name: '某某有限公司',
        order: 2,
        role: '第三人',
        kind: 'org',
        legalRep: '钱七',
        agents: [{ name: '孙八', kind: '委托代理人' }],
      }),
      party({ id: 'p1', name: '王𠮷', order: 0, role: '申请人' }),
      party({
        id: 'p2',
        name: '某某合作社',
        order: 1,
        role: '被申请人',
        kind: 'org',
        agents: [{ name: '孙八', kind: '委托代理人' }],
      }),
      party({ id: 'p4', name: '某某商店', order: 3, role: '被申请人', kind: 'org' }),
    ]
    expect(requiredSigners({ mediatorIds: ['m1', 'm3'], recorderId: 'm2' }, parties, (id) => names[id] ?? '')).toEqual([
      { signerRole: 'party', signerId: 'p1', name: '王𠮷', label: '申请人' },
      { signerRole: 'party', signerId: 'p2', name: '孙八', label: '被申请人（某某合作社）' },
      { signerRole: 'party', signerId: 'p3', name: '钱七', label: '第三人（某某有限公司）' },
      { signerRole: 'party', signerId: 'p4', name: '某某商店', label: '被申请人（某某商店）' },
      { signerRole: 'mediator', signerId: 'm1', name: '李淑珺', label: '人民调解员' },
      { signerRole: 'mediator', signerId: 'm3', name: '周六', label: '人民调解员' },
      { signerRole: 'recorder', signerId: 'm2', name: '王五', label: '记录人' },
    ])
  })

  it('no recorder, no recorder line', () => {
    expect(requiredSigners({ mediatorIds: ['m1'] }, [], (id) => names[id] ?? '')).toEqual([
      { signerRole: 'mediator', signerId: 'm1', name: '李淑珺', label: '人民调解员' },
    ])
  })
})

describe('who has signed this version', () => {
  const agreement = { id: 'a1', version: 2 }
  const p1: RequiredSigner = { signerRole: 'party', signerId: 'p1', name: '王𠮷', label: '申请人' }
  const m1: RequiredSigner = { signerRole: 'mediator', signerId: 'm1', name: '李淑珺', label: '人民调解员' }
  const m1AsRecorder: RequiredSigner = { signerRole: 'recorder', signerId: 'm1', name: '李淑珺', label: '记录人' }
  const sig = (
    signerId: string,
    signerRole: SignatureRecord['signerRole'],
    agreementId = 'a1',
    agreementVersion = 2,
  ): SignatureRecord => ({
    id: `${signerId}-${signerRole}-${agreementId}-${agreementVersion}`,
    agreementId,
    agreementVersion,
    signerId,
    signerRole,
    signerName: '',
    image: '',
    signedAt: '',
    createdAt: '',
    updatedAt: '',
  })

  // the signatures on file, and who is still unsigned among p1, m1 (mediator) and m1 (recorder)
  const table: [string, SignatureRecord[], RequiredSigner[]][] = [
    ['nobody signed', [], [p1, m1, m1AsRecorder]],
    ['the party signed', [sig('p1', 'party')], [m1, m1AsRecorder]],
    ['a signature on the earlier version does not count', [sig('p1', 'party', 'a1', 1)], [p1, m1, m1AsRecorder]],
    ['a signature on another agreement does not count', [sig('p1', 'party', 'a0', 2)], [p1, m1, m1AsRecorder]],
    ['signing as mediator is not signing as recorder', [sig('m1', 'mediator')], [p1, m1AsRecorder]],
    ['everyone', [sig('p1', 'party'), sig('m1', 'mediator'), sig('m1', 'recorder')], []],
  ]
  it.each(table)('%s', (_name, signatures, expected) => {
    expect(unsignedSigners([p1, m1, m1AsRecorder], agreement, signatures)).toEqual(expected)
  })

  it('isSignatureOf needs the same person, role, agreement and version', () => {
    expect(isSignatureOf(sig('p1', 'party'), p1, agreement)).toBe(true)
    expect(isSignatureOf(sig('p1', 'agent'), p1, agreement)).toBe(false)
    expect(isSignatureOf(sig('p1', 'party', 'a1', 3), p1, agreement)).toBe(false)
  })

  it('names the missing signers by label and name', () => {
    expect(unsignedMessage([p1, m1AsRecorder])).toBe('还有人没有签名：申请人王𠮷、记录人李淑珺')
    expect(unsignedMessage([])).toBeUndefined()
  })
})

describe('on-screen signatures', () => {
  const INK = 'data:image/png;base64,iVBORw0KGgo='
  const table: [string, { image: string; signerName: string }, string | undefined][] = [
    ['a PNG data URL and a name', { image: INK, signerName: '王𠮷' }, undefined],
    ['a JPEG', { image: 'data:image/jpeg;base64,/9j/4AAQ', signerName: '王𠮷' }, '签名图像无效，请重新签名。'],
    ['not base64', { image: 'data:image/png;base64,<svg>', signerName: '王𠮷' }, '签名图像无效，请重新签名。'],
    ['empty', { image: '', signerName: '王𠮷' }, '签名图像无效，请重新签名。'],
    [
      'too large',
      { image: 'data:image/png;base64,' + 'A'.repeat(MAX_SIGNATURE_CHARS), signerName: '王𠮷' },
      '签名图像无效，请重新签名。',
    ],
    ['no name', { image: INK, signerName: '  ' }, '签名人姓名缺失。'],
  ]
  it.each(table)('%s', (_name, input, expected) => {
    expect(signatureProblem(input)).toBe(expected)
  })

  it('are refused for personal-relationship matters only', () => {
    const notice = '涉及婚姻、收养、继承等人身关系的文书不适用电子签名，请打印后由当事人签名并按指印。'
    expect(onScreenSigningRefusal('婚姻家庭')).toBe(notice)
    expect(onScreenSigningRefusal('继承纠纷')).toBe(notice)
    expect(onScreenSigningRefusal('劳动争议（含欠薪）')).toBeUndefined()
    expect(onScreenSigningRefusal('邻里纠纷')).toBeUndefined()
  })
})
