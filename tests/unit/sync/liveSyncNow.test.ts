/**
 * What 立即同步 (the status line's button, 设置 → 同步's, and a settled conflict) relies on: with the server
 * back and the next retry far away, `syncNow()` runs a round at once, and resolves when it ended; a local
 * edit alone does not cut that wait. Against the real loopback server behind an outage proxy, the retry
 * wait made ten minutes long so that nothing but syncNow() can explain a round within the test.
 */
import { createServer, type ServerResponse } from 'node:http'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { MediationDb } from '../../../src/db/schema'
import { createCase } from '../../../src/db/casesRepo'
import { LiveSync } from '../../../src/db/sync/liveSync'
import { importCommitteeKey, type CommitteeKey } from '../../../src/db/sync/seal'
import { syncStateLabel, type SyncSnapshot } from '../../../src/domain/syncState'
import { committeeDbName, validationDesignDoc } from '../../../src/domain/syncServer'
import { intake, setUpCommittee } from '../db/caseFixtures'
import { basicAuth, createCommitteeDb, startLoopbackServer, type LoopbackServer } from '../../sync/server'
import { startOutageProxy, type OutageProxy } from '../../sync/outageProxy'

const COMMITTEE = '0c9f3d2e-6a1b-4c7d-8e5f-4a3b2c1d0e9f'
const user = { name: 'now-a', password: 'pw-now-a' }
const RETRY_MS = 10 * 60_000

let server: LoopbackServer
let proxy: OutageProxy
let key: CommitteeKey
let sync: LiveSync | undefined

beforeAll(async () => {
  server = await startLoopbackServer()
  await createCommitteeDb(server, COMMITTEE, [user])
  key = await importCommitteeKey(new Uint8Array(32).fill(9))
  proxy = await startOutageProxy(server.url)
})

afterEach(async () => {
  await sync?.stop()
  sync = undefined
})

afterAll(async () => {
  await proxy?.close()
  await server?.stop()
})

describe('syncNow() after an outage', () => {
  it('runs a round at once though the next retry is ten minutes away, and resolves when it ended', async () => {
    const db = new MediationDb('live-sync-now', { indexedDB: new IDBFactory(), IDBKeyRange })
    const { committee, roomId } = await setUpCommittee(db)
    const snapshots: SyncSnapshot[] = []
    const last = (): SyncSnapshot => snapshots.at(-1)!
    sync = new LiveSync(
      db,
      {
        remote: async () => ({ url: `${proxy.url}/${committeeDbName(COMMITTEE)}`, authorization: basicAuth(user) }),
        committeeKey: async () => key,
      },
      { onSnapshot: (s) => snapshots.push(s), retryDelay: () => RETRY_MS },
    )
    sync.start()
    await expect.poll(() => last()?.lastSyncedAt, { timeout: 10_000, interval: 20 }).toBeDefined()

    await proxy.cut()
    // a round that finds no server: 离线, and the next try ten minutes away
    await sync.syncNow()
    expect(last()).toMatchObject({ online: false })
    await proxy.restore()

    // an edit meanwhile waits: a local write does not cut a retry wait
    const c = await createCase(db, intake(roomId, { title: '吴芳与郑强借款纠纷' }), committee, '测试')
    await expect.poll(() => last().pendingUpload, { timeout: 2_000, interval: 10 }).toBe(1)
    expect(last().online).toBe(false)

    // 立即同步: the round it asked for has ended when it resolves, with the case on the server
    await sync.syncNow()
    expect(last()).toMatchObject({ online: true })
    expect(last().syncing).toBeUndefined()
    expect(await db.syncOutbox.get(c.id)).toBeUndefined()
    const doc = await server.request('GET', `/${committeeDbName(COMMITTEE)}/case:${c.id}`, { as: server.admin })
    expect(doc.status).toBe(200)
    // the count follows the outbox shortly after (it is counted again after each write)
    await expect.poll(() => last().pendingUpload, { timeout: 2_000, interval: 10 }).toBe(0)
  }, 30_000)

  it('asked while a round is under way that then fails, runs its round at once, not after the retry wait', async () => {
    // a server that holds each request until the test lets it fail (a 503: the server is there but not well)
    const held: ServerResponse[] = []
    const failing = createServer((_req, res) => void held.push(res))
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve))
    const address = failing.address()
    const port = typeof address === 'object' && address ? address.port : 0
    const failAll = (): void => {
      for (const res of held.splice(0)) res.writeHead(503).end()
    }
    try {
      const db = new MediationDb('live-sync-now-during', { indexedDB: new IDBFactory(), IDBKeyRange })
      await setUpCommittee(db)
      sync = new LiveSync(
        db,
        {
          remote: async () => ({ url: `http://127.0.0.1:${port}/db`, authorization: basicAuth(user) }),
          committeeKey: async () => key,
        },
        { retryDelay: () => RETRY_MS },
      )
      sync.start()
      // the first round's first request is under way
      await vi.waitFor(() => expect(held.length).toBe(1), { timeout: 10_000, interval: 10 })
      let ended = false
      const asked = sync.syncNow().then(() => (ended = true))
      failAll()
      // the round asked for follows at once, and is held in its turn
      await vi.waitFor(() => expect(held.length).toBe(1), { timeout: 5_000, interval: 10 })
      expect(ended).toBe(false)
      failAll()
      await asked
    } finally {
      failAll()
      await sync?.stop()
      sync = undefined
      await new Promise((resolve) => failing.close(resolve))
    }
  }, 30_000)

  it('says how many changes the server turned away, and why, until it takes them', async () => {
    const db = new MediationDb('live-sync-turned-away', { indexedDB: new IDBFactory(), IDBKeyRange })
    const { committee, roomId } = await setUpCommittee(db)
    const designPath = `/${committeeDbName(COMMITTEE)}/${validationDesignDoc()._id}`
    const design = async () => (await server.request('GET', designPath, { as: server.admin })).body as { _rev: string }
    const REASON = '本服务器暂不接收新案件'
    // a server whose validation refuses every case (as it refuses a change to an archived one)
    const refusing = await server.request('PUT', designPath, {
      as: server.admin,
      body: {
        ...validationDesignDoc(),
        _rev: (await design())._rev,
        validate_doc_update: `function (n) { if (n.type === 'case') throw { forbidden: ${JSON.stringify(REASON)} }; }`,
      },
    })
    expect(refusing.status).toBe(201)
    try {
      const snapshots: SyncSnapshot[] = []
      sync = new LiveSync(
        db,
        {
          remote: async () => ({ url: `${server.url}/${committeeDbName(COMMITTEE)}`, authorization: basicAuth(user) }),
          committeeKey: async () => key,
        },
        { onSnapshot: (s) => snapshots.push(s), retryDelay: () => RETRY_MS },
      )
      sync.start()
      await createCase(db, intake(roomId, { title: '服务器不收的案件甲' }), committee, '测试')
      await createCase(db, intake(roomId, { title: '服务器不收的案件乙' }), committee, '测试')
      // the server's own words are not shown: the app's, and which cases they were
      await expect.poll(() => snapshots.at(-1)?.turnedAway?.[0]?.count, { timeout: 10_000, interval: 20 }).toBe(2)
      const [group, ...others] = snapshots.at(-1)!.turnedAway!
      expect(others).toEqual([])
      expect(group!.reason).toBe('服务器以其他原因拒绝（请告诉服务器管理员）')
      expect([...group!.named].sort()).toEqual([
        expect.stringMatching(/^案件 \S+ 服务器不收的案件乙$/),
        expect.stringMatching(/^案件 \S+ 服务器不收的案件甲$/),
      ])
      expect(JSON.stringify(snapshots)).not.toContain(REASON)
      expect(syncStateLabel(snapshots.at(-1)!, new Date())?.text).toMatch(/；有 2 条修改服务器不接受$/)
    } finally {
      await server.request('PUT', designPath, {
        as: server.admin,
        body: { ...validationDesignDoc(), _rev: (await design())._rev },
      })
    }
    // the server takes them again: said no more after the next round
    await sync.syncNow()
    await expect.poll(() => sync!.current.turnedAway, { timeout: 10_000, interval: 20 }).toBeUndefined()
  }, 30_000)
})
