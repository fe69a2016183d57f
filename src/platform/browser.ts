import { createBrowserBackupHost } from './browser-backup'
import { browserStoreKeys } from './browser-keys'
import { createBrowserSync } from './browser-sync'
import {
  PlatformError,
  type HostInfo,
  type Platform,
  type PlatformBackups,
  type PlatformVault,
  type SaveFileRequest,
} from './types'

/** The host in a plain browser (end-to-end tests, `npm run preview`): downloads instead of dialogs. */
export function createBrowserPlatform(): Platform {
  // The signer and the anchor record load when first used: their schemas (zod) stay off the first screen.
  let signing: ReturnType<typeof loadSigner> | undefined
  const signer = () => (signing ??= loadSigner())
  const backups = createBrowserBackups()
  let anchoring: ReturnType<typeof loadAuditAnchors> | undefined
  const anchors = () => (anchoring ??= loadAuditAnchors(backups))
  return {
    kind: 'browser',
    async info(): Promise<HostInfo> {
      return {
        kind: 'browser',
        name: '调解室',
        version: import.meta.env.VITE_APP_VERSION ?? '0.1.0',
        dataLocation: '浏览器本地存储（IndexedDB）',
      }
    },
    async saveFile(request: SaveFileRequest): Promise<boolean> {
      const url = URL.createObjectURL(new Blob([request.data.slice()], { type: request.mime }))
      try {
        const a = document.createElement('a')
        a.href = url
        a.download = request.suggestedName
        document.body.append(a)
        a.click()
        a.remove()
        return true
      } finally {
        setTimeout(() => URL.revokeObjectURL(url), 60_000)
      }
    },
    async printPdf(data: Uint8Array, title: string): Promise<void> {
      const url = URL.createObjectURL(new Blob([data.slice()], { type: 'application/pdf' }))
      const win = window.open(url, '_blank')
      if (!win) {
        URL.revokeObjectURL(url)
        throw new PlatformError(`无法打开“${title}”的打印预览，请允许弹出窗口后重试。`)
      }
    },
    signAgreement: async (content) => (await signer()).sign(content),
    highestSignedVersion: async (caseNo) => (await signer()).highestSignedVersion(caseNo),
    verifyAgreementSignature: async (request) => (await signer()).verify(request),
    signingPublicKey: async () => (await signer()).publicKey(),
    signTransferHeader: async (headerText) => (await signer()).signTransfer(headerText),
    storeKeys: async () => browserStoreKeys(),
    backups,
    auditAnchors: {
      read: async () => (await anchors()).read(),
      record: async (head) => (await anchors()).record(head),
    },
    vault: browserVault,
    // a browser tab cannot hold its close: the page flushes on pagehide (src/composables/useAutosave.ts)
    onFlushRequest: () => () => undefined,
    // test-only: the password stays in this profile's localStorage in clear (see browser-sync.ts)
    sync: createBrowserSync(),
  }
}

/**
 * The preview's keys need nothing from the user, and it has no 恢复密钥: they sit in this profile's
 * localStorage (src/platform/browser-keys.ts), so there is nothing a recovery key could add.
 */
const browserVault: PlatformVault = {
  protectsKeys: false,
  open: async () => ({ status: 'ready', keys: browserStoreKeys() }),
  async setPassphrase() {
    throw new PlatformError('浏览器版没有开机密码：请使用桌面版。')
  },
  async unlock() {
    throw new PlatformError('浏览器版没有开机密码和恢复密钥：请使用桌面版。')
  },
  recoveryKey: async () => null,
  async confirmRecoveryKey() {
    // nothing was shown, so nothing to forget
  },
}

/** Backups in a second IndexedDB database; the only "quit" a page has is pagehide (best effort). */
function createBrowserBackups(): PlatformBackups {
  const host = createBrowserBackupHost({ dataKey: async () => browserStoreKeys().dataKey })
  return {
    ...host,
    canChooseFolder: false,
    async chooseFolder() {
      throw new PlatformError(
        '浏览器版不能选择备份文件夹：备份保存在本浏览器中。请使用桌面版，或用“数据交换”导出文件后复制到U盘。',
      )
    },
    settings: async () => ({ extraFolder: null }),
    onSnapshotRequest(listener) {
      const onPageHide = () => listener('quit')
      window.addEventListener('pagehide', onPageHide)
      return () => window.removeEventListener('pagehide', onPageHide)
    },
  }
}

const loadSigner = async () => (await import('./browser-signing')).createBrowserSigner()
const loadAuditAnchors = async (backups: PlatformBackups) =>
  (await import('./browser-auditAnchors')).createBrowserAuditAnchors(backups)
