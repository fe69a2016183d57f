import { describe, expect, it } from 'vitest'
import {
  clockAheadOfServer,
  offersSyncNow,
  syncStateLabel,
  turnedAwayByReason,
  turnedAwaySubjectsLine,
  type SyncSnapshot,
} from '../../../src/domain/syncState'
import { refusalShown } from '../../../src/domain/syncServer'

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
      'changes turned away, with a conflict, counted over the reasons',
      {
        lastSyncedAt: '2026-12-03T06:32:10.000Z',
        conflicts: 1,
        turnedAway: [
          { reason: '已生效的协议不能修改', count: 2, named: ['案件 甲 的协议'] },
          { reason: '服务器以其他原因拒绝（请告诉服务器管理员）', count: 1, named: [] },
        ],
      },
      '已同步 14:32；有 1 条冲突待处理；有 3 条修改服务器不接受',
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
    expect(clockAheadOfServer(reasons.map((reason) => ({ reason })))).toBe(expected)
  })
})

describe('turnedAwayByReason: what the server turned away in a round, by reason, the clock left out', () => {
  const FINAL = '已生效的协议不能修改'
  const ARCHIVED = '已归档的案件不能修改，请先重新打开'
  const CLOCK = '修改时间比服务器时间晚，请校准这台电脑的日期和时间'
  it.each([
    ['none', [], undefined],
    ['the clock only', [{ reason: CLOCK, subject: '案件 甲' }], undefined],
    [
      'grouped in the order first met, names without repeats, unnamed ones counted',
      [
        { reason: FINAL, subject: '案件 甲 的协议' },
        { reason: CLOCK, subject: '案件 乙' },
        { reason: ARCHIVED, subject: '案件 丙' },
        { reason: FINAL, subject: '案件 甲 的协议' },
        { reason: FINAL },
      ],
      [
        { reason: FINAL, count: 3, named: ['案件 甲 的协议'] },
        { reason: ARCHIVED, count: 1, named: ['案件 丙'] },
      ],
    ],
  ])('%s', (_name, changes, expected) => {
    expect(turnedAwayByReason(changes)).toEqual(expected)
  })
})

describe('turnedAwaySubjectsLine: what a group was, for 设置 → 同步', () => {
  it.each([
    [{ reason: 'r', count: 2, named: [] }, '2 条'],
    [{ reason: 'r', count: 1, named: ['案件 甲'] }, '案件 甲（1 条）'],
    [{ reason: 'r', count: 2, named: ['案件 甲', '案件 乙'] }, '案件 甲、案件 乙（2 条）'],
    [{ reason: 'r', count: 9, named: ['案件 甲', '案件 乙'] }, '案件 甲、案件 乙 等 9 条'],
    [{ reason: 'r', count: 7, named: ['1', '2', '3', '4', '5', '6', '7'] }, '1、2、3、4、5 等 7 条'],
  ])('%j -> %s', (group, expected) => {
    expect(turnedAwaySubjectsLine(group)).toBe(expected)
  })
})

describe("refusalShown: only the app's own words reach the screen", () => {
  const OTHER = '服务器以其他原因拒绝（请告诉服务器管理员）'
  it.each([
    [{ error: 'forbidden', reason: '已归档的案件不能修改，请先重新打开' }, '已归档的案件不能修改，请先重新打开'],
    [{ error: 'forbidden', reason: '已生效的协议不能删除' }, '已生效的协议不能删除'],
    [
      { error: 'forbidden', reason: '修改时间比服务器时间晚，请校准这台电脑的日期和时间' },
      '修改时间比服务器时间晚，请校准这台电脑的日期和时间',
    ],
    [{ error: 'unauthorized', reason: '未登录的用户不能写入' }, '未登录的用户不能写入'],
    // a hostile server's own text, or a near copy of a known reason, is not shown
    [{ error: 'forbidden', reason: '账号异常，请拨打 400-000-0000 联系客服' }, OTHER],
    [{ error: 'forbidden', reason: '已归档的案件不能修改，请先重新打开 ' }, OTHER],
    [{ error: 'forbidden', reason: '<b>已生效的协议不能修改</b>' }, OTHER],
    [{ error: 'forbidden' }, OTHER],
    [{ error: 'bad_request', reason: 'invalid UTF-8 JSON' }, OTHER],
    [undefined, OTHER],
  ])('%j -> %s', (answer, shown) => {
    expect(refusalShown(answer)).toBe(shown)
  })
})
