import { mkdtempSync, promises as fs, readdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import fc from 'fast-check'
import { createBackupStore } from '../../../../electron/main/backup/backupStore'
import { atomicWrite } from '../../../../electron/main/backup/atomicWrite'
import { readSentinel } from '../../../../electron/main/backup/sentinel'
import { createBackupChannelHandlers } from '../../../../electron/main/handlers/backup'
import type { HandlerContext } from '../../../../electron/main/ipc'
import { createSnapshotRequests } from '../../../../electron/main/backup/snapshotRequests'
import { BackupError } from '../../../../electron/main/backup/errors'
import { exportAll, serializeTransferFile } from '../../../../src/db/transfer/export'
import { readTransferFile } from '../../../../src/db/transfer/read'
import { integrityDecision } from '../../../../src/db/transfer/integrity'
import { dbContentArb, freshDb, load } from '../../transfer/arbitraries'
import { testBackupKeys } from './testBackupKeys'

const thisPc = testBackupKeys()

vi.mock('electron', () => ({}))

/** The IPC layer has checked the sender before a handler runs; the backup handlers do not read it. */
const context = { sender: {} } as HandlerContext

const plenty = async () => ({ bavail: 10_000_000, bsize: 4096 })

async function snapshotText(seed = 1): Promise<string> {
  const [content] = fc.sample(
    dbContentArb.filter((c) => c.cases.length > 0),
    { numRuns: 1, seed },
  )
  const db = freshDb()
  await load(db, content)
  return serializeTransferFile(await exportAll(db, { appVersion: '0.1.0' }))
}

function tmp(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'mr-backup-'))
}

describe('backups', () => {
  it('writes, verifies, lists and reads back the same snapshot, and updates the sentinel', async () => {
    const dir = tmp()
    const store = createBackupStore({
      backupKeys: thisPc,
      dir,
      userDataDir: dir,
      statfs: plenty,
      now: () => new Date(2026, 10, 22, 8, 30, 0),
    })
    const text = await snapshotText()
    const result = await store.writeBackup('manual', text)
    expect(result.backup.name).toBe('backup-20261122-083000-manual.mrbak')
    expect(result.backup.verified).toBe(true)
    const [listed] = await store.listBackups()
    expect(listed).toEqual(result.backup)
    const read = await store.readBackup(listed.name)
    expect(read.snapshot).toBe(text)
    const file = await readTransferFile(read.snapshot)
    expect(listed.counts.cases).toBe(file.manifest.counts.cases)
    expect(await readSentinel(dir)).toMatchObject({
      lastBackupName: listed.name,
      counts: { cases: file.manifest.counts.cases },
    })
    // a second backup in the same second gets its own name
    const second = await store.writeBackup('manual', text)
    expect(second.backup.name).toBe('backup-20261122-083001-manual.mrbak')
  })

  it('a crash between the temp write and the rename leaves the previous backup intact and lists nothing partial', async () => {
    const dir = tmp()
    const clock = { t: new Date(2026, 10, 22, 8, 0, 0) }
    const crashing = { crash: false }
    const store = createBackupStore({
      backupKeys: thisPc,
      dir,
      userDataDir: dir,
      statfs: plenty,
      now: () => clock.t,
      atomic: {
        beforeRename: async () => {
          if (crashing.crash) throw new Error('power cut')
        },
      },
    })
    const first = await store.writeBackup('interval', await snapshotText(1))
    const before = await fs.readFile(path.join(dir, first.backup.name))
    crashing.crash = true
    clock.t = new Date(2026, 10, 22, 8, 15, 0)
    await expect(store.writeBackup('interval', await snapshotText(2))).rejects.toThrow('power cut')
    expect(await fs.readFile(path.join(dir, first.backup.name))).toEqual(before)
    expect((await store.listBackups()).map((b) => b.name)).toEqual([first.backup.name])
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([])
    expect((await readSentinel(dir))?.lastBackupName).toBe(first.backup.name)
  })

  it('a process killed after the temp write leaves only a temp file, which is never listed and is cleaned next time', async () => {
    const dir = tmp()
    const store = createBackupStore({
      backupKeys: thisPc,
      dir,
      userDataDir: dir,
      statfs: plenty,
      now: () => new Date(2026, 10, 22, 9, 0, 0),
    })
    await fs.writeFile(path.join(dir, '.backup-20261122-085959-quit.mrbak.abcdef.tmp'), 'half a backup')
    expect(await store.listBackups()).toEqual([])
    await store.writeBackup('manual', await snapshotText())
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })

  it('retries a rename that Windows antivirus blocks (EPERM/EBUSY), and gives up on other errors', async () => {
    const dir = tmp()
    const target = path.join(dir, 'x.bin')
    let calls = 0
    const flaky = async (from: string, to: string) => {
      if (++calls < 3) throw Object.assign(new Error('busy'), { code: calls === 1 ? 'EPERM' : 'EBUSY' })
      await fs.rename(from, to)
    }
    await atomicWrite(target, new Uint8Array([1, 2, 3]), { rename: flaky, baseDelayMs: 1 })
    expect(calls).toBe(3)
    expect([...(await fs.readFile(target))]).toEqual([1, 2, 3])
    const broken = async () => {
      throw Object.assign(new Error('no'), { code: 'ENOSPC' })
    }
    await expect(atomicWrite(target, new Uint8Array([9]), { rename: broken, baseDelayMs: 1 })).rejects.toThrow('no')
    expect([...(await fs.readFile(target))]).toEqual([1, 2, 3])
    expect(readdirSync(dir)).toEqual(['x.bin'])
  })

  it('verification catches a corrupted file: listed as unverified, refused for restore', async () => {
    const dir = tmp()
    const store = createBackupStore({
      backupKeys: thisPc,
      dir,
      userDataDir: dir,
      statfs: plenty,
      now: () => new Date(2026, 10, 22, 10, 0, 0),
    })
    const { backup } = await store.writeBackup('manual', await snapshotText())
    const file = path.join(dir, backup.name)
    const bytes = await fs.readFile(file)
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: bytes.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (at, flip) => {
          const damaged = Buffer.from(bytes)
          damaged[at] ^= flip
          await fs.writeFile(file, damaged)
          const error = await store.readBackup(backup.name).catch((e: unknown) => e)
          expect(error).toBeInstanceOf(BackupError)
          expect((error as BackupError).message).toMatch(/[\u4e00-\u9fff]/)
          expect((await store.listBackups())[0].verified).toBe(false)
        },
      ),
      { numRuns: 60 },
    )
    await fs.writeFile(file, bytes.subarray(0, bytes.length - 10))
    await expect(store.readBackup(backup.name)).rejects.toThrow('不完整')
    await expect(store.readBackup('../../etc/passwd')).rejects.toThrow('文件名无效')
  })

  it('refuses to write when the disk is nearly full, with a Chinese message, writing nothing', async () => {
    const dir = tmp()
    const store = createBackupStore({
      backupKeys: thisPc,
      dir,
      userDataDir: dir,
      statfs: async () => ({ bavail: 1000, bsize: 4096 }),
    })
    await expect(store.writeBackup('manual', await snapshotText())).rejects.toThrow(/磁盘空间不足.*200 MB/)
    expect(await store.listBackups()).toEqual([])
    expect(await readSentinel(dir)).toBeNull()
  })

  it('refuses a snapshot that is not a complete transfer file', async () => {
    const dir = tmp()
    const store = createBackupStore({
      backupKeys: thisPc,
      dir,
      userDataDir: dir,
      statfs: plenty,
    })
    await expect(store.writeBackup('manual', '{"format":"other"}')).rejects.toThrow('未写入')
    const text = JSON.parse(await snapshotText())
    text.tables.cases = []
    await expect(store.writeBackup('manual', JSON.stringify(text))).rejects.toThrow('不完整')
    expect(readdirSync(dir)).toEqual([])
  })

  it('copies to the extra folder, reports a failing one without losing the main backup, and rotates', async () => {
    const userData = tmp()
    const usb = tmp()
    const clock = { t: new Date(2026, 10, 22, 8, 0, 0) }
    const onWritten = vi.fn()
    const handlers = createBackupChannelHandlers({
      backupKeys: thisPc,
      userDataDir: userData,
      statfs: plenty,
      now: () => clock.t,
      chooseFolder: async () => usb,
      onWritten,
    })
    await handlers['backup:choose-extra-folder'](undefined, context)
    expect(await handlers['backup:settings'](undefined, context)).toEqual({ extraFolder: usb })
    const text = await snapshotText()
    const result = await handlers['backup:write']({ reason: 'manual', snapshot: text }, context)
    expect(result.extraCopy).toEqual({ status: 'written', path: path.join(usb, result.backup.name) })
    expect(readdirSync(usb)).toEqual([result.backup.name])
    expect(onWritten).toHaveBeenCalledExactlyOnceWith(result, { reason: 'manual', snapshot: text })

    await fs.rm(usb, { recursive: true })
    await fs.writeFile(usb, 'not a folder any more')
    clock.t = new Date(2026, 10, 22, 8, 15, 0)
    const unplugged = await handlers['backup:write']({ reason: 'interval', snapshot: text }, context)
    expect(unplugged.extraCopy.status).toBe('failed')
    expect(unplugged.backup.verified).toBe(true)

    // five more today: only the last 3 of today remain
    for (let i = 0; i < 5; i++) {
      clock.t = new Date(2026, 10, 22, 9 + i, 0, 0)
      await handlers['backup:write']({ reason: 'interval', snapshot: text }, context)
    }
    const names = (await handlers['backup:list'](undefined, context)).map((b) => b.name)
    expect(names).toEqual([
      'backup-20261122-130000-interval.mrbak',
      'backup-20261122-120000-interval.mrbak',
      'backup-20261122-110000-interval.mrbak',
    ])
    expect((await handlers['backup:sentinel'](undefined, context))?.lastBackupName).toBe(names[0])
  })

  it('waits for the quit snapshot up to a timeout', async () => {
    vi.useFakeTimers()
    const sent: unknown[] = []
    const requests = createSnapshotRequests({
      send: (channel, payload) => sent.push([channel, payload]) > 0,
      timeoutMs: 1000,
      intervalMs: 60_000,
    })
    const written = requests.requestQuitSnapshot()
    requests.notifyWritten('interval')
    requests.notifyWritten('quit')
    await expect(written).resolves.toBe('written')
    const late = requests.requestQuitSnapshot()
    vi.advanceTimersByTime(1001)
    await expect(late).resolves.toBe('timeout')
    requests.startInterval()
    vi.advanceTimersByTime(120_001)
    requests.stopInterval()
    expect(sent).toEqual([
      ['backup:snapshot-request', { reason: 'quit' }],
      ['backup:snapshot-request', { reason: 'quit' }],
      ['backup:snapshot-request', { reason: 'interval' }],
      ['backup:snapshot-request', { reason: 'interval' }],
    ])
    const none = createSnapshotRequests({ send: () => false })
    await expect(none.requestQuitSnapshot()).resolves.toBe('no-window')
    vi.useRealTimers()
  })
})

describe('integrityDecision', () => {
  it('never starts afresh silently when the sentinel or a backup says there were cases', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 100 }),
        fc.nat({ max: 100 }),
        fc.array(fc.record({ verified: fc.boolean(), cases: fc.nat({ max: 100 }) }), { maxLength: 5 }),
        (dbCases, sentinelCases, backups) => {
          const decision = integrityDecision({
            dbCounts: { cases: dbCases },
            sentinel: { counts: { cases: sentinelCases } },
            backups: backups.map((b) => ({ verified: b.verified, counts: { cases: b.cases } })),
          })
          const expected = Math.max(sentinelCases, ...backups.filter((b) => b.verified).map((b) => b.cases), 0)
          expect(decision.kind).toBe(dbCases === 0 && expected > 0 ? 'recovery' : 'ok')
        },
      ),
    )
    expect(integrityDecision({ dbCounts: null, sentinel: null, backups: [] }).kind).toBe('recovery')
    expect(integrityDecision({ dbCounts: { cases: 0 }, sentinel: null, backups: [] }).kind).toBe('ok')
  })
})
