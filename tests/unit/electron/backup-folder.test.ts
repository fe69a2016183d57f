import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { testBackupKeys } from './backup/testBackupKeys'
import { testVault } from './vault/fakeKeyStore'
import { handlerDependencies, tempFolders } from './userDataHost'

vi.mock('electron', () => ({}))

const { createChannelHandlers } = await import('../../../electron/main/handlers')
type HandlerContext = import('../../../electron/main/ipc').HandlerContext

const context = { sender: {} } as HandlerContext

const tempFolder = tempFolders()
let userData: string
beforeEach(async () => {
  userData = await tempFolder('usb-folder')
})

/** The backup channels with a folder dialog that answers each call from the list (null: cancelled). */
function backupChannels(answers: (string | null)[]) {
  const chooseFolder = vi.fn(async () => answers.shift() ?? null)
  const handlers = createChannelHandlers(
    handlerDependencies(userData, {
      app: { getName: () => '', getVersion: () => '', getPath: () => userData },
      backup: { userDataDir: userData, chooseFolder, backupKeys: testBackupKeys() },
      vault: testVault(userData),
    }),
  )
  return {
    choose: () => handlers['backup:choose-extra-folder'](undefined, context),
    settings: () => handlers['backup:settings'](undefined, context),
  }
}

describe('choosing the USB folder for backup copies', () => {
  it('remembers the chosen folder', async () => {
    const channels = backupChannels(['/media/u/U盘'])
    expect(await channels.choose()).toEqual({ extraFolder: '/media/u/U盘' })
    expect(await channels.settings()).toEqual({ extraFolder: '/media/u/U盘' })
  })

  it('changes nothing when the dialog is cancelled: USB copies stay on, the settings file is untouched', async () => {
    const channels = backupChannels(['/media/u/U盘', null])
    await channels.choose()
    const before = await readFile(join(userData, 'backup-settings.json'), 'utf8')
    expect(await channels.choose()).toEqual({ extraFolder: '/media/u/U盘' })
    expect(await channels.settings()).toEqual({ extraFolder: '/media/u/U盘' })
    expect(await readFile(join(userData, 'backup-settings.json'), 'utf8')).toBe(before)
  })

  it('writes no settings file when the first dialog is cancelled', async () => {
    const channels = backupChannels([null])
    expect(await channels.choose()).toEqual({ extraFolder: null })
    expect(await readdir(userData)).toEqual([])
  })

  it('replaces the folder when another one is chosen', async () => {
    const channels = backupChannels(['/media/u/U盘', '/media/u/备用'])
    await channels.choose()
    expect(await channels.choose()).toEqual({ extraFolder: '/media/u/备用' })
    expect(await channels.settings()).toEqual({ extraFolder: '/media/u/备用' })
  })
})
