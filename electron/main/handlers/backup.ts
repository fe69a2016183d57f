import type { backupChannels } from '../../../src/shared/ipc/backup'
import { createBackupHandlers, type BackupHandlerDeps } from '../backup/handlers'
import { BackupError } from '../backup/errors'
import { IpcRefusal, type GroupHandlers } from '../ipc'

/** BackupError messages are written for the user (磁盘空间不足…): pass them on instead of a generic one. */
async function withBackupMessages<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof BackupError) throw new IpcRefusal('failed', error.message)
    throw error
  }
}

/** The backup:* channels over the backup module (electron/main/backup). */
export function createBackupChannelHandlers(deps: BackupHandlerDeps): GroupHandlers<typeof backupChannels> {
  const { handlers } = createBackupHandlers(deps)
  return {
    'backup:write': (request) => withBackupMessages(() => handlers['backup:write'](request)),
    'backup:list': () => withBackupMessages(() => handlers['backup:list']()),
    'backup:read': (request) => withBackupMessages(() => handlers['backup:read'](request)),
    'backup:sentinel': () => withBackupMessages(() => handlers['backup:sentinel']()),
    'backup:settings': () => withBackupMessages(() => handlers['backup:settings']()),
    'backup:choose-extra-folder': () => withBackupMessages(() => handlers['backup:choose-extra-folder']()),
  }
}
