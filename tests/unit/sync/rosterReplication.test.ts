/**
 * Rooms and mediators between two PCs through the loopback CouchDB-protocol server
 * (src/db/sync/rosterReplication.ts over dexieRoster.ts): each PC ends with both PCs' lists, the later
 * change stands on both, a version taken in is in the audit log, an edit made between the decision and the
 * write is not overwritten, and the server holds no mediator's name, phone or certificate in clear.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { MediationDb } from '../../../src/db/schema'
import { saveCommittee, saveMediator, saveRoom } from '../../../src/db/settingsRepo'
import { createCommitteeKey, joinCodeFor, joinWithCode, readCommitteeKey } from '../../../src/db/sync/committeeKeyStore'
import type { RemoteDb } from '../../../src/db/sync/couchHttp'
import { dexieRoster } from '../../../src/db/sync/dexieRoster'
import { syncRoster } from '../../../src/db/sync/rosterReplication'
import type { CommitteeKey } from '../../../src/db/sync/seal'
import { committeeDbName, SERVER_REFUSALS, validationDesignDoc } from '../../../src/domain/syncServer'
import type { Mediator, Room } from '../../../src/domain/types'
import { setUpCommittee } from '../db/caseFixtures'
import { basicAuth, createCommitteeDb, startLoopbackServer, type LoopbackServer } from '../../sync/server'

const CATEGORIES = ['邻里纠纷', '婚姻家庭', '物业纠纷（本委员会自定）'] as const
const pcA = { name: 'roster-a', password: 'pw-roster-a' }
const pcB = { name: 'roster-b', password: 'pw-roster-b' }

let server: LoopbackServer
let key: CommitteeKey
let dbUrl = ''
const a = new MediationDb('roster-pc-a', { indexedDB: new IDBFactory(), IDBKeyRange })
const b = new MediationDb('roster-pc-b', { indexedDB: new IDBFactory(), IDBKeyRange })
let remoteA: RemoteDb
let remoteB: RemoteDb
let committeeId = ''

const names = async (db: MediationDb): Promise<{ rooms: string[]; mediators: string[] }> => ({
  rooms: (await db.rooms.toArray()).map((r) => r.name).sort(),
  mediators: (await db.mediators.toArray()).map((m) => m.name).sort(),
})

beforeAll(async () => {
  server = await startLoopbackServer()
  committeeId = (await setUpCommittee(a)).committee.id
  // the committee's own categories, set on A before B was set up
  await saveCommittee(a, committeeId, { categories: [...CATEGORIES] }, '测试')
  await createCommitteeKey(a, committeeId, '测试')
  // B set up on its own (its setup's details and default categories), then joined with A's code
  await setUpCommittee(b)
  await joinWithCode(b, await joinCodeFor(a, '测试'), '测试')
  await createCommitteeDb(server, committeeId, [pcA, pcB])
  key = (await readCommitteeKey(a))!
  dbUrl = `${server.url}/${committeeDbName(committeeId)}`
  remoteA = { url: dbUrl, authorization: basicAuth(pcA) }
  remoteB = { url: dbUrl, authorization: basicAuth(pcB) }
})

afterAll(async () => {
  await server?.stop()
})

describe('rooms and mediators shared through the server', () => {
  it('each PC ends with both lists; a second pass changes nothing', async () => {
    const roomOnB = await saveRoom(b, { name: '婚姻家庭调解室', active: true, committeeId }, '测试')
    await saveMediator(
      b,
      {
        key: 'x',
        name: '欧阳珺喆',
        gender: '男',
        phone: '13900001111',
        certificateNo: 'TJ-9',
        role: '调解员',
        active: true,
        roomIds: [roomOnB.id],
      },
      '测试',
    )
    const [beforeA, beforeB] = [await names(a), await names(b)]
    const union = {
      rooms: [...beforeA.rooms, ...beforeB.rooms].sort(),
      mediators: [...beforeA.mediators, ...beforeB.mediators].sort(),
    }

    const firstA = await syncRoster(remoteA, dexieRoster(a), key)
    expect(firstA).toMatchObject({ taken: 0, raced: 0 })
    expect(firstA.pushed).toBe(1 + beforeA.rooms.length + beforeA.mediators.length)
    const onB = await syncRoster(remoteB, dexieRoster(b), key)
    expect(onB.taken).toBe(firstA.pushed)
    expect(await syncRoster(remoteA, dexieRoster(a), key)).toMatchObject({ taken: onB.pushed, pushed: 0 })

    expect(await names(a)).toEqual(union)
    expect(await names(b)).toEqual(union)
    const again = await Promise.all([
      syncRoster(remoteA, dexieRoster(a), key),
      syncRoster(remoteB, dexieRoster(b), key),
    ])
    expect(again.map((r) => r.taken + r.pushed)).toEqual([0, 0])

    // B's log says what sync brought in, by 同步, with field names only
    const pulled = (await b.audit.toArray()).filter((e) => e.action === 'sync-pull')
    expect(pulled.map((e) => e.entity).sort()).toEqual(
      ['committee', ...beforeA.rooms.map(() => 'room'), ...beforeA.mediators.map(() => 'mediator')].sort(),
    )
    // the committee's details are A's on both (B's setup yielded when it joined): the same record
    expect((await b.committees.get(committeeId))?.categories).toEqual(CATEGORIES)
    expect(await b.committees.get(committeeId)).toEqual(await a.committees.get(committeeId))
    expect(pulled.every((e) => e.actor === '同步')).toBe(true)
  })

  it('a rename on one PC replaces the older name on the other', async () => {
    const room = (await a.rooms.toArray()).find((r) => r.name === '婚姻家庭调解室')!
    await saveRoom(b, { ...room, name: '婚姻家庭纠纷调解室' }, '测试', new Date(Date.now() + 1_000))
    await syncRoster(remoteB, dexieRoster(b), key)
    expect(await syncRoster(remoteA, dexieRoster(a), key)).toMatchObject({ taken: 1, pushed: 0 })
    expect((await a.rooms.get(room.id))!.name).toBe('婚姻家庭纠纷调解室')
  })

  it('an edit made here after the pass decided is not overwritten by the server’s older version', async () => {
    const store = dexieRoster(a)
    const mediator = (await a.mediators.toArray())[0]! as Mediator
    const serverVersion = { ...mediator, name: '服务器上的旧名字', updatedAt: '2026-01-01T00:00:00.000Z' }
    await saveMediator(a, { ...mediator, key: 'x', name: '本机刚改的名字' }, '测试')
    // the pass had decided against `mediator` as it was before the edit
    expect(await store.take('mediator', [{ before: mediator, next: serverVersion }])).toEqual([])
    expect((await a.mediators.get(mediator.id))!.name).toBe('本机刚改的名字')
  })

  it('a change stamped in the future never wins: the server refuses it, a PC does not believe it, and once the clock is right it goes up stamped now', async () => {
    const room = (await a.rooms.toArray()).find((r) => r.name === '婚姻家庭纠纷调解室')!
    const year2099 = new Date('2099-01-01T00:00:00.000Z')
    // B's clock says 2099 (an office that set the year wrong, or a page that lies)
    const at = async <T>(now: Date, work: () => Promise<T>): Promise<T> => {
      vi.useFakeTimers({ toFake: ['Date'], now })
      try {
        return await work()
      } finally {
        vi.useRealTimers()
      }
    }
    const onB2099 = <T>(work: () => Promise<T>): Promise<T> => at(year2099, work)
    const onServer = async () =>
      (await server.request('GET', `/${committeeDbName(committeeId)}/room:${room.id}`, { as: server.admin })).body as {
        updatedAt: string
      }
    const serverBefore = (await onServer()).updatedAt
    await onB2099(() => saveRoom(b, { ...room, name: '钟快时改的名字' }, '测试'))
    // the committee's server refuses the write by its own clock, and says why
    const refused = await onB2099(() => syncRoster(remoteB, dexieRoster(b), key))
    expect(refused).toMatchObject({ pushed: 0, refused: { [`room:${room.id}`]: SERVER_REFUSALS.futureStamp } })
    expect((await onServer()).updatedAt).toBe(serverBefore)
    // B's clock put right (a few seconds after the server's version, which an earlier test stamped ahead):
    // its edit goes up stamped then, and A takes it
    const rightNow = new Date(Date.parse(serverBefore) + 5_000)
    expect(await at(rightNow, () => syncRoster(remoteB, dexieRoster(b), key))).toMatchObject({
      pushed: 1,
      refused: {},
    })
    expect((await b.rooms.get(room.id))!.updatedAt).toBe(rightNow.toISOString())
    await syncRoster(remoteA, dexieRoster(a), key)
    expect((await a.rooms.get(room.id))!.name).toBe('钟快时改的名字')

    // a server whose validation was never updated takes a 2099 stamp
    const designPath = `/${committeeDbName(committeeId)}/${validationDesignDoc()._id}`
    const design = (await server.request('GET', designPath, { as: server.admin })).body as { _rev: string }
    const old = await server.request('PUT', designPath, {
      as: server.admin,
      body: { ...validationDesignDoc(), _rev: design._rev, validate_doc_update: 'function () {}' },
    })
    expect(old.status).toBe(201)
    try {
      const stamp2099 = year2099.toISOString()
      await onB2099(() => saveRoom(b, { ...room, name: '假冒调解室' }, '测试'))
      expect(await onB2099(() => syncRoster(remoteB, dexieRoster(b), key))).toMatchObject({ pushed: 1 })
      expect((await onServer()).updatedAt).toBe(stamp2099)
      // A does not believe the stamp: its own version goes back over it
      expect(await syncRoster(remoteA, dexieRoster(a), key)).toMatchObject({ taken: 0 })
      expect((await a.rooms.get(room.id))!.name).toBe('钟快时改的名字')
      expect((await onServer()).updatedAt).not.toBe(stamp2099)
      // B's clock put right again: its edit counts as made then, goes up and A takes it; no 2099 stays
      const later = new Date(rightNow.getTime() + 2_000)
      expect(await at(later, () => syncRoster(remoteB, dexieRoster(b), key))).toMatchObject({ pushed: 1 })
      expect((await onServer()).updatedAt).toBe(later.toISOString())
      await syncRoster(remoteA, dexieRoster(a), key)
      expect((await a.rooms.get(room.id))!.name).toBe('假冒调解室')
      // and a rename on A after that reaches B
      await saveRoom(a, { ...room, name: '婚姻家庭调解室' }, '测试', new Date(later.getTime() + 1_000))
      await syncRoster(remoteA, dexieRoster(a), key)
      await syncRoster(remoteB, dexieRoster(b), key)
      expect((await b.rooms.get(room.id))!.name).toBe('婚姻家庭调解室')
    } finally {
      const now = (await server.request('GET', designPath, { as: server.admin })).body as { _rev: string }
      await server.request('PUT', designPath, { as: server.admin, body: { ...validationDesignDoc(), _rev: now._rev } })
    }
  })

  it('the server holds no mediator’s name, phone or certificate number and no room name in clear', async () => {
    await syncRoster(remoteA, dexieRoster(a), key)
    const all = await server.request('GET', `/${committeeDbName(committeeId)}/_all_docs?include_docs=true`, {
      as: server.admin,
    })
    const text = JSON.stringify(all.body)
    const people = [...(await a.mediators.toArray())] as Mediator[]
    const rooms = [...(await a.rooms.toArray())] as Room[]
    expect(people.length).toBeGreaterThan(1)
    for (const m of people) {
      expect(text).toContain(`mediator:${m.id}`)
      for (const secret of [m.name, m.phone, m.certificateNo]) if (secret) expect(text).not.toContain(secret)
    }
    for (const r of rooms) expect(text).not.toContain(r.name)
  })
})
