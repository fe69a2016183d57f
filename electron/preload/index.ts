/**
 * The sandboxed preload: exposes `window.mediationRoom`, one named verb per IPC channel and one `on…`
 * verb per event, and nothing else (never ipcRenderer, never the event object).
 * Bundled into one CommonJS file: sandboxed preloads cannot load ESM.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { EventChannel, MediationRoomApi } from '../../src/shared/ipc'
import { buildMediationRoomApi } from './api'

/** The page's listeners, keyed to the ipcRenderer listeners that drop the event object. */
const relays = new Map<(payload: unknown) => void, (event: IpcRendererEvent, payload: unknown) => void>()

const api = buildMediationRoomApi((channel, request) => ipcRenderer.invoke(channel, request), {
  on(event: EventChannel, listener: (payload: unknown) => void) {
    const relay = (_event: IpcRendererEvent, payload: unknown) => listener(payload)
    relays.set(listener, relay)
    ipcRenderer.on(event, relay)
  },
  off(event: EventChannel, listener: (payload: unknown) => void) {
    const relay = relays.get(listener)
    if (relay === undefined) return
    relays.delete(listener)
    ipcRenderer.removeListener(event, relay)
  },
}) satisfies MediationRoomApi

contextBridge.exposeInMainWorld('mediationRoom', api)
