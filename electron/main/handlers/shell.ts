import type { shellChannels } from '../../../src/shared/ipc/shell'
import { allowedExternalUrl } from '../external-links'
import { IpcRefusal, type GroupHandlers } from '../ipc'

export function createShellHandlers(openExternal: (url: string) => Promise<void>): GroupHandlers<typeof shellChannels> {
  return {
    'shell:open-external': async ({ url }) => {
      const allowed = allowedExternalUrl(url)
      if (allowed === null) throw new IpcRefusal('not-allowed', '此网址不在允许打开的名单中。')
      await openExternal(allowed)
      return { opened: true }
    },
  }
}
