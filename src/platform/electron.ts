import type { IpcResult, MediationRoomApi } from '../shared/ipc'
import type { VaultState } from '../shared/ipc/vault'
import {
  PlatformError,
  type HostInfo,
  type Platform,
  type PlatformBackups,
  type PlatformSync,
  type PlatformVault,
  type SaveFileRequest,
  type VaultOpening,
} from './types'

function unwrap<T>(result: IpcResult<T>): T {
  if (!result.ok) throw new PlatformError(result.error.message, result.error.refusal)
  return result.value
}

/** The host inside the Electron window: every call goes through the preload's named verbs. */
export function createElectronPlatform(api: MediationRoomApi): Platform {
  const vault = createElectronVault(api)
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
    async highestSignedVersion(caseNo) {
      return unwrap(await api.highestSignedVersion({ caseNo })).version
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
      const opening = await vault.open()
      if (opening.status !== 'ready') throw new PlatformError('本机数据尚未解锁，请先输入密码或恢复密钥。')
      return opening.keys
    },
    vault,
    backups: createElectronBackups(api),
    auditAnchors: {
      record: async (head) => unwrap(await api.recordAuditAnchor(head)),
      read: async () => unwrap(await api.readAuditAnchors()),
    },
    sync: createElectronSync(api),
    onFlushRequest: (flush) =>
      api.onFlushRequest(() => {
        // the window closes once answered: answer even when a write failed (its message is on screen)
        void flush()
          .catch(() => undefined)
          .then(() => api.confirmFlushed())
      }),
  }
}

/** Backups over the backup:* channels; the main process writes, verifies and rotates the files. */
function createElectronBackups(api: MediationRoomApi): PlatformBackups {
  return {
    canChooseFolder: true,
    writeBackup: async (request) => unwrap(await api.writeBackup(request)),
    listBackups: async () => unwrap(await api.listBackups()),
    readBackup: async (request) => unwrap(await api.readBackup(request)),
    openBackupFile: async (request) => unwrap(await api.openBackupFile(request)),
    readSentinel: async () => unwrap(await api.readSentinel()),
    chooseFolder: async () => unwrap(await api.chooseBackupFolder()),
    settings: async () => unwrap(await api.getBackupSettings()),
    onSnapshotRequest: (listener) => api.onBackupSnapshotRequest(({ reason }) => listener(reason)),
  }
}

/** The sync:* channels; the password goes to main and never comes back (electron/main/syncServer.ts). */
function createElectronSync(api: MediationRoomApi): PlatformSync {
  return {
    readServer: async () => unwrap(await api.readSyncServer()) ?? undefined,
    saveServer: async ({ url, database, user, password }) => {
      unwrap(await api.saveSyncServer({ url, database, user, password }))
    },
    forgetServer: async () => {
      unwrap(await api.forgetSyncServer())
    },
    // no authorization: main adds the header to requests for the configured origin
    remote: async () => unwrap(await api.getSyncRemote()) ?? undefined,
  }
}

function toOpening(state: VaultState): VaultOpening {
  if (state.status !== 'ready') return state
  const { dataKey, auditKey, adoptedAuditKeys } = state
  return { status: 'ready', keys: { dataKey, auditKey, ...(adoptedAuditKeys?.length ? { adoptedAuditKeys } : {}) } }
}

/** The vault:* channels; the main process keeps the keys under the OS key store or the passphrase. */
function createElectronVault(api: MediationRoomApi): PlatformVault {
  return {
    protectsKeys: true,
    open: async () => toOpening(unwrap(await api.getVaultKeys())),
    setPassphrase: async (passphrase) => toOpening(unwrap(await api.setVaultPassphrase({ passphrase }))),
    unlock: async (request) => toOpening(unwrap(await api.unlockVault(request))),
    recoveryKey: async () => unwrap(await api.getRecoveryKey()).recoveryKey,
    confirmRecoveryKey: async () => {
      unwrap(await api.confirmRecoveryKey())
    },
  }
}
