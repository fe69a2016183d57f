/**
 * Case replication over the app's own store (src/db/sync/dexieReplica.ts, outbox.ts) between two PCs'
 * databases and the real loopback server: every case write, whichever repository makes it, queues the
 * case; a case from the other PC arrives through the app's write path (its digest listed, readable with its
 * parties); edits converge; the same case edited on both is a conflict, settled once; an edit made while a
 * round runs is never overwritten; cases stored before the PC joined are queued once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { MediationDb } from '../../../src/db/schema'
import { createCase, updateCase } from '../../../src/db/casesRepo'
import { caseDocTables, putCaseDoc } from '../../../src/db/caseDocs'
import { getCaseWithParties } from '../../../src/db/caseQueries'
import { settleConflict, syncCases } from '../../../src/db/sync/caseReplication'
import type { RemoteDb } from '../../../src/db/sync/couchHttp'
import { ChangedMeanwhileError, DexieReplica, queueUnsyncedCases } from '../../../src/db/sync/dexieReplica'
import { joinServer } from '../../../src/db/sync/join'
import { importCommitteeKey, type CommitteeKey } from '../../../src/db/sync/seal'
import { committeeDbName } from '../../../src/domain/syncServer'
import { intake, person, setUpCommittee } from '../db/caseFixtures'
import { basicAuth, createCommitteeDb, startLoopbackServer, type LoopbackServer } from '../../sync/server'

let server: LoopbackServer
let key: CommitteeKey
const pcA = { name: 'dexie-a', password: 'pw-a-2' }
const pcB = { name: 'dexie-b', password: 'pw-b-2' }

function pc(name: string): MediationDb {
  return new MediationDb(name, { indexedDB: new IDBFactory(), IDBKeyRange })
}

const queued = async (db: MediationDb): Promise<string[]> => (await db.syncOutbox.toCollection().primaryKeys()).sort()

/**
 * A replica through which the app writes the case once, after the server has taken a push and before this PC
 * records it: the moment a mediator's autosave can land in. (The recording is one transaction: an edit lands
 * before it or after it. Before it, the old two-step recording read the case, then failed to write it.)
 */
class RacingReplica extends DexieReplica {
  constructor(
    db: MediationDb,
    private readonly edit: () => Promise<unknown>,
  ) {
    super(db)
  }

  override async confirmPushed(taken: Parameters<DexieReplica['confirmPushed']>[0]) {
    await this.edit()
    return super.confirmPushed(taken)
  }
}

describe('the outbox: once the PC has joined a server, every case write queues the case, in the same transaction', () => {
  it('before the PC joins, a write keeps no outbox row; joining queues what is stored; later writes are queued', async () => {
    const db = pc('outbox-join')
    const { committee, roomId } = await setUpCommittee(db)
    const first = await createCase(db, intake(roomId), committee, '测试')
    await updateCase(db, first.id, { title: '相邻通行纠纷（改）' }, '测试')
    expect(await queued(db)).toEqual([])
    expect(await joinServer(db)).toBe(1)
    expect(await queued(db)).toEqual([first.id])
    await db.syncOutbox.clear()
    const second = await createCase(db, intake(roomId), committee, '测试')
    await updateCase(db, first.id, { title: '相邻通行纠纷（再改）' }, '测试')
    expect(await queued(db)).toEqual([first.id, second.id].sort())
  })

  it('a PC that shared before the join row existed (server revisions stored) queues every write', async () => {
    const db = pc('outbox-joined-before')
    const { committee, roomId } = await setUpCommittee(db)
    await db.syncRevs.put({ id: 'a-case-the-server-has', rev: '1-abc' })
    const c = await createCase(db, intake(roomId), committee, '测试')
    expect(await queued(db)).toEqual([c.id])
  })

  it('a PC that stops sharing keeps queueing: its synced cases edited meanwhile go up when it shares again', async () => {
    const db = pc('outbox-left')
    const { committee, roomId } = await setUpCommittee(db)
    const c = await createCase(db, intake(roomId), committee, '测试')
    await joinServer(db)
    // the server took it, then sync was switched off (nothing of the join is undone)
    await db.syncOutbox.clear()
    await db.syncRevs.put({ id: c.id, rev: '1-abc' })
    await updateCase(db, c.id, { title: '停用同步后修改' }, '测试')
    expect(await queued(db)).toEqual([c.id])
  })

  it('an intake and an edit queue the case, each with a new mark; a read does not', async () => {
    const db = pc('outbox-writes')
    const { committee, roomId } = await setUpCommittee(db)
    await joinServer(db)
    expect(await queued(db)).toEqual([])
    const c = await createCase(db, intake(roomId, { parties: [person('王建国', '申请人')] }), committee, '测试')
    expect(await queued(db)).toEqual([c.id])
    const first = (await db.syncOutbox.get(c.id))!.mark
    await getCaseWithParties(db, c.id)
    expect((await db.syncOutbox.get(c.id))!.mark).toBe(first)
    await updateCase(db, c.id, { title: '相邻通行纠纷（改）' }, '测试')
    expect((await db.syncOutbox.get(c.id))!.mark).not.toBe(first)
  })

  it('a failed write queues nothing: the outbox row goes with the aborted transaction', async () => {
    const db = pc('outbox-abort')
    const { committee, roomId } = await setUpCommittee(db)
    await joinServer(db)
    const c = await createCase(db, intake(roomId), committee, '测试')
    await db.syncOutbox.clear()
    await expect(
      db.transaction('rw', [db.caseDocs, db.caseIndex], async () => {
        const doc = (await db.caseDocs.get(c.id))!
        await db.caseDocs.put({ ...doc, title: '不会保存' })
        throw new Error('abort')
      }),
    ).rejects.toThrow('abort')
    expect(await queued(db)).toEqual([])
    expect((await db.caseDocs.get(c.id))!.title).not.toBe('不会保存')
  })

  it('cases stored before the PC joined are queued once; those the server has seen are not', async () => {
    const db = pc('outbox-queue-once')
    const { committee, roomId } = await setUpCommittee(db)
    const [x, y, z] = await Promise.all([1, 2, 3].map(() => createCase(db, intake(roomId), committee, '测试')))
    await db.syncOutbox.clear()
    await db.syncRevs.put({ id: y!.id, rev: '1-abc' })
    expect(await queueUnsyncedCases(db)).toBe(2)
    expect(await queued(db)).toEqual([x!.id, z!.id].sort())
    expect(await queueUnsyncedCases(db)).toBe(0)
  })
})

describe('two PCs sharing cases through the loopback server', () => {
  const a = pc('pc-a')
  const b = pc('pc-b')
  const ra = new DexieReplica(a)
  const rb = new DexieReplica(b)
  let remoteA: RemoteDb
  let remoteB: RemoteDb
  let caseId = ''

  beforeAll(async () => {
    server = await startLoopbackServer()
    const { committee } = await setUpCommittee(a)
    await setUpCommittee(b)
    // both share from here on, as after LiveSync's first round
    await Promise.all([joinServer(a), joinServer(b)])
    await createCommitteeDb(server, committee.id, [pcA, pcB])
    key = await importCommitteeKey(new Uint8Array(32).fill(9))
    const url = `${server.url}/${committeeDbName(committee.id)}`
    remoteA = { url, authorization: basicAuth(pcA) }
    remoteB = { url, authorization: basicAuth(pcB) }
  })

  afterAll(async () => {
    await server?.stop()
  })

  it('a case registered on A arrives on B through the app write path: readable with its parties, listed', async () => {
    const committee = (await a.committees.toArray())[0]!
    const roomId = (await a.rooms.toArray())[0]!.id
    const c = await createCase(
      a,
      intake(roomId, { title: '王建国与李明欠薪纠纷', parties: [person('王建国', '申请人')] }),
      committee,
      '测试',
    )
    caseId = c.id
    expect((await syncCases(remoteA, ra, key)).push.pushed).toBe(1)
    expect(await queued(a)).toEqual([])
    const onB = await syncCases(remoteB, rb, key)
    expect(onB.pull.taken).toBe(1)
    const arrived = await getCaseWithParties(b, caseId)
    expect(arrived?.case.title).toBe('王建国与李明欠薪纠纷')
    expect(arrived?.parties.map((p) => p.name)).toEqual(['王建国'])
    // the digest index holds it too, so the lists show it
    const shards = await b.caseIndex.toArray()
    expect(JSON.stringify(shards)).toContain(caseId)
    // taken from the server, it is not queued to go back
    expect(await queued(b)).toEqual([])
    expect((await syncCases(remoteB, rb, key)).push.pushed).toBe(0)
  })

  it('a pull of new cases asks IndexedDB for no outbox row: none is written to be deleted again', async () => {
    // a third PC, counting the requests that reach its outbox table (below every middleware)
    const c = pc('pc-c')
    const outboxRequests = { put: 0, delete: 0 }
    c.use({
      stack: 'dbcore',
      name: 'countOutboxRequests',
      level: -100,
      create: (down) => ({
        ...down,
        table(name) {
          const table = down.table(name)
          if (name !== 'syncOutbox') return table
          return {
            ...table,
            mutate(req) {
              if (req.type === 'put' || req.type === 'add') outboxRequests.put += req.values.length
              if (req.type === 'delete') outboxRequests.delete += req.keys.length
              return table.mutate(req)
            },
          }
        },
      }),
    })
    await setUpCommittee(c)
    const committee = (await a.committees.toArray())[0]!
    const roomId = (await a.rooms.toArray())[0]!.id
    for (const n of [1, 2, 3]) await createCase(a, intake(roomId, { title: `新案件${n}` }), committee, '测试')
    await syncCases(remoteA, ra, key)
    outboxRequests.put = 0
    outboxRequests.delete = 0
    const onC = await syncCases(remoteB, new DexieReplica(c), key)
    expect(onC.pull.taken).toBe(4) // the first test's case and these three
    expect(await c.caseDocs.count()).toBe(4)
    expect(await queued(c)).toEqual([])
    expect(outboxRequests).toEqual({ put: 0, delete: 0 })
  })

  it('an edit on B reaches A', async () => {
    await updateCase(b, caseId, { title: '欠薪纠纷（B改）' }, '测试')
    expect((await syncCases(remoteB, rb, key)).push.pushed).toBe(1)
    await syncCases(remoteA, ra, key)
    expect((await getCaseWithParties(a, caseId))?.case.title).toBe('欠薪纠纷（B改）')
  })

  it('the same case edited on both: a conflict on the second PC, settled once, converged', async () => {
    await updateCase(a, caseId, { title: 'A的标题' }, '测试')
    await updateCase(b, caseId, { facts: 'B补充的案情' }, '测试')
    await syncCases(remoteA, ra, key)
    const second = await syncCases(remoteB, rb, key)
    expect(second.pull.conflicts + second.push.conflicts).toBe(1)
    expect(await b.syncConflicts.count()).toBe(1)
    // B keeps its own edit meanwhile
    expect((await getCaseWithParties(b, caseId))?.case.facts).toBe('B补充的案情')
    await settleConflict(rb, caseId, 'keep-local')
    expect(await b.syncConflicts.count()).toBe(0)
    await syncCases(remoteB, rb, key)
    await syncCases(remoteA, ra, key)
    const onA = await getCaseWithParties(a, caseId)
    const onB = await getCaseWithParties(b, caseId)
    expect(onA?.case.facts).toBe('B补充的案情')
    expect(onA?.case.title).toBe(onB?.case.title)
    expect(await queued(a)).toEqual([])
    expect(await queued(b)).toEqual([])
  })

  it('a case number given on one PC survives either settlement of a conflict with the unnumbered version', async () => {
    const committee = (await a.committees.toArray())[0]!
    const roomId = (await a.rooms.toArray())[0]!.id
    const numbered = async (db: MediationDb, id: string, caseNo: string) =>
      db.transaction('rw', caseDocTables(db), async () => {
        const doc = (await db.caseDocs.get(id))!
        await putCaseDoc(db, { ...doc, caseNo })
      })
    const caseNoOf = async (db: MediationDb, id: string) => (await getCaseWithParties(db, id))?.case.caseNo
    const lastAction = async (db: MediationDb) => (await db.audit.orderBy('seq').last())?.action

    // 采用对方 on the PC that numbered it: the other PC's facts, this PC's number, sent up again
    const c = await createCase(a, intake(roomId, { title: '待编号的案件' }), committee, '测试')
    await syncCases(remoteA, ra, key)
    await syncCases(remoteB, rb, key)
    await numbered(a, c.id, '（2026）城关调字第71号')
    await updateCase(b, c.id, { facts: '乙机补充的案情' }, '测试')
    await syncCases(remoteB, rb, key)
    expect((await syncCases(remoteA, ra, key)).pull.conflicts).toBe(1)
    await settleConflict(ra, c.id, 'take-remote')
    expect(await lastAction(a)).toBe('sync-take-remote')
    expect(await caseNoOf(a, c.id)).toBe('（2026）城关调字第71号')
    expect((await getCaseWithParties(a, c.id))?.case.facts).toBe('乙机补充的案情')
    expect(await queued(a)).toEqual([c.id])
    await syncCases(remoteA, ra, key)
    await syncCases(remoteB, rb, key)
    expect(await caseNoOf(b, c.id)).toBe('（2026）城关调字第71号')

    // 保留本机 on a PC whose own version has no number: its facts, the number the server has
    const d = await createCase(a, intake(roomId, { title: '另一件待编号的案件' }), committee, '测试')
    await syncCases(remoteA, ra, key)
    await syncCases(remoteB, rb, key)
    await numbered(a, d.id, '（2026）城关调字第72号')
    await syncCases(remoteA, ra, key)
    await updateCase(b, d.id, { facts: '乙机离线时补充' }, '测试')
    const onB = await syncCases(remoteB, rb, key)
    expect(onB.pull.conflicts + onB.push.conflicts).toBe(1)
    await settleConflict(rb, d.id, 'keep-local')
    expect(await lastAction(b)).toBe('sync-keep-local')
    expect(await caseNoOf(b, d.id)).toBe('（2026）城关调字第72号')
    await syncCases(remoteB, rb, key)
    await syncCases(remoteA, ra, key)
    expect(await caseNoOf(a, d.id)).toBe('（2026）城关调字第72号')
    expect((await getCaseWithParties(a, d.id))?.case.facts).toBe('乙机离线时补充')
  })

  it('an edit made between the replication reading a case and writing it is never overwritten', async () => {
    const before = await ra.get(caseId)
    await updateCase(a, caseId, { title: '同步时修改' }, '测试')
    await expect(ra.put({ record: before!.record, rev: before!.rev, dirty: false })).rejects.toBeInstanceOf(
      ChangedMeanwhileError,
    )
    expect((await getCaseWithParties(a, caseId))?.case.title).toBe('同步时修改')
    expect(await queued(a)).toEqual([caseId])
    // the next round sends it
    expect((await syncCases(remoteA, ra, key)).push.pushed).toBe(1)
    await syncCases(remoteB, rb, key)
    expect((await getCaseWithParties(b, caseId))?.case.title).toBe('同步时修改')
  })

  it('an edit landing after the server took a push, before the push is recorded here, goes up next: no conflict with itself', async () => {
    // the mediator writes the case (a new session) in the moment between the server's answer and this PC
    // recording the new revision: once, right after the push's own read of what it sent
    const edit = () => updateCase(a, caseId, { title: '推送确认时修改' }, '测试')
    const racing = new RacingReplica(a, edit)
    await updateCase(a, caseId, { title: '推送前的修改' }, '测试')
    await syncCases(remoteA, racing, key)
    expect((await getCaseWithParties(a, caseId))?.case.title).toBe('推送确认时修改')
    // the next rounds send the edit, and A never finds its own earlier push in conflict with it
    await syncCases(remoteA, ra, key)
    await syncCases(remoteA, ra, key)
    expect(await a.syncConflicts.count()).toBe(0)
    expect(await queued(a)).toEqual([])
    await syncCases(remoteB, rb, key)
    expect((await getCaseWithParties(b, caseId))?.case.title).toBe('推送确认时修改')
    expect(await b.syncConflicts.count()).toBe(0)
  })

  it('a restart resumes from the stored checkpoint: nothing is taken twice', async () => {
    const fresh = new DexieReplica(b)
    expect(await fresh.readCheckpoint()).toBeDefined()
    const again = await syncCases(remoteB, fresh, key)
    expect(again.pull.taken).toBe(0)
    expect(again.push.pushed).toBe(0)
  })
})
