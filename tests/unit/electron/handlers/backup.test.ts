import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { testBackupKeys } from '../backup/testBackupKeys'

const thisPc = testBackupKeys()

vi.mock('electron', () => ({}))

const { BACKUP_SETTINGS_FILE, createBackupChannelHandlers } = await import('../../../../electron/main/handlers/backup')
const { BackupError } = await import('../../../../electron/main/backup/errors')
const { IpcRefusal } = await import('../../../../electron/main/ipc')
type HandlerContext = import('../../../../electron/main/ipc').HandlerContext

// The IPC layer checked the sender and parsed the payload already (tests/unit/electron/ipc.test.ts).
const context = { sender: {} } as HandlerContext

let userDataDir: string
beforeEach(async () => {
  userDataDir = await mkdtemp(join(tmpdir(), 'mr-backup-handlers-'))
})
afterEach(async () => {
  await rm(userDataDir, { recursive: true, force: true })
})

describe('the backup:* channels', () => {
  it('refuse a snapshot that is not a transfer file with the backup module’s Chinese message, telling nobody of a write', async () => {
    const onWritten = vi.fn()
    const handlers = createBackupChannelHandlers({
      backupKeys: thisPc,
      userDataDir,
      chooseFolder: async () => null,
      onWritten,
    })
    const error = await Promise.resolve(
      handlers['backup:write']({ reason: 'manual', snapshot: '{"format":"other"}' }, context),
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IpcRefusal)
    expect(error).toMatchObject({ code: 'failed' })
    expect((error as Error).message).toContain('未写入')
    expect(onWritten).not.toHaveBeenCalled()
    expect(await readdir(join(userDataDir, 'backups'))).toEqual([])
  })

  it('pass a BackupError from any step on as a refusal with its message', async () => {
    const handlers = createBackupChannelHandlers({
      backupKeys: thisPc,
      userDataDir,
      chooseFolder: async () => {
        throw new BackupError('not-found', '找不到该文件夹')
      },
    })
    await expect(handlers['backup:choose-extra-folder'](undefined, context)).rejects.toMatchObject({
      name: 'IpcRefusal',
      code: 'failed',
      message: '找不到该文件夹',
    })
  })

  it('let any other error through unchanged, for the IPC layer to answer with a generic message', async () => {
    const crash = new Error('dialog crashed at /home/someone')
    const handlers = createBackupChannelHandlers({
      backupKeys: thisPc,
      userDataDir,
      chooseFolder: async () => {
        throw crash
      },
    })
    await expect(handlers['backup:choose-extra-folder'](undefined, context)).rejects.toBe(crash)
  })

  it('keep the chosen folder, and read unreadable settings as none chosen', async () => {
    const handlers = createBackupChannelHandlers({
      backupKeys: thisPc,
      userDataDir,
      chooseFolder: async () => '/media/usb',
    })
    expect(await handlers['backup:settings'](undefined, context)).toEqual({ extraFolder: null })
    expect(await handlers['backup:choose-extra-folder'](undefined, context)).toEqual({ extraFolder: '/media/usb' })
    expect(await handlers['backup:settings'](undefined, context)).toEqual({ extraFolder: '/media/usb' })
    await writeFile(join(userDataDir, BACKUP_SETTINGS_FILE), '{"extraFolder": 42}')
    expect(await handlers['backup:settings'](undefined, context)).toEqual({ extraFolder: null })
    await writeFile(join(userDataDir, BACKUP_SETTINGS_FILE), 'not json')
    expect(await handlers['backup:settings'](undefined, context)).toEqual({ extraFolder: null })
  })

  it('answer an empty list and no sentinel before the first backup', async () => {
    const handlers = createBackupChannelHandlers({ backupKeys: thisPc, userDataDir, chooseFolder: async () => null })
    expect(await handlers['backup:list'](undefined, context)).toEqual([])
    expect(await handlers['backup:sentinel'](undefined, context)).toBeNull()
  })
})
