import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import fc from 'fast-check'
import type { MessageBoxOptions } from 'electron'
import { exportAll, serializeTransferFile } from '../../../../src/db/transfer/export'
import { integrityDecision } from '../../../../src/db/transfer/integrity'
import { dbContentArb, freshDb, load } from '../../transfer/arbitraries'
import { testBackupKeys } from './testBackupKeys'

vi.mock('electron', () => ({}))

const { createBackupChannelHandlers } = await import('../../../../electron/main/handlers/backup')
const { createCaseDropConfirm, caseDropQuestion } = await import('../../../../electron/main/backup/caseDropDialog')
const { advanceSentinel, readSentinel, SENTINEL_FILE } = await import('../../../../electron/main/backup/sentinel')
type HandlerContext = import('../../../../electron/main/ipc').HandlerContext
type Sentinel = import('../../../../src/shared/ipc/backup').Sentinel

const context = { sender: {} } as HandlerContext
const plenty = async () => ({ bavail: 10_000_000, bsize: 4096 })
const CONFIRM = 0
const CANCEL = 1

/** The transfer-file text of a generated database holding between `min` and `max` cases. */
async function snapshotWithCases(min: number, max: number, seed: number): Promise<{ text: string; cases: number }> {
  const [content] = fc.sample(
    dbContentArb.filter((c) => c.cases.length >= min && c.cases.length <= max),
    { numRuns: 1, seed },
  )
  const db = freshDb()
  await load(db, content)
  return { text: serializeTransferFile(await exportAll(db, { appVersion: '0.1.0' })), cases: content.cases.length }
}

let big: { text: string; cases: number }
let small: { text: string; cases: number }
let empty: string
beforeAll(async () => {
  big = await snapshotWithCases(3, 4, 7)
  small = await snapshotWithCases(1, 1, 8)
  empty = serializeTransferFile(await exportAll(freshDb(), { appVersion: '0.1.0' }))
})

let userData: string
let usb: string
beforeEach(async () => {
  userData = await mkdtemp(path.join(os.tmpdir(), 'mr-case-drop-'))
  usb = await mkdtemp(path.join(os.tmpdir(), 'mr-case-drop-usb-'))
})
afterEach(async () => {
  await rm(userData, { recursive: true, force: true })
  await rm(usb, { recursive: true, force: true })
})

/**
 * The backup channels as main wires them: the real store and sentinel, the real dialog module over a
 * fake `dialog.showMessageBox` that answers from `answers` (取消 once they run out), a USB folder.
 */
async function mainProcess(answers: number[] = [], options: { dialog?: boolean } = {}) {
  const clock = { t: new Date(2026, 10, 22, 8, 0, 0) }
  const asked: MessageBoxOptions[] = []
  const showMessageBox = vi.fn(async (_window: unknown, box: MessageBoxOptions) => {
    asked.push(box)
    return { response: answers.shift() ?? CANCEL, checkboxChecked: false }
  })
  const handlers = createBackupChannelHandlers({
    userDataDir: userData,
    backupKeys: testBackupKeys(),
    statfs: plenty,
    now: () => clock.t,
    chooseFolder: async () => usb,
    ...(options.dialog === false ? {} : { confirmCaseDrop: createCaseDropConfirm(showMessageBox, () => null) }),
  })
  await handlers['backup:choose-extra-folder'](undefined, context)
  const at = (day: number, hour: number) => (clock.t = new Date(2026, 10, day, hour, 0, 0))
  return {
    asked,
    at,
    write: (snapshot: string, reason: 'interval' | 'manual' | 'pre-restore' = 'interval') =>
      handlers['backup:write']({ reason, snapshot }, context),
    read: (name: string) => handlers['backup:read']({ name }, context),
    list: async () => (await handlers['backup:list'](undefined, context)).map((b) => b.name),
    listed: () => handlers['backup:list'](undefined, context),
    sentinel: () => handlers['backup:sentinel'](undefined, context),
    usbNames: async () => (await readdir(usb)).sort().reverse(),
  }
}

const dropText = (cases: number, fewer: number) => `新的备份只有 ${cases} 件案件，比上次少 ${fewer} 件。是否确认？`

describe('a page sending three empty snapshots as backups', () => {
  it("keeps today's real backup (here and on the USB stick) and the sentinel's count when the user answers 取消", async () => {
    const main = await mainProcess([CANCEL])
    const real = await main.write(big.text)
    for (const hour of [9, 10, 11]) {
      main.at(22, hour)
      await main.write(empty)
    }
    expect(await main.list()).toContain(real.backup.name)
    expect(await main.usbNames()).toContain(real.backup.name)
    expect((await main.read(real.backup.name)).snapshot).toBe(big.text)
    expect(await main.sentinel()).toMatchObject({ counts: { cases: big.cases }, lastBackupName: real.backup.name })
    // Asked once in main's own dialog; the same drop repeated is not asked again.
    expect(main.asked.map((box) => box.message)).toEqual([dropText(0, big.cases)])
    // The start-up check still sees an emptied database.
    const sentinel = await main.sentinel()
    const decision = integrityDecision({
      dbCounts: { cases: 0 },
      sentinel: sentinel && { counts: { cases: sentinel.counts.cases ?? 0 } },
      backups: await main.listed(),
    })
    expect(decision).toMatchObject({ kind: 'recovery', expectedCases: big.cases })
  })

  it('changes nothing either where no dialog can be shown (the count never drops without a user)', async () => {
    const main = await mainProcess([], { dialog: false })
    const real = await main.write(big.text)
    for (const hour of [9, 10, 11, 12]) {
      main.at(22, hour)
      await main.write(empty)
    }
    expect(await main.list()).toContain(real.backup.name)
    expect((await main.sentinel())?.counts.cases).toBe(big.cases)
  })

  it('changes nothing when they are sent as pre-restore backups, and asks nothing', async () => {
    const main = await mainProcess([CONFIRM])
    const real = await main.write(big.text)
    const before = await readFile(path.join(userData, SENTINEL_FILE), 'utf8')
    for (const hour of [9, 10, 11, 12]) {
      main.at(22, hour)
      await main.write(empty, 'pre-restore')
    }
    expect(main.asked).toEqual([])
    expect(await readFile(path.join(userData, SENTINEL_FILE), 'utf8')).toBe(before)
    expect(await main.list()).toContain(real.backup.name)
    expect(await main.usbNames()).toContain(real.backup.name)
  })

  it('three at once meet one dialog after the other, never a race on the sentinel', async () => {
    const main = await mainProcess([CANCEL])
    const real = await main.write(big.text)
    main.at(22, 9)
    await Promise.all([main.write(empty), main.write(empty), main.write(empty)])
    expect(await main.list()).toContain(real.backup.name)
    expect((await main.sentinel())?.counts.cases).toBe(big.cases)
    expect(main.asked).toHaveLength(1)
  })

  it('after 确认, lowers the sentinel, and the larger backup goes the normal way', async () => {
    const main = await mainProcess([CONFIRM])
    const real = await main.write(big.text)
    main.at(22, 9)
    const first = await main.write(empty)
    expect(main.asked.map((box) => box.message)).toEqual([dropText(0, big.cases)])
    expect(await main.sentinel()).toMatchObject({ counts: { cases: 0 }, lastBackupName: first.backup.name })
    for (const hour of [10, 11]) {
      main.at(22, hour)
      await main.write(empty)
    }
    expect(await main.list()).not.toContain(real.backup.name)
    expect(await main.usbNames()).not.toContain(real.backup.name)
    expect(main.asked).toHaveLength(1)
  })
})

describe('restoring a smaller backup', () => {
  /** Yesterday a small backup, today a larger one: the sentinel holds the larger count. */
  async function twoBackups(answers: number[]) {
    const main = await mainProcess(answers)
    main.at(21, 8)
    const older = await main.write(small.text)
    main.at(22, 8)
    const newer = await main.write(big.text)
    return { main, older: older.backup.name, newer: newer.backup.name }
  }

  it('is asked in main; 取消 refuses the read in Chinese and changes nothing', async () => {
    const { main, older } = await twoBackups([CANCEL])
    const before = await readFile(path.join(userData, SENTINEL_FILE), 'utf8')
    await expect(Promise.resolve(main.read(older))).rejects.toMatchObject({
      name: 'IpcRefusal',
      message: '已取消恢复：现有数据和备份都没有改变。',
    })
    expect(main.asked.map((box) => box.message)).toEqual([
      `要恢复的备份只有 ${small.cases} 件案件，比上次备份少 ${big.cases - small.cases} 件。是否确认？`,
    ])
    expect(await readFile(path.join(userData, SENTINEL_FILE), 'utf8')).toBe(before)
  })

  it('confirmed: hands the backup over, lowers the sentinel to it, and the backups after it ask nothing', async () => {
    const { main, older, newer } = await twoBackups([CONFIRM])
    expect((await main.read(older)).snapshot).toBe(small.text)
    expect(await main.sentinel()).toMatchObject({ counts: { cases: small.cases }, lastBackupName: older })
    // The restored database's backups: expected now, so no question, and the larger one may rotate out.
    for (const hour of [9, 10, 11]) {
      main.at(22, hour)
      await main.write(small.text)
    }
    expect(main.asked).toHaveLength(1)
    expect(await main.list()).not.toContain(newer)
    expect(await main.list()).toContain(older)
  })

  it('reading a backup holding as many cases or more asks nothing and changes nothing', async () => {
    const { main, newer } = await twoBackups([])
    const before = await readFile(path.join(userData, SENTINEL_FILE), 'utf8')
    expect((await main.read(newer)).snapshot).toBe(big.text)
    expect(main.asked).toEqual([])
    expect(await readFile(path.join(userData, SENTINEL_FILE), 'utf8')).toBe(before)
  })
})

describe('the USB folder', () => {
  it('is rotated like the main one, leaving damaged backups and other files alone', async () => {
    const main = await mainProcess()
    await writeFile(path.join(usb, '会议记录.docx'), 'not ours')
    const damaged = 'backup-20261120-080000-manual.mrbak'
    await writeFile(path.join(usb, damaged), 'MRBAK1\nbroken')
    for (const hour of [8, 9, 10, 11, 12]) {
      main.at(22, hour)
      await main.write(big.text)
    }
    expect(await main.usbNames()).toEqual(
      [
        '会议记录.docx',
        damaged,
        'backup-20261122-120000-interval.mrbak',
        'backup-20261122-110000-interval.mrbak',
        'backup-20261122-100000-interval.mrbak',
      ]
        .sort()
        .reverse(),
    )
    expect(await main.usbNames()).toEqual((await main.list()).concat(['会议记录.docx', damaged]).sort().reverse())
  })
})

describe('the sentinel', () => {
  const sentinelWith = (cases: number, index: number): Sentinel => ({
    counts: { cases },
    chainHead: { seq: index, hash: '' },
    lastBackupName: `b${index}`,
    lastBackupAt: new Date(2026, 0, 1, 0, index).toISOString(),
    schemaVersion: 5,
  })

  it('never drops without the user: raised by any larger count, lowered only by 确认', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ cases: fc.nat({ max: 9 }), confirms: fc.boolean() }), { minLength: 1, maxLength: 12 }),
        async (steps) => {
          await rm(path.join(userData, SENTINEL_FILE), { force: true })
          let expected: number | null = null
          for (const [index, step] of steps.entries()) {
            const confirm = vi.fn(async () => step.confirms)
            await advanceSentinel(userData, sentinelWith(step.cases, index), 'backup', confirm)
            const drops = expected !== null && step.cases < expected
            if (!drops || step.confirms) expected = step.cases
            expect(confirm).toHaveBeenCalledTimes(drops ? 1 : 0)
            expect((await readSentinel(userData))?.counts.cases).toBe(expected)
          }
        },
      ),
      { numRuns: 40 },
    )
  })
})

describe('the question', () => {
  it('is plain Chinese, with 取消 as the default and as what closing the dialog means', () => {
    expect(caseDropQuestion({ kind: 'backup', cases: 3, previous: 10 })).toMatchObject({
      type: 'warning',
      message: '新的备份只有 3 件案件，比上次少 7 件。是否确认？',
      buttons: ['确认', '取消'],
      defaultId: 1,
      cancelId: 1,
    })
    expect(caseDropQuestion({ kind: 'restore', cases: 0, previous: 2 }).message).toBe(
      '要恢复的备份只有 0 件案件，比上次备份少 2 件。是否确认？',
    )
  })

  it('counts only the 确认 button as a yes, and is attached to the window', async () => {
    const window = { id: 1 }
    const show = vi.fn(async (_window: unknown, _box: MessageBoxOptions) => ({
      response: CANCEL,
      checkboxChecked: false,
    }))
    const confirm = createCaseDropConfirm(show, () => window as never)
    expect(await confirm({ kind: 'backup', cases: 0, previous: 1 })).toBe(false)
    show.mockResolvedValueOnce({ response: CONFIRM, checkboxChecked: false })
    expect(await confirm({ kind: 'backup', cases: 0, previous: 1 })).toBe(true)
    expect(show.mock.calls[0][0]).toBe(window)
  })
})
