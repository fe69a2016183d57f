import type { AgreementSigner } from '../../../src/shared/ipc/signing'
import type { ChannelHandlers } from '../ipc'
import { createAppHandlers, type AppInfoSource } from './app'
import { createBackupChannelHandlers, type BackupHandlerDeps } from './backup'
import { createFilesHandlers, type FilesHost } from './files'
import { createShellHandlers } from './shell'
import { createSigningHandlers } from './signing'
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
  vault: Vault
}

/** Every channel's handler, one line per group; `satisfies` fails the build if a channel has none. */
export function createChannelHandlers(deps: HandlerDependencies): ChannelHandlers {
  return {
    ...createAppHandlers(deps.app, deps.versions, deps.platform),
    ...createFilesHandlers(deps.files),
    ...createShellHandlers(deps.openExternal),
    ...createBackupChannelHandlers(deps.backup),
    ...createSigningHandlers(deps.signer),
    ...createVaultHandlers(deps.vault),
  } satisfies ChannelHandlers
}
