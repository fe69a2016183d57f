/**
 * 数据交换's conflict list with a sync conflict in it (src/stores/transfer.ts): one row, 来源 同步, 采用对方
 * as its second choice; refused while the case here is archived (the button's reason and the settlement
 * agree); 保留本机 settles it once and leaves the case queued for the next round. Settling a sync conflict,
 * either way, asks live sync for a round at once (an import conflict does not).
 */
import 'fake-indexeddb/auto'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { getDatabase } from '../../../src/db/connection'
import { caseDocTables, putCaseDoc } from '../../../src/db/caseDocs'
import { createCase } from '../../../src/db/casesRepo'
import { DexieReplica } from '../../../src/db/sync/dexieReplica'
import { useSyncStore } from '../../../src/stores/sync'
import { useTransferStore } from '../../../src/stores/transfer'
import { intake, setUpCommittee } from '../db/caseFixtures'

vi.mock('../../../src/platform', () => ({ platform: () => ({}) }))

afterAll(async () => (await getDatabase()).db.close())

/** one committee for the file's tests (first-run setup happens once per database) */
let setUp: ReturnType<typeof setUpCommittee> | undefined
const committeeOnce = (db: Parameters<typeof setUpCommittee>[0]) => (setUp ??= setUpCommittee(db))

const ARCHIVED_TAKE_REMOTE =
  '本机的案件已归档，不能用对方的版本替换，本机版本保持不变。可以选择“保留本机”；如需采用对方的版本，请先“重新打开”案件并说明理由。'
const GONE = '这条冲突已经处理过或已不存在，没有作任何改动。'

describe('a sync conflict in the conflict list', () => {
  it('is listed with its source, refuses 采用对方 on an archived case, and is settled once by 保留本机', async () => {
    const { db } = await getDatabase()
    const { committee, roomId } = await committeeOnce(db)
    const c = await createCase(db, intake(roomId, { title: '孙立与周梅债务纠纷' }), committee, '测试')
    const replica = new DexieReplica(db)
    const local = (await replica.get(c.id))!.record
    await db.transaction('rw', caseDocTables(db), async () => {
      const doc = (await db.caseDocs.get(c.id))!
      await putCaseDoc(db, { ...doc, status: 'archived', archivedAt: '2026-12-01T02:00:00.000Z' })
    })
    const archived = (await replica.get(c.id))!.record
    const remote = { ...local, title: '孙立与周梅债务纠纷（对方改）', updatedAt: '2026-12-02T03:00:00.000Z' }
    await replica.putConflict({ recordId: c.id, local: archived, remote, remoteRev: '2-aa' })

    setActivePinia(createPinia())
    const transfer = useTransferStore()
    await transfer.loadConflicts()
    expect(transfer.conflicts).toHaveLength(1)
    const [row] = transfer.conflicts
    expect(row).toMatchObject({
      id: `sync:${c.id}`,
      source: 'sync',
      sourceLabel: '同步',
      recordId: c.id,
      tableLabel: '案件',
      caseReadOnly: true,
      refusals: { incoming: ARCHIVED_TAKE_REMOTE },
      theirsAt: '2026-12-02T03:00:00.000Z',
    })
    expect(row!.fields).toEqual(expect.arrayContaining(['纠纷名称', '状态']))

    await expect(transfer.settleConflict(row!.id, 'incoming')).rejects.toThrow(ARCHIVED_TAKE_REMOTE)
    expect(transfer.conflicts).toHaveLength(1)
    expect((await db.caseDocs.get(c.id))!.status).toBe('archived')

    await transfer.settleConflict(row!.id, 'local')
    expect(transfer.conflicts).toHaveLength(0)
    await expect(transfer.settleConflict(row!.id, 'local')).rejects.toThrow(GONE)
    expect(await db.syncRevs.get(c.id)).toEqual({ id: c.id, rev: '2-aa' })
    expect(await db.syncOutbox.get(c.id)).toBeDefined()
  })

  it.each([
    ['保留本机', 'local'],
    ['采用对方', 'incoming'],
  ] as const)('%s asks live sync for a round at once', async (_words, choice) => {
    const { db } = await getDatabase()
    const { committee, roomId } = await committeeOnce(db)
    const c = await createCase(db, intake(roomId, { title: `郑红与钱军相邻纠纷（${choice}）` }), committee, '测试')
    const replica = new DexieReplica(db)
    const local = (await replica.get(c.id))!.record
    const remote = { ...local, facts: '对方电脑上补充的事实', updatedAt: '2026-12-02T03:00:00.000Z' }
    await replica.putConflict({ recordId: c.id, local, remote, remoteRev: '2-bb' })

    setActivePinia(createPinia())
    const sync = useSyncStore()
    // the round's end is not waited for: settling returns while the round still runs
    const syncNow = vi.fn(() => new Promise<void>(() => undefined))
    sync.syncNow = syncNow
    const transfer = useTransferStore()
    await transfer.loadConflicts()
    const row = transfer.conflicts.find((r) => r.recordId === c.id)!
    expect(syncNow).not.toHaveBeenCalled()
    await transfer.settleConflict(row.id, choice)
    expect(syncNow).toHaveBeenCalledTimes(1)
    expect(await db.syncConflicts.get(c.id)).toBeUndefined()
  })

  it('a refused settlement asks for no round', async () => {
    setActivePinia(createPinia())
    const sync = useSyncStore()
    const syncNow = vi.fn(async () => undefined)
    sync.syncNow = syncNow
    const transfer = useTransferStore()
    await expect(transfer.settleConflict('sync:00000000-0000-4000-8000-000000000000', 'local')).rejects.toThrow(GONE)
    expect(syncNow).not.toHaveBeenCalled()
  })
})
