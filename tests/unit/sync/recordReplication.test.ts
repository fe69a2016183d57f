/**
 * Agreements, signatures, follow-ups and referrals between two PCs through the loopback CouchDB-protocol
 * server (src/db/sync/recordReplication.ts over dexieRecords.ts), riding on the cases' feed: a record written
 * on A (through any write path: the outbox marks it) arrives on B with an audit entry, the later change of a
 * record edited on both stands on both, a restart pulls nothing twice, and the server holds no agreement
 * text, follow-up note or signature image in clear.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MediationDb } from '../../../src/db/schema'
import { pullCases } from '../../../src/db/sync/caseReplication'
import type { RemoteDb } from '../../../src/db/sync/couchHttp'
import { DexieRecords } from '../../../src/db/sync/dexieRecords'
import { DexieReplica } from '../../../src/db/sync/dexieReplica'
import { joinServer } from '../../../src/db/sync/join'
import { pullRecords, pushRecords } from '../../../src/db/sync/recordReplication'
import { importCommitteeKey, type CommitteeKey } from '../../../src/db/sync/seal'
import { agreementsFinalisedElsewhere } from '../../../src/db/sync/turnedAwaySubjects'
import { committeeDbName, SERVER_REFUSALS } from '../../../src/domain/syncServer'
import type { Agreement, FollowUp, Referral, ScreeningRound, SignatureRecord, Visit } from '../../../src/domain/types'
import { legacyAgreementDoc } from './legacyAgreementDoc'
import { committeeRemotes, startLoopbackServer, type LoopbackServer } from '../../sync/server'

const COMMITTEE = '9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f'
const pcA = { name: 'records-a', password: 'pw-records-a' }
const pcB = { name: 'records-b', password: 'pw-records-b' }
const T0 = '2026-12-01T02:00:00.000Z'
const FACTS = '双方因宅基地边界发生争执，经调解达成一致。'
const NOTES = '回访时双方均表示协议已履行完毕，邻里关系恢复。'
const IMAGE =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='

let server: LoopbackServer
let key: CommitteeKey
let remoteA: RemoteDb
let remoteB: RemoteDb
const a = new MediationDb('records-pc-a', { indexedDB: new IDBFactory(), IDBKeyRange })
const b = new MediationDb('records-pc-b', { indexedDB: new IDBFactory(), IDBKeyRange })

const agreement: Agreement = {
  id: 'ag-1',
  createdAt: T0,
  updatedAt: T0,
  caseId: 'case-1',
  version: 1,
  status: 'draft',
  facts: FACTS,
  disputes: '边界线位置',
  clauses: [{ id: 'cl-1', kind: 'other', text: '双方以现有围墙为界。' } as never],
  performanceTerms: '即时履行',
  copies: 3,
}
const signature: SignatureRecord = {
  id: 'sig-1',
  createdAt: T0,
  updatedAt: T0,
  agreementId: 'ag-1',
  agreementVersion: 1,
  signerRole: 'party',
  signerId: 'party-1',
  signerName: '欧阳珺喆',
  image: IMAGE,
  signedAt: T0,
}
const followUp: FollowUp = {
  id: 'fu-1',
  createdAt: T0,
  updatedAt: T0,
  caseId: 'case-1',
  visitedOn: '2026-12-01',
  method: '电话',
  visitorIds: ['m-1'],
  performance: 'done' as never,
  satisfaction: '满意',
  escalationSigns: false,
  notes: NOTES,
}
const referral: Referral = {
  id: 'rf-1',
  createdAt: T0,
  updatedAt: T0,
  caseId: 'case-1',
  department: '司法所',
  scope: 'part',
  matter: '宅基地确权材料转交',
  dueOn: '2026-12-20',
  status: '已转办',
  history: [{ status: '已转办', at: T0, note: '当面交接' }],
}

/** One round as live sync runs it, for the records: pull (riding on the cases' feed), then push. */
async function round(db: MediationDb, remote: RemoteDb): Promise<{ taken: number; pushed: number }> {
  const records = new DexieRecords(db)
  let taken = 0
  await pullCases(remote, new DexieReplica(db), key, async (docs) => {
    taken += (await pullRecords(records, key, docs)).taken
  })
  const { pushed } = await pushRecords(remote, records, key)
  return { taken, pushed }
}

const outbox = async (db: MediationDb) => (await db.syncOutbox.toCollection().primaryKeys()).sort()

/** A store through which a record is edited here once, after the server took its push and before it is recorded. */
class RacingRecords extends DexieRecords {
  constructor(
    db: MediationDb,
    private edit?: () => Promise<unknown>,
  ) {
    super(db)
  }

  override async confirmPushed(taken: Parameters<DexieRecords['confirmPushed']>[0]) {
    const edit = this.edit
    this.edit = undefined
    await edit?.()
    return super.confirmPushed(taken)
  }
}

beforeAll(async () => {
  server = await startLoopbackServer()
  // both share from here on, as after LiveSync's first round
  await Promise.all([joinServer(a), joinServer(b)])
  ;[remoteA, remoteB] = (await committeeRemotes(server, COMMITTEE, [pcA, pcB])) as [RemoteDb, RemoteDb]
  key = await importCommitteeKey(new Uint8Array(32).fill(7))
})

afterAll(async () => {
  await server?.stop()
})

describe('agreements, signatures, follow-ups and referrals shared through the server', () => {
  it('written on A, they are marked to go up, go up once, and arrive on B with its audit entries', async () => {
    await a.transaction('rw', [a.agreements, a.signatures, a.followUps, a.referrals], async () => {
      await a.agreements.add(agreement)
      await a.signatures.add(signature)
      await a.followUps.add(followUp)
      await a.referrals.add(referral)
    })
    expect(await outbox(a)).toEqual(['agreement:ag-1', 'followUp:fu-1', 'referral:rf-1', 'signature:sig-1'])
    expect(await round(a, remoteA)).toEqual({ taken: 0, pushed: 4 })
    expect(await outbox(a)).toEqual([])
    expect(await round(a, remoteA)).toEqual({ taken: 0, pushed: 0 })

    expect(await round(b, remoteB)).toEqual({ taken: 4, pushed: 0 })
    expect(await b.agreements.get('ag-1')).toEqual(agreement)
    expect(await b.signatures.get('sig-1')).toEqual(signature)
    expect(await b.followUps.get('fu-1')).toEqual(followUp)
    expect(await b.referrals.get('rf-1')).toEqual(referral)
    // taken in, not changed here: nothing to send back
    expect(await outbox(b)).toEqual([])
    const pulled = (await b.audit.toArray()).filter((e) => e.action === 'sync-pull')
    expect(pulled.map((e) => `${e.entity}:${e.entityId}`).sort()).toEqual([
      'agreement:ag-1',
      'followUp:fu-1',
      'referral:rf-1',
      'signature:sig-1',
    ])
    // a restart (a new store over the same database) pulls nothing twice
    expect(await round(b, remoteB)).toEqual({ taken: 0, pushed: 0 })
  })

  it('a follow-up edited on both PCs: the later change stands on both', async () => {
    await b.followUps.put({ ...followUp, satisfaction: '基本满意', updatedAt: '2026-12-02T03:00:00.000Z' })
    await a.followUps.put({ ...followUp, notes: '甲机更晚补充的回访记录。', updatedAt: '2026-12-02T05:00:00.000Z' })
    await round(b, remoteB)
    // A's push meets B's version (409): A's is later, so it goes on top in A's next round
    await round(a, remoteA)
    await round(a, remoteA)
    await round(b, remoteB)
    for (const db of [a, b]) {
      expect((await db.followUps.get('fu-1'))?.notes).toBe('甲机更晚补充的回访记录。')
      expect((await db.followUps.get('fu-1'))?.satisfaction).toBe('满意')
      expect(await outbox(db)).toEqual([])
    }
  })

  it('a follow-up edited here while the server takes its push: recorded at the new revision, the edit goes up next', async () => {
    const first: FollowUp = { ...followUp, id: 'fu-race' }
    const edited: FollowUp = { ...first, notes: '推送确认时补充的回访记录。', updatedAt: '2026-12-02T06:00:00.000Z' }
    await a.followUps.put(first)
    const racing = new RacingRecords(a, () => a.followUps.put(edited))
    expect(await pushRecords(remoteA, racing, key)).toMatchObject({ pushed: 1, refused: {} })
    expect(await a.followUps.get('fu-race')).toEqual(edited)
    // equal to the server's first revision no longer: still to go up, on top of it
    expect(await outbox(a)).toEqual(['followUp:fu-race'])
    expect((await a.syncRevs.get('followUp:fu-race'))?.rev).toMatch(/^1-/)
    // the next round sends the edit at once, without meeting its own earlier push on the server (a 409)
    expect(await round(a, remoteA)).toEqual({ taken: 0, pushed: 1 })
    expect(await outbox(a)).toEqual([])
    expect((await a.syncRevs.get('followUp:fu-race'))?.rev).toMatch(/^2-/)
    await round(b, remoteB)
    expect(await b.followUps.get('fu-race')).toEqual(edited)
  })

  it('another record edited while the server takes a push: the pushed one is settled, the other goes up after it', async () => {
    await a.followUps.put({ ...followUp, id: 'fu-calm' })
    const racing = new RacingRecords(a, () => a.referrals.put({ ...referral, matter: '同时改的另一条记录' }))
    // the referral, marked during the first batch's confirmation, is the push's next batch
    expect(await pushRecords(remoteA, racing, key)).toMatchObject({ pushed: 2, refused: {} })
    expect(await outbox(a)).toEqual([])
    expect((await a.syncRevs.get('followUp:fu-calm'))?.rev).toMatch(/^1-/)
    await round(b, remoteB)
    expect((await b.referrals.get('rf-1'))?.matter).toBe('同时改的另一条记录')
  })

  it('a draft finalised on A replaces the draft on B', async () => {
    const final: Agreement = {
      ...agreement,
      status: 'final',
      finalizedAt: '2026-12-03T01:00:00.000Z',
      updatedAt: '2026-12-03T01:00:00.000Z',
      contentHash: 'ab'.repeat(32),
      signature: 'c2lnbmF0dXJl',
      keyId: 'key-a',
      verifyCode: 'K7Q2-9XMD',
    }
    await a.agreements.put(final)
    await round(a, remoteA)
    await round(b, remoteB)
    expect(await b.agreements.get('ag-1')).toEqual(final)
  })

  const finalOf = (draft: Agreement, at: string, hash: string): Agreement => ({
    ...draft,
    status: 'final',
    finalizedAt: at,
    updatedAt: at,
    contentHash: hash.repeat(32),
    signature: 'c2lnbmF0dXJl',
    keyId: 'key-a',
    verifyCode: 'K7Q2-9XMD',
  })
  /** One round as live sync runs it, with what the server turned away. */
  async function roundRefused(db: MediationDb, remote: RemoteDb): Promise<Record<string, string>> {
    const records = new DexieRecords(db)
    await pullCases(remote, new DexieReplica(db), key, async (docs) => void (await pullRecords(records, key, docs)))
    return (await pushRecords(remote, records, key)).refused
  }

  it('a draft edited on B after A finalised it gives way to the final, however the two were stamped', async () => {
    const draft: Agreement = { ...agreement, id: 'ag-2' }
    await a.agreements.put(draft)
    await round(a, remoteA)
    await round(b, remoteB)
    // A finalises; B, offline, edits its draft later than that
    const final = finalOf(draft, '2026-12-03T01:00:00.000Z', 'cd')
    await a.agreements.put(final)
    await b.agreements.put({
      ...draft,
      performanceTerms: '乙机后来改的履行方式',
      updatedAt: '2026-12-03T05:00:00.000Z',
    })
    await round(a, remoteA)
    expect(await roundRefused(b, remoteB)).toEqual({})
    expect(await b.agreements.get('ag-2')).toEqual(final)
    expect(await outbox(b)).toEqual([])
  })

  it('the same agreement finalised differently on two PCs: each keeps its own, and B is told it was finalised elsewhere', async () => {
    const draft: Agreement = { ...agreement, id: 'ag-3' }
    await a.agreements.put(draft)
    await round(a, remoteA)
    await round(b, remoteB)
    const onA = finalOf(draft, '2026-12-03T01:00:00.000Z', 'ef')
    const onB = finalOf({ ...draft, performanceTerms: '乙机确认的履行方式' }, '2026-12-03T02:00:00.000Z', '12')
    await a.agreements.put(onA)
    await b.agreements.put(onB)
    await round(a, remoteA)
    const refused = await roundRefused(b, remoteB)
    expect(refused).toEqual({ 'agreement:ag-3': SERVER_REFUSALS.finalAgreement })
    expect(agreementsFinalisedElsewhere(refused)).toEqual(['ag-3'])
    // neither is changed by sync: the server keeps A's, B keeps its own (and tries again each round)
    expect(await b.agreements.get('ag-3')).toEqual(onB)
    expect(await roundRefused(a, remoteA)).toEqual({})
    expect(await a.agreements.get('ag-3')).toEqual(onA)
    expect(agreementsFinalisedElsewhere(await roundRefused(b, remoteB))).toEqual(['ag-3'])
    // settled by hand on B (here: B takes A's), the next round is quiet
    await b.agreements.put(onA)
    await roundRefused(b, remoteB)
    expect(await roundRefused(b, remoteB)).toEqual({})
    await round(a, remoteA)
    expect(await a.agreements.get('ag-3')).toEqual(onA)
  })

  it('the server holds no agreement text, signer name or image, follow-up note or referral matter in clear', async () => {
    const all = await server.request('GET', `/${committeeDbName(COMMITTEE)}/_all_docs?include_docs=true`, {
      as: server.admin,
    })
    const text = JSON.stringify(all.body)
    for (const id of ['agreement:ag-1', 'signature:sig-1', 'followUp:fu-1', 'referral:rf-1']) expect(text).toContain(id)
    for (const secret of [
      FACTS,
      '双方以现有围墙为界',
      '欧阳珺喆',
      IMAGE.slice(30, 60),
      NOTES,
      '宅基地确权材料转交',
      '当面交接',
      // the finalised agreements' hashes, signature and 核验码: a guess of a masked number could be tested on them
      'ab'.repeat(32),
      'cd'.repeat(32),
      'ef'.repeat(32),
      'c2lnbmF0dXJl',
      'K7Q2-9XMD',
    ])
      expect(text).not.toContain(secret)
  })

  it('an agreement finalised under an older version (its hash in clear on the server) opens, and goes under its digest when next written', async () => {
    const final = finalOf({ ...agreement, id: 'ag-4' }, '2026-12-03T01:00:00.000Z', '34')
    const legacy = legacyAgreementDoc(final, new Uint8Array(32).fill(7), key.id, { clauseCount: 1, amountFen: 0 })
    const put = await server.request('PUT', `/${committeeDbName(COMMITTEE)}/agreement:ag-4`, {
      as: server.admin,
      body: legacy,
    })
    expect(put.status).toBe(201)
    await round(a, remoteA)
    await round(b, remoteB)
    expect(await b.agreements.get('ag-4')).toEqual(final)
    // a new version supersedes it on B: the server takes the old one under its digest, its three gone
    const superseded = { ...final, status: 'superseded' as const, updatedAt: '2026-12-04T01:00:00.000Z' }
    await b.agreements.put(superseded)
    expect(await roundRefused(b, remoteB)).toEqual({})
    const stored = (await server.request('GET', `/${committeeDbName(COMMITTEE)}/agreement:ag-4`, { as: server.admin }))
      .body as Record<string, unknown>
    expect(stored).toMatchObject({ status: 'superseded', version: 1 })
    expect(typeof stored.finalDigest).toBe('string')
    for (const field of ['contentHash', 'signature', 'verifyCode']) expect(stored).not.toHaveProperty(field)
    await round(a, remoteA)
    expect(await a.agreements.get('ag-4')).toEqual(superseded)
  })
})

describe("the reception desk's visits and the screening rounds shared through the server", () => {
  const visit: Visit = {
    id: 'vi-1',
    createdAt: T0,
    updatedAt: T0,
    visitedAt: '2026-12-01T01:30:00.000Z',
    visitorName: '司马翠萍',
    phone: '13955550123',
    people: 2,
    channel: 'walk_in',
    category: '邻里',
    note: '反映邻居装修噪音扰民，夜间施工。',
    route: 'answered',
    handledBy: '李淑珺',
    outcome: '已告知可申请调解，当事人表示先自行协商。',
  }
  const screening: ScreeningRound = {
    id: 'sc-1',
    createdAt: T0,
    updatedAt: T0,
    heldOn: '2026-12-01',
    area: '东关村三组',
    kind: 'regular',
    mediatorIds: ['m-1'],
    participants: ['网格员欧阳建国'],
    found: 3,
    note: '三组两户因排水沟堵塞争执。',
  }

  it('made at the desk of A, they go up once and arrive on B (the month counts every PC), the later change standing', async () => {
    await a.visits.add(visit)
    await a.screenings.add(screening)
    expect(await outbox(a)).toEqual(['screening:sc-1', 'visit:vi-1'])
    expect(await round(a, remoteA)).toEqual({ taken: 0, pushed: 2 })
    expect(await round(b, remoteB)).toEqual({ taken: 2, pushed: 0 })
    expect(await b.visits.get('vi-1')).toEqual(visit)
    expect(await b.screenings.get('sc-1')).toEqual(screening)
    expect(await outbox(b)).toEqual([])

    // B routes the visit on afterwards: A takes it
    const routed = {
      ...visit,
      route: 'case' as const,
      outcome: '已登记为调解案件。',
      updatedAt: '2026-12-02T02:00:00.000Z',
    }
    await b.visits.put(routed)
    expect(await round(b, remoteB)).toEqual({ taken: 0, pushed: 1 })
    expect(await round(a, remoteA)).toEqual({ taken: 1, pushed: 0 })
    expect(await a.visits.get('vi-1')).toEqual(routed)
  })

  it('the server reads when, how many, how they came and where it went, never who came, what they said or where a round was', async () => {
    const all = await server.request('GET', `/${committeeDbName(COMMITTEE)}/_all_docs?include_docs=true`, {
      as: server.admin,
    })
    const docs = (all.body as { rows: { id: string; doc: Record<string, unknown> }[] }).rows
    const visitDoc = docs.find((r) => r.id === 'visit:vi-1')!.doc
    expect(visitDoc).toMatchObject({ type: 'visit', people: 2, channel: 'walk_in', category: '邻里', route: 'case' })
    expect(docs.find((r) => r.id === 'screening:sc-1')!.doc).toMatchObject({ type: 'screening', found: 3 })
    const text = JSON.stringify(all.body)
    for (const secret of [
      '司马翠萍',
      '13955550123',
      '装修噪音',
      '李淑珺',
      '已登记为调解案件',
      '东关村',
      '欧阳建国',
      '排水沟',
    ])
      expect(text).not.toContain(secret)
  })
})
