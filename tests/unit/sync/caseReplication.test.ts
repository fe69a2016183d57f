/**
 * Case documents replicated between two PCs through the real loopback server (src/db/sync/caseReplication.ts):
 * edits on different cases converge; the same case edited on both is a conflict on the PC that came second,
 * never a silent overwrite, settled once, and the settlement replicates; a restart resumes from its checkpoint;
 * the server's documents carry no personal number.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { pullCases, pushCases, settleConflict, syncCases } from '../../../src/db/sync/caseReplication'
import type { RemoteDb } from '../../../src/db/sync/couchHttp'
import { importCommitteeKey, sealForServer, type CommitteeKey } from '../../../src/db/sync/seal'
import { committeeDbName } from '../../../src/domain/syncServer'
import type { CaseDocument } from '../../../src/domain/syncFields'
import { makeCase, makeParty } from '../domain/arbitraries'
import { MemoryReplica } from '../../sync/memoryReplica'
import { committeeRemotes, startLoopbackServer, type LoopbackServer } from '../../sync/server'

const COMMITTEE = '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98'
const pcA = { name: 'room-a', password: 'pw-a-1' }
const pcB = { name: 'room-b', password: 'pw-b-1' }
const ID_A = '110105198001011237'
const PHONE_B = '13900000005'

let server: LoopbackServer
let key: CommitteeKey
let remoteA: RemoteDb
let remoteB: RemoteDb

beforeAll(async () => {
  server = await startLoopbackServer()
  ;[remoteA, remoteB] = (await committeeRemotes(server, COMMITTEE, [pcA, pcB])) as [RemoteDb, RemoteDb]
  key = await importCommitteeKey(new Uint8Array(32).fill(5))
})

afterAll(async () => {
  await server?.stop()
})

function caseDoc(id: string, facts: string, party: { name: string; idNumber?: string; phone?: string }): CaseDocument {
  const c = makeCase({ id, committeeId: COMMITTEE, status: 'accepted', facts, partySummary: party.name })
  return { ...c, parties: [makeParty({ caseId: id, ...party })], sessions: [] }
}

const edited = (doc: CaseDocument, change: Partial<CaseDocument>, at: string): CaseDocument => ({
  ...doc,
  ...change,
  updatedAt: at,
})

describe('case replication against the loopback server', () => {
  const a = new MemoryReplica()
  const b = new MemoryReplica()
  const one = caseDoc('case-one', '申请人称工资未付', { name: '王建国', idNumber: ID_A })
  const two = caseDoc('case-two', '相邻关系纠纷', { name: '赵丽', phone: PHONE_B })

  it('edits on different cases converge on both PCs', async () => {
    a.edit(one)
    b.edit(two)
    await syncCases(remoteA, a, key)
    await syncCases(remoteB, b, key)
    await syncCases(remoteA, a, key)
    for (const r of [a, b]) {
      expect(r.record('case-one')).toEqual(one)
      expect(r.record('case-two')).toEqual(two)
      expect(await r.dirty(10)).toEqual([])
    }
    expect(a.cases.get('case-one')!.rev).toBe(b.cases.get('case-one')!.rev)
  })

  it('the same case edited on both PCs is a conflict on the second, not an overwrite; settled once, it converges', async () => {
    const onA = edited(a.record('case-one')!, { facts: '申请人补充：欠薪三个月' }, '2026-11-05T08:00:00.000Z')
    const onB = edited(b.record('case-one')!, { amountFen: 1_200_000 }, '2026-11-05T08:01:00.000Z')
    a.edit(onA)
    b.edit(onB)
    expect((await syncCases(remoteA, a, key)).push.pushed).toBe(1)
    const second = await syncCases(remoteB, b, key)
    expect(second.pull.conflicts + second.push.conflicts).toBe(1)
    // B keeps its own edit and holds A's as the other side; the server still has A's
    expect(b.record('case-one')).toEqual(onB)
    expect(b.conflicts.get('case-one')).toMatchObject({ local: onB, remote: onA })
    const onServer = await server.request('GET', `/${committeeDbName(COMMITTEE)}/case:case-one`, { as: pcA })
    expect(onServer.body).toMatchObject({ amountFen: onA.amountFen })
    // nothing further moves while it waits
    expect((await syncCases(remoteB, b, key)).push.pushed).toBe(0)
    expect(a.conflicts.size).toBe(0)

    // 保留本机 on B: B's version becomes the next revision, and reaches A
    await settleConflict(b, 'case-one', 'keep-local')
    await expect(settleConflict(b, 'case-one', 'keep-local')).rejects.toThrow('冲突已处理或不存在')
    expect((await syncCases(remoteB, b, key)).push.pushed).toBe(1)
    await syncCases(remoteA, a, key)
    expect(a.record('case-one')).toEqual(onB)
    expect(b.record('case-one')).toEqual(onB)
    expect(a.cases.get('case-one')!.rev).toBe(b.cases.get('case-one')!.rev)
    expect(a.conflicts.size + b.conflicts.size).toBe(0)
  })

  it('采用对方 takes the other version and pushes nothing', async () => {
    const onA = edited(a.record('case-two')!, { category: '邻里纠纷' }, '2026-11-06T08:00:00.000Z')
    const onB = edited(b.record('case-two')!, { peopleCount: 5 }, '2026-11-06T08:01:00.000Z')
    a.edit(onA)
    b.edit(onB)
    await syncCases(remoteA, a, key)
    await syncCases(remoteB, b, key)
    await settleConflict(b, 'case-two', 'take-remote')
    expect(b.record('case-two')).toEqual(onA)
    expect((await syncCases(remoteB, b, key)).push.pushed).toBe(0)
    expect(b.cases.get('case-two')!.rev).toBe(a.cases.get('case-two')!.rev)
  })

  it('a restart resumes from the checkpoint: nothing is pulled twice', async () => {
    await pullCases(remoteA, a, key)
    expect(await pullCases(remoteA, a, key)).toEqual({
      seen: 0,
      taken: 0,
      conflicts: 0,
      unreadable: {},
      otherTypes: [],
    })
    // a PC that has never synced pulls every case once
    const fresh = new MemoryReplica()
    expect(await pullCases(remoteA, fresh, key)).toEqual({
      seen: 2,
      taken: 2,
      conflicts: 0,
      unreadable: {},
      otherTypes: [],
    })
    expect(await pullCases(remoteA, fresh, key)).toEqual({
      seen: 0,
      taken: 0,
      conflicts: 0,
      unreadable: {},
      otherTypes: [],
    })
    expect(fresh.record('case-one')).toEqual(a.record('case-one'))
  })

  it('the server refuses a change to an archived case, and says so', async () => {
    const archived = edited(a.record('case-two')!, { status: 'archived' }, '2026-11-07T08:00:00.000Z')
    a.edit(archived)
    expect((await pushCases(remoteA, a, key)).pushed).toBe(1)
    a.edit(edited(archived, { peopleCount: 9 }, '2026-11-07T09:00:00.000Z'))
    expect((await pushCases(remoteA, a, key)).refused).toEqual({ 'case-two': '已归档的案件不能修改，请先重新打开' })
  })

  it('an interrupted push is retried; a push whose answer was lost is recognised, not doubled nor a conflict', async () => {
    const onA = edited(a.record('case-one')!, { peopleCount: 4 }, '2026-11-08T08:00:00.000Z')
    a.edit(onA)
    // the server cannot be reached: nothing changes here
    const unreachable: RemoteDb = { ...remoteA, url: 'http://127.0.0.1:9/' + committeeDbName(COMMITTEE) }
    await expect(pushCases(unreachable, a, key)).rejects.toThrow()
    const waiting = async (): Promise<CaseDocument[]> =>
      (await a.dirty(10)).map((c) => c.record).filter((r) => r.id === 'case-one')
    expect(await waiting()).toEqual([onA])
    // the push reached the server but its answer was lost: the same content is there under a newer revision
    const before = a.cases.get('case-one')!.rev
    const sealed = await sealForServer('case', onA, key)
    const applied = await server.request('PUT', `/${committeeDbName(COMMITTEE)}/case:case-one`, {
      as: pcA,
      body: { ...sealed, _rev: before },
    })
    expect(applied.status).toBe(201)
    expect(await pushCases(remoteA, a, key)).toMatchObject({ pushed: 0, conflicts: 0 })
    expect(await waiting()).toEqual([])
    expect(a.cases.get('case-one')!.rev).toBe((applied.body as { rev: string }).rev)
    expect(a.conflicts.size).toBe(0)
  })

  it('a document changed on the server is reported and passed over; the others still come', async () => {
    const db = `/${committeeDbName(COMMITTEE)}`
    const stored = (await server.request('GET', `${db}/case:case-one`, { as: server.admin })).body as Record<
      string,
      unknown
    >
    const changed = await server.request('PUT', `${db}/case:case-one`, {
      as: server.admin,
      body: { ...stored, amountFen: 1 },
    })
    expect(changed.status).toBe(201)
    const fresh = new MemoryReplica()
    const pulled = await pullCases(remoteB, fresh, key)
    expect(Object.keys(pulled.unreadable)).toEqual(['case-one'])
    expect(pulled.unreadable['case-one']).toContain('无法解密')
    expect(fresh.record('case-one')).toBeUndefined()
    expect(fresh.record('case-two')).toMatchObject({ status: 'archived', category: '邻里纠纷' })
  })

  it('a case edited while the clock ran a year ahead is refused, and goes up stamped now once the clock is right', async () => {
    const clock = caseDoc('case-clock', '钟表快了一年', { name: '钱多多' })
    a.edit(clock)
    expect((await pushCases(remoteA, a, key)).pushed).toBe(1)
    const yearAhead = new Date(Date.now() + 365 * 24 * 3600_000)
    a.edit(edited(a.record('case-clock')!, { peopleCount: 7 }, yearAhead.toISOString()))
    // the PC's clock still says next year: nothing restamped, the server refuses by its own clock
    vi.useFakeTimers({ toFake: ['Date'], now: yearAhead })
    const refused = await pushCases(remoteA, a, key)
      .then((r) => r.refused)
      .finally(() => vi.useRealTimers())
    expect(refused['case-clock']).toBe('修改时间比服务器时间晚，请校准这台电脑的日期和时间')
    expect(a.record('case-clock')!.updatedAt).toBe(yearAhead.toISOString())
    // the clock put right: stamped now, here and on the server, and pushed once
    const before = Date.now()
    expect((await pushCases(remoteA, a, key)).pushed).toBe(1)
    const stamp = Date.parse(a.record('case-clock')!.updatedAt)
    expect(stamp).toBeGreaterThanOrEqual(before)
    expect(stamp).toBeLessThanOrEqual(Date.now())
    expect(a.record('case-clock')!.peopleCount).toBe(7)
    expect((await a.dirty(10)).map((c) => c.record.id)).not.toContain('case-clock')
    await syncCases(remoteB, b, key)
    expect(b.record('case-clock')).toEqual(a.record('case-clock'))
  })

  it("a server admin reading the database sees no party's ID or phone number, nor name", async () => {
    const all = await server.request('GET', `/${committeeDbName(COMMITTEE)}/_all_docs?include_docs=true`, {
      as: server.admin,
    })
    const json = JSON.stringify(all.body)
    expect(json).toContain('case:case-one')
    for (const secret of [ID_A, PHONE_B, '王建国', '赵丽', '工资未付', '相邻关系']) expect(json).not.toContain(secret)
  })
})
