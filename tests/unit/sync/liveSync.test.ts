/**
 * Live sync (src/db/sync/liveSync.ts) between two PCs' databases, both live at once, and the real loopback
 * server: an edit on one is on the other within 2 s; the server gone, each says 离线 with what waits to go
 * up and tries again after the domain's backoff (2 s, then 4 s, ±20 %), never faster; the server back,
 * both resume and converge with nothing doubled; a refusal is said and not retried; stop() ends at once.
 */
import { createServer } from 'node:http'
import type { Socket } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { MediationDb } from '../../../src/db/schema'
import { createCase, updateCase } from '../../../src/db/casesRepo'
import { saveMediator, saveRoom } from '../../../src/db/settingsRepo'
import type { RemoteDb } from '../../../src/db/sync/couchHttp'
import { LiveSync, type LiveSyncOptions } from '../../../src/db/sync/liveSync'
import { importCommitteeKey, type CommitteeKey } from '../../../src/db/sync/seal'
import type { SyncSnapshot } from '../../../src/domain/syncState'
import { committeeDbName } from '../../../src/domain/syncServer'
import { intake, setUpCommittee } from '../db/caseFixtures'
import { addUser, basicAuth, createCommitteeDb, startLoopbackServer, type LoopbackServer } from '../../sync/server'
import { startOutageProxy, type OutageProxy } from '../../sync/outageProxy'

const COMMITTEE = '5d0e6c1a-7b2f-4e39-8a14-9c3b2d1e0f47'
const OTHER_COMMITTEE = 'b7c6d5e4-3f2a-4b1c-9d8e-7f6a5b4c3d2e'
const pcA = { name: 'live-a', password: 'pw-live-a' }
const pcB = { name: 'live-b', password: 'pw-live-b' }
const stranger = { name: 'live-other-town', password: 'pw-other' }
const stopped = { name: 'live-stopped', password: 'pw-stopped' }

let server: LoopbackServer
let key: CommitteeKey
let proxyA: OutageProxy
let proxyB: OutageProxy
const running: LiveSync[] = []

function pc(name: string): MediationDb {
  return new MediationDb(name, { indexedDB: new IDBFactory(), IDBKeyRange })
}

const dbPath = `/${committeeDbName(COMMITTEE)}`
const remoteVia = (origin: string, who: { name: string; password: string }): RemoteDb => ({
  url: origin + dbPath,
  authorization: basicAuth(who),
})

interface Live {
  sync: LiveSync
  snapshots: SyncSnapshot[]
  /** when each snapshot was published (Date.now()) */
  times: number[]
  last(): SyncSnapshot
}

function live(db: MediationDb, remote: RemoteDb, options: LiveSyncOptions = {}): Live {
  const snapshots: SyncSnapshot[] = []
  const times: number[] = []
  const sync = new LiveSync(
    db,
    { remote: async () => remote, committeeKey: async () => key },
    {
      ...options,
      onSnapshot: (s) => {
        snapshots.push(s)
        times.push(Date.now())
      },
    },
  )
  running.push(sync)
  sync.start()
  return { sync, snapshots, times, last: () => snapshots.at(-1)! }
}

/** Synced and idle: a round ended, nothing under way, nothing waiting to go up. */
const idle = (s: SyncSnapshot | undefined): boolean =>
  !!s && s.configured && s.online && !s.syncing && !!s.lastSyncedAt && s.pendingUpload === 0

async function firstRoom(db: MediationDb): Promise<{ roomId: string }> {
  return { roomId: (await db.rooms.toArray())[0]!.id }
}

async function newCase(db: MediationDb, title: string): Promise<string> {
  const committee = (await db.committees.toArray())[0]!
  const { roomId } = await firstRoom(db)
  return (await createCase(db, intake(roomId, { title }), committee, '测试')).id
}

const titleOn = async (db: MediationDb, id: string): Promise<string | undefined> => (await db.caseDocs.get(id))?.title

beforeAll(async () => {
  server = await startLoopbackServer()
  await createCommitteeDb(server, COMMITTEE, [pcA, pcB])
  await createCommitteeDb(server, OTHER_COMMITTEE, [stranger])
  await addUser(server, stopped, [])
  key = await importCommitteeKey(new Uint8Array(32).fill(7))
  proxyA = await startOutageProxy(server.url)
  proxyB = await startOutageProxy(server.url)
})

afterEach(async () => {
  vi.restoreAllMocks()
  await Promise.all(running.splice(0).map((s) => s.stop()))
})

afterAll(async () => {
  await proxyA?.close()
  await proxyB?.close()
  await server?.stop()
})

describe('two PCs live at once', () => {
  it('what A registered reaches B as soon as B starts; then an edit on either is on the other within 2 s', async () => {
    const a = pc('live-two-a')
    const b = pc('live-two-b')
    await setUpCommittee(a)
    await setUpCommittee(b)
    const first = await Promise.all([1, 2, 3].map((n) => newCase(a, `先登记的案件${n}`)))
    const onA = live(a, remoteVia(server.url, pcA))
    await vi.waitFor(() => expect(idle(onA.last())).toBe(true), { timeout: 10_000, interval: 20 })

    const onB = live(b, remoteVia(server.url, pcB))
    await vi.waitFor(() => expect(idle(onB.last())).toBe(true), { timeout: 10_000, interval: 20 })
    for (const id of first) expect(await titleOn(b, id)).toMatch(/^先登记的案件\d$/)
    // while it pulled, the line said how much was left (three cases and the design document at least)
    expect(onB.snapshots.some((s) => (s.syncing?.remaining ?? 0) >= 3)).toBe(true)

    let started = performance.now()
    const id = await newCase(a, '甲机新登记的案件')
    await vi.waitFor(async () => expect(await titleOn(b, id)).toBe('甲机新登记的案件'), {
      timeout: 2_000,
      interval: 10,
    })
    expect(performance.now() - started).toBeLessThan(2_000)

    started = performance.now()
    await updateCase(b, id, { title: '乙机改过的标题' }, '测试')
    await vi.waitFor(async () => expect(await titleOn(a, id)).toBe('乙机改过的标题'), {
      timeout: 2_000,
      interval: 10,
    })
    expect(performance.now() - started).toBeLessThan(2_000)
    await vi.waitFor(() => expect(idle(onA.last()) && idle(onB.last())).toBe(true), { timeout: 5_000, interval: 20 })
    expect(onA.last().conflicts).toBe(0)
    expect(onB.last().conflicts).toBe(0)
  }, 30_000)

  it('a room and a mediator added on A reach B while both are live, and B is told to read its settings again', async () => {
    const a = pc('live-roster-a')
    const b = pc('live-roster-b')
    await setUpCommittee(a)
    await setUpCommittee(b)
    let told = 0
    live(a, remoteVia(server.url, pcA))
    live(b, remoteVia(server.url, pcB), { onRosterTaken: () => told++ })
    const room = await saveRoom(a, { name: '甲机新设的调解室', active: true, committeeId: COMMITTEE }, '测试')
    const mediator = await saveMediator(
      a,
      {
        key: 'x',
        name: '甲机新来的调解员',
        gender: '女',
        phone: '13700002222',
        certificateNo: 'TJ-7',
        role: '调解员',
        active: true,
        roomIds: [room.id],
      },
      '测试',
    )
    await vi.waitFor(
      async () => {
        expect((await b.rooms.get(room.id))?.name).toBe('甲机新设的调解室')
        expect((await b.mediators.get(mediator.id))?.name).toBe('甲机新来的调解员')
      },
      { timeout: 5_000, interval: 20 },
    )
    await vi.waitFor(() => expect(told).toBeGreaterThan(0), { timeout: 2_000, interval: 10 })
  })
})

describe("a PC whose clock runs ahead of the server's", () => {
  it('the line asks for the clock to be put right; once it is, 立即同步 sends the edits stamped now', async () => {
    const a = pc('live-clock-a')
    await setUpCommittee(a)
    const onA = live(a, remoteVia(server.url, pcA))
    await vi.waitFor(() => expect(idle(onA.last())).toBe(true), { timeout: 10_000, interval: 20 })
    const yearAhead = new Date(Date.now() + 365 * 24 * 3600_000)
    vi.useFakeTimers({ toFake: ['Date'], now: yearAhead })
    let id: string
    try {
      id = await newCase(a, '时钟快了一年时登记')
      // said once the server refused the case; the count of what waits follows the outbox within ~0.1 s
      await vi.waitFor(
        () => {
          expect(onA.last().clockAhead).toBe(true)
          expect(onA.last().pendingUpload).toBeGreaterThan(0)
        },
        { timeout: 5_000, interval: 20 },
      )
    } finally {
      vi.useRealTimers()
    }
    await onA.sync.syncNow()
    expect(onA.last().clockAhead).toBeUndefined()
    await vi.waitFor(() => expect(idle(onA.last())).toBe(true), { timeout: 5_000, interval: 20 })
    expect(Date.parse((await a.caseDocs.get(id))!.updatedAt)).toBeLessThanOrEqual(Date.now())
    const onServer = await server.request('GET', `${dbPath}/case:${id}`, { as: server.admin })
    expect(onServer.status).toBe(200)
    // a case registered now starts its round at once (the outbox held rows stamped next year: they must not
    // make a write of today look older than what was already seen)
    const next = await newCase(a, '时钟校准后登记')
    const started = performance.now()
    await vi.waitFor(
      async () =>
        expect((await server.request('GET', `${dbPath}/case:${next}`, { as: server.admin })).status).toBe(200),
      { timeout: 5_000, interval: 20 },
    )
    expect(performance.now() - started).toBeLessThan(2_000)
  }, 30_000)
})

describe('the server gone and back', () => {
  it('says 离线 with what waits, retries after 2 s then 4 s (never faster), resumes and converges, nothing doubled', async () => {
    const a = pc('live-outage-a')
    const b = pc('live-outage-b')
    await setUpCommittee(a)
    await setUpCommittee(b)
    const shared = await newCase(a, '停电前的案件')
    const remoteA = remoteVia(proxyA.url, pcA)
    const remoteB = remoteVia(proxyB.url, pcB)
    const onA = live(a, remoteA)
    const onB = live(b, remoteB)
    await vi.waitFor(
      async () => {
        expect(idle(onA.last()) && idle(onB.last())).toBe(true)
        expect(await titleOn(b, shared)).toBe('停电前的案件')
      },
      { timeout: 10_000, interval: 20 },
    )

    // every request A makes, with when it started
    const attemptsA: number[] = []
    const realFetch = globalThis.fetch
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      if (String(input instanceof Request ? input.url : input).startsWith(proxyA.url)) attemptsA.push(Date.now())
      return realFetch(input, init)
    })

    const cutAt = Date.now()
    await proxyA.cut()
    await proxyB.cut()
    await vi.waitFor(() => expect(onA.last().online || onB.last().online).toBe(false), {
      timeout: 10_000,
      interval: 20,
    })
    // edits made offline: counted as waiting to go up, at once (nothing waits for the network)
    const offlineA = await newCase(a, '离线时甲机登记')
    await updateCase(a, shared, { title: '离线时甲机改' }, '测试')
    const offlineB = await newCase(b, '离线时乙机登记')
    await vi.waitFor(
      () => {
        expect(onA.last()).toMatchObject({ configured: true, online: false, pendingUpload: 2 })
        expect(onB.last()).toMatchObject({ configured: true, online: false, pendingUpload: 1 })
      },
      { timeout: 2_000, interval: 10 },
    )

    // the backoff (src/domain/syncAddress.ts): the first retry 2 s ±20 % after the failure, the next 4 s ±20 %
    // counted from the failure (A's first 离线 after the cut): a request already under way at the cut, or a
    // round that began just then, is not a retry
    const failedAt = onA.times.find((t, i) => t >= cutAt && !onA.snapshots[i]!.online)!
    await vi.waitFor(() => expect(attemptsA.filter((t) => t > failedAt).length).toBeGreaterThanOrEqual(2), {
      timeout: 15_000,
      interval: 20,
    })
    const [retry1, retry2] = attemptsA.filter((t) => t > failedAt) as [number, number]
    expect(retry1 - failedAt).toBeGreaterThanOrEqual(1_600 - 5)
    expect(retry2 - retry1).toBeGreaterThanOrEqual(3_200 - 5)
    expect(onA.last().online).toBe(false)

    await proxyA.restore()
    await proxyB.restore()
    // the next retry (at most 8 s ±20 % away) finds the server: both converge
    await vi.waitFor(
      async () => {
        expect(idle(onA.last()) && idle(onB.last())).toBe(true)
        expect(await titleOn(b, shared)).toBe('离线时甲机改')
        expect(await titleOn(b, offlineA)).toBe('离线时甲机登记')
        expect(await titleOn(a, offlineB)).toBe('离线时乙机登记')
      },
      { timeout: 15_000, interval: 50 },
    )
    const ids = async (db: MediationDb): Promise<string[]> => (await db.caseDocs.toCollection().primaryKeys()).sort()
    // the same cases on both PCs (those of the test before too: one committee database) and on the server,
    // each once: nothing lost, nothing doubled
    expect(await ids(a)).toEqual(expect.arrayContaining([shared, offlineA, offlineB]))
    expect(await ids(b)).toEqual(await ids(a))
    const all = await server.request('GET', `${dbPath}/_all_docs`, { as: server.admin })
    const onServer = (all.body as { rows: { id: string }[] }).rows.map((r) => r.id).filter((i) => i.startsWith('case:'))
    expect(onServer.sort()).toEqual((await ids(a)).map((i) => `case:${i}`).sort())
    expect(onA.last().conflicts + onB.last().conflicts).toBe(0)
  }, 60_000)
})

describe('refusals: said once, not retried', () => {
  interface Refused {
    onPc: Live
    db: MediationDb
    requests(): number
  }

  async function refusedAs(who: { name: string; password: string }, dbName: string): Promise<Refused> {
    const db = pc(dbName)
    await setUpCommittee(db)
    const remote = remoteVia(server.url, who)
    let requests = 0
    const realFetch = globalThis.fetch
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      requests++
      return realFetch(input, init)
    })
    // a retry loop would show at once with so short a wait
    const onPc = live(db, remote, { retryDelay: () => 10 })
    await vi.waitFor(() => expect(onPc.last().refused).toBeDefined(), { timeout: 10_000, interval: 10 })
    return { onPc, db, requests: () => requests }
  }

  it('a wrong password: refused "password", no retry, not even after a local edit', async () => {
    const { onPc, db, requests } = await refusedAs({ ...pcA, password: 'wrong' }, 'live-refused-password')
    expect(onPc.last()).toMatchObject({ configured: true, refused: 'password' })
    const after = requests()
    await newCase(db, '拒绝后登记')
    await vi.waitFor(() => expect(onPc.last().pendingUpload).toBe(1), { timeout: 2_000, interval: 10 })
    // the absence of a retry can only be seen over time: 50 times the injected retry wait
    await new Promise((r) => setTimeout(r, 500))
    expect(requests()).toBe(after)
    expect(onPc.last().refused).toBe('password')
    // 立即同步 tries once more (the person asked), and is refused again
    await onPc.sync.syncNow()
    expect(onPc.last().refused).toBe('password')
    expect(requests() - after).toBeLessThanOrEqual(3)
  }, 20_000)

  it("a user of another committee: refused 'foreignCommittee'", async () => {
    const { onPc } = await refusedAs(stranger, 'live-refused-foreign')
    expect(onPc.last().refused).toBe('foreignCommittee')
  }, 20_000)

  it("a user whose role was removed: refused 'revoked'", async () => {
    const { onPc } = await refusedAs(stopped, 'live-refused-revoked')
    expect(onPc.last().refused).toBe('revoked')
  }, 20_000)

  it("plain http to another computer: refused 'insecure' before any request", async () => {
    const db = pc('live-refused-insecure')
    await setUpCommittee(db)
    const spy = vi.spyOn(globalThis, 'fetch')
    const onPc = live(db, { url: `http://192.0.2.10:5984${dbPath}`, authorization: basicAuth(pcA) })
    await vi.waitFor(() => expect(onPc.last().refused).toBe('insecure'), { timeout: 5_000, interval: 10 })
    expect(spy).not.toHaveBeenCalled()
  })
})

describe('start and stop', () => {
  it('not configured: nothing said, nothing asked', async () => {
    const db = pc('live-unconfigured')
    const spy = vi.spyOn(globalThis, 'fetch')
    const snapshots: SyncSnapshot[] = []
    const sync = new LiveSync(
      db,
      { remote: async () => undefined, committeeKey: async () => key },
      { onSnapshot: (s) => snapshots.push(s) },
    )
    running.push(sync)
    sync.start()
    await sync.syncNow()
    expect(snapshots.every((s) => !s.configured)).toBe(true)
    expect(spy).not.toHaveBeenCalled()
  })

  it('stop() ends at once even in the middle of a round whose server never answers', async () => {
    const held: Socket[] = []
    let asked = 0
    const silent = createServer((req) => {
      asked++
      held.push(req.socket)
    })
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    try {
      const address = silent.address()
      const port = typeof address === 'object' && address ? address.port : 0
      const db = pc('live-stop-silent')
      await setUpCommittee(db)
      const onPc = live(db, remoteVia(`http://127.0.0.1:${port}`, pcA))
      // the round's first request is under way, and will never be answered
      await vi.waitFor(() => expect(asked).toBeGreaterThan(0), { timeout: 10_000, interval: 10 })
      const started = performance.now()
      await onPc.sync.stop()
      expect(performance.now() - started).toBeLessThan(2_000)
    } finally {
      for (const socket of held) socket.destroy()
      await new Promise((resolve) => silent.close(resolve))
    }
  })

  it('stop() ends the longpoll at once and no request follows', async () => {
    const db = pc('live-stop')
    await setUpCommittee(db)
    const spy = vi.spyOn(globalThis, 'fetch')
    const longpolls = () => spy.mock.calls.filter((c) => String(c[0]).includes('feed=longpoll')).length
    const onPc = live(db, remoteVia(server.url, pcA))
    await vi.waitFor(() => expect(idle(onPc.last())).toBe(true), { timeout: 10_000, interval: 20 })
    // the first round sent this PC's committee, rooms and mediators: their echo on the feed starts one more
    // round; stop() is called once the loop has been waiting in a longpoll (a round after it is cut short too)
    await vi.waitFor(() => expect(longpolls()).toBeGreaterThan(0), { timeout: 10_000, interval: 10 })
    const started = performance.now()
    // the longpoll is held for 25 s: stop() must not wait for it
    await onPc.sync.stop()
    expect(performance.now() - started).toBeLessThan(2_000)
    spy.mockClear()
    await newCase(db, '停止后登记')
    await onPc.sync.syncNow()
    expect(spy).not.toHaveBeenCalled()
  })
})
