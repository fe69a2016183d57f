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
  /** changes the server turned away for another reason (an archived case, a finalised agreement, …), by reason */
  turnedAway?: TurnedAwayGroup[]
  /** agreements (ids) whose change here the server turned away because another PC finalised them first */
  agreementsFinalisedElsewhere?: string[]
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

/**
 * A change the server turned away: the reason this PC shows for it (refusalShown in syncServer.ts) and,
 * when it was looked up, what it was in a person's words (案件 （2026）某调字第3号 邻里纠纷 的协议).
 */
export interface TurnedAwayChange {
  reason: string
  subject?: string
}

/** The changes of one reason: they stay on this PC and are tried again each round. */
export interface TurnedAwayGroup {
  reason: string
  count: number
  /** what they were, as far as looked up, without repeats */
  named: string[]
}

/** Whether the server's answers to a push (its reasons) say this PC's clock runs ahead of the server's. */
export function clockAheadOfServer(changes: Iterable<Pick<TurnedAwayChange, 'reason'>>): boolean {
  for (const { reason } of changes) if (reason === SERVER_REFUSALS.futureStamp) return true
  return false
}

/**
 * The changes of one round the server turned away, grouped by reason in the order first met; the clock's
 * reason is left out (clockAheadOfServer says it on its own). Undefined when there are none.
 */
export function turnedAwayByReason(changes: Iterable<TurnedAwayChange>): TurnedAwayGroup[] | undefined {
  const groups = new Map<string, TurnedAwayGroup>()
  for (const { reason, subject } of changes) {
    if (reason === SERVER_REFUSALS.futureStamp) continue
    const group = groups.get(reason) ?? { reason, count: 0, named: [] }
    group.count++
    if (subject !== undefined && !group.named.includes(subject)) group.named.push(subject)
    groups.set(reason, group)
  }
  return groups.size ? [...groups.values()] : undefined
}

/** How many changes the server turned away (the snapshot's `turnedAway`, summed). */
export function turnedAwayCount(s: Pick<SyncSnapshot, 'turnedAway'>): number {
  return (s.turnedAway ?? []).reduce((sum, g) => sum + g.count, 0)
}

/** How many of a group's changes 设置 → 同步 names before it says 等: a list a person can read at a glance. */
export const TURNED_AWAY_NAMED_SHOWN = 5

/** What a group's changes were, for 设置 → 同步: 案件甲、案件乙 等 7 条 (the count is always said). */
export function turnedAwaySubjectsLine(group: TurnedAwayGroup): string {
  const shown = group.named.slice(0, TURNED_AWAY_NAMED_SHOWN)
  if (!shown.length) return `${group.count} 条`
  return shown.length < group.count
    ? `${shown.join('、')} 等 ${group.count} 条`
    : `${shown.join('、')}（${group.count} 条）`
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
