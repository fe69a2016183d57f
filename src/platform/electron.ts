import type { IpcResult, MediationRoomApi } from '../shared/ipc'
import { PlatformError, type HostInfo, type Platform, type SaveFileRequest } from './types'

function unwrap<T>(result: IpcResult<T>): T {
  if (!result.ok) throw new PlatformError(result.error.message)
  return result.value
}

/** The host inside the Electron window: every call goes through the preload's named verbs. */
export function createElectronPlatform(api: MediationRoomApi): Platform {
  return {
    kind: 'electron',
    async info(): Promise<HostInfo> {
      const info = unwrap(await api.getAppInfo())
      return { kind: 'electron', name: info.name, version: info.version, dataLocation: info.userDataPath }
    },
    async saveFile(request: SaveFileRequest): Promise<boolean> {
      return unwrap(await api.saveFile(request)).saved
    },
    async printPdf(data: Uint8Array, title: string): Promise<void> {
      unwrap(await api.printPdf({ data, title }))
    },
    async signAgreementHash(hashHex: string) {
      return unwrap(await api.signAgreementHash({ hashHex }))
    },
    async verifyAgreementSignature(request) {
      return unwrap(await api.verifyAgreementSignature(request)).valid
    },
  }
}
