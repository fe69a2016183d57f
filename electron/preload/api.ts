import {
  ipcChannels,
  ipcContract,
  ipcEventChannels,
  ipcEvents,
  ipcFailure,
  type Channel,
  type EventChannel,
  type IpcResult,
  type MediationRoomApi,
} from '../../src/shared/ipc'

/** ipcRenderer.invoke, narrowed to what the API needs (the event object never reaches the page). */
export type Invoke = (channel: Channel, request: unknown) => Promise<unknown>

/** ipcRenderer.on / removeListener, narrowed: the listener gets the payload only, never the event. */
export interface EventSource {
  on(event: EventChannel, listener: (payload: unknown) => void): void
  off(event: EventChannel, listener: (payload: unknown) => void): void
}

type Verb = (request?: unknown) => Promise<IpcResult<unknown>>
type Subscribe = (listener: unknown) => () => void

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

function subscriber(events: EventSource, event: EventChannel): Subscribe {
  const schema = ipcEvents[event].payload
  return (listener) => {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function')
    // Payloads are checked here too: the page only ever sees what the contract allows.
    const relay = (payload: unknown) => {
      const parsed = schema.safeParse(payload)
      if (parsed.success) listener(parsed.data)
    }
    events.on(event, relay)
    return () => events.off(event, relay)
  }
}

/**
 * The object exposed to the page as `window.mediationRoom`: exactly one verb per channel and one `on…`
 * verb per event of the contract. Verbs take one plain request and resolve to an IpcResult; they never reject.
 */
export function buildMediationRoomApi(invoke: Invoke, events: EventSource): MediationRoomApi {
  const api: Record<string, Verb | Subscribe> = {}
  for (const channel of ipcChannels) {
    // Only the request crosses: extra arguments from the page are dropped.
    api[ipcContract[channel].verb] = (request?: unknown) => invokeSafely(invoke, channel, request)
  }
  for (const event of ipcEventChannels) api[ipcEvents[event].verb] = subscriber(events, event)
  // Built from the contract's own verb names above; the unit tests check the keys against the contract.
  return Object.freeze(api) as unknown as MediationRoomApi
}
