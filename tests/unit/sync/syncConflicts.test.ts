/**
 * Sync conflicts as a person meets them (src/db/sync/syncConflicts.ts over dexieReplica.ts) between two PCs'
 * databases and the real loopback server: the same case edited on both is one conflict, on the PC that
 * synced second (the first one's push made the server's revision); it is listed and counted with the
 * import conflicts, compared field by field, settled once; 保留本机 reaches the other PC as a normal change
 * (no new conflict), 采用对方 takes the server's version; 采用对方 on a case archived here is refused and
 * ours kept; pulled and settled changes are in the audit log.
 */
import { beforeAll, afterAll, describe, expect, it } from 'vitest'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { MediationDb } from '../../../src/db/schema'
import { createCase, updateCase } from '../../../src/db/casesRepo'
import { getCaseWithParties } from '../../../src/db/caseQueries'
import { caseDocTables, putCaseDoc } from '../../../src/db/caseDocs'
import { countOpenConflicts } from '../../../src/db/conflictsRepo'
import { settleConflict, syncCases } from '../../../src/db/sync/caseReplication'
import type { RemoteDb } from '../../../src/db/sync/couchHttp'
import { DexieReplica } from '../../../src/db/sync/dexieReplica'
import { joinServer } from '../../../src/db/sync/join'
import { listOpenSyncConflicts, settleSyncConflict } from '../../../src/db/sync/syncConflicts'
import { importCommitteeKey, type CommitteeKey } from '../../../src/db/sync/seal'
import { committeeDbName } from '../../../src/domain/syncServer'
import type { AuditEntry } from '../../../src/domain/types'
import { intake, person, setUpCommittee } from '../db/caseFixtures'
import { basicAuth, createCommitteeDb, startLoopbackServer, type LoopbackServer } from '../../sync/server'

// the refusals as the person reads them, written out
const GONE = '这条冲突已经处理过或已不存在，没有作任何改动。'
const ARCHIVED_TAKE_REMOTE =
  '本机的案件已归档，不能用对方的版本替换，本机版本保持不变。可以选择“保留本机”；如需采用对方的版本，请先“重新打开”案件并说明理由。'

let server: LoopbackServer
let key: CommitteeKey
const pcA = { name: 'conflicts-a', password: 'pw-a-3' }
const pcB = { name: 'conflicts-b', password: 'pw-b-3' }

function pc(name: string): MediationDb {
  return new MediationDb(name, { indexedDB: new IDBFactory(), IDBKeyRange })
}

const queued = async (db: MediationDb): Promise<string[]> => (await db.syncOutbox.toCollection().primaryKeys()).sort()
const entries = async (db: MediationDb, action: string): Promise<AuditEntry[]> =>
  (await db.audit.orderBy('seq').toArray()).filter((e) => e.action === action)

describe('sync conflicts: listed, compared, settled once, replicated, audited', () => {
  const a = pc('conflicts-pc-a')
  const b = pc('conflicts-pc-b')
  const ra = new DexieReplica(a)
  const rb = new DexieReplica(b)
  let remoteA: RemoteDb
  let remoteB: RemoteDb
  let caseId = ''
  const round = async (remote: RemoteDb, replica: DexieReplica) => syncCases(remote, replica, key)

  beforeAll(async () => {
    server = await startLoopbackServer()
    const { committee, roomId } = await setUpCommittee(a)
    await setUpCommittee(b)
    // both share from here on, as after LiveSync's first round
    await Promise.all([joinServer(a), joinServer(b)])
    await createCommitteeDb(server, committee.id, [pcA, pcB])
    key = await importCommitteeKey(new Uint8Array(32).fill(7))
    const url = `${server.url}/${committeeDbName(committee.id)}`
    remoteA = { url, authorization: basicAuth(pcA) }
    remoteB = { url, authorization: basicAuth(pcB) }
    const c = await createCase(
      a,
      intake(roomId, { title: '赵大海与钱小燕房屋租赁纠纷', parties: [person('赵大海', '申请人')] }),
      committee,
      '测试',
    )
    caseId = c.id
    await round(remoteA, ra)
    await round(remoteB, rb)
  })

  afterAll(async () => {
    await server?.stop()
  })

  it('a case taken in from the server is in the audit log, by 同步, with the fields it brought', async () => {
    const pulled = await entries(b, 'sync-pull')
    expect(pulled).toHaveLength(1)
    expect(pulled[0]).toMatchObject({ actor: '同步', entity: 'case', entityId: caseId, caseId })
    expect(pulled[0]!.fields).toEqual(expect.arrayContaining(['title', 'status', 'parties']))
    // the PC that wrote it pushed without taking anything in: no entry there
    expect(await entries(a, 'sync-pull')).toEqual([])
  })

  it('the same case edited on both: one conflict, on the PC that synced second; listed, counted, compared', async () => {
    await updateCase(a, caseId, { title: '房屋租赁纠纷（A改）' }, '测试')
    await updateCase(b, caseId, { facts: 'B补充：押金三千元未退' }, '测试')
    await round(remoteA, ra)
    const second = await round(remoteB, rb)
    expect(second.pull.conflicts + second.push.conflicts).toBe(1)
    expect(await countOpenConflicts(a)).toBe(0)
    expect(await countOpenConflicts(b)).toBe(1)
    const [open] = await listOpenSyncConflicts(b)
    expect(open?.recordId).toBe(caseId)
    expect(open?.caseLabel).toContain('房屋租赁纠纷')
    expect(open?.detectedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    const byLabel = Object.fromEntries(open!.differences.map((d) => [d.label, [d.local, d.incoming]]))
    expect(byLabel['纠纷名称']).toEqual(['赵大海与钱小燕房屋租赁纠纷', '房屋租赁纠纷（A改）'])
    expect(byLabel['纠纷事实']?.[0]).toBe('B补充：押金三千元未退')
  })

  it('保留本机 settles it once; the next rounds converge on ours, the other PC takes it as a normal change', async () => {
    const [open] = await listOpenSyncConflicts(b)
    // two windows press at once: one settles, the other is told it is gone
    const both = await Promise.allSettled([
      settleSyncConflict(b, caseId, 'local', { actor: '调解员乙', seenLocalVersion: open!.localVersion }),
      settleSyncConflict(b, caseId, 'local', { actor: '调解员乙', seenLocalVersion: open!.localVersion }),
    ])
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const refused = both.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect((refused.reason as Error).message).toBe(GONE)
    await expect(settleSyncConflict(b, caseId, 'local', { actor: '调解员乙' })).rejects.toThrow(GONE)
    expect(await countOpenConflicts(b)).toBe(0)

    const pushed = await round(remoteB, rb)
    expect(pushed.push.pushed).toBe(1)
    const onA = await round(remoteA, ra)
    expect(onA.pull.conflicts + onA.push.conflicts).toBe(0)
    expect(onA.pull.taken).toBe(1)
    await round(remoteB, rb)
    const caseA = (await getCaseWithParties(a, caseId))!.case
    const caseB = (await getCaseWithParties(b, caseId))!.case
    expect(caseA.facts).toBe('B补充：押金三千元未退')
    expect(caseA.title).toBe('赵大海与钱小燕房屋租赁纠纷')
    expect(caseB.title).toBe(caseA.title)
    expect(await countOpenConflicts(a)).toBe(0)
    expect(await countOpenConflicts(b)).toBe(0)
    expect(await queued(a)).toEqual([])
    expect(await queued(b)).toEqual([])

    const kept = await entries(b, 'sync-keep-local')
    expect(kept).toHaveLength(1)
    expect(kept[0]).toMatchObject({ actor: '调解员乙', entityId: caseId, caseId })
    expect([...kept[0]!.fields].sort()).toEqual(expect.arrayContaining(['facts', 'title']))
    const takenOnA = (await entries(a, 'sync-pull')).filter((e) => e.entityId === caseId)
    expect(takenOnA).toHaveLength(1)
    expect(takenOnA[0]!.actor).toBe('同步')
    expect(takenOnA[0]!.fields).toEqual(expect.arrayContaining(['facts', 'title']))
  })

  it('采用对方 takes the server version; both converge with no conflict left', async () => {
    await updateCase(a, caseId, { title: '房屋租赁纠纷（A再改）' }, '测试')
    await updateCase(b, caseId, { title: '房屋租赁纠纷（B改）' }, '测试')
    await round(remoteA, ra)
    await round(remoteB, rb)
    expect(await countOpenConflicts(b)).toBe(1)
    await settleSyncConflict(b, caseId, 'incoming', { actor: '调解员乙' })
    expect((await getCaseWithParties(b, caseId))!.case.title).toBe('房屋租赁纠纷（A再改）')
    expect(await queued(b)).toEqual([])
    const next = await round(remoteB, rb)
    expect(next.push.pushed).toBe(0)
    await round(remoteA, ra)
    expect((await getCaseWithParties(a, caseId))!.case.title).toBe('房屋租赁纠纷（A再改）')
    expect(await countOpenConflicts(a)).toBe(0)
    expect(await countOpenConflicts(b)).toBe(0)
    const taken = await entries(b, 'sync-take-remote')
    expect(taken).toHaveLength(1)
    expect(taken[0]).toMatchObject({ actor: '调解员乙', entityId: caseId, fields: ['title', 'updatedAt'] })
  })

  it('采用对方 on a case archived here is refused, ours kept; 保留本机 still settles it', async () => {
    // B archives the case (written straight to its store: the lifecycle's steps are not what is tested)
    await b.transaction('rw', caseDocTables(b), async () => {
      const doc = (await b.caseDocs.get(caseId))!
      await putCaseDoc(b, { ...doc, status: 'archived', archivedAt: '2026-12-01T02:00:00.000Z' })
    })
    await updateCase(a, caseId, { title: '房屋租赁纠纷（A又改）' }, '测试')
    await round(remoteA, ra)
    await round(remoteB, rb)
    const [open] = await listOpenSyncConflicts(b)
    expect(open?.caseReadOnly).toBe(true)
    await expect(settleSyncConflict(b, caseId, 'incoming', { actor: '调解员乙' })).rejects.toThrow(ARCHIVED_TAKE_REMOTE)
    // the replication's own settlement refuses it too, in its transaction
    await expect(settleConflict(rb, caseId, 'take-remote')).rejects.toThrow(ARCHIVED_TAKE_REMOTE)
    const here = (await getCaseWithParties(b, caseId))!.case
    expect(here.status).toBe('archived')
    expect(here.title).toBe('房屋租赁纠纷（A再改）')
    expect(await countOpenConflicts(b)).toBe(1)
    expect(await entries(b, 'sync-take-remote')).toHaveLength(1)

    await settleSyncConflict(b, caseId, 'local', { actor: '调解员乙' })
    await round(remoteB, rb)
    await round(remoteA, ra)
    expect((await getCaseWithParties(a, caseId))!.case.status).toBe('archived')
    expect(await countOpenConflicts(a)).toBe(0)
    expect(await countOpenConflicts(b)).toBe(0)
  })
})
