import type { IpcResult, MediationRoomApi } from '../shared/ipc'
import { PlatformError, type HostInfo, type Platform, type PlatformBackups, type SaveFileRequest } from './types'

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
    async signAgreement(content) {
      return unwrap(await api.signAgreement({ content }))
    },
    async verifyAgreementSignature(request) {
      return unwrap(await api.verifyAgreementSignature(request))
    },
    async signingPublicKey() {
      return unwrap(await api.getSigningPublicKey())
    },
    async signTransferHeader(headerText) {
      return unwrap(await api.signTransferHeader({ headerText }))
    },
    async storeKeys() {
      // The main process's vault answers this once it exists (electron/main/vault); until then, nothing asks.
      throw new PlatformError('本机数据密钥不可用，请重新启动软件。')
    },
    backups: createElectronBackups(api),
    auditAnchors: {
      record: async (head) => unwrap(await api.recordAuditAnchor(head)),
      read: async () => unwrap(await api.readAuditAnchors()),
    },
  }
}

/** Backups over the backup:* channels; the main process writes, verifies and rotates the files. */
function createElectronBackups(api: MediationRoomApi): PlatformBackups {
  return {
    canChooseFolder: true,
    writeBackup: async (request) => unwrap(await api.writeBackup(request)),
    listBackups: async () => unwrap(await api.listBackups()),
    readBackup: async (request) => unwrap(await api.readBackup(request)),
    readSentinel: async () => unwrap(await api.readSentinel()),
    chooseFolder: async () => unwrap(await api.chooseBackupFolder()),
    settings: async () => unwrap(await api.getBackupSettings()),
    onSnapshotRequest: (listener) => api.onBackupSnapshotRequest(({ reason }) => listener(reason)),
  }
}
