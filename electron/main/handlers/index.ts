import type { AgreementSigner } from '../../../src/shared/ipc/signing'
import type { ChannelHandlers } from '../ipc'
import path from 'node:path'
import { createAuditAnchorStore, type AuditAnchorStore } from '../auditAnchors'
import { createBackupStore, type OpenedBackup } from '../backup/backupStore'
import type { HeadAnchor } from '../../../src/domain/auditAnchors'
import { createAppHandlers, type AppInfoSource, type FlushListener } from './app'
import { createAuditHandlers } from './audit'
import { createBackupChannelHandlers, type BackupHandlerDeps } from './backup'
import { createFilesHandlers, type FilesHost } from './files'
import { createShellHandlers } from './shell'
import { createSigningHandlers } from './signing'
import { createSyncHandlers, unavailableSyncHandlers } from './sync'
import type { SyncServerStore } from '../syncServer'
import { createVaultHandlers } from './vault'
import type { Vault } from '../vault/vault'

export interface HandlerDependencies {
  app: AppInfoSource
  versions: Pick<NodeJS.ProcessVersions, 'electron' | 'chrome'>
  platform: string
  files: FilesHost
  openExternal: (url: string) => Promise<void>
  backup: BackupHandlerDeps
  signer: AgreementSigner
  /** defaults to the anchor file next to the sentinel, accepting a restore to any verified backup */
  auditAnchors?: AuditAnchorStore
  vault: Vault
  /** told when the page answers a close's flush request (electron/main/closeFlush.ts) */
  flush?: FlushListener
  /** 设置 → 同步's server and sealed password; without it the sync:* channels answer 'unavailable' */
  syncServer?: SyncServerStore
}

/**
 * The anchor file in userData; the backups it may go back to are the verified ones in the backup folder
 * and the backup files opened for a restore in this run.
 */
function defaultAuditAnchors(backup: BackupHandlerDeps, opened: OpenedBackups): AuditAnchorStore {
  const store = createBackupStore({
    dir: backup.dir ?? path.join(backup.userDataDir, 'backups'),
    userDataDir: backup.userDataDir,
    backupKeys: backup.backupKeys,
  })
  return createAuditAnchorStore({
    userDataDir: backup.userDataDir,
    backupHeads: async () =>
      (await store.listBackups()).filter((b) => b.verified).map((b) => ({ name: b.name, ...b.chainHead })),
    openedBackups: opened.heads,
  })
}

/**
 * What a backup opened for a restore brings: its head becomes a state the log may go back to, and the
 * vault adopts the audit keys it carries (another PC's, when it was opened with that PC's 恢复密钥).
 */
function createOpenedBackups(vault: Vault) {
  const heads: (HeadAnchor & { name: string })[] = []
  return {
    heads: () => heads,
    async opened(backup: OpenedBackup): Promise<void> {
      if (backup.auditKeys.length > 0) await vault.adoptAuditKeys(backup.auditKeys)
      if (backup.restoreTarget) heads.push({ name: backup.name, ...backup.chainHead })
    },
  }
}
type OpenedBackups = ReturnType<typeof createOpenedBackups>

/** Every channel's handler, one line per group; `satisfies` fails the build if a channel has none. */
export function createChannelHandlers(deps: HandlerDependencies): ChannelHandlers {
  const opened = createOpenedBackups(deps.vault)
  const backup: BackupHandlerDeps = {
    ...deps.backup,
    onOpenedForRestore: async (backupOpened) => {
      await opened.opened(backupOpened)
      await deps.backup.onOpenedForRestore?.(backupOpened)
    },
  }
  return {
    ...createAppHandlers(deps.app, deps.versions, deps.platform, deps.flush),
    ...createFilesHandlers(deps.files),
    ...createShellHandlers(deps.openExternal),
    ...createBackupChannelHandlers(backup),
    ...createSigningHandlers(deps.signer),
    ...createAuditHandlers(deps.auditAnchors ?? defaultAuditAnchors(deps.backup, opened)),
    ...createVaultHandlers(deps.vault),
    ...(deps.syncServer ? createSyncHandlers(deps.syncServer) : unavailableSyncHandlers()),
  } satisfies ChannelHandlers
}
