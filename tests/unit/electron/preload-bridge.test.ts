import { beforeAll, describe, expect, it, vi } from 'vitest'

/**
 * Loads the real preload (electron/preload/index.ts) against a fake contextBridge and ipcRenderer and checks
 * what reaches the page: exactly one global, exactly these verbs, and never ipcRenderer or an IPC event.
 */

type Listener = (event: unknown, ...args: unknown[]) => void

const bridge = vi.hoisted(() => {
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>()
  const ipcRenderer = {
    invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => undefined),
    send: vi.fn(),
    sendSync: vi.fn(),
    postMessage: vi.fn(),
    on: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      const set = listeners.get(channel) ?? new Set()
      set.add(listener)
      listeners.set(channel, set)
      return ipcRenderer
    }),
    once: vi.fn(),
    removeListener: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      listeners.get(channel)?.delete(listener)
      return ipcRenderer
    }),
    removeAllListeners: vi.fn(),
  }
  return { ipcRenderer, listeners, exposed: [] as [string, unknown][] }
})

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => bridge.exposed.push([key, value]),
    exposeInIsolatedWorld: () => {
      throw new Error('the preload must not expose into other worlds')
    },
  },
  ipcRenderer: bridge.ipcRenderer,
}))

/** Every channel and the verb the page calls it by: written out, so an added verb is a visible change. */
const VERBS: readonly (readonly [channel: string, verb: string])[] = [
  ['app:info', 'getAppInfo'],
  ['app:flushed', 'confirmFlushed'],
  ['files:save', 'saveFile'],
  ['files:print-pdf', 'printPdf'],
  ['shell:open-external', 'openExternal'],
  ['backup:write', 'writeBackup'],
  ['backup:list', 'listBackups'],
  ['backup:read', 'readBackup'],
  ['backup:open-file', 'openBackupFile'],
  ['backup:sentinel', 'readSentinel'],
  ['backup:choose-extra-folder', 'chooseBackupFolder'],
  ['backup:settings', 'getBackupSettings'],
  ['signing:sign', 'signAgreement'],
  ['signing:verify', 'verifyAgreementSignature'],
  ['signing:highest-version', 'highestSignedVersion'],
  ['signing:public-key', 'getSigningPublicKey'],
  ['signing:sign-transfer', 'signTransferHeader'],
  ['audit:anchor', 'recordAuditAnchor'],
  ['audit:anchors', 'readAuditAnchors'],
  ['vault:keys', 'getVaultKeys'],
  ['vault:set-passphrase', 'setVaultPassphrase'],
  ['vault:unlock', 'unlockVault'],
  ['vault:recovery-key', 'getRecoveryKey'],
  ['vault:recovery-key-confirmed', 'confirmRecoveryKey'],
  ['sync:server', 'readSyncServer'],
  ['sync:save-server', 'saveSyncServer'],
  ['sync:forget-server', 'forgetSyncServer'],
  ['sync:remote', 'getSyncRemote'],
]
const EVENTS: readonly (readonly [channel: string, verb: string, payload: object, another: object])[] = [
  ['backup:snapshot-request', 'onBackupSnapshotRequest', { reason: 'interval' }, { reason: 'quit' }],
  ['app:flush-request', 'onFlushRequest', {}, {}],
]

let api: Record<string, (...args: unknown[]) => unknown>

/** What Electron passes a renderer listener first: the event, which carries the sender (ipcRenderer). */
function ipcEvent() {
  return { sender: bridge.ipcRenderer, senderId: 0, ports: [] }
}

/** True when the value is, or holds somewhere inside it, ipcRenderer or one of its methods. */
function leaksIpcRenderer(value: unknown, seen = new Set<unknown>()): boolean {
  if (value === bridge.ipcRenderer) return true
  if (Object.values(bridge.ipcRenderer).includes(value as never)) return true
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) return false
  seen.add(value)
  return Reflect.ownKeys(value).some((key) => leaksIpcRenderer((value as Record<PropertyKey, unknown>)[key], seen))
}

beforeAll(async () => {
  await import('../../../electron/preload/index')
  api = bridge.exposed[0]?.[1] as typeof api
})

describe('the preload (electron/preload/index.ts) behind a fake contextBridge', () => {
  it('exposes one global, window.mediationRoom, and nothing else', () => {
    expect(bridge.exposed.map(([key]) => key)).toEqual(['mediationRoom'])
  })

  it('exposes exactly the written-out verbs, all functions, frozen', () => {
    expect(Object.keys(api).sort()).toEqual([...VERBS, ...EVENTS].map(([, verb]) => verb).sort())
    expect(Reflect.ownKeys(api)).toHaveLength(VERBS.length + EVENTS.length)
    for (const value of Object.values(api)) {
      expect(typeof value).toBe('function')
      // A function carries nothing the page could reach through it (no ipcRenderer hung on a property).
      expect(Reflect.ownKeys(value).filter((key) => key !== 'length' && key !== 'name')).toEqual([])
    }
    expect(Object.isFrozen(api)).toBe(true)
    expect(leaksIpcRenderer(api)).toBe(false)
  })

  it.each(VERBS)(
    '%s: the verb sends the request only, on its own channel, and returns the answer only',
    async (channel, verb) => {
      const answer = { ok: true, value: { probe: channel } }
      bridge.ipcRenderer.invoke.mockClear()
      bridge.ipcRenderer.invoke.mockResolvedValueOnce(answer)
      const request = { probe: verb }
      const result = await api[verb]?.(request, 'extra', () => 'callback')
      expect(bridge.ipcRenderer.invoke.mock.calls).toEqual([[channel, request]])
      expect(result).toBe(answer)
      expect(leaksIpcRenderer(result)).toBe(false)
      expect(bridge.ipcRenderer.send).not.toHaveBeenCalled()
      expect(bridge.ipcRenderer.sendSync).not.toHaveBeenCalled()
    },
  )

  it('answers a failing invoke with a plain error result, not the thrown error', async () => {
    const failure = Object.assign(new Error('No handler registered'), { sender: bridge.ipcRenderer })
    bridge.ipcRenderer.invoke.mockRejectedValueOnce(failure)
    const result = await api['getAppInfo']?.()
    expect(result).toEqual({ ok: false, error: { code: 'unavailable', message: '该功能在当前环境中不可用。' } })
    expect(leaksIpcRenderer(result)).toBe(false)
  })

  it.each(EVENTS)(
    '%s: a subscriber gets the payload only, never the event, and can unsubscribe',
    (channel, verb, payload, another) => {
      const received: unknown[][] = []
      const unsubscribe = api[verb]?.((...args: unknown[]) => received.push(args))
      expect(typeof unsubscribe).toBe('function')
      expect(leaksIpcRenderer(unsubscribe)).toBe(false)
      const relays = [...(bridge.listeners.get(channel) ?? [])] as Listener[]
      expect(relays).toHaveLength(1)
      for (const relay of relays) relay(ipcEvent(), payload)
      expect(received).toEqual([[payload]])

      expect((unsubscribe as () => unknown)()).toBeUndefined()
      expect(bridge.listeners.get(channel)?.size).toBe(0)
      for (const relay of bridge.listeners.get(channel) ?? []) relay(ipcEvent(), another)
      expect(received).toHaveLength(1)
    },
  )

  it('never hands the page the raw IPC verbs', () => {
    for (const name of [
      'invoke',
      'send',
      'sendSync',
      'on',
      'once',
      'postMessage',
      'removeAllListeners',
      'ipcRenderer',
    ]) {
      expect(api).not.toHaveProperty(name)
    }
  })
})
