/**
 * The one IPC contract. Each channel group (./ipc/*.ts) declares, per channel, the preload verb that
 * calls it and zod schemas for its request and result; electron/main registers one handler per channel
 * and electron/preload exposes one verb per channel, both typed from this map.
 * Adding a group: import it and add it to the `mergeChannelGroups(...)` call below.
 * Main -> renderer notifications are events: a payload schema and an `on…` verb that subscribes.
 */
import type { z } from 'zod'
import type { BackupRefusalCode } from '../domain/backupRefusal'
import type { SigningRefusalCode } from '../domain/signingRefusal'
import { appChannels, appEvents } from './ipc/app'
import { auditChannels } from './ipc/audit'
import { backupChannels, backupEvents } from './ipc/backup'
import { filesChannels } from './ipc/files'
import { shellChannels } from './ipc/shell'
import { signingChannels } from './ipc/signing'
import { syncChannels } from './ipc/sync'
import { vaultChannels } from './ipc/vault'

export interface ChannelDefinition {
  /** The name of the preload function that calls this channel, e.g. `saveFile`. */
  readonly verb: string
  readonly request: z.ZodType
  readonly result: z.ZodType
}

export type ChannelGroup = Readonly<Record<string, ChannelDefinition>>

type MergedGroups<Groups extends readonly object[]> = Groups extends readonly [
  infer Head,
  ...infer Tail extends readonly object[],
]
  ? Head & MergedGroups<Tail>
  : unknown

/** Merges channel groups, refusing a channel name or verb declared twice (a silent override would be a bug). */
export function mergeChannelGroups<const Groups extends readonly ChannelGroup[]>(
  ...groups: Groups
): MergedGroups<Groups> {
  const merged: Record<string, ChannelDefinition> = {}
  const verbs = new Set<string>()
  for (const group of groups) {
    for (const [channel, definition] of Object.entries(group)) {
      if (channel in merged) throw new Error(`IPC channel declared twice: ${channel}`)
      if (verbs.has(definition.verb)) throw new Error(`IPC verb declared twice: ${definition.verb}`)
      merged[channel] = definition
      verbs.add(definition.verb)
    }
  }
  // The loop above builds exactly the intersection of the groups; TypeScript cannot follow it.
  return merged as MergedGroups<Groups>
}

export const ipcContract = mergeChannelGroups(
  appChannels,
  filesChannels,
  shellChannels,
  backupChannels,
  signingChannels,
  auditChannels,
  vaultChannels,
  syncChannels,
)

export type IpcContract = typeof ipcContract
export type Channel = keyof IpcContract & string
export type RequestOf<C extends Channel> = z.output<IpcContract[C]['request']>
export type ResultOf<C extends Channel> = z.output<IpcContract[C]['result']>
export type VerbOf<C extends Channel> = IpcContract[C]['verb']

/** Every channel name, in declaration order. */
export const ipcChannels: readonly Channel[] = Object.keys(ipcContract).filter(
  (name): name is Channel => name in ipcContract,
)

export interface EventDefinition {
  /** The name of the preload function that subscribes, e.g. `onBackupSnapshotRequest`. */
  readonly verb: `on${string}`
  readonly payload: z.ZodType
}

export type EventGroup = Readonly<Record<string, EventDefinition>>

/** Events the main process sends to the page. Adding a group: add it to this call. */
export const ipcEvents = mergeEventGroups(backupEvents, appEvents)

/** Like mergeChannelGroups, for events. */
export function mergeEventGroups<const Groups extends readonly EventGroup[]>(...groups: Groups): MergedGroups<Groups> {
  const merged: Record<string, EventDefinition> = {}
  for (const group of groups) {
    for (const [event, definition] of Object.entries(group)) {
      if (event in merged || event in ipcContract) throw new Error(`IPC event declared twice: ${event}`)
      merged[event] = definition
    }
  }
  // As in mergeChannelGroups: the loop builds exactly the intersection of the groups.
  return merged as MergedGroups<Groups>
}

export type IpcEvents = typeof ipcEvents
export type EventChannel = keyof IpcEvents & string
export type PayloadOf<E extends EventChannel> = z.output<IpcEvents[E]['payload']>

/** Every event name, in declaration order. */
export const ipcEventChannels: readonly EventChannel[] = Object.keys(ipcEvents).filter(
  (name): name is EventChannel => name in ipcEvents,
)

export type IpcErrorCode =
  /** The request did not come from the app's own page. */
  | 'sender-rejected'
  /** The payload did not match the channel's schema. */
  | 'invalid-request'
  /** The request was understood but is not permitted (e.g. a link outside the allow-list). */
  | 'not-allowed'
  /** No handler answers this channel in this host. */
  | 'unavailable'
  /** The handler ran and failed. */
  | 'failed'

export interface IpcError {
  code: IpcErrorCode
  /** Simplified Chinese, ready to show to the user. */
  message: string
  /**
   * which refusal this is, for the page to decide by (never by `message`): the signer's on signing:*, a
   * backup's that needs the 恢复密钥 on backup:read and backup:open-file
   */
  refusal?: IpcRefusalCode
}

/** The refusals whose code crosses IPC beside the message (src/domain/signingRefusal.ts, backupRefusal.ts). */
export type IpcRefusalCode = SigningRefusalCode | BackupRefusalCode

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError }

export const IPC_ERROR_MESSAGES = {
  'sender-rejected': '请求来源不受信任，已拒绝。',
  'invalid-request': '请求内容无效。',
  'not-allowed': '该操作不被允许。',
  unavailable: '该功能在当前环境中不可用。',
  failed: '操作未能完成，请重试。',
} as const satisfies Record<IpcErrorCode, string>

/** What a request refused by its channel's schema says: the first problem, in the schema's (Chinese) words. */
export function invalidRequestMessage(error: { issues: readonly { message: string }[] }): string {
  const first = error.issues[0]
  return first === undefined ? IPC_ERROR_MESSAGES['invalid-request'] : `请求内容无效：${first.message}`
}

export function ipcFailure(
  code: IpcErrorCode,
  message: string = IPC_ERROR_MESSAGES[code],
  refusal?: IpcRefusalCode,
): IpcResult<never> {
  return { ok: false, error: refusal ? { code, message, refusal } : { code, message } }
}

type VerbFunction<C extends Channel> = [RequestOf<C>] extends [undefined]
  ? () => Promise<IpcResult<ResultOf<C>>>
  : (request: RequestOf<C>) => Promise<IpcResult<ResultOf<C>>>

/** Subscribes to an event; the returned function unsubscribes. */
type SubscribeFunction<E extends EventChannel> = (listener: (payload: PayloadOf<E>) => void) => () => void

/**
 * The object the preload exposes as `window.mediationRoom`: one named verb per channel and one `on…`
 * verb per event, nothing else.
 */
export type MediationRoomApi = { readonly [C in Channel as VerbOf<C>]: VerbFunction<C> } & {
  readonly [E in EventChannel as IpcEvents[E]['verb']]: SubscribeFunction<E>
}
