import { describe, expect, it } from 'vitest'
import {
  clockAheadOfServer,
  offersSyncNow,
  syncStateLabel,
  turnedAwayByReason,
  type SyncSnapshot,
} from '../../../src/domain/syncState'

// 2026-12-03 14:40 in China (UTC+8)
const NOW = new Date('2026-12-03T06:40:00.000Z')
const base: SyncSnapshot = { configured: true, online: true, pendingUpload: 0, conflicts: 0 }

describe('syncStateLabel', () => {
  const table: [string, Partial<SyncSnapshot>, string | undefined, string | undefined][] = [
    ['not configured', { configured: false, conflicts: 3 }, undefined, undefined],
    ['synced today', { lastSyncedAt: '2026-12-03T06:32:10.000Z' }, '已同步 14:32', 'ok'],
    ['synced before midnight China time', { lastSyncedAt: '2026-12-02T15:59:00.000Z' }, '已同步 12月2日 23:59', 'ok'],
    ['synced just after midnight China time', { lastSyncedAt: '2026-12-02T16:01:00.000Z' }, '已同步 00:01', 'ok'],
    ['synced last year', { lastSyncedAt: '2025-12-31T01:05:00.000Z' }, '已同步 2025年12月31日 09:05', 'ok'],
    ['never synced', {}, '尚未同步', 'busy'],
    ['syncing with a count', { syncing: { remaining: 12 } }, '正在同步 12 条', 'busy'],
    ['syncing, count unknown', { syncing: { remaining: 0 } }, '正在同步', 'busy'],
    ['offline with uploads waiting', { online: false, pendingUpload: 5 }, '离线，有 5 条待上传', 'offline'],
    ['offline, nothing waiting', { online: false, lastSyncedAt: '2026-12-03T06:32:10.000Z' }, '离线', 'offline'],
    ['offline outranks a stale syncing flag', { online: false, syncing: { remaining: 3 } }, '离线', 'offline'],
    [
      'synced with conflicts',
      { lastSyncedAt: '2026-12-03T06:32:10.000Z', conflicts: 2 },
      '已同步 14:32；有 2 条冲突待处理',
      'attention',
    ],
    [
      'offline with conflicts',
      { online: false, pendingUpload: 1, conflicts: 1 },
      '离线，有 1 条待上传；有 1 条冲突待处理',
      'attention',
    ],
    ['wrong password', { refused: 'password', conflicts: 2 }, '同步被拒绝：用户名或密码不正确', 'attention'],
    ['another committee', { refused: 'foreignCommittee' }, '同步被拒绝：该账号不属于本调解委员会', 'attention'],
    ['revoked user', { refused: 'revoked' }, '同步被拒绝：该账号已被停用', 'attention'],
    ['plain http', { refused: 'insecure' }, '同步未启动：服务器地址须以 https:// 开头', 'attention'],
    [
      "this PC's clock ahead of the server's",
      { clockAhead: true, pendingUpload: 3, lastSyncedAt: '2026-12-03T06:32:10.000Z' },
      '本机时间比服务器快，修改暂时传不上去：请校准这台电脑的日期和时间',
      'attention',
    ],
    [
      'a refusal outranks the clock',
      { clockAhead: true, refused: 'revoked' },
      '同步被拒绝：该账号已被停用',
      'attention',
    ],
  ]
  it.each(table)('%s', (_name, change, text, tone) => {
    const label = syncStateLabel({ ...base, ...change }, NOW)
    expect(label?.text).toBe(text)
    expect(label?.tone).toBe(tone)
  })
})

describe("offersSyncNow (the shell line's 立即同步)", () => {
  const table: [string, Partial<SyncSnapshot>, boolean][] = [
    ['not configured', { configured: false, online: false }, false],
    ['synced', { lastSyncedAt: '2026-12-03T06:32:10.000Z' }, false],
    ['never synced, first round under way', { syncing: { remaining: 0 } }, false],
    ['syncing', { syncing: { remaining: 12 } }, false],
    ['online, a change about to go up', { pendingUpload: 1 }, false],
    ['synced with conflicts (a round does not settle them)', { conflicts: 2, pendingUpload: 2 }, false],
    ['offline, nothing waiting', { online: false }, true],
    ['offline with uploads waiting', { online: false, pendingUpload: 5 }, true],
    ['offline with conflicts', { online: false, pendingUpload: 1, conflicts: 1 }, true],
    ['wrong password (fixed on the server, perhaps)', { refused: 'password' }, true],
    ['another committee', { refused: 'foreignCommittee' }, true],
    ['revoked user', { refused: 'revoked' }, true],
    ['plain http (only 设置 can change it)', { refused: 'insecure' }, false],
    ['clock ahead (put right, then try again)', { clockAhead: true, pendingUpload: 3 }, true],
  ]
  it.each(table)('%s', (_name, change, offered) => {
    expect(offersSyncNow({ ...base, ...change })).toBe(offered)
  })
})

describe('clockAheadOfServer: the reasons a push was turned away', () => {
  it.each([
    [[], false],
    [['已归档的案件不能修改，请先重新打开'], false],
    [['已归档的案件不能修改，请先重新打开', '修改时间比服务器时间晚，请校准这台电脑的日期和时间'], true],
    [['conflict'], false],
  ])('%j -> %s', (reasons, expected) => {
    expect(clockAheadOfServer(reasons)).toBe(expected)
  })
})

describe('turnedAwayByReason: what the server turned away in a round, by reason, the clock left out', () => {
  it.each([
    [[], undefined],
    [['修改时间比服务器时间晚，请校准这台电脑的日期和时间'], undefined],
    [
      [
        '已生效的协议不能修改',
        '修改时间比服务器时间晚，请校准这台电脑的日期和时间',
        '已生效的协议不能修改',
        '已归档的案件不能修改，请先重新打开',
      ],
      { 已生效的协议不能修改: 2, '已归档的案件不能修改，请先重新打开': 1 },
    ],
  ])('%j', (reasons, expected) => {
    expect(turnedAwayByReason(reasons)).toEqual(expected)
  })
})
