/**
 * The sandboxed preload: exposes `window.mediationRoom`, one named verb per IPC channel, and nothing else
 * (never ipcRenderer, never the event). Bundled into one CommonJS file: sandboxed preloads cannot load ESM.
 */
import { contextBridge, ipcRenderer } from 'electron'
import type { MediationRoomApi } from '../../src/shared/ipc'
import { buildMediationRoomApi } from './api'

const api = buildMediationRoomApi((channel, request) => ipcRenderer.invoke(channel, request)) satisfies MediationRoomApi

contextBridge.exposeInMainWorld('mediationRoom', api)
