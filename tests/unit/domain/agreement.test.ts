import { describe, expect, it } from 'vitest'
import type { AgreementStatus, CaseStatus } from '../../../src/domain/types'
import type { Finding } from '../../../src/domain/checklist'
import type { RequiredSigner } from '../../../src/domain/signers'
import {
  AGREEMENT_LOCKED_MESSAGE,
  agreementContext,
  agreementEditRefusal,
  draftStart,
  finaliseRefusal,
  newVersionRefusal,
  pendingDraft,
} from '../../../src/domain/agreement'

const v = (status: AgreementStatus, id: string = status) => ({ id, status })
const FINAL_EXISTS = '本案已有生效的协议。如需修改，请点“修改协议”生成新版本。'
const NOT_MEDIATING = '案件须处于“调解中”才能拟定书面协议。请先开始调解。'

describe('draftStart', () => {
  // case status, the versions already there, expected decision
  const table: [CaseStatus, { id: string; status: AgreementStatus }[], ReturnType<typeof draftStart>][] = [
    ['mediating', [], { kind: 'new', moveCaseToDrafting: true }],
    ['drafting', [], { kind: 'new', moveCaseToDrafting: false }],
    ['drafting', [v('draft', 'd1')], { kind: 'existing', draft: v('draft', 'd1') }],
    ['drafting', [v('superseded'), v('final'), v('draft', 'd2')], { kind: 'existing', draft: v('draft', 'd2') }],
    ['effective', [v('final')], { kind: 'refused', message: FINAL_EXISTS }],
    ['mediating', [v('superseded'), v('final')], { kind: 'refused', message: FINAL_EXISTS }],
    ['mediating', [v('superseded')], { kind: 'new', moveCaseToDrafting: true }],
    ['intake', [], { kind: 'refused', message: NOT_MEDIATING }],
    ['accepted', [], { kind: 'refused', message: NOT_MEDIATING }],
    ['investigating', [], { kind: 'refused', message: NOT_MEDIATING }],
    ['effective', [], { kind: 'refused', message: NOT_MEDIATING }],
  ]
  it.each(table)('a %s case with %j', (status, versions, expected) => {
    expect(draftStart(status, versions)).toEqual(expected)
  })
})

describe('editing and new versions', () => {
  it('only a draft may be edited', () => {
    expect(agreementEditRefusal({ status: 'draft' })).toBeUndefined()
    expect(agreementEditRefusal({ status: 'final' })).toBe(AGREEMENT_LOCKED_MESSAGE)
    expect(agreementEditRefusal({ status: 'superseded' })).toBe(AGREEMENT_LOCKED_MESSAGE)
    expect(AGREEMENT_LOCKED_MESSAGE).toBe(
      '协议已确认生效并锁定，不能修改。如需修改，请点“修改协议”生成新版本，原协议会保留。',
    )
  })

  it('a new version starts only from the agreement in force', () => {
    expect(newVersionRefusal({ status: 'final' })).toBeUndefined()
    expect(newVersionRefusal({ status: 'draft' })).toBe('草稿可以直接修改，不需要新版本。')
    expect(newVersionRefusal({ status: 'superseded' })).toBe('该版本已被替代，请在最新版本上修改。')
  })

  it('finds the pending draft', () => {
    expect(pendingDraft([v('final'), v('draft', 'd')])).toEqual(v('draft', 'd'))
    expect(pendingDraft([v('final'), v('superseded')])).toBeUndefined()
  })
})

describe('agreementContext', () => {
  it('names the case number and the committee; none before the case is accepted', () => {
    expect(agreementContext({ caseNo: '（2026）X镇民调字第1号' }, { fullName: 'X镇人民调解委员会' })).toEqual({
      ok: true,
      ctx: { caseNo: '（2026）X镇民调字第1号', committeeName: 'X镇人民调解委员会' },
    })
    expect(agreementContext({}, { fullName: 'X镇人民调解委员会' })).toEqual({
      ok: false,
      message: '案件尚未受理，没有案号，不能确认协议生效。',
    })
  })
})

describe('finaliseRefusal', () => {
  const block: Finding = { level: 'block', code: 'no-clauses', message: '协议没有任何条款' } as Finding
  const warn: Finding = { level: 'warn', code: 'deadline-missing', message: '没有履行期限' } as Finding
  const recorder: RequiredSigner = { signerRole: 'recorder', signerId: 'm2', name: '王五', label: '记录人' }
  const party: RequiredSigner = { signerRole: 'party', signerId: 'p2', name: '赵堃', label: '被申请人' }
  const FAMILY = '涉及婚姻、收养、继承等人身关系的文书不适用电子签名，请打印后由当事人签名并按指印。'

  const table: [string, Parameters<typeof finaliseRefusal>[0], string | undefined][] = [
    ['paper, nothing blocks', { findings: [warn], signing: 'paper', category: '劳动争议', unsigned: [] }, undefined],
    [
      'paper ignores signatures',
      { findings: [], signing: 'paper', category: '婚姻家庭', unsigned: [party] },
      undefined,
    ],
    [
      'a block comes first',
      { findings: [warn, block], signing: 'screen', category: '婚姻家庭', unsigned: [party] },
      '协议还有必须改正的问题：协议没有任何条款',
    ],
    ['screen, everyone signed', { findings: [], signing: 'screen', category: '劳动争议', unsigned: [] }, undefined],
    ['screen, not for family matters', { findings: [], signing: 'screen', category: '婚姻家庭', unsigned: [] }, FAMILY],
    [
      'screen, two missing',
      { findings: [], signing: 'screen', category: '劳动争议', unsigned: [party, recorder] },
      '还有人没有签名：被申请人赵堃、记录人王五',
    ],
  ]
  it.each(table)('%s', (_name, check, expected) => {
    expect(finaliseRefusal(check)).toBe(expected)
  })
})
