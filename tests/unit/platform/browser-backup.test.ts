import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { createBrowserBackupHost } from '../../../src/platform/browser-backup'
import { exportAll, serializeTransferFile } from '../../../src/db/transfer/export'
import { dbContentArb, freshDb, load } from '../transfer/arbitraries'

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
})
