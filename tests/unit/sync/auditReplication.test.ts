/**
 * Each PC's audit chain through the loopback CouchDB-protocol server (src/db/sync/auditPush.ts, auditPull.ts):
 * A's entries arrive on B and verify with A's published key; B never pushes them; a restart sends nothing
 * twice; a member cannot change an entry on the server; and what a server admin does to a chain (an entry
 * edited, one deleted in the middle, the end cut off) or a committee PC forging an entry without A's audit
 * key shows on B as that specific failure.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { linkEntry } from '../../../src/domain/audit'
import type { PeerChainVerdict } from '../../../src/domain/peerAudit'
import { readPeerAudit } from '../../../src/db/auditPages'
import {
  auditDocId,
  auditRecordId,
  committeeDbName,
  SERVER_REFUSALS,
  syncDocId,
  VALIDATION_DESIGN_DOC_ID,
  validationDesignDoc,
} from '../../../src/domain/syncServer'
import { newChainSigner, signPlaces } from '../../../src/db/sync/auditSigning'
import { bytesToBase64 } from '../../../src/db/transfer/base64'
import type { AuditEntry } from '../../../src/domain/types'
import { MediationDb } from '../../../src/db/schema'
import { pullCases } from '../../../src/db/sync/caseReplication'
import type { RemoteDb } from '../../../src/db/sync/couchHttp'
import { DexieReplica } from '../../../src/db/sync/dexieReplica'
import { pullAudit } from '../../../src/db/sync/auditPull'
import { pushAudit, type AuditKeys } from '../../../src/db/sync/auditPush'
import { readPeerChains, readPushState, writePushState } from '../../../src/db/sync/auditStore'
import {
  importCommitteeKey,
  openFromServer,
  sealForServer,
  type CommitteeKey,
  type ServerDoc,
} from '../../../src/db/sync/seal'
import { basicAuth, createCommitteeDb, startLoopbackServer, type LoopbackServer } from '../../sync/server'

const COMMITTEE = '5d4c3b2a-1f0e-4d9c-8b7a-6e5f4d3c2b1a'
const pcA = { name: 'audit-a', password: 'pw-audit-a' }
const pcB = { name: 'audit-b', password: 'pw-audit-b' }
const DB_PATH = `/${committeeDbName(COMMITTEE)}`

let server: LoopbackServer
let key: CommitteeKey
let url: string

interface Pc {
  db: MediationDb
  remote: RemoteDb
  keys: AuditKeys
}

let seq = 0
function pc(name: string, who: typeof pcA, fill: number): Pc {
  return {
    db: new MediationDb(`audit-${name}-${++seq}`, { indexedDB: new IDBFactory(), IDBKeyRange }),
    remote: { url: '', authorization: basicAuth(who) },
    keys: { auditKey: new Uint8Array(32).fill(fill) },
  }
}

/** Appends `n` entries to the PC's own log, linked with its own audit key (as appendAudit does). */
async function write(p: Pc, n: number, linkKey = p.keys.auditKey): Promise<void> {
  for (let i = 0; i < n; i++) {
    const last = await p.db.audit.orderBy('seq').last()
    const entry = linkEntry(
      last,
      {
        id: crypto.randomUUID(),
        ts: new Date(Date.UTC(2026, 11, 1, 8, 0, (last?.seq ?? 0) + 1)).toISOString(),
        actor: 'm-1',
        action: 'update',
        entity: 'case',
        entityId: crypto.randomUUID(),
        fields: ['facts'],
      },
      linkKey,
    )
    await p.db.audit.add(entry)
  }
}

/** One round as live sync runs it for the audit chains: pull (on the cases' feed), then push. */
async function round(p: Pc): Promise<number> {
  const remote = { ...p.remote, url }
  await pullCases(remote, new DexieReplica(p.db), key, (docs) => pullAudit(p.db, key, docs))
  return (await pushAudit(remote, p.db, key, p.keys)).pushed
}

async function chainId(p: Pc): Promise<string> {
  return (await readPushState(p.db))!.chainId
}

/** How `viewer`'s 审计日志 judges the chain `id` as it received it. */
async function verdictOfChain(viewer: Pc, id: string): Promise<PeerChainVerdict> {
  const chain = (await readPeerAudit(viewer.db)).find((c) => c.chainId === id)
  expect(chain, `chain of ${id} on the viewer`).toBeDefined()
  return chain!.verdict
}

/** How `viewer` judges `author`'s current chain. */
async function verdictOn(viewer: Pc, author: Pc): Promise<PeerChainVerdict> {
  return verdictOfChain(viewer, await chainId(author))
}

/** The server's audit documents of one chain, opened. */
async function serverChain(id: string): Promise<{ rev: string; entry: AuditEntry }[]> {
  const from = encodeURIComponent(JSON.stringify(`audit:${id}:`))
  const to = encodeURIComponent(JSON.stringify(`audit:${id}:\ufff0`))
  const all = await server.request('GET', `${DB_PATH}/_all_docs?include_docs=true&startkey=${from}&endkey=${to}`, {
    as: server.admin,
  })
  const rows = (all.body as { rows: { doc: ServerDoc }[] }).rows
  return Promise.all(
    rows.map(async (r) => ({ rev: r.doc._rev!, entry: (await openFromServer('audit', r.doc, key)).entry })),
  )
}

async function adminGet(id: string): Promise<ServerDoc> {
  return (await server.request('GET', `${DB_PATH}/${encodeURIComponent(id)}`, { as: server.admin })).body as ServerDoc
}

/** What a rogue server admin does first: removes the validation that keeps entries append-only and keys fixed. */
async function removeValidation(): Promise<void> {
  const design = await adminGet(VALIDATION_DESIGN_DOC_ID)
  await server.request('DELETE', `${DB_PATH}/${encodeURIComponent(design._id)}?rev=${design._rev}`, {
    as: server.admin,
  })
}

async function adminPut(doc: ServerDoc): Promise<void> {
  const res = await server.request('PUT', `${DB_PATH}/${encodeURIComponent(doc._id)}`, { as: server.admin, body: doc })
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300)
}

async function adminDelete(id: string): Promise<void> {
  const doc = await adminGet(id)
  const res = await server.request('DELETE', `${DB_PATH}/${encodeURIComponent(id)}?rev=${doc._rev}`, {
    as: server.admin,
  })
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300)
}

const a = pc('a', pcA, 0xa1)
const b = pc('b', pcB, 0xb2)

beforeAll(async () => {
  server = await startLoopbackServer()
  await createCommitteeDb(server, COMMITTEE, [pcA, pcB])
  key = await importCommitteeKey(new Uint8Array(32).fill(7))
  url = `${server.url}${DB_PATH}`
})

afterAll(async () => {
  await server?.stop()
})

describe('each PC’s audit chain shared through the server', () => {
  it('A’s entries arrive on B, apart from B’s own log, and verify with A’s published key', async () => {
    await write(a, 5)
    await write(b, 2)
    expect(await round(a)).toBe(5)
    expect(await round(b)).toBe(2)
    expect(await round(b)).toBe(0)
    expect(await verdictOn(b, a)).toEqual({ ok: true, length: 5, detail: '共 5 条，逐条校验通过' })
    // B's own log is B's alone, and B's own chain (echoed by the feed) is not taken for another PC's
    expect(await b.db.audit.count()).toBe(2)
    expect((await readPeerChains(b.db)).map((c) => c.chainId)).toEqual([await chainId(a)])
    await round(a)
    expect(await verdictOn(a, b)).toMatchObject({ ok: true, length: 2 })
  })

  it('B never pushes A’s entries: each chain on the server holds its own PC’s log, each entry written once', async () => {
    const onServerA = await serverChain(await chainId(a))
    const onServerB = await serverChain(await chainId(b))
    expect(onServerA.map((d) => d.entry)).toEqual(await a.db.audit.orderBy('seq').toArray())
    expect(onServerB.map((d) => d.entry)).toEqual(await b.db.audit.orderBy('seq').toArray())
    expect([...onServerA, ...onServerB].every((d) => d.rev.startsWith('1-'))).toBe(true)
  })

  it('a restart resumes after the last entry confirmed; one sent before a crash is not sent again', async () => {
    const before = (await readPushState(a.db))!
    await write(a, 3)
    expect(await round(a)).toBe(3)
    // the state as if the PC had stopped after the server took the entries, before it wrote the state
    await writePushState(a.db, before)
    expect(await round(a)).toBe(0)
    expect(await readPushState(a.db)).toMatchObject({ chainId: before.chainId, pushedSeq: 8, retired: [] })
    const onServer = await serverChain(before.chainId)
    expect(onServer.map((d) => d.entry.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect(onServer.every((d) => d.rev.startsWith('1-'))).toBe(true)
    await round(b)
    expect(await verdictOn(b, a)).toMatchObject({ ok: true, length: 8 })
  })

  it('a log restored to an earlier state starts a new chain; the old one stays on the server as it was', async () => {
    const old = await chainId(a)
    const kept = (await a.db.audit.orderBy('seq').toArray()).slice(0, 3)
    // what a restore from a backup made after entry 3 leaves, then two entries written since
    await a.db.audit.clear()
    await a.db.audit.bulkAdd(kept)
    await write(a, 2)
    expect(await round(a)).toBe(5)
    const state = (await readPushState(a.db))!
    expect(state).toMatchObject({ pushedSeq: 5, retired: [old] })
    expect(state.chainId).not.toBe(old)
    expect((await serverChain(old)).map((d) => d.entry.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect((await serverChain(state.chainId)).map((d) => d.entry)).toEqual(await a.db.audit.orderBy('seq').toArray())
    await round(b)
    expect(await verdictOn(b, a)).toMatchObject({ ok: true, length: 5 })
    expect(await verdictOfChain(b, old)).toMatchObject({ ok: true, length: 8 })
  })

  it('a PC that adopts another PC’s audit key (restoring its backup) publishes it again: those entries verify', async () => {
    const restorer = pc('restorer', pcA, 0x5a)
    const otherPc = new Uint8Array(32).fill(0x6b)
    // two entries written on the other PC (its key), restored here, then one of this PC's own
    await write(restorer, 2, otherPc)
    await write(restorer, 1)
    await round(restorer)
    await round(b)
    expect(await verdictOn(b, restorer)).toMatchObject({ ok: false, problem: 'mac', seq: 1 })
    // the host now hands the adopted key along with this PC's own (as after the restore)
    restorer.keys = { ...restorer.keys, adoptedAuditKeys: [otherPc] }
    expect(await round(restorer)).toBe(0)
    await round(b)
    expect(await verdictOn(b, restorer)).toEqual({ ok: true, length: 3, detail: '共 3 条，逐条校验通过' })
  })

  it('a member cannot change or delete an entry on the server', async () => {
    const id = auditDocId(await chainId(a), 2)
    const doc = await adminGet(id)
    const put = await server.request('PUT', `${DB_PATH}/${encodeURIComponent(id)}`, {
      as: pcB,
      body: { ...doc, ts: '2026-01-01T00:00:00.000Z' },
    })
    expect(put).toEqual({ status: 403, body: { error: 'forbidden', reason: SERVER_REFUSALS.auditAppendOnly } })
    const del = await server.request('DELETE', `${DB_PATH}/${encodeURIComponent(id)}?rev=${doc._rev}`, { as: pcB })
    expect(del.status).toBe(403)
  })
})

/** B, a PC of the committee: it holds the committee's key and so every chain's audit keys, but not A's signing key. */
async function memberPost(docs: ServerDoc[]): Promise<{ ok?: boolean; error?: string; reason?: string }[]> {
  const res = await server.request('POST', `${DB_PATH}/_bulk_docs`, { as: pcB, body: { docs } })
  return res.body as { ok?: boolean; error?: string; reason?: string }[]
}

describe('another PC of the committee writes on A’s chain', () => {
  const author = pc('author', pcA, 0x55)
  const viewer = pc('viewer', pcA, 0x66)

  beforeAll(async () => {
    await write(author, 4)
    await round(author)
    await round(viewer)
    expect(await verdictOn(viewer, author)).toEqual({ ok: true, length: 4, detail: '共 4 条，逐条校验通过' })
  })

  it('an entry appended with A’s audit key (every PC holds it) but not A’s signature: 第 5 条起没有这台电脑的签名', async () => {
    const id = await chainId(author)
    const published = await openFromServer('auditKey', await adminGet(syncDocId('auditKey', id)), key)
    const auditKeyOfA = Uint8Array.from(atob(published.keys[0]!), (c) => c.charCodeAt(0))
    const last = (await openFromServer('audit', await adminGet(auditDocId(id, 4)), key)).entry
    const entry = linkEntry(
      last,
      {
        id: crypto.randomUUID(),
        ts: '2026-12-01T09:00:00.000Z',
        actor: 'm-1',
        action: 'export-unmasked',
        entity: 'case',
        entityId: crypto.randomUUID(),
        fields: [],
      },
      auditKeyOfA,
    )
    // signed with B's own key: a signature, but not under the key A published
    const [sig] = await signPlaces(await newChainSigner(), id, [entry])
    const doc = await sealForServer(
      'audit',
      { id: auditRecordId(id, 5), chainId: id, seq: 5, ts: entry.ts, entry, sig },
      key,
    )
    expect(await memberPost([doc])).toMatchObject([{ ok: true }])
    await round(viewer)
    expect(await verdictOn(viewer, author)).toEqual({
      ok: false,
      problem: 'unsigned',
      seq: 5,
      detail: '第 5 条起没有这台电脑的签名：可能是本委员会的另一台电脑冒写的',
    })
  })

  it('a member can neither replace the chain’s signing key on the server nor delete its key document', async () => {
    const id = await chainId(author)
    const doc = await adminGet(syncDocId('auditKey', id))
    const mine = await newChainSigner()
    const published = await openFromServer('auditKey', doc, key)
    const replaced = await sealForServer('auditKey', { ...published, publicKey: mine.publicKey }, key)
    expect(await memberPost([{ ...replaced, _rev: doc._rev! }])).toMatchObject([
      { error: 'forbidden', reason: SERVER_REFUSALS.auditKeyFixed },
    ])
    const del = await server.request('DELETE', `${DB_PATH}/${encodeURIComponent(doc._id)}?rev=${doc._rev}`, { as: pcB })
    expect(del).toEqual({ status: 403, body: { error: 'forbidden', reason: SERVER_REFUSALS.auditKeyFixed } })
  })

  it('a key replaced behind the validation’s back (an admin removed it) shows on a PC that kept the first', async () => {
    const id = await chainId(author)
    await removeValidation()
    try {
      const doc = await adminGet(syncDocId('auditKey', id))
      const published = await openFromServer('auditKey', doc, key)
      // B's own key, and B's signature on the head it appended: every entry would verify under it
      const mine = await newChainSigner()
      const fifth = (await openFromServer('audit', await adminGet(auditDocId(id, 5)), key)).entry
      const [sig] = await signPlaces(mine, id, [fifth])
      const replaced = await sealForServer(
        'auditKey',
        { ...published, publicKey: mine.publicKey, head: { seq: 5, sig: sig! } },
        key,
      )
      expect(await memberPost([{ ...replaced, _rev: doc._rev! }])).toMatchObject([{ ok: true }])
      await round(viewer)
      expect(await verdictOn(viewer, author)).toEqual({
        ok: false,
        problem: 'keyChanged',
        detail: '这台电脑的签名密钥在服务器上被换成了另一个：记录可能是本委员会的另一台电脑冒写的',
      })
    } finally {
      const put = await server.request('PUT', `${DB_PATH}/${VALIDATION_DESIGN_DOC_ID}`, {
        as: server.admin,
        body: validationDesignDoc(),
      })
      expect(put.status, JSON.stringify(put.body)).toBeLessThan(300)
    }
  })
})

describe('a chain pushed before signing', () => {
  const old = pc('old', pcA, 0x71)
  const viewer = pc('old-viewer', pcB, 0x72)
  const id = crypto.randomUUID()

  /** What a version before signing pushed: entries without signatures, keys without a signing key. */
  async function pushAsBeforeSigning() {
    const entries = await old.db.audit.orderBy('seq').toArray()
    const docs = await Promise.all(
      entries.map((entry) =>
        sealForServer(
          'audit',
          { id: auditRecordId(id, entry.seq), chainId: id, seq: entry.seq, ts: entry.ts, entry },
          key,
        ),
      ),
    )
    docs.push(await sealForServer('auditKey', { id, keys: [bytesToBase64(old.keys.auditKey)] }, key))
    const res = await server.request('POST', `${DB_PATH}/_bulk_docs`, { as: pcA, body: { docs } })
    expect(res.status).toBeLessThan(300)
    const last = entries.at(-1)!
    await writePushState(old.db, {
      chainId: id,
      pushedSeq: last.seq,
      pushedHash: last.hash,
      retired: [],
      keysDigest: 'before',
    })
  }

  it('verifies by its MACs and says it is unsigned; after the PC’s next push, with no new entry, it is signed', async () => {
    await write(old, 3)
    await pushAsBeforeSigning()
    await round(viewer)
    expect(await verdictOfChain(viewer, id)).toEqual({
      ok: true,
      length: 3,
      detail: '共 3 条，逐条校验通过；这台电脑的软件版本较旧，记录没有签名',
    })
    // the PC, now on this version, keeps its chain and publishes its signing key with a signature on the head
    expect(await round(old)).toBe(0)
    expect(await readPushState(old.db)).toMatchObject({ chainId: id, pushedSeq: 3, retired: [] })
    await round(viewer)
    expect(await verdictOfChain(viewer, id)).toEqual({ ok: true, length: 3, detail: '共 3 条，逐条校验通过' })
    // and what it writes next is signed entry by entry
    await write(old, 2)
    expect(await round(old)).toBe(2)
    await round(viewer)
    expect(await verdictOfChain(viewer, id)).toEqual({ ok: true, length: 5, detail: '共 5 条，逐条校验通过' })
  })
})

describe('a chain changed on the server breaks visibly on the other PCs', () => {
  // each case on a chain of its own, written by a PC of its own and viewed by B
  const edited = pc('edited', pcA, 0x11)
  const forged = pc('forged', pcA, 0x22)
  const holed = pc('holed', pcA, 0x33)
  const cut = pc('cut', pcA, 0x44)

  beforeAll(async () => {
    for (const p of [edited, forged, holed, cut]) {
      await write(p, 5)
      await round(p)
    }
    await round(b)
    for (const p of [edited, forged, holed, cut]) expect(await verdictOn(b, p)).toMatchObject({ ok: true, length: 5 })
    // a rogue server admin first removes the validation that keeps entries append-only
    await removeValidation()
  })

  it('an entry edited by the admin (a clear field) no longer opens: 第 3 条在服务器上被改动', async () => {
    const doc = await adminGet(auditDocId(await chainId(edited), 3))
    await adminPut({ ...doc, ts: '2026-11-30T00:00:00.000Z' })
    await round(b)
    expect(await verdictOn(b, edited)).toEqual({
      ok: false,
      problem: 'unreadable',
      seq: 3,
      detail: '第 3 条在服务器上被改动，无法解密',
    })
  })

  it('an entry re-sealed with other content by a holder of the committee key, without A’s audit key: MAC fails', async () => {
    const id = await chainId(forged)
    const doc = await adminGet(auditDocId(id, 3))
    const record = await openFromServer('audit', doc, key)
    const changed = { ...record, entry: { ...record.entry, fields: ['facts', 'parties'] } }
    await adminPut({ ...(await sealForServer('audit', changed, key)), _rev: doc._rev! })
    await round(b)
    expect(await verdictOn(b, forged)).toEqual({
      ok: false,
      problem: 'mac',
      seq: 3,
      detail: '第 3 条的内容被改动：校验值与这台电脑的审计密钥不符',
    })
  })

  it('an entry deleted in the middle: 第 3 条缺失', async () => {
    await adminDelete(auditDocId(await chainId(holed), 3))
    await round(b)
    expect(await verdictOn(b, holed)).toEqual({
      ok: false,
      problem: 'missing',
      seq: 3,
      detail: '第 3 条在服务器上缺失：被删除了',
    })
  })

  it('the end cut off: the chain left verifies, but B remembers the server once showed 5', async () => {
    const id = await chainId(cut)
    await adminDelete(auditDocId(id, 5))
    await adminDelete(auditDocId(id, 4))
    await round(b)
    expect(await verdictOn(b, cut)).toEqual({
      ok: false,
      problem: 'truncated',
      seq: 4,
      detail: '服务器上曾有 5 条，现在只有 3 条：末尾的记录被删除',
    })
  })

  it('the chains nobody touched still verify', async () => {
    expect(await verdictOn(b, a)).toMatchObject({ ok: true, length: 5 })
    expect(await verdictOn(b, edited)).toMatchObject({ ok: false })
  })
})
