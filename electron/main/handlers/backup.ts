/**
 * The `backup:*` channels (src/shared/ipc/backup.ts) over the backup module (electron/main/backup).
 * The IPC layer (electron/main/ipc.ts) checks the sender and parses every payload before a handler
 * runs. Electron-only pieces (the folder dialog) come in as dependencies.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import {
  backupSettingsSchema,
  type backupChannels,
  type BackupSettings,
  type WriteBackupRequest,
  type WriteBackupResult,
} from '../../../src/shared/ipc/backup'
import { atomicWrite } from '../backup/atomicWrite'
import { createBackupStore, type BackupStoreOptions } from '../backup/backupStore'
import { verifyBackupBytes } from '../backup/backupFile'
import { BackupError } from '../backup/errors'
import { isBackupRefusalCode } from '../../../src/domain/backupRefusal'
import { readSentinel } from '../backup/sentinel'
import { IpcRefusal, type GroupHandlers } from '../ipc'
import { VaultError } from '../vault/vault'

export const BACKUP_SETTINGS_FILE = 'backup-settings.json'
/** How a chosen `.mrbak` (not in the backup folder) is named in the audit anchors. */
export const OPENED_FILE_NAME = '备份文件'

export interface BackupHandlerDeps extends Omit<BackupStoreOptions, 'dir' | 'extraFolder'> {
  /** defaults to `<userData>/backups` */
  dir?: string
  /** opens a folder picker; null when cancelled */
  chooseFolder: () => Promise<string | null>
  /** told after each verified write (e.g. to reset the "changed since last backup" state) */
  onWritten?: (result: WriteBackupResult, request: WriteBackupRequest) => void
}

async function readSettings(userDataDir: string): Promise<BackupSettings> {
  try {
    const parsed = backupSettingsSchema.safeParse(
      JSON.parse(await fs.readFile(path.join(userDataDir, BACKUP_SETTINGS_FILE), 'utf8')),
    )
    if (parsed.success) return parsed.data
  } catch {
    // no settings yet
  }
  return { extraFolder: null }
}

/**
 * BackupError messages are written for the user (磁盘空间不足…): pass them on instead of a generic one. A backup
 * that needs the 恢复密钥 also passes its code on, as data beside the message (a thrown error's own fields do
 * not cross IPC): the page asks for the key by the code (src/domain/backupRefusal.ts).
 */
async function withBackupMessages<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    // a locked vault (本机数据尚未解锁) is said as plainly
    if (error instanceof BackupError && isBackupRefusalCode(error.code))
      throw new IpcRefusal('failed', error.message, error.code)
    if (error instanceof BackupError || error instanceof VaultError) throw new IpcRefusal('failed', error.message)
    throw error
  }
}

export function createBackupChannelHandlers(deps: BackupHandlerDeps): GroupHandlers<typeof backupChannels> {
  const store = createBackupStore({
    ...deps,
    dir: deps.dir ?? path.join(deps.userDataDir, 'backups'),
    extraFolder: async () => (await readSettings(deps.userDataDir)).extraFolder,
  })
  return {
    'backup:write': (request) =>
      withBackupMessages(async () => {
        const result = await store.writeBackup(request.reason, request.snapshot)
        deps.onWritten?.(result, request)
        return result
      }),
    'backup:list': () => withBackupMessages(() => store.listBackups()),
    'backup:read': (request) => withBackupMessages(() => store.readBackup(request.name, request.recoveryKey)),
    'backup:open-file': (request) =>
      withBackupMessages(async () => {
        const access = { keys: deps.backupKeys, recoveryKey: request.recoveryKey }
        const { header, snapshot, auditKeys } = await verifyBackupBytes(request.data, access)
        await deps.onOpenedForRestore?.({
          name: OPENED_FILE_NAME,
          chainHead: header.chainHead,
          auditKeys,
          restoreTarget: true,
        })
        return { snapshot }
      }),
    'backup:sentinel': () => withBackupMessages(() => readSentinel(deps.userDataDir)),
    'backup:settings': () => withBackupMessages(() => readSettings(deps.userDataDir)),
    'backup:choose-extra-folder': () =>
      withBackupMessages(async () => {
        const folder = await deps.chooseFolder()
        // Cancelling the dialog changes nothing: it must never silently switch USB copies off.
        if (folder === null) return readSettings(deps.userDataDir)
        const settings: BackupSettings = { extraFolder: folder }
        await atomicWrite(
          path.join(deps.userDataDir, BACKUP_SETTINGS_FILE),
          Buffer.from(JSON.stringify(settings), 'utf8'),
        )
        return settings
      }),
  }
}
