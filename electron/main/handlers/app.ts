import type { appChannels } from '../../../src/shared/ipc/app'
import type { GroupHandlers } from '../ipc'

export interface AppInfoSource {
  getName(): string
  getVersion(): string
  getPath(name: 'userData'): string
}

export function createAppHandlers(
  app: AppInfoSource,
  versions: Pick<NodeJS.ProcessVersions, 'electron' | 'chrome'>,
  platform: string,
): GroupHandlers<typeof appChannels> {
  return {
    'app:info': () => ({
      name: app.getName(),
      version: app.getVersion(),
      electron: versions.electron,
      chrome: versions.chrome,
      platform,
      userDataPath: app.getPath('userData'),
    }),
  }
}
