/**
 * Files in live sync's rounds (src/db/sync/liveSync.ts): a file stored before the PC joined goes up in its
 * first round, one added while both PCs are live reaches the other byte for byte, and a removal on either
 * is a removal on the other; afterwards nothing waits to go up. Against the real loopback server.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { addAttachment, removeAttachment } from '../../../src/db/caseRecordsRepo'
import { createCase } from '../../../src/db/casesRepo'
import { MediationDb } from '../../../src/db/schema'
import { LiveSync } from '../../../src/db/sync/liveSync'
import { importCommitteeKey, type CommitteeKey } from '../../../src/db/sync/seal'
import type { SyncSnapshot } from '../../../src/domain/syncState'
import { committeeDbName } from '../../../src/domain/syncServer'
import { basicAuth, createCommitteeDb, startLoopbackServer, type LoopbackServer } from '../../sync/server'
import { intake, setUpCommittee } from '../db/caseFixtures'

const COMMITTEE = '3e1d7c9a-2b4f-4a6e-9c8d-5f0a1b2c3d4e'
const pcA = { name: 'live-files-a', password: 'pw-live-files-a' }
const pcB = { name: 'live-files-b', password: 'pw-live-files-b' }
const PDF = new TextEncoder().encode(`%PDF-1.4\n${'调解现场照片说明'.repeat(50)}\n%%EOF`)
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array<number>(500).fill(7)])

let server: LoopbackServer
let key: CommitteeKey
const running: LiveSync[] = []
const pc = (name: string) => new MediationDb(name, { indexedDB: new IDBFactory(), IDBKeyRange })

function live(db: MediationDb, who: { name: string; password: string }): () => SyncSnapshot | undefined {
  let last: SyncSnapshot | undefined
  const remote = { url: `${server.url}/${committeeDbName(COMMITTEE)}`, authorization: basicAuth(who) }
  const sync = new LiveSync(
    db,
    { remote: async () => remote, committeeKey: async () => key },
    { nudgeDelayMs: 20, onSnapshot: (s) => (last = s) },
  )
  running.push(sync)
  sync.start()
  return () => last
}

const idle = (s: SyncSnapshot | undefined): boolean =>
  !!s && s.online && !s.syncing && !!s.lastSyncedAt && s.pendingUpload === 0
const bytesOn = async (db: MediationDb, id: string): Promise<Uint8Array | undefined> => {
  const stored = await db.attachments.get(id)
  return stored && new Uint8Array(await stored.data.arrayBuffer())
}

beforeAll(async () => {
  server = await startLoopbackServer()
  await createCommitteeDb(server, COMMITTEE, [pcA, pcB])
  key = await importCommitteeKey(new Uint8Array(32).fill(3))
})

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()))
})

afterAll(async () => {
  await server?.stop()
})

describe('files in live sync', () => {
  it('stored before joining, added while live, removed on the other PC: both PCs end the same', async () => {
    const a = pc('live-files-pc-a')
    const b = pc('live-files-pc-b')
    const { committee, roomId } = await setUpCommittee(a)
    await setUpCommittee(b)
    const caseId = (await createCase(a, intake(roomId), committee, '测试')).id
    const early = await addAttachment(
      a,
      caseId,
      'evidence',
      { name: '早先.pdf', type: 'application/pdf', bytes: PDF },
      '测试',
    )
    // as if stored before sync was set up: nothing marked it
    await a.syncOutbox.clear()

    const onA = live(a, pcA)
    const onB = live(b, pcB)
    await vi.waitFor(async () => expect(await bytesOn(b, early.id)).toEqual(PDF), { timeout: 10_000, interval: 20 })

    const photo = await addAttachment(
      a,
      caseId,
      'evidence',
      { name: '现场.png', type: 'image/png', bytes: PNG },
      '测试',
    )
    await vi.waitFor(async () => expect(await bytesOn(b, photo.id)).toEqual(PNG), { timeout: 5_000, interval: 20 })

    await removeAttachment(b, early.id, '测试')
    await vi.waitFor(async () => expect(await a.attachments.get(early.id)).toBeUndefined(), {
      timeout: 5_000,
      interval: 20,
    })
    await vi.waitFor(() => expect(idle(onA()) && idle(onB())).toBe(true), { timeout: 5_000, interval: 20 })
    for (const db of [a, b]) {
      expect((await db.attachments.toCollection().primaryKeys()).sort()).toEqual([photo.id])
      expect(await db.syncOutbox.count()).toBe(0)
    }
  })
})
