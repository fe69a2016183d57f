/**
 * The main-process side of the `backup:*` channels (src/shared/ipc/backup.ts), as plain functions
 * `(request) => Promise<result>` that the IPC layer registers after validating sender and payload.
 * Electron-only pieces (the folder dialog) come in as dependencies.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import {
  backupSettingsSchema,
  type BackupInfo,
  type BackupSettings,
  type Sentinel,
  type WriteBackupRequest,
  type WriteBackupResult,
} from '../../../src/shared/ipc/backup'
import { atomicWrite } from './atomicWrite'
import { createBackupStore, type BackupStoreOptions } from './backupStore'
import { readSentinel } from './sentinel'

export const BACKUP_SETTINGS_FILE = 'backup-settings.json'

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
    const parsed = backupSettingsSchema.safeParse(JSON.parse(await fs.readFile(path.join(userDataDir, BACKUP_SETTINGS_FILE), 'utf8')))
    if (parsed.success) return parsed.data
  } catch {
    // no settings yet
  }
  return { extraFolder: null }
}

export function createBackupHandlers(deps: BackupHandlerDeps) {
  const store = createBackupStore({
    ...deps,
    dir: deps.dir ?? path.join(deps.userDataDir, 'backups'),
    extraFolder: async () => (await readSettings(deps.userDataDir)).extraFolder,
  })
  return {
    store,
    handlers: {
      'backup:write': async (request: WriteBackupRequest): Promise<WriteBackupResult> => {
        const result = await store.writeBackup(request.reason, request.snapshot)
        deps.onWritten?.(result, request)
        return result
      },
      'backup:list': (): Promise<BackupInfo[]> => store.listBackups(),
      'backup:read': (request: { name: string }) => store.readBackup(request.name),
      'backup:sentinel': (): Promise<Sentinel | null> => readSentinel(deps.userDataDir),
      'backup:settings': (): Promise<BackupSettings> => readSettings(deps.userDataDir),
      'backup:choose-extra-folder': async (): Promise<BackupSettings> => {
        const folder = await deps.chooseFolder()
        // Cancelling the dialog changes nothing: it must never silently switch USB copies off.
        if (folder === null) return readSettings(deps.userDataDir)
        const settings: BackupSettings = { extraFolder: folder }
        await atomicWrite(path.join(deps.userDataDir, BACKUP_SETTINGS_FILE), Buffer.from(JSON.stringify(settings), 'utf8'))
        return settings
      },
    },
  }
}
