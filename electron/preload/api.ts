import {
  ipcChannels,
  ipcContract,
  ipcFailure,
  type Channel,
  type IpcResult,
  type MediationRoomApi,
} from '../../src/shared/ipc'

/** ipcRenderer.invoke, narrowed to what the API needs (the event object never reaches the page). */
export type Invoke = (channel: Channel, request: unknown) => Promise<unknown>

type Verb = (request?: unknown) => Promise<IpcResult<unknown>>

async function invokeSafely(invoke: Invoke, channel: Channel, request: unknown): Promise<IpcResult<unknown>> {
  try {
    // The main process answers every channel with an IpcResult and never throws (electron/main/ipc.ts).
    return (await invoke(channel, request)) as IpcResult<unknown>
  } catch (error) {
    // Reactive proxies, functions and DOM nodes cannot be cloned: a programming error, reported as bad input.
    if (error instanceof Error && /could not be cloned/i.test(error.message)) {
      return ipcFailure('invalid-request', '请求内容无法传递：请传入普通数据（不能是响应式对象或函数）。')
    }
    return ipcFailure('unavailable')
  }
}

/**
 * The object exposed to the page as `window.mediationRoom`: exactly one verb per channel of the contract,
 * each taking one plain request and resolving to an IpcResult. It never rejects.
 */
export function buildMediationRoomApi(invoke: Invoke): MediationRoomApi {
  const api: Record<string, Verb> = {}
  for (const channel of ipcChannels) {
    // Only the request crosses: extra arguments from the page are dropped.
    api[ipcContract[channel].verb] = (request?: unknown) => invokeSafely(invoke, channel, request)
  }
  // Built from the contract's own verb names above; the unit tests check the keys against the contract.
  return Object.freeze(api) as unknown as MediationRoomApi
}
