import { describe, expect, it, vi } from 'vitest'
import { ipcChannels, ipcContract } from '../../../src/shared/ipc'
import { buildMediationRoomApi } from '../../../electron/preload/api'

const ALLOW_LIST = ['getAppInfo', 'saveFile', 'printPdf', 'openExternal']

describe('the preload API object', () => {
  it('exposes exactly the allow-listed verbs, one per channel, and nothing else', () => {
    const api = buildMediationRoomApi(vi.fn())
    expect(Object.keys(api).sort()).toEqual([...ALLOW_LIST].sort())
    expect(Object.keys(api)).toHaveLength(ipcChannels.length)
    for (const value of Object.values(api)) expect(typeof value).toBe('function')
    expect(Object.isFrozen(api)).toBe(true)
    expect(api).not.toHaveProperty('invoke')
    expect(api).not.toHaveProperty('ipcRenderer')
  })

  it('sends each verb to its own channel with the request only', async () => {
    const invoke = vi.fn(async () => ({ ok: true, value: null }))
    const api = buildMediationRoomApi(invoke)
    for (const channel of ipcChannels) {
      const verb = ipcContract[channel].verb
      const request = { probe: channel }
      await (api as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[verb]?.(request, 'extra', 'args')
      expect(invoke).toHaveBeenLastCalledWith(channel, request)
    }
    expect(invoke).toHaveBeenCalledTimes(ipcChannels.length)
  })

  it('passes the main process answer through unchanged', async () => {
    const answer = { ok: true, value: { opened: true } }
    const api = buildMediationRoomApi(async () => answer)
    expect(await api.openExternal({ url: 'https://flk.npc.gov.cn/' })).toBe(answer)
  })

  it('never rejects: a missing handler or an uncloneable request becomes a typed error', async () => {
    const missing = buildMediationRoomApi(async () => {
      throw new Error("Error invoking remote method 'app:info': Error: No handler registered for 'app:info'")
    })
    expect(await missing.getAppInfo()).toEqual({
      ok: false,
      error: { code: 'unavailable', message: '该功能在当前环境中不可用。' },
    })
    const uncloneable = buildMediationRoomApi(async () => {
      throw new Error('An object could not be cloned.')
    })
    expect(await uncloneable.getAppInfo()).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
  })
})
