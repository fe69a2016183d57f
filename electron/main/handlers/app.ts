import type { appChannels } from '../../../src/shared/ipc/app'
import type { GroupHandlers } from '../ipc'

export interface AppInfoSource {
  getName(): string
  getVersion(): string
  getPath(name: 'userData'): string
}

/** Told when the page has written its pending autosaves (electron/main/closeFlush.ts). */
export interface FlushListener {
  flushed(sender: unknown): void
}

export function createAppHandlers(
  app: AppInfoSource,
  versions: Pick<NodeJS.ProcessVersions, 'electron' | 'chrome'>,
  platform: string,
  flush?: FlushListener,
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
    'app:flushed': (_request, { sender }) => {
      flush?.flushed(sender)
      return null
    },
  }
}
