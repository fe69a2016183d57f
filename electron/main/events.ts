import type { WebContents } from 'electron'
import { ipcEvents, type EventChannel, type PayloadOf } from '../../src/shared/ipc'

type EventTarget = Pick<WebContents, 'send' | 'isDestroyed'>

/**
 * Sends a contract event to the page, after checking the payload against its schema (the page trusts
 * what it receives as much as main trusts what it is sent). False when there is no live page or the
 * payload is outside the contract.
 */
export function sendEvent<E extends EventChannel>(
  target: EventTarget | null,
  event: E,
  payload: PayloadOf<E>,
): boolean {
  if (target === null || target.isDestroyed()) return false
  const parsed = ipcEvents[event].payload.safeParse(payload)
  if (!parsed.success) return false
  target.send(event, parsed.data)
  return true
}
