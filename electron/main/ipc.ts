import type { IpcMain, WebContents } from 'electron'
import { zhCN } from 'zod/locales'
import {
  invalidRequestMessage,
  ipcChannels,
  ipcContract,
  ipcFailure,
  type Channel,
  type ChannelGroup,
  type IpcErrorCode,
  type IpcRefusalCode,
  type IpcResult,
  type RequestOf,
  type ResultOf,
} from '../../src/shared/ipc'
import { hasTrustedOrigin } from './origin'

/** What a handler knows about who asked. */
export interface HandlerContext {
  sender: WebContents
}

export type ChannelHandler<C extends Channel> = (
  request: RequestOf<C>,
  context: HandlerContext,
) => Promise<ResultOf<C>> | ResultOf<C>

/** One handler per channel of the contract: a channel without a handler does not type-check. */
export type ChannelHandlers = { [C in Channel]: ChannelHandler<C> }

/** The handlers of one channel group, e.g. `GroupHandlers<typeof filesChannels>`. */
export type GroupHandlers<G extends ChannelGroup> = { [C in keyof G & Channel]: ChannelHandler<C> }

/**
 * Thrown by a handler to refuse with a specific code and a Chinese message for the user.
 * Any other error becomes a generic 'failed' answer (its details go to the log, not to the page).
 */
export class IpcRefusal extends Error {
  constructor(
    readonly code: Exclude<IpcErrorCode, 'sender-rejected' | 'invalid-request'>,
    message: string,
    /** a signer's or a backup's refusal code, passed to the page beside the message (src/shared/ipc.ts IpcError) */
    readonly refusal?: IpcRefusalCode,
  ) {
    super(message)
    this.name = 'IpcRefusal'
  }
}

/** The part of an invoke event the wrapper reads; narrow so tests can build one. */
export interface InvokeEvent {
  readonly senderFrame: { readonly url: string } | null
  readonly sender: WebContents
}

export interface IpcOptions {
  trustedOrigins: readonly string[]
  log?: (message: string, error: unknown) => void
}

const chineseErrorMap = zhCN().localeError

function senderFrameUrl(event: InvokeEvent): string | null {
  try {
    // Reading senderFrame of a frame that navigated away or was destroyed can throw.
    return event.senderFrame?.url ?? null
  } catch {
    return null
  }
}

/**
 * Wraps a handler: checks the sender frame's origin, parses the payload with the channel's schema
 * (reject, never coerce), runs the handler, checks its result, and always answers a typed IpcResult.
 * It never throws, so nothing crosses IPC as an exception.
 */
export function createInvokeListener<C extends Channel>(
  channel: C,
  handler: ChannelHandler<C>,
  { trustedOrigins, log = console.error }: IpcOptions,
): (event: InvokeEvent, payload: unknown) => Promise<IpcResult<ResultOf<C>>> {
  const { request: requestSchema, result: resultSchema } = ipcContract[channel]
  return async (event, payload) => {
    try {
      const url = senderFrameUrl(event)
      if (url === null || !hasTrustedOrigin(url, trustedOrigins)) {
        log(`IPC ${channel}: refused a sender outside the app (${url ?? 'no frame'})`, null)
        return ipcFailure('sender-rejected')
      }
      const request = requestSchema.safeParse(payload, { error: chineseErrorMap })
      if (!request.success) return ipcFailure('invalid-request', invalidRequestMessage(request.error))

      // The schema is this channel's own, so its output is RequestOf<C>; TypeScript loses that link.
      const value = await handler(request.data as RequestOf<C>, { sender: event.sender })
      const result = resultSchema.safeParse(value)
      if (!result.success) {
        log(`IPC ${channel}: the handler answered outside the contract`, result.error)
        return ipcFailure('failed')
      }
      return { ok: true, value: result.data as ResultOf<C> }
    } catch (error) {
      if (error instanceof IpcRefusal) return ipcFailure(error.code, error.message, error.refusal)
      log(`IPC ${channel}: handler failed`, error)
      return ipcFailure('failed')
    }
  }
}

/** Registers every channel of the contract with ipcMain.handle. */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: ChannelHandlers,
  options: IpcOptions,
): void {
  for (const channel of ipcChannels) {
    // handlers[channel] is a union over all channels; the mapped type guarantees it is this channel's handler.
    const handler = handlers[channel] as ChannelHandler<typeof channel>
    ipcMain.handle(channel, createInvokeListener(channel, handler, options))
  }
}
