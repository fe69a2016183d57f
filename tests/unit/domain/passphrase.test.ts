import { describe, expect, it } from 'vitest'
import {
  exportNeedsPassphrase,
  PASSPHRASE_MIN_LENGTH,
  passphraseProblem,
  passphraseStrength,
} from '../../../src/domain/passphrase'

describe('passphraseProblem', () => {
  it('the minimum is eight characters', () => {
    expect(PASSPHRASE_MIN_LENGTH).toBe(8)
  })

  it.each([
    ['', '密码至少需要8个字符'],
    ['1234567', '密码至少需要8个字符'],
    ['调解室密码七个', '密码至少需要8个字符'],
    ['12345678', undefined],
    ['调解室导出文件的密码', undefined],
  ])('%j -> %j', (passphrase, expected) => {
    expect(passphraseProblem(passphrase)).toBe(expected)
  })

  it.each([
    ['abcdefgh', 'abcdefgh', undefined],
    ['abcdefgh', 'abcdefgH', '两次输入的密码不一致'],
    ['abcdefgh', '', '两次输入的密码不一致'],
    // too short is said first, whatever the confirmation
    ['abc', 'abd', '密码至少需要8个字符'],
  ])('%j confirmed by %j -> %j', (passphrase, confirmation, expected) => {
    expect(passphraseProblem(passphrase, confirmation)).toBe(expected)
  })
})

describe('passphraseStrength', () => {
  it.each([
    ['abcdefg', 0, '太短：至少8个字符'],
    ['abcdefgh', 1, '弱：建议至少10个字符，混合字母、数字和符号'],
    ['abcdefghij', 1, '弱：建议至少10个字符，混合字母、数字和符号'],
    ['abcdefghi1', 2, '中等：再长一些、混合字母数字符号更安全'],
    ['调解室abcdefg', 2, '中等：再长一些、混合字母数字符号更安全'],
    ['abcdefghijklm1', 2, '中等：再长一些、混合字母数字符号更安全'],
    ['abcdefghijklM1', 3, '强'],
    ['Abcdefghijkl#1', 3, '强'],
  ])('%j is level %i', (passphrase, level, text) => {
    expect(passphraseStrength(passphrase)).toEqual({ level, text })
  })
})

describe('exportNeedsPassphrase', () => {
  it.each([
    [{ masked: false }, true],
    [{ masked: true }, false],
  ])('%j → %s', (request, expected) => {
    expect(exportNeedsPassphrase(request)).toBe(expected)
  })
})
