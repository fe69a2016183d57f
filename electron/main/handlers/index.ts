import type { ChannelHandlers } from '../ipc'
import { createAppHandlers, type AppInfoSource } from './app'
import { createFilesHandlers, type FilesHost } from './files'
import { createShellHandlers } from './shell'

export interface HandlerDependencies {
  app: AppInfoSource
  versions: Pick<NodeJS.ProcessVersions, 'electron' | 'chrome'>
  platform: string
  files: FilesHost
  openExternal: (url: string) => Promise<void>
}

/** Every channel's handler, one line per group; `satisfies` fails the build if a channel has none. */
export function createChannelHandlers(deps: HandlerDependencies): ChannelHandlers {
  return {
    ...createAppHandlers(deps.app, deps.versions, deps.platform),
    ...createFilesHandlers(deps.files),
    ...createShellHandlers(deps.openExternal),
  } satisfies ChannelHandlers
}
