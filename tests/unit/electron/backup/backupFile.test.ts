import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { recoveryKeyOf, testBackupKeys } from './testBackupKeys'

vi.mock('electron', () => ({}))

const { encodeBackup, verifyBackupBytes, checkPayload } = await import('../../../../electron/main/backup/backupFile')
const { createBackupStore } = await import('../../../../electron/main/backup/backupStore')

/** A person's ID number that must never be readable in a backup file. */
const ID_NUMBER = '110101199003077777'
const NAME = '张三丰'
const SNAPSHOT = JSON.stringify({
  format: 'mediation-room/transfer',
  formatVersion: 1,
  schemaVersion: 5,
  appVersion: '0.1.0',
  scope: 'all',
  manifest: { counts: { parties: 2 }, chainHead: { seq: 3, hash: 'cd'.repeat(32) } },
  tables: {
    parties: [
      { name: NAME, idNumber: ID_NUMBER, phone: '13700000005' },
      { name: '李四', idNumber: '110101198001011234' },
    ],
  },
})
const AT = new Date('2026-11-22T08:30:00.000Z')
const thisPc = testBackupKeys('this-pc')
const otherPc = testBackupKeys('other-pc')

/** MRBAK1 as the app wrote it before the vault, built here by hand (the format's written-out layout). */
function mrbak1(snapshot: string): Buffer {
  const payload = gzipSync(Buffer.from(snapshot, 'utf8'))
  const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
  const header = Buffer.from(
    JSON.stringify({
      format: 'mediation-room/backup',
      formatVersion: 1,
      createdAt: AT.toISOString(),
      reason: 'manual',
      appVersion: '0.1.0',
      schemaVersion: 5,
      counts: { parties: 2 },
      chainHead: { seq: 3, hash: 'cd'.repeat(32) },
      payloadSha256: sha(payload),
      payloadBytes: payload.length,
    }),
  )
  return Buffer.concat([
    Buffer.from('MRBAK1\n'),
    header,
    Buffer.from(`\n${sha(Buffer.concat([header, payload]))}\n`),
    payload,
  ])
}

/** The three parts of a container, split by its first two newlines. */
function parts(bytes: Uint8Array) {
  const buffer = Buffer.from(bytes)
  const first = buffer.indexOf(0x0a)
  const second = buffer.indexOf(0x0a, first + 1)
  const third = buffer.indexOf(0x0a, second + 1)
  return {
    magic: buffer.subarray(0, first + 1),
    header: buffer.subarray(first + 1, second),
    payload: buffer.subarray(third + 1),
  }
}

/** Reassembles a container with a new, consistent seal line (as a forger would). */
function reseal(magic: Buffer, header: Buffer, payload: Buffer): Buffer {
  const seal = createHash('sha256')
    .update(Buffer.concat([header, payload]))
    .digest('hex')
  return Buffer.concat([magic, header, Buffer.from(`\n${seal}\n`), payload])
}

/** Every readable form of the bytes: as they are, and whatever gunzip makes of the payload. */
function readableForms(bytes: Uint8Array): string[] {
  const forms = [Buffer.from(bytes).toString('utf8'), Buffer.from(bytes).toString('latin1')]
  const { payload } = parts(bytes)
  for (let offset = 0; offset < Math.min(payload.length, 64); offset++) {
    try {
      forms.push(gunzipSync(payload.subarray(offset)).toString('utf8'))
    } catch {
      // not gzip from here: nothing to read
    }
  }
  return forms
}

describe('MRBAK2', () => {
  it('writes an encrypted backup that this PC reads back exactly', async () => {
    const { bytes, header } = await encodeBackup(SNAPSHOT, 'manual', AT, await thisPc())
    expect(Buffer.from(bytes.subarray(0, 7)).toString()).toBe('MRBAK2\n')
    expect(header).toMatchObject({ formatVersion: 2, counts: { parties: 2 }, keyId: (await thisPc()).keyId })
    expect(checkPayload(bytes).header.createdAt).toBe(AT.toISOString())
    expect((await verifyBackupBytes(bytes, { keys: thisPc })).snapshot).toBe(SNAPSHOT)
  })

  it('holds no ID number, name or phone number in any readable form, and a readable header without them', async () => {
    const { bytes } = await encodeBackup(SNAPSHOT, 'manual', AT, await thisPc())
    for (const form of readableForms(bytes)) {
      for (const secret of [ID_NUMBER, NAME, '13700000005', '1101011990']) expect(form).not.toContain(secret)
    }
    const header = JSON.parse(parts(bytes).header.toString('utf8')) as Record<string, unknown>
    expect(Object.keys(header).sort()).toEqual(
      [
        'appVersion',
        'chainHead',
        'counts',
        'createdAt',
        'encryption',
        'format',
        'formatVersion',
        'keyId',
        'payloadBytes',
        'reason',
        'schemaVersion',
      ].sort(),
    )
  })

  it('refuses a changed header even when the seal line is recomputed', async () => {
    const { bytes } = await encodeBackup(SNAPSHOT, 'manual', AT, await thisPc())
    const { magic, header, payload } = parts(bytes)
    const forged = Buffer.from(header.toString('utf8').replace('"reason":"manual"', '"reason":"quit"'))
    const file = reseal(magic, forged, payload)
    expect(checkPayload(file).header.reason).toBe('quit') // the listing cannot tell without the key…
    await expect(verifyBackupBytes(file, { keys: thisPc })).rejects.toThrow('解密校验未通过') // …reading can
  })

  it('refuses a changed payload byte', async () => {
    const { bytes } = await encodeBackup(SNAPSHOT, 'manual', AT, await thisPc())
    const { magic, header, payload } = parts(bytes)
    const changed = Buffer.from(payload)
    changed[20] ^= 0x01
    await expect(
      verifyBackupBytes(Buffer.from(Buffer.concat([magic, header, Buffer.from(`\n${'0'.repeat(64)}\n`), changed])), {
        keys: thisPc,
      }),
    ).rejects.toThrow('校验值不符')
    await expect(verifyBackupBytes(reseal(magic, header, changed), { keys: thisPc })).rejects.toThrow('解密校验未通过')
  })

  it('still reads MRBAK1 files written before encryption, without asking for a key', async () => {
    const keys = vi.fn(thisPc)
    expect((await verifyBackupBytes(mrbak1(SNAPSHOT), { keys })).snapshot).toBe(SNAPSHOT)
    expect(keys).not.toHaveBeenCalled()
  })
})

describe('a backup from another PC', () => {
  it('asks for the 恢复密钥, refuses a wrong one, and opens with the right one as typed', async () => {
    const { bytes } = await encodeBackup(SNAPSHOT, 'manual', AT, await otherPc())
    await expect(verifyBackupBytes(bytes, { keys: thisPc })).rejects.toMatchObject({
      code: 'needs-recovery-key',
      message: expect.stringContaining('恢复密钥'),
    })
    await expect(
      verifyBackupBytes(bytes, { keys: thisPc, recoveryKey: recoveryKeyOf('this-pc') }),
    ).rejects.toMatchObject({
      code: 'wrong-recovery-key',
    })
    await expect(verifyBackupBytes(bytes, { keys: thisPc, recoveryKey: 'not a key' })).rejects.toMatchObject({
      code: 'wrong-recovery-key',
    })
    const typed = recoveryKeyOf('other-pc')
      .toLowerCase()
      .replace(/(.{4})(?!$)/g, '$1 ')
    expect((await verifyBackupBytes(bytes, { keys: thisPc, recoveryKey: typed })).snapshot).toBe(SNAPSHOT)
  })
})

describe('the backup folder and the USB copy', () => {
  let root: string
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'mr-mrbak2-'))
  })
  afterEach(async () => {
    await rm(root, { recursive: true, force: true })
  })
  const plenty = async () => ({ bavail: 1e9, bsize: 4096 })

  it('writes the same encrypted bytes to both, with no ID number in either', async () => {
    const usb = join(root, 'usb')
    const store = createBackupStore({
      dir: join(root, 'backups'),
      userDataDir: root,
      statfs: plenty,
      extraFolder: async () => usb,
      backupKeys: thisPc,
    })
    const { backup, extraCopy } = await store.writeBackup('manual', SNAPSHOT)
    expect(extraCopy.status).toBe('written')
    const main = await readFile(join(root, 'backups', backup.name))
    const copy = await readFile(join(usb, (await readdir(usb))[0]!))
    expect(copy.equals(main)).toBe(true)
    for (const form of [...readableForms(main), ...readableForms(copy)]) expect(form).not.toContain(ID_NUMBER)
    expect((await store.readBackup(backup.name)).snapshot).toBe(SNAPSHOT)
  })

  it("restores another PC's backup only with that PC's 恢复密钥", async () => {
    const dir = join(root, 'backups')
    const theirs = createBackupStore({
      dir: join(root, 'theirs'),
      userDataDir: join(root, 'theirs'),
      statfs: plenty,
      backupKeys: otherPc,
    })
    const { backup } = await theirs.writeBackup('manual', SNAPSHOT)
    const ours = createBackupStore({ dir, userDataDir: root, statfs: plenty, backupKeys: thisPc })
    await ours.writeBackup('interval', SNAPSHOT) // creates the folder
    await writeFile(join(dir, backup.name), await readFile(join(root, 'theirs', backup.name)))
    await expect(ours.readBackup(backup.name)).rejects.toThrow('需要输入当时的恢复密钥')
    expect((await ours.readBackup(backup.name, recoveryKeyOf('other-pc'))).snapshot).toBe(SNAPSHOT)
  })
})

describe('backup:open-file (a .mrbak chosen in the page, e.g. from a USB stick)', () => {
  it("opens this PC's file, asks for another PC's 恢复密钥 in Chinese, and opens it with that key", async () => {
    const { createBackupChannelHandlers } = await import('../../../../electron/main/handlers/backup')
    const root = await mkdtemp(join(tmpdir(), 'mr-open-file-'))
    try {
      const handlers = createBackupChannelHandlers({
        userDataDir: root,
        chooseFolder: async () => null,
        backupKeys: thisPc,
      })
      const context = { sender: {} } as Parameters<(typeof handlers)['backup:open-file']>[1]
      const ours = (await encodeBackup(SNAPSHOT, 'manual', AT, await thisPc())).bytes
      const theirs = (await encodeBackup(SNAPSHOT, 'manual', AT, await otherPc())).bytes
      expect(await handlers['backup:open-file']({ data: ours }, context)).toEqual({ snapshot: SNAPSHOT })
      await expect(handlers['backup:open-file']({ data: theirs }, context)).rejects.toMatchObject({
        name: 'IpcRefusal',
        message: '这份备份是在另一台电脑上（或重装系统前）做的，需要输入当时的恢复密钥才能打开。',
      })
      expect(
        await handlers['backup:open-file']({ data: theirs, recoveryKey: recoveryKeyOf('other-pc') }, context),
      ).toEqual({ snapshot: SNAPSHOT })
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})

describe('the audit keys a backup carries', () => {
  const HEADER_END = (bytes: Uint8Array) => Buffer.from(bytes).indexOf(0x0a, 7)

  it('are those of the PC that wrote it, read back by whoever can open the file, and by nobody else', async () => {
    const other = await otherPc()
    const { bytes } = await encodeBackup(SNAPSHOT, 'manual', AT, other)
    const hex = (keys: Uint8Array[]) => keys.map((k) => Buffer.from(k).toString('hex'))
    const opened = await verifyBackupBytes(bytes, { keys: thisPc, recoveryKey: recoveryKeyOf('other-pc') })
    expect(hex(opened.auditKeys)).toEqual(hex(other.auditKeys))
    expect(hex((await verifyBackupBytes(bytes, { keys: otherPc })).auditKeys)).toEqual(hex(other.auditKeys))
    // not readable in the file
    const text = Buffer.from(bytes).toString('latin1')
    for (const key of other.auditKeys) {
      expect(text).not.toContain(Buffer.from(key).toString('hex'))
      expect(text).not.toContain(Buffer.from(key).toString('base64'))
    }
  })

  it('are refused when their box was swapped for another file’s (same PC), even with the seal line recomputed', async () => {
    const keys = await thisPc()
    const first = await encodeBackup(SNAPSHOT, 'manual', AT, keys)
    const second = await encodeBackup(SNAPSHOT, 'manual', AT, { ...keys, auditKeys: [new Uint8Array(32).fill(1)] })
    const header = JSON.parse(Buffer.from(first.bytes.subarray(7, HEADER_END(first.bytes))).toString('utf8'))
    const otherBox = second.header.formatVersion === 2 ? second.header.encryption.auditKeys : undefined
    header.encryption.auditKeys = otherBox
    const headerLine = Buffer.from(JSON.stringify(header), 'utf8')
    const payload = first.bytes.subarray(HEADER_END(first.bytes) + 1 + 65)
    const seal = createHash('sha256')
      .update(Buffer.concat([headerLine, payload]))
      .digest('hex')
    const forged = Buffer.concat([Buffer.from('MRBAK2\n'), headerLine, Buffer.from(`\n${seal}\n`), payload])
    await expect(verifyBackupBytes(forged, { keys: thisPc })).rejects.toMatchObject({ code: 'corrupt' })
  })

  it('are none in a file written before they were carried', async () => {
    const keys = await thisPc()
    const { bytes } = await encodeBackup(SNAPSHOT, 'manual', AT, keys)
    const header = JSON.parse(Buffer.from(bytes.subarray(7, HEADER_END(bytes))).toString('utf8'))
    expect(header.encryption.auditKeys).toBeDefined()
    // an older file: the same container without the box (its payload was encrypted with that header)
    const older = await encodeBackup(SNAPSHOT, 'manual', AT, { ...keys, auditKeys: [] })
    const olderHeader = JSON.parse(Buffer.from(older.bytes.subarray(7, HEADER_END(older.bytes))).toString('utf8'))
    expect(olderHeader.encryption).not.toHaveProperty('auditKeys')
    const opened = await verifyBackupBytes(older.bytes, { keys: thisPc })
    expect(opened.snapshot).toBe(SNAPSHOT)
    expect(opened.auditKeys).toEqual([])
  })
})
