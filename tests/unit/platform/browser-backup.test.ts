import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { createBrowserBackupHost } from '../../../src/platform/browser-backup'
import { exportAll, serializeTransferFile } from '../../../src/db/transfer/export'
import { dbContentArb, freshDb, load } from '../transfer/arbitraries'
import Dexie from 'dexie'

const DATA_KEY = new Uint8Array(32).fill(7)
const ID_NUMBER = '110101199003077777'
const SNAPSHOT = JSON.stringify({
  format: 'mediation-room/transfer',
  formatVersion: 1,
  schemaVersion: 5,
  appVersion: '0.1.0',
  scope: 'all',
  manifest: { counts: { parties: 1 }, chainHead: { seq: 0, hash: '' } },
  tables: { parties: [{ name: '张三丰', idNumber: ID_NUMBER }] },
})

/** Every row of the backup database as stored, bytes read as Latin-1 and UTF-8 text. */
async function rawRows(indexedDB: IDBFactory): Promise<string> {
  const raw = new Dexie('mediation-room-backups', { indexedDB, IDBKeyRange })
  raw.version(1).stores({ backups: 'name', meta: 'key' })
  const rows = await raw.table('backups').toArray()
  raw.close()
  const text = (value: unknown): string =>
    value instanceof Uint8Array
      ? Buffer.from(value).toString('latin1') + Buffer.from(value).toString('utf8')
      : typeof value === 'object' && value !== null
        ? Object.values(value).map(text).join('|')
        : String(value)
  return rows.map(text).join('\n')
}

describe('browser backup host', () => {
  it('writes, lists, reads back, keeps the newest 10 and updates the sentinel', async () => {
    const [content] = fc.sample(
      dbContentArb.filter((c) => c.cases.length > 0),
      { numRuns: 1, seed: 9 },
    )
    const db = freshDb()
    await load(db, content)
    const snapshot = serializeTransferFile(await exportAll(db))
    let t = new Date(2026, 10, 22, 8, 0, 0).getTime()
    const host = createBrowserBackupHost({
      indexedDB: new IDBFactory(),
      IDBKeyRange,
      now: () => new Date((t += 60_000)),
      dataKey: async () => DATA_KEY,
    })
    let last = ''
    for (let i = 0; i < 12; i++) last = (await host.writeBackup({ reason: 'interval', snapshot })).backup.name
    const list = await host.listBackups()
    expect(list).toHaveLength(10)
    expect(list[0].name).toBe(last)
    expect(list.every((b) => b.verified && b.counts.cases === content.cases.length)).toBe(true)
    expect((await host.readBackup({ name: last })).snapshot).toBe(snapshot)
    expect((await host.readSentinel())?.lastBackupName).toBe(last)
    await expect(host.writeBackup({ reason: 'manual', snapshot: '{"format":"x"}' })).rejects.toThrow('未写入')
  })

  it('keeps no ID number or name readable in the database, and reads back only with its key', async () => {
    const indexedDB = new IDBFactory()
    const host = createBrowserBackupHost({ indexedDB, IDBKeyRange, dataKey: async () => DATA_KEY })
    const { backup } = await host.writeBackup({ reason: 'manual', snapshot: SNAPSHOT })
    const stored = await rawRows(indexedDB)
    expect(stored).toContain(backup.name)
    expect(stored).not.toContain(ID_NUMBER)
    expect(stored).not.toContain('张三丰')
    expect((await host.readBackup({ name: backup.name })).snapshot).toBe(SNAPSHOT)
    const otherKey = createBrowserBackupHost({
      indexedDB,
      IDBKeyRange,
      dataKey: async () => new Uint8Array(32).fill(8),
    })
    await expect(otherKey.readBackup({ name: backup.name })).rejects.toThrow('解密校验未通过')
  })

  it('seals backups written before encryption on first use', async () => {
    const indexedDB = new IDBFactory()
    const raw = new Dexie('mediation-room-backups', { indexedDB, IDBKeyRange })
    raw.version(1).stores({ backups: 'name', meta: 'key' })
    const name = 'backup-20261122-083000-manual.mrbak'
    const info = {
      name,
      createdAt: '2026-11-22T00:30:00.000Z',
      reason: 'manual',
      sizeBytes: SNAPSHOT.length,
      counts: { parties: 1 },
      chainHead: { seq: 0, hash: '' },
      appVersion: '0.1.0',
      schemaVersion: 5,
      verified: true,
    }
    await raw.table('backups').add({ name, info, snapshot: SNAPSHOT, sha256: 'old' })
    raw.close()
    const host = createBrowserBackupHost({ indexedDB, IDBKeyRange, dataKey: async () => DATA_KEY })
    expect((await host.listBackups()).map((b) => [b.name, b.verified])).toEqual([[name, true]])
    expect(await rawRows(indexedDB)).not.toContain(ID_NUMBER)
    expect((await host.readBackup({ name })).snapshot).toBe(SNAPSHOT)
  })

  it('answers "no backups" on a new profile without creating their database, and reads it once written', async () => {
    const indexedDB = new IDBFactory()
    const names = async () => (await indexedDB.databases()).map((d) => d.name)
    const host = createBrowserBackupHost({ indexedDB, IDBKeyRange, dataKey: async () => DATA_KEY })
    expect(await host.readSentinel()).toBeNull()
    expect(await host.listBackups()).toEqual([])
    expect(await names()).not.toContain('mediation-room-backups')
    const { backup } = await host.writeBackup({ reason: 'manual', snapshot: SNAPSHOT })
    expect((await host.readSentinel())?.lastBackupName).toBe(backup.name)
    expect((await host.listBackups()).map((b) => b.name)).toEqual([backup.name])
    // another host on the same profile (the next start) finds the database there
    const next = createBrowserBackupHost({ indexedDB, IDBKeyRange, dataKey: async () => DATA_KEY })
    expect((await next.readSentinel())?.lastBackupName).toBe(backup.name)
    expect((await next.listBackups()).map((b) => b.name)).toEqual([backup.name])
  })
})
