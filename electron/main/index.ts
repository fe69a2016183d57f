/**
 * Bootstrap of the main process. Order matters: the scheme and userData must be set before `ready`,
 * and the single-instance lock is taken before any window exists. No business logic lives here.
 */
import { fileURLToPath } from 'node:url'
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  safeStorage,
  session,
  shell,
  type OpenDialogOptions,
} from 'electron'
import { BACKUP_SNAPSHOT_REQUEST } from '../../src/shared/ipc/backup'
import { atomicWrite } from './backup/atomicWrite'
import { createCaseDropConfirm } from './backup/caseDropDialog'
import { createSnapshotRequests } from './backup/snapshotRequests'
import { sendEvent } from './events'
import { createChannelHandlers } from './handlers'
import { registerIpcHandlers } from './ipc'
import { APP_ENTRY_URL, APP_ORIGIN, originOf } from './origin'
import { pinUserDataPath } from './paths'
import { createPrintFolder } from './print-folder'
import { registerAppSchemeAsPrivileged, serveAppScheme } from './protocol'
import { resolveRuntime } from './runtime'
import { hardenSession, installSecurityHandlers, type SecurityPolicy } from './security'
import { createNodeSigner } from './signing'
import { claimSingleInstance } from './single-instance'
import { createVault } from './vault/vault'
import { contentSecurityPolicy } from './csp'
import { createSyncServerStore, installSyncAuthorization, type SyncServerStore } from './syncServer'
import { createMainWindow } from './window'
import { holdCloseUntilFlushed, type CloseFlush } from './closeFlush'

const runtime = resolveRuntime(app.isPackaged, process.env)
const devServerOrigin = runtime.devServerUrl === null ? null : originOf(runtime.devServerUrl)
/** 设置 → 同步's server: made once the app is ready (safeStorage answers only then) */
let syncServer: SyncServerStore | undefined
const policy: SecurityPolicy = {
  trustedOrigins: devServerOrigin === null ? [APP_ORIGIN] : [APP_ORIGIN, devServerOrigin],
  // Only ever called with a URL that passed allowedExternalUrl (security.ts, handlers/shell.ts).
  openExternal: (url) => void shell.openExternal(url), // eng-disable OPEN_EXTERNAL_JS_CHECK
  syncServerOrigin: () => syncServer?.origin() ?? null,
}
// DevTools only in development: a packaged app must not hand its page (and IndexedDB) to a console.
const devTools = !runtime.packaged
const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url))
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url))
const printFolder = createPrintFolder()

let mainWindow: BrowserWindow | null = null
/** the main window's close, held until its page has written its pending autosaves */
let closeFlush: CloseFlush | undefined

// Every 15 minutes the page is asked for a snapshot, which it sends back with backup:write.
const snapshotRequests = createSnapshotRequests({
  send: (channel, payload) =>
    channel === BACKUP_SNAPSHOT_REQUEST && sendEvent(mainWindow?.webContents ?? null, BACKUP_SNAPSHOT_REQUEST, payload),
})

registerAppSchemeAsPrivileged(protocol)
pinUserDataPath(app, runtime)

async function chooseBackupFolder(): Promise<string | null> {
  const options: OpenDialogOptions = {
    title: '选择备份副本文件夹（如U盘）',
    properties: ['openDirectory', 'createDirectory'],
  }
  const choice = await (mainWindow === null
    ? dialog.showOpenDialog(options)
    : dialog.showOpenDialog(mainWindow, options))
  return choice.canceled ? null : (choice.filePaths[0] ?? null)
}

if (claimSingleInstance(app, () => mainWindow)) {
  // Every web contents, whoever creates it, gets the same navigation, window, webview and session rules.
  installSecurityHandlers(app, policy, { devTools })
  app.on('window-all-closed', () => app.quit())
  // Synchronous: an asynchronous removal would be cut off by the exit. What a crash leaves, the next start removes.
  app.on('will-quit', () => printFolder.removeNow())

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession, policy)
    void printFolder.sweep()
    const sync = createSyncServerStore({
      dir: app.getPath('userData'),
      protector: safeStorage,
      platform: process.platform,
      // a new server: its requests get the header; the page's CSP opens it from its next load
      onChange: () => installSyncAuthorization(session.defaultSession.webRequest, sync),
    })
    syncServer = sync
    void sync.loadOrigin().then(() => installSyncAuthorization(session.defaultSession.webRequest, sync))
    // each page load reads the saved origin (a file read, nothing decrypted) before its CSP is sent
    serveAppScheme(protocol, rendererDir, async () => contentSecurityPolicy(await sync.loadOrigin()))
    // safeStorage answers only after ready; the vault asks it on the page's first vault:keys.
    const vault = createVault({ dir: app.getPath('userData'), protector: safeStorage, platform: process.platform })
    registerIpcHandlers(
      ipcMain,
      createChannelHandlers({
        app,
        versions: process.versions,
        platform: process.platform,
        openExternal: (url) => shell.openExternal(url), // eng-disable OPEN_EXTERNAL_JS_CHECK
        files: {
          showSaveDialog: (sender, options) => {
            const window = BrowserWindow.fromWebContents(sender)
            return window === null ? dialog.showSaveDialog(options) : dialog.showSaveDialog(window, options)
          },
          writeFileDurably: (filePath, data) => atomicWrite(filePath, data),
          openPath: (path) => shell.openPath(path),
          documentsDir: () => app.getPath('documents'),
          preparePrintFolder: (bytes) => printFolder.prepare(bytes),
        },
        backup: {
          userDataDir: app.getPath('userData'),
          chooseFolder: chooseBackupFolder,
          onWritten: (_result, request) => snapshotRequests.notifyWritten(request.reason),
          // The user, not the page, confirms that the case count drops (the sentinel, the high-water backup).
          confirmCaseDrop: createCaseDropConfirm(
            (window, options) =>
              window === null ? dialog.showMessageBox(options) : dialog.showMessageBox(window, options),
            () => mainWindow,
          ),
          backupKeys: () => vault.backupKeys(),
        },
        // the committee key is sealed under the vault: a copy of the data folder cannot sign as the committee
        signer: createNodeSigner(app.getPath('userData'), () => vault.signingKeyWrap()),
        vault,
        syncServer: sync,
        flush: { flushed: (sender) => closeFlush?.flushed(sender) },
      }),
      { trustedOrigins: policy.trustedOrigins },
    )
    // macOS needs its application menu for copy and paste; elsewhere the window has no menu bar.
    if (process.platform !== 'darwin') Menu.setApplicationMenu(null)
    mainWindow = createMainWindow({
      preloadPath,
      entryUrl: runtime.devServerUrl ?? APP_ENTRY_URL,
      devTools,
    })
    closeFlush = holdCloseUntilFlushed(mainWindow)
    mainWindow.on('closed', () => {
      mainWindow = null
      closeFlush = undefined
      snapshotRequests.stopInterval()
    })
    snapshotRequests.startInterval()
  })
}
