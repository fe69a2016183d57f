import { describe, expect, it, vi } from 'vitest'
import { ipcChannels, ipcContract, ipcEventChannels, type EventChannel } from '../../../src/shared/ipc'
import { buildMediationRoomApi, type EventSource } from '../../../electron/preload/api'

const ALLOW_LIST = [
  'getAppInfo',
  'confirmFlushed',
  'saveFile',
  'printPdf',
  'openExternal',
  'writeBackup',
  'listBackups',
  'readBackup',
  'openBackupFile',
  'readSentinel',
  'chooseBackupFolder',
  'getBackupSettings',
  'signAgreement',
  'verifyAgreementSignature',
  'highestSignedVersion',
  'getSigningPublicKey',
  'signTransferHeader',
  'recordAuditAnchor',
  'readAuditAnchors',
  'getVaultKeys',
  'setVaultPassphrase',
  'unlockVault',
  'getRecoveryKey',
  'confirmRecoveryKey',
  // 设置 → 同步: save and forget the password, never read it back (no verb answers it)
  'readSyncServer',
  'saveSyncServer',
  'forgetSyncServer',
  'getSyncRemote',
  'onBackupSnapshotRequest',
  'onFlushRequest',
]

/** A stand-in for ipcRenderer's on/off that the test can fire. */
function fakeEvents(): EventSource & { fire(event: EventChannel, payload: unknown): void; count(): number } {
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>()
  return {
    on: (event, listener) => void (listeners.get(event) ?? listeners.set(event, new Set()).get(event))?.add(listener),
    off: (event, listener) => void listeners.get(event)?.delete(listener),
    fire: (event, payload) => listeners.get(event)?.forEach((listener) => listener(payload)),
    count: () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0),
  }
}

describe('the preload API object', () => {
  it('exposes exactly the allow-listed verbs, one per channel, and nothing else', () => {
    const api = buildMediationRoomApi(vi.fn(), fakeEvents())
    expect(Object.keys(api).sort()).toEqual([...ALLOW_LIST].sort())
    expect(Object.keys(api)).toHaveLength(ipcChannels.length + ipcEventChannels.length)
    for (const value of Object.values(api)) expect(typeof value).toBe('function')
    expect(Object.isFrozen(api)).toBe(true)
    expect(api).not.toHaveProperty('invoke')
    expect(api).not.toHaveProperty('ipcRenderer')
  })

  it('sends each verb to its own channel with the request only', async () => {
    const invoke = vi.fn(async () => ({ ok: true, value: null }))
    const api = buildMediationRoomApi(invoke, fakeEvents())
    for (const channel of ipcChannels) {
      const verb = ipcContract[channel].verb
      const request = { probe: channel }
      await (api as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[verb]?.(
        request,
        'extra',
        'args',
      )
      expect(invoke).toHaveBeenLastCalledWith(channel, request)
    }
    expect(invoke).toHaveBeenCalledTimes(ipcChannels.length)
  })

  it('passes the main process answer through unchanged', async () => {
    const answer = { ok: true, value: { opened: true } }
    const api = buildMediationRoomApi(async () => answer, fakeEvents())
    expect(await api.openExternal({ url: 'https://flk.npc.gov.cn/' })).toBe(answer)
  })

  it('never rejects: a missing handler or an uncloneable request becomes a typed error', async () => {
    const missing = buildMediationRoomApi(async () => {
      throw new Error("Error invoking remote method 'app:info': Error: No handler registered for 'app:info'")
    }, fakeEvents())
    expect(await missing.getAppInfo()).toEqual({
      ok: false,
      error: { code: 'unavailable', message: '该功能在当前环境中不可用。' },
    })
    const uncloneable = buildMediationRoomApi(async () => {
      throw new Error('An object could not be cloned.')
    }, fakeEvents())
    expect(await uncloneable.getAppInfo()).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
  })

  it('relays contract events to subscribers, drops payloads outside the contract, and unsubscribes', () => {
    const events = fakeEvents()
    const api = buildMediationRoomApi(vi.fn(), events)
    const listener = vi.fn()
    const unsubscribe = api.onBackupSnapshotRequest(listener)
    events.fire('backup:snapshot-request', { reason: 'interval' })
    events.fire('backup:snapshot-request', { reason: 'format-disk' })
    events.fire('backup:snapshot-request', { reason: 'quit', extra: 'x' })
    expect(listener.mock.calls).toEqual([[{ reason: 'interval' }]])
    unsubscribe()
    expect(events.count()).toBe(0)
    events.fire('backup:snapshot-request', { reason: 'quit' })
    expect(listener).toHaveBeenCalledOnce()
  })
})
