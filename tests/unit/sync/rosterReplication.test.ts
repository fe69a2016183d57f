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
import { committeeDbName, validationDesignDoc } from '../../../src/domain/syncServer'
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

  it('a version stamped 2099 does not win: the server refuses it, and one an old server took is replaced', async () => {
    const room = (await a.rooms.toArray()).find((r) => r.name === '婚姻家庭纠纷调解室')!
    const year2099 = new Date('2099-01-01T00:00:00.000Z')
    await saveRoom(b, { ...room, name: '假冒调解室' }, '测试', year2099)
    // B's clock says 2099 (a page that lies, or an office that set the year wrong)
    const passOnB2099 = async () => {
      vi.useFakeTimers({ toFake: ['Date'], now: year2099 })
      try {
        return await syncRoster(remoteB, dexieRoster(b), key)
      } finally {
        vi.useRealTimers()
      }
    }
    // the committee's server refuses the write by its own clock
    expect(await passOnB2099()).toMatchObject({ pushed: 0 })
    const onServer = async () =>
      (await server.request('GET', `/${committeeDbName(committeeId)}/room:${room.id}`, { as: server.admin })).body as {
        updatedAt: string
        _rev: string
      }
    expect((await onServer()).updatedAt).not.toBe(year2099.toISOString())
    // a server whose validation was never updated takes it
    const designPath = `/${committeeDbName(committeeId)}/${validationDesignDoc()._id}`
    const design = (await server.request('GET', designPath, { as: server.admin })).body as { _rev: string }
    const old = await server.request('PUT', designPath, {
      as: server.admin,
      body: { ...validationDesignDoc(), _rev: design._rev, validate_doc_update: 'function () {}' },
    })
    expect(old.status).toBe(201)
    try {
      expect(await passOnB2099()).toMatchObject({ pushed: 1 })
      expect((await onServer()).updatedAt).toBe(year2099.toISOString())
      // A does not believe the stamp: its own version goes back over it, and B (its clock put right) takes it
      expect(await syncRoster(remoteA, dexieRoster(a), key)).toMatchObject({ taken: 0 })
      expect((await a.rooms.get(room.id))!.name).toBe('婚姻家庭纠纷调解室')
      expect((await onServer()).updatedAt).toBe(room.updatedAt)
      expect(await syncRoster(remoteB, dexieRoster(b), key)).toMatchObject({ pushed: 0 })
      expect((await b.rooms.get(room.id))!.name).toBe('婚姻家庭纠纷调解室')
      // and a later rename still reaches the other PC (the stamp the room has is a second ahead: after it)
      await saveRoom(a, { ...room, name: '婚姻家庭调解室' }, '测试', new Date(Date.parse(room.updatedAt) + 1_000))
      await syncRoster(remoteA, dexieRoster(a), key)
      expect(await syncRoster(remoteB, dexieRoster(b), key)).toMatchObject({ taken: 1, pushed: 0 })
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
