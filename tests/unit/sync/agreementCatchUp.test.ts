/**
 * Agreements a PC passed over while it ran a version before the keyed digest (it could not open them and its
 * checkpoint moved on): read again once after the upgrade, through the loopback CouchDB-protocol server.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { MediationDb } from '../../../src/db/schema'
import {
  AGREEMENT_CATCH_UP_SETTING,
  agreementCatchUpDue,
  catchUpAgreements,
} from '../../../src/db/sync/agreementCatchUp'
import type { RemoteDb } from '../../../src/db/sync/couchHttp'
import { DexieRecords } from '../../../src/db/sync/dexieRecords'
import { CHECKPOINT_SETTING } from '../../../src/db/sync/dexieReplica'
import { joinServer } from '../../../src/db/sync/join'
import { LiveSync } from '../../../src/db/sync/liveSync'
import { pushRecords } from '../../../src/db/sync/recordReplication'
import { importCommitteeKey, type CommitteeKey } from '../../../src/db/sync/seal'
import { committeeDbName } from '../../../src/domain/syncServer'
import type { Agreement } from '../../../src/domain/types'
import { committeeRemotes, startLoopbackServer, type LoopbackServer } from '../../sync/server'

const COMMITTEE = '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a99'
const pcA = { name: 'catchup-a', password: 'pw-catchup-a' }
const pcB = { name: 'catchup-b', password: 'pw-catchup-b' }
const T0 = '2026-12-01T02:00:00.000Z'

let server: LoopbackServer
let key: CommitteeKey
let remoteA: RemoteDb
let remoteB: RemoteDb
const a = new MediationDb('catchup-pc-a', { indexedDB: new IDBFactory(), IDBKeyRange })
const b = new MediationDb('catchup-pc-b', { indexedDB: new IDBFactory(), IDBKeyRange })

const finalAgreement = (n: number): Agreement => ({
  id: `ag-${n}`,
  createdAt: T0,
  updatedAt: T0,
  caseId: `case-${n}`,
  version: 1,
  status: 'final',
  facts: '双方因宅基地边界发生争执。',
  disputes: '边界线位置',
  clauses: [],
  performanceTerms: '即时履行',
  copies: 3,
  finalizedAt: T0,
  contentHash: String(n).padStart(64, 'a'),
  signature: 'c2lnbmF0dXJl',
  keyId: 'key-a',
  verifyCode: `K7Q2-${String(n).padStart(4, '0')}`,
})

beforeAll(async () => {
  server = await startLoopbackServer()
  await Promise.all([joinServer(a), joinServer(b)])
  ;[remoteA, remoteB] = (await committeeRemotes(server, COMMITTEE, [pcA, pcB])) as [RemoteDb, RemoteDb]
  key = await importCommitteeKey(new Uint8Array(32).fill(3))
})

afterAll(async () => {
  await server?.stop()
})

describe('reading the agreements again once after the upgrade to the keyed digest', () => {
  it('a PC whose checkpoint passed over agreements it could not open takes them in, page by page, once', async () => {
    const agreements = [1, 2, 3, 4, 5].map(finalAgreement)
    await a.agreements.bulkPut(agreements)
    expect(await pushRecords(remoteA, new DexieRecords(a), key)).toMatchObject({ pushed: 5, refused: {} })
    // B ran the old version: it read the feed past them (its checkpoint) without taking any in
    const seq = (
      (await server.request('GET', `/${committeeDbName(COMMITTEE)}`, { as: server.admin })).body as {
        update_seq: string
      }
    ).update_seq
    await b.settings.put({ key: CHECKPOINT_SETTING, value: String(seq), updatedAt: T0 })
    expect(await b.agreements.count()).toBe(0)

    expect(await agreementCatchUpDue(b)).toBe(true)
    const result = await catchUpAgreements(b, remoteB, new DexieRecords(b), key, { pageSize: 2 })
    expect(result).toMatchObject({ taken: 5, refused: {} })
    expect(await b.agreements.orderBy('id').toArray()).toEqual(agreements)
    expect(await agreementCatchUpDue(b)).toBe(false)
    expect((await b.settings.get(AGREEMENT_CATCH_UP_SETTING))?.value).toEqual(expect.any(String))

    // a second reading takes nothing in again
    expect(await catchUpAgreements(b, remoteB, new DexieRecords(b), key, { pageSize: 2 })).toMatchObject({ taken: 0 })
  })

  it('live sync reads them in its first round after the upgrade, once, and never on a PC whose first pull read everything', async () => {
    const urls: string[] = []
    const realFetch = globalThis.fetch
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      urls.push(input instanceof Request ? input.url : String(input))
      return realFetch(input, init)
    })
    const agreementReads = () =>
      urls.filter((u) => u.includes('/_all_docs?') && u.includes(encodeURIComponent('"agreement:"'))).length
    /** One round of live sync on `db`, ended by the round's own hook. */
    async function oneRound(db: MediationDb) {
      let ended!: () => void
      const round = new Promise<void>((resolve) => (ended = resolve))
      const sync = new LiveSync(db, {
        remote: async () => remoteB,
        committeeKey: async () => key,
        afterRound: async () => ended(),
      })
      sync.start()
      await round
      await sync.stop()
    }
    try {
      const fresh = new MediationDb('catchup-pc-fresh-live', { indexedDB: new IDBFactory(), IDBKeyRange })
      await oneRound(fresh)
      expect(await fresh.agreements.count()).toBe(5)
      expect(agreementReads()).toBe(0)
      fresh.close()

      await b.settings.delete(AGREEMENT_CATCH_UP_SETTING)
      await oneRound(b)
      expect(agreementReads()).toBe(1)
      await oneRound(b)
      expect(agreementReads()).toBe(1)
    } finally {
      spy.mockRestore()
    }
  })

  it('a server that answers the same full page again, or out of shape, ends the reading', async () => {
    const pageOf = (rows: unknown) => new Response(JSON.stringify({ rows }), { status: 200 })
    const same = [{ id: 'agreement:x', doc: { _id: 'agreement:x', _rev: '1-a', type: 'agreement' } }]
    const answers = [pageOf(same), pageOf(same), pageOf(same)]
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => answers.shift() ?? pageOf('not rows'))
    try {
      const result = await catchUpAgreements(b, remoteB, new DexieRecords(b), key, { pageSize: 1 })
      // the one document (a blob it cannot open) was refused once; the repeated page ended the reading
      expect(Object.keys(result.refused)).toEqual(['agreement:x'])
      expect(spy).toHaveBeenCalledTimes(2)
      answers.splice(0, answers.length, pageOf({ not: 'rows' }))
      await expect(catchUpAgreements(b, remoteB, new DexieRecords(b), key, { pageSize: 1 })).resolves.toMatchObject({
        taken: 0,
      })
    } finally {
      spy.mockRestore()
    }
  })

  it('a PC that never pulled has nothing to catch up: its first pull reads everything', async () => {
    const fresh = new MediationDb('catchup-pc-fresh', { indexedDB: new IDBFactory(), IDBKeyRange })
    expect(await agreementCatchUpDue(fresh)).toBe(false)
    expect(await fresh.settings.get(AGREEMENT_CATCH_UP_SETTING)).toBeDefined()
    fresh.close()
  })
})
