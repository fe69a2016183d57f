/**
 * What the shell says about sharing with the committee's server, in plain Chinese: 已同步 14:32 /
 * 正在同步 12 条 / 离线，有 5 条待上传 / 有 2 条冲突待处理. One function decides the words from a snapshot
 * of the replicator's state, so the status bar, 设置 → 同步 and the tests read it the same way.
 */
import { minuteInChina } from './dates'
import { SERVER_REFUSALS } from './syncServer'

/** Why the server turned this PC away: each needs a person, not a retry. */
export type SyncRefusal = 'password' | 'foreignCommittee' | 'revoked' | 'insecure'

export interface SyncSnapshot {
  /** no server configured: sharing is off and nothing is said */
  configured: boolean
  /** the server answered the last attempt */
  online: boolean
  /** a pull or push is under way, with the changes it still has to move (either way) */
  syncing?: { remaining: number }
  /** local changes the server has not confirmed yet */
  pendingUpload: number
  /** conflicts waiting in 设置 → 数据交换 */
  conflicts: number
  /** when the last complete round (pull and push) ended, an ISO instant */
  lastSyncedAt?: string
  refused?: SyncRefusal
  /** the server turned changes away as stamped after its own time: this PC's clock runs ahead */
  clockAhead?: boolean
  /**
   * changes the server turned away for another reason (an archived case, a finalised agreement, …): the
   * server's reason -> how many; they stay on this PC and are tried again each round
   */
  turnedAway?: Record<string, number>
}

export type SyncTone = 'ok' | 'busy' | 'offline' | 'attention'

export interface SyncLabel {
  text: string
  tone: SyncTone
}

export const SYNC_REFUSAL_LABELS: Record<SyncRefusal, string> = {
  password: '同步被拒绝：用户名或密码不正确',
  foreignCommittee: '同步被拒绝：该账号不属于本调解委员会',
  revoked: '同步被拒绝：该账号已被停用',
  insecure: '同步未启动：服务器地址须以 https:// 开头',
}

/** What the status line says while the server refuses this PC's changes as stamped in its future. */
export const SYNC_CLOCK_AHEAD_LABEL = '本机时间比服务器快，修改暂时传不上去：请校准这台电脑的日期和时间'

/** Whether the server's answers to a push (its reasons) say this PC's clock runs ahead of the server's. */
export function clockAheadOfServer(reasons: Iterable<string>): boolean {
  for (const reason of reasons) if (reason === SERVER_REFUSALS.futureStamp) return true
  return false
}

/**
 * The server's reasons for the changes of one round it turned away, counted by reason; the clock's reason
 * is left out (clockAheadOfServer says it on its own). Undefined when there are none.
 */
export function turnedAwayByReason(reasons: Iterable<string>): Record<string, number> | undefined {
  const counts: Record<string, number> = {}
  for (const reason of reasons) if (reason !== SERVER_REFUSALS.futureStamp) counts[reason] = (counts[reason] ?? 0) + 1
  return Object.keys(counts).length ? counts : undefined
}

/** How many changes the server turned away (the snapshot's `turnedAway`, summed). */
export function turnedAwayCount(s: Pick<SyncSnapshot, 'turnedAway'>): number {
  return Object.values(s.turnedAway ?? {}).reduce((a, b) => a + b, 0)
}

/** 14:32 today, 12月1日 14:32 another day of this year, 2025年12月1日 14:32 before (China time). */
export function syncTimeLabel(at: string, now: Date): string {
  const [date, clock] = minuteInChina(at).split(' ') as [string, string]
  const today = minuteInChina(now.toISOString()).slice(0, 10)
  if (date === today) return clock
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const day = `${m}月${d}日 ${clock}`
  return date.slice(0, 4) === today.slice(0, 4) ? day : `${y}年${day}`
}

/**
 * The status line. A refusal says why; otherwise the network state (正在同步 / 离线 / 已同步), then any
 * conflicts and changes the server turned away, which need a person whatever the network does.
 */
export function syncStateLabel(s: SyncSnapshot, now: Date): SyncLabel | undefined {
  if (!s.configured) return undefined
  if (s.refused) return { text: SYNC_REFUSAL_LABELS[s.refused], tone: 'attention' }
  if (s.clockAhead) return { text: SYNC_CLOCK_AHEAD_LABEL, tone: 'attention' }
  const refused = turnedAwayCount(s)
  const needs = [
    ...(s.conflicts > 0 ? [`有 ${s.conflicts} 条冲突待处理`] : []),
    ...(refused > 0 ? [`有 ${refused} 条修改服务器不接受`] : []),
  ].join('；')
  let state: string
  let tone: SyncTone
  if (!s.online) {
    state = s.pendingUpload > 0 ? `离线，有 ${s.pendingUpload} 条待上传` : '离线'
    tone = 'offline'
  } else if (s.syncing) {
    state = s.syncing.remaining > 0 ? `正在同步 ${s.syncing.remaining} 条` : '正在同步'
    tone = 'busy'
  } else if (s.lastSyncedAt) {
    state = `已同步 ${syncTimeLabel(s.lastSyncedAt, now)}`
    tone = 'ok'
  } else {
    state = '尚未同步'
    tone = 'busy'
  }
  if (!needs) return { text: state, tone }
  return { text: `${state}；${needs}`, tone: 'attention' }
}

/** 立即同步's words: the button, the button while its round runs, and a round that still found no server. */
export const SYNC_NOW_WORDS = {
  button: '立即同步',
  running: '正在同步…',
  unreachable: '仍然连不上同步服务器。请检查网络，稍后本机会自动再试。',
} as const

/**
 * Whether the shell's line offers 立即同步: when the server could not be reached (the next try may be
 * minutes away, whether or not changes wait to go up), or turned this PC away for a reason a person may
 * have put right on the server since (the password, the account). Not for a plain-http address, which only
 * 设置 → 同步 can change, not while a round runs (it says 正在同步), and not when all is well. When the server
 * turned changes away because this PC's clock runs ahead: once the clock is put right, the next try sends them.
 */
export function offersSyncNow(s: SyncSnapshot): boolean {
  if (!s.configured) return false
  if (s.refused) return s.refused !== 'insecure'
  return !s.online || s.clockAhead === true
}
