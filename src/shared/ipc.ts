/**
 * The one IPC contract. Each channel group (./ipc/*.ts) declares, per channel, the preload verb that
 * calls it and zod schemas for its request and result; electron/main registers one handler per channel
 * and electron/preload exposes one verb per channel, both typed from this map.
 * Adding a group: import it and add it to the `mergeChannelGroups(...)` call below.
 */
import type { z } from 'zod'
import { appChannels } from './ipc/app'
import { filesChannels } from './ipc/files'
import { shellChannels } from './ipc/shell'

export interface ChannelDefinition {
  /** The name of the preload function that calls this channel, e.g. `saveFile`. */
  readonly verb: string
  readonly request: z.ZodType
  readonly result: z.ZodType
}

export type ChannelGroup = Readonly<Record<string, ChannelDefinition>>

type MergedGroups<Groups extends readonly ChannelGroup[]> = Groups extends readonly [
  infer Head,
  ...infer Tail extends readonly ChannelGroup[],
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

export const ipcContract = mergeChannelGroups(appChannels, filesChannels, shellChannels)

export type IpcContract = typeof ipcContract
export type Channel = keyof IpcContract & string
export type RequestOf<C extends Channel> = z.output<IpcContract[C]['request']>
export type ResultOf<C extends Channel> = z.output<IpcContract[C]['result']>
export type VerbOf<C extends Channel> = IpcContract[C]['verb']

/** Every channel name, in declaration order. */
export const ipcChannels: readonly Channel[] = Object.keys(ipcContract).filter(
  (name): name is Channel => name in ipcContract,
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
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError }

export const IPC_ERROR_MESSAGES = {
  'sender-rejected': '请求来源不受信任，已拒绝。',
  'invalid-request': '请求内容无效。',
  'not-allowed': '该操作不被允许。',
  unavailable: '该功能在当前环境中不可用。',
  failed: '操作未能完成，请重试。',
} as const satisfies Record<IpcErrorCode, string>

export function ipcFailure(code: IpcErrorCode, message: string = IPC_ERROR_MESSAGES[code]): IpcResult<never> {
  return { ok: false, error: { code, message } }
}

type VerbFunction<C extends Channel> = [RequestOf<C>] extends [undefined]
  ? () => Promise<IpcResult<ResultOf<C>>>
  : (request: RequestOf<C>) => Promise<IpcResult<ResultOf<C>>>

/** The object the preload exposes as `window.mediationRoom`: one named verb per channel, nothing else. */
export type MediationRoomApi = { readonly [C in Channel as VerbOf<C>]: VerbFunction<C> }
