import { describe, expect, it } from 'vitest'
import { checkServerAddress, retryDelayMs } from '../../../src/domain/syncAddress'

describe('checkServerAddress', () => {
  const accepted: [string, string, string][] = [
    ['https://tiaojie.example.cn:6984', 'https://tiaojie.example.cn:6984', 'https://tiaojie.example.cn:6984'],
    ['  https://tiaojie.example.cn/couch/ ', 'https://tiaojie.example.cn/couch', 'https://tiaojie.example.cn'],
    ['http://127.0.0.1:5984', 'http://127.0.0.1:5984', 'http://127.0.0.1:5984'],
    ['http://localhost:5984/', 'http://localhost:5984', 'http://localhost:5984'],
    ['http://[::1]:5984', 'http://[::1]:5984', 'http://[::1]:5984'],
  ]
  it.each(accepted)('accepts %s', (typed, url, origin) => {
    expect(checkServerAddress(typed)).toEqual({ ok: true, url, origin })
  })

  const refused: [string, string][] = [
    ['', '请填写同步服务器地址'],
    ['tiaojie.example.cn', '服务器地址格式不正确，例如 https://tiaojie.example.cn:6984'],
    ['ftp://tiaojie.example.cn', '服务器地址须以 https:// 开头'],
    ['http://tiaojie.example.cn:5984', '为保护当事人信息，服务器地址须以 https:// 开头（仅本机服务器可用 http://）'],
    ['http://192.168.1.10:5984', '为保护当事人信息，服务器地址须以 https:// 开头（仅本机服务器可用 http://）'],
    ['http://127.0.0.1.example.cn', '为保护当事人信息，服务器地址须以 https:// 开头（仅本机服务器可用 http://）'],
    ['https://admin:pw@tiaojie.example.cn', '请不要把用户名或密码写在地址里，请填在下面的“用户名”“密码”中'],
    ['https://tiaojie.example.cn/?x=1', '服务器地址不应包含“?”或“#”之后的内容'],
  ]
  it.each(refused)('refuses %j', (typed, message) => {
    expect(checkServerAddress(typed)).toEqual({ ok: false, message })
  })
})

describe('retryDelayMs', () => {
  const table: [number, number, number][] = [
    [0, 0.5, 0],
    [1, 0.5, 2_000],
    [2, 0.5, 4_000],
    [3, 0.5, 8_000],
    [8, 0.5, 256_000],
    [9, 0.5, 300_000],
    [1000, 0.5, 300_000],
    [1, 0, 1_600],
    [1, 0.999999, 2_400],
    [9, 0, 240_000],
  ]
  it.each(table)('after %i failures (random %f): %i ms', (failures, random, ms) => {
    expect(retryDelayMs(failures, random)).toBe(ms)
  })
})
