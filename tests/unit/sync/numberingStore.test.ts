/**
 * The accept path with and without sync numbering (src/db/casesRepo.ts, src/db/sync/numberingState.ts), and
 * a sync round's numbering against the real loopback server (src/db/sync/numberingStore.ts): a PC that does
 * not share cases numbers exactly as before; one that does takes a held block's next number, or accepts as
 * 待编号 and has it numbered by the next round, with its audit entry; the committee's numbers from before it
 * shared cases are never handed out again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyAction, createCase } from '../../../src/db/casesRepo'
import { verifyAuditLog } from '../../../src/db/audit'
import { restoreSnapshot, takeSnapshot } from '../../../src/db/snapshot'
import type { RemoteDb } from '../../../src/db/sync/couchHttp'
import {
  NUMBERING_SETTING,
  readNumbering,
  restoredSetting,
  startSyncNumbering,
  writeNumbering,
} from '../../../src/db/sync/numberingState'
import { NUMBERING_ACTOR, syncNumberingActive, topUpNumbers } from '../../../src/db/sync/numberingStore'
import type { MediationDb } from '../../../src/db/schema'
import type { Committee } from '../../../src/domain/types'
import { committeeDbName, counterDocId } from '../../../src/domain/syncServer'
import { freshDb } from '../db/helpers'
import { intake, setUpCommittee } from '../db/caseFixtures'
import { basicAuth, createCommitteeDb, startLoopbackServer, type LoopbackServer } from '../../sync/server'

const accept = (mediatorIds: string[], acceptedOn = '2026-03-02') => ({ acceptedOn, deadlineDays: 30, mediatorIds })
/** The committee's numbers as the default pattern writes them (written out, not rendered by the code). */
const no = (year: number, seq: number): string => `（${year}）城关镇调字第${String(seq).padStart(3, '0')}号`
const MARCH = new Date('2026-03-05T02:00:00Z')

async function pcWithCase(): Promise<{ db: MediationDb; committee: Committee; mediatorIds: string[]; id: string }> {
  const db = freshDb()
  const { committee, roomId, mediatorIds } = await setUpCommittee(db)
  const c = await createCase(db, intake(roomId), committee, '测试')
  return { db, committee, mediatorIds, id: c.id }
}

describe('accepting a case, with and without sync numbering', () => {
  it('a PC that does not share cases numbers from its local counter and keeps no numbering state', async () => {
    const { db, committee, mediatorIds, id } = await pcWithCase()
    expect(await syncNumberingActive(db)).toBe(false)
    const c = await applyAction(db, id, 'accept', accept(mediatorIds), committee, '测试')
    expect(c.caseNo).toBe(no(2026, 1))
    expect(await db.settings.get(NUMBERING_SETTING)).toBeUndefined()
    expect((await db.counters.toArray()).map((r) => r.value)).toEqual([1])
  })

  it('a PC that shares cases takes the next number of the block it holds, in the acceptance transaction', async () => {
    const { db, committee, mediatorIds, id } = await pcWithCase()
    await startSyncNumbering(db, 'desk-1')
    expect(await syncNumberingActive(db)).toBe(true)
    const state = (await readNumbering(db))!
    const block = { year: 2026, requestId: 'r1', start: 21, end: 31, nextFree: 21 }
    await db.transaction('rw', [db.settings], () =>
      writeNumbering(db, { ...state, local: { ...state.local, blocks: [block] } }),
    )

    const c = await applyAction(db, id, 'accept', accept(mediatorIds), committee, '测试')
    expect(c.caseNo).toBe(no(2026, 21))
    expect((await db.caseDocs.get(id))?.caseNo).toBe(no(2026, 21))
    expect((await readNumbering(db))?.local.blocks).toEqual([{ ...block, nextFree: 22 }])
    expect(await db.counters.count()).toBe(0)
    const last = (await db.audit.orderBy('seq').last())!
    expect(last.action).toBe('transition:accept')
    expect(last.fields).toContain('caseNo')
  })

  it('without a free number the case is accepted as 待编号: no number stored, the case waits, nothing else differs', async () => {
    const { db, committee, mediatorIds, id } = await pcWithCase()
    await startSyncNumbering(db, 'desk-1')
    const c = await applyAction(db, id, 'accept', accept(mediatorIds), committee, '测试')
    expect(c.status).toBe('accepted')
    expect(c.acceptedOn).toBe('2026-03-02')
    expect(c.dueOn).toBeDefined()
    expect('caseNo' in c).toBe(false)
    expect((await db.caseDocs.get(id))?.caseNo).toBeUndefined()
    expect((await readNumbering(db))?.waiting).toEqual([id])
    const last = (await db.audit.orderBy('seq').last())!
    expect(last.action).toBe('transition:accept')
    expect(last.fields).not.toContain('caseNo')
    expect((await verifyAuditLog(db)).ok).toBe(true)
  })

  it('a refused acceptance takes no number and leaves the case out of the waiting list', async () => {
    const { db, committee, id } = await pcWithCase()
    await startSyncNumbering(db, 'desk-1')
    const state = (await readNumbering(db))!
    const block = { year: 2026, requestId: 'r1', start: 1, end: 11, nextFree: 1 }
    await db.transaction('rw', [db.settings], () =>
      writeNumbering(db, { ...state, local: { ...state.local, blocks: [block] } }),
    )
    await expect(applyAction(db, id, 'accept', accept([]), committee, '测试')).rejects.toThrow('请指派至少一名调解员')
    expect((await readNumbering(db))?.local.blocks).toEqual([block])
    expect((await readNumbering(db))?.waiting).toEqual([])
  })

  it('restoring a backup made while blocks were held: acceptance after it takes none of them', async () => {
    const { db, committee, mediatorIds, id } = await pcWithCase()
    await startSyncNumbering(db, 'desk-1')
    const state = (await readNumbering(db))!
    const block = { year: 2026, requestId: 'r1', start: 1, end: 11, nextFree: 1 }
    await db.transaction('rw', [db.settings], () =>
      writeNumbering(db, { ...state, local: { ...state.local, blocks: [block] } }),
    )
    const backup = await takeSnapshot(db)
    await restoreSnapshot(db, backup, { keepPreRestore: async () => undefined })
    expect((await readNumbering(db))?.local.blocks).toEqual([])
    const c = await applyAction(db, id, 'accept', accept(mediatorIds), committee, '测试')
    expect(c.caseNo).toBeUndefined()
    expect((await readNumbering(db))?.waiting).toEqual([id])
  })

  it('a backup restored gives up the blocks it held; its 待编号 cases still wait', () => {
    const value = {
      local: {
        deviceId: 'desk-1',
        blocks: [{ year: 2026, requestId: 'r1', start: 1, end: 11, nextFree: 4 }],
        pending: { 2026: { requestId: 'r2' } },
      },
      waiting: ['c1'],
      raised: [2026],
    }
    const row = { key: NUMBERING_SETTING, value, updatedAt: '2026-03-05T02:00:00.000Z' }
    expect(restoredSetting(row).value).toEqual({
      local: { deviceId: 'desk-1', blocks: [], pending: {} },
      waiting: ['c1'],
      raised: [2026],
    })
    const other = { key: 'ownCommitteeId', value: 'x', updatedAt: row.updatedAt }
    expect(restoredSetting(other)).toBe(other)
  })
})

describe('a sync round numbers 待编号 cases from a block reserved on the real server', () => {
  let server: LoopbackServer

  beforeAll(async () => {
    server = await startLoopbackServer()
  })
  afterAll(async () => {
    await server?.stop()
  })

  async function remoteFor(committee: Committee): Promise<RemoteDb> {
    // one user per committee: each test's committee is new
    const desk = { name: `desk-${committee.id}`, password: `pw-${committee.id}` }
    await createCommitteeDb(server, committee.id, [desk])
    return { url: `${server.url}/${committeeDbName(committee.id)}`, authorization: basicAuth(desk) }
  }

  it('numbers them in the order accepted, logs each, and keeps a block ahead', async () => {
    const db = freshDb()
    const { committee, roomId, mediatorIds } = await setUpCommittee(db)
    const remote = await remoteFor(committee)
    await startSyncNumbering(db, 'desk-1')
    const later = await createCase(db, intake(roomId), committee, '测试')
    const earlier = await createCase(db, intake(roomId), committee, '测试')
    await applyAction(db, later.id, 'accept', accept(mediatorIds, '2026-03-04'), committee, '测试')
    await applyAction(db, earlier.id, 'accept', accept(mediatorIds, '2026-03-02'), committee, '测试')
    expect((await readNumbering(db))?.waiting).toEqual([later.id, earlier.id])

    await topUpNumbers(db, remote, committee.id, MARCH)
    expect((await db.caseDocs.get(earlier.id))?.caseNo).toBe(no(2026, 1))
    expect((await db.caseDocs.get(later.id))?.caseNo).toBe(no(2026, 2))
    const state = (await readNumbering(db))!
    expect(state.waiting).toEqual([])
    expect(state.local.pending).toEqual({})
    // one block of 10: 8 left, above the low-water mark, so no second reservation
    expect(state.local.blocks.map((b) => [b.start, b.nextFree, b.end])).toEqual([[1, 3, 11]])
    const numbering = (await db.audit.orderBy('seq').toArray()).filter((e) => e.actor === NUMBERING_ACTOR)
    expect(numbering.map((e) => [e.caseId, e.action, e.fields])).toEqual([
      [earlier.id, 'update', ['caseNo']],
      [later.id, 'update', ['caseNo']],
    ])
    expect((await verifyAuditLog(db)).ok).toBe(true)

    // the next acceptance takes the held block's next number at once
    const third = await createCase(db, intake(roomId), committee, '测试')
    expect((await applyAction(db, third.id, 'accept', accept(mediatorIds), committee, '测试')).caseNo).toBe(no(2026, 3))
  })

  it('numbers the committee gave before it shared cases are never handed out again', async () => {
    const db = freshDb()
    const { committee, roomId, mediatorIds } = await setUpCommittee(db)
    const remote = await remoteFor(committee)
    for (let i = 0; i < 5; i++) {
      const c = await createCase(db, intake(roomId), committee, '测试')
      await applyAction(db, c.id, 'accept', accept(mediatorIds), committee, '测试')
    }
    await startSyncNumbering(db, 'desk-1')
    await topUpNumbers(db, remote, committee.id, MARCH)
    const c = await createCase(db, intake(roomId), committee, '测试')
    expect((await applyAction(db, c.id, 'accept', accept(mediatorIds), committee, '测试')).caseNo).toBe(no(2026, 6))
    const counter = await server.request(
      'GET',
      `/${committeeDbName(committee.id)}/${counterDocId(committee.id, 2026)}`,
      {
        as: server.admin,
      },
    )
    expect((counter.body as { next: number }).next).toBe(16)
  })

  it('offline: the round fails, the case stays 待编号, and the next round online numbers it', async () => {
    const db = freshDb()
    const { committee, roomId, mediatorIds } = await setUpCommittee(db)
    const remote = await remoteFor(committee)
    await startSyncNumbering(db, 'desk-1')
    const c = await createCase(db, intake(roomId), committee, '测试')
    await applyAction(db, c.id, 'accept', accept(mediatorIds), committee, '测试')
    // nothing listens on port 9 of loopback: the request fails as it does without a network
    await expect(topUpNumbers(db, { url: 'http://127.0.0.1:9/x' }, committee.id, MARCH)).rejects.toThrow()
    expect((await db.caseDocs.get(c.id))?.caseNo).toBeUndefined()
    await topUpNumbers(db, remote, committee.id, MARCH)
    expect((await db.caseDocs.get(c.id))?.caseNo).toBe(no(2026, 1))
  })
})
