import { describe, expect, it } from 'vitest'
import { CASE_GONE, isVerifyCode, notOnRecord, readVerifyInput, verifyOutcomeOf } from '../../../src/domain/verifyCode'

const FORMAT = '核验码格式不正确：应为10位字母和数字，如 7K2QF-9XM3D。'
const QR = (sha256: string) =>
  JSON.stringify({ v: 1, caseNo: '（2026）X镇民调字第1号', sha256, sig: 'c2ln', keyId: 'k1' })

describe('readVerifyInput', () => {
  // what is typed or pasted, and the code looked up or the message shown at once
  const table: [string, string, { code: string } | { message: string }][] = [
    ['nothing', '', { message: '请输入核验码，或粘贴二维码内容。' }],
    ['spaces', '  \n ', { message: '请输入核验码，或粘贴二维码内容。' }],
    ['a code as printed', '7K2QF-9XM3D', { code: '7K2QF-9XM3D' }],
    ['lower case with a space', ' 7k2qf 9xm3d ', { code: '7K2QF-9XM3D' }],
    ['no dash', '7K2QF9XM3D', { code: '7K2QF-9XM3D' }],
    ['O for 0, I and L for 1', 'O1234-IL567', { code: '01234-11567' }],
    ['too short', '7K2QF-9XM3', { message: FORMAT }],
    ['too long', '7K2QF-9XM3DD', { message: FORMAT }],
    ['punctuation', '7K2QF_9XM3D', { message: FORMAT }],
    ['broken QR content', '{"v":1', { message: '二维码内容无法识别：不是本系统生成的协议二维码。' }],
    ['QR content of another kind', '{"v":2}', { message: '二维码内容无法识别：不是本系统生成的协议二维码。' }],
    ['QR content: all-zero hash', QR('0'.repeat(64)), { code: '00000-00000' }],
    ['QR content: all-one hash', QR('f'.repeat(64)), { code: 'ZZZZZ-ZZZZZ' }],
  ]
  it.each(table)('%s', (_name, input, expected) => {
    const read = readVerifyInput(input)
    if ('code' in expected) {
      expect(read.ok && read.code).toBe(expected.code)
    } else {
      expect(read).toEqual({ ok: false, outcome: { state: 'unknown', message: expected.message } })
    }
  })

  it('keeps the QR payload for the check, and none for a typed code', () => {
    const read = readVerifyInput(QR('0'.repeat(64)))
    expect(read.ok && read.payload).toEqual({
      v: 1,
      caseNo: '（2026）X镇民调字第1号',
      sha256: '0'.repeat(64),
      sig: 'c2ln',
      keyId: 'k1',
    })
    const typed = readVerifyInput('7K2QF-9XM3D')
    expect(typed.ok && typed.payload).toBeUndefined()
  })

  it('the format is two groups of five capitals or digits', () => {
    expect(isVerifyCode('7K2QF-9XM3D')).toBe(true)
    expect(isVerifyCode('7k2qf-9xm3d')).toBe(false)
    expect(isVerifyCode('7K2QF9XM3D')).toBe(false)
  })
})

describe('outcomes', () => {
  it('say what was found, without personal data', () => {
    expect(notOnRecord('7K2QF-9XM3D')).toEqual({
      state: 'unknown',
      message: '本机记录中没有核验码为 7K2QF-9XM3D 的协议。它可能来自其他调解委员会，或核验码输入有误。',
    })
    expect(CASE_GONE).toEqual({ state: 'unknown', message: '找到了核验码，但对应的案件已不在本机记录中。' })
    expect(
      verifyOutcomeOf({ version: 2, status: 'final', finalizedAt: 't1' }, '（2026）1号', {
        valid: true,
        message: '一致',
      }),
    ).toEqual({
      state: 'valid',
      message: '一致',
      caseNo: '（2026）1号',
      version: 2,
      finalizedAt: 't1',
      superseded: false,
    })
    expect(
      verifyOutcomeOf({ version: 1, status: 'superseded' }, '（2026）1号', { valid: false, message: '不符' }),
    ).toEqual({
      state: 'invalid',
      message: '不符',
      caseNo: '（2026）1号',
      version: 1,
      superseded: true,
    })
  })

  it('a superseded agreement that is unchanged has a state of its own, not the green 在册 of a current one', () => {
    expect(
      verifyOutcomeOf({ version: 1, status: 'superseded', finalizedAt: 't0' }, '（2026）1号', {
        valid: true,
        message: '一致',
      }),
    ).toEqual({
      state: 'superseded',
      message: '一致',
      caseNo: '（2026）1号',
      version: 1,
      finalizedAt: 't0',
      superseded: true,
    })
  })
})
