/**
 * Files kept with cases between two PCs through the loopback CouchDB-protocol server
 * (src/db/sync/attachmentReplication.ts over dexieAttachments.ts), riding on the cases' feed: a file added
 * on A arrives on B byte for byte; the server holds neither its name nor its content in clear; a file the
 * server offers that breaks the rules (HTML named .pdf, over 20 MB) is refused with nothing written; a
 * removal replicates; a restart fetches nothing twice.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { request as httpRequest } from 'node:http'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { addAttachment, removeAttachment } from '../../../src/db/caseRecordsRepo'
import { createCase } from '../../../src/db/casesRepo'
import { blobOfBytes } from '../../../src/db/blobBytes'
import { MediationDb } from '../../../src/db/schema'
import {
  emptyFilesResult,
  pullAttachments,
  pushAttachments,
  type FilesResult,
} from '../../../src/db/sync/attachmentReplication'
import { pullCases, pushCases } from '../../../src/db/sync/caseReplication'
import type { RemoteDb } from '../../../src/db/sync/couchHttp'
import { DexieAttachments } from '../../../src/db/sync/dexieAttachments'
import { DexieReplica } from '../../../src/db/sync/dexieReplica'
import { joinServer } from '../../../src/db/sync/join'
import {
  SealError,
  importCommitteeKey,
  openFileFromServer,
  sealFileForServer,
  sealForServer,
  type CommitteeKey,
} from '../../../src/db/sync/seal'
import { MAX_ATTACHMENT_BYTES } from '../../../src/domain/attachments'
import type { Attachment } from '../../../src/domain/types'
import { bytesToBase64 } from '../../../src/db/transfer/base64'
import { basicAuth, createCommitteeDb, startLoopbackServer, type LoopbackServer } from '../../sync/server'
import { intake, setUpCommittee } from '../db/caseFixtures'

const pcA = { name: 'files-a', password: 'pw-files-a' }
const pcB = { name: 'files-b', password: 'pw-files-b' }
const PHOTO_NAME = '王建国手写欠条照片.png'
const SCAN_NAME = '李明还款承诺书扫描件.pdf'
const PHOTO_TEXT = 'QIANTIAO-WANGJIANGUO-8812'
const SCAN_TEXT = 'HUANKUAN-CHENGNUO-LIMING-4471'
const enc = (s: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(s)
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...enc(PHOTO_TEXT.repeat(40))])
const PDF = enc(`%PDF-1.4\n${SCAN_TEXT.repeat(40)}\n%%EOF`)

let server: LoopbackServer
let key: CommitteeKey
let remoteA: RemoteDb
let remoteB: RemoteDb
let dbPath = ''
let caseId = ''
const ids: Record<'photo' | 'scan', string> = { photo: '', scan: '' }
const a = new MediationDb('files-pc-a', { indexedDB: new IDBFactory(), IDBKeyRange })
const b = new MediationDb('files-pc-b', { indexedDB: new IDBFactory(), IDBKeyRange })

/** URLs fetched (method and path), to see what was downloaded */
let fetched: string[] = []
const realFetch = globalThis.fetch
vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
  fetched.push(`${init?.method ?? 'GET'} ${String(input)}`)
  return realFetch(input, init)
})
const bodiesFetched = (): string[] => fetched.filter((f) => f.startsWith('GET ') && f.includes('/sealed?rev='))

/** One round as live sync runs it: pull (the files riding on the cases' feed), then push. */
async function round(db: MediationDb, remote: RemoteDb): Promise<FilesResult> {
  const files = new DexieAttachments(db)
  const replica = new DexieReplica(db)
  const result = emptyFilesResult()
  await pullCases(remote, replica, key, (docs) => pullAttachments(remote, files, key, docs, result))
  await pushCases(remote, replica, key)
  await pushAttachments(remote, files, key, result)
  return result
}

/** A store through which a file is changed here once, after the server took its push and before it is recorded. */
class RacingFiles extends DexieAttachments {
  constructor(
    db: MediationDb,
    private change?: () => Promise<unknown>,
  ) {
    super(db)
  }

  override async confirmPushed(...args: Parameters<DexieAttachments['confirmPushed']>) {
    const change = this.change
    this.change = undefined
    await change?.()
    return super.confirmPushed(...args)
  }
}

const bytesOf = async (x: Attachment | undefined): Promise<Uint8Array> => new Uint8Array(await x!.data.arrayBuffer())
const outbox = async (db: MediationDb) => (await db.syncOutbox.toCollection().primaryKeys()).sort()
const audits = async (db: MediationDb, entityId: string) =>
  (await db.audit.orderBy('seq').toArray()).filter((e) => e.entityId === entityId).map((e) => `${e.actor}:${e.action}`)

/** A document as a PC holding the key would write it: any description, any bytes. */
async function plant(
  meta: Omit<Attachment, 'data'>,
  body: Uint8Array<ArrayBuffer>,
  /** bytes as the server stores them, taken from elsewhere */
  sealedBody?: Uint8Array,
): Promise<string> {
  const doc = await sealForServer('attachment', meta, key)
  const data = bytesToBase64(sealedBody ?? (await sealFileForServer(doc._id, body, key)))
  const text = JSON.stringify({ ...doc, _attachments: { sealed: { content_type: 'application/octet-stream', data } } })
  expect(await putAlone(`${dbPath}/${encodeURIComponent(doc._id)}`, text)).toBe(201)
  return doc._id
}

/**
 * A PUT as PC A on a connection of its own, answering the status: a 28 MB body sent on a pooled connection
 * can meet the server closing it (its keep-alive ends after 5 s idle) and fail with EPIPE.
 */
function putAlone(path: string, text: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = {
      Authorization: basicAuth(pcA),
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
    }
    const req = httpRequest(`${server.url}${path}`, { method: 'PUT', headers, agent: false }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.end(text)
  })
}

beforeAll(async () => {
  server = await startLoopbackServer()
  const { committee, roomId } = await setUpCommittee(a)
  await setUpCommittee(b)
  // both share from here on, as after LiveSync's first round
  await Promise.all([joinServer(a), joinServer(b)])
  dbPath = await createCommitteeDb(server, committee.id, [pcA, pcB])
  key = await importCommitteeKey(new Uint8Array(32).fill(5))
  remoteA = { url: `${server.url}${dbPath}`, authorization: basicAuth(pcA) }
  remoteB = { url: `${server.url}${dbPath}`, authorization: basicAuth(pcB) }
  caseId = (await createCase(a, intake(roomId), committee, '测试')).id
})

afterEach(() => {
  fetched = []
})

afterAll(async () => {
  vi.restoreAllMocks()
  await server?.stop()
})

describe('attachments shared through the server', () => {
  it('added on A, they go up once and arrive on B byte for byte, fetched one by one, with audit entries', async () => {
    const photo = await addAttachment(
      a,
      caseId,
      'evidence',
      { name: PHOTO_NAME, type: 'image/png', bytes: PNG },
      '测试',
    )
    const scan = await addAttachment(
      a,
      caseId,
      'signed_scan',
      { name: SCAN_NAME, type: 'application/pdf', bytes: PDF },
      '测试',
    )
    ids.photo = photo.id
    ids.scan = scan.id
    expect(await outbox(a)).toContain(`attachment:${photo.id}`)
    expect((await round(a, remoteA)).pushed).toBe(2)
    expect(await outbox(a)).toEqual([])

    const onB = await round(b, remoteB)
    expect(onB).toEqual({ pushed: 0, taken: 2, removed: 0, refused: {} })
    for (const [sent, bytes] of [
      [photo, PNG],
      [scan, PDF],
    ] as const) {
      const arrived = await b.attachments.get(sent.id)
      const { data: _x, ...meta } = arrived!
      const { data: _y, ...sentMeta } = sent
      expect(meta).toEqual(sentMeta)
      expect(await bytesOf(arrived)).toEqual(bytes)
      expect(arrived!.data.type).toBe(sent.mime)
      expect(await audits(b, sent.id)).toEqual(['同步:sync-pull'])
    }
    // the feed carried descriptions only; each file's bytes were fetched once, on their own
    expect(bodiesFetched()).toHaveLength(2)
    expect(fetched.some((f) => f.includes('attachments=true'))).toBe(false)
    expect(await outbox(b)).toEqual([])
  })

  it('a restart fetches nothing twice and sends nothing again', async () => {
    const before = (await b.audit.count()) + (await a.audit.count())
    expect(await round(b, remoteB)).toEqual(emptyFilesResult())
    expect(await round(a, remoteA)).toEqual(emptyFilesResult())
    expect(bodiesFetched()).toEqual([])
    expect((await b.audit.count()) + (await a.audit.count())).toBe(before)
    expect(await b.attachments.count()).toBe(2)
    const doc = await server.request('GET', `${dbPath}/attachment%3A${ids.photo}`, { as: server.admin })
    expect((doc.body as { _rev: string })._rev).toMatch(/^1-/)
  })

  it('the server holds neither the files’ names nor their content in clear', async () => {
    const all = await server.request('GET', `${dbPath}/_all_docs?include_docs=true&attachments=true`, {
      as: server.admin,
    })
    const rows = (all.body as { rows: { id: string; doc: Record<string, unknown> }[] }).rows
    const files = rows.filter((r) => r.id.startsWith('attachment:'))
    expect(files.map((r) => r.id).sort()).toEqual([`attachment:${ids.photo}`, `attachment:${ids.scan}`].sort())
    const text = JSON.stringify(all.body)
    const bodies = files.map((r) => {
      const att = r.doc._attachments as Record<string, { data: string }>
      expect(Object.keys(att)).toEqual(['sealed'])
      return Buffer.from(att.sealed!.data, 'base64').toString('latin1')
    })
    for (const secret of ['王建国手写欠条', '李明还款承诺书', PHOTO_TEXT, SCAN_TEXT, bytesToBase64(PNG).slice(0, 24)]) {
      expect(text).not.toContain(secret)
      for (const body of bodies) expect(body).not.toContain(secret)
    }
    for (const body of bodies) expect(body.startsWith('%PDF') || body.startsWith('\x89PNG')).toBe(false)
    // what the server reads: the case, the kind, the type, the size
    const photoDoc = files.find((r) => r.id === `attachment:${ids.photo}`)!.doc
    expect(photoDoc).toMatchObject({
      type: 'attachment',
      caseId,
      kind: 'evidence',
      mime: 'image/png',
      size: PNG.length,
    })
  })

  it('a file from the server that is HTML named .pdf is refused: nothing written, the reason in Chinese', async () => {
    const html = enc('<html><script>alert(1)</script></html>')
    const at = '2026-12-04T01:00:00.000Z'
    const forged = { id: 'forged-html', createdAt: at, updatedAt: at, caseId, kind: 'evidence' as const }
    const docId = await plant({ ...forged, name: '扫描.pdf', mime: 'application/pdf', size: html.length }, html)
    const auditBefore = await b.audit.count()
    const onB = await round(b, remoteB)
    expect(onB.taken).toBe(0)
    expect(onB.refused[docId]).toMatch(/^服务器上的附件未取回：“扫描\.pdf”的内容不是照片/)
    expect(await b.attachments.get('forged-html')).toBeUndefined()
    expect(await b.syncRevs.get(docId)).toBeUndefined()
    expect(await b.audit.count()).toBe(auditBefore)
    expect(await outbox(b)).toEqual([])
  })

  it('a file over 20 MB is refused before it is fetched, and never sent', async () => {
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1)
    big.set(enc('%PDF-1.4\n'))
    const at = '2026-12-04T02:00:00.000Z'
    const meta = { createdAt: at, updatedAt: at, caseId, kind: 'evidence' as const, mime: 'application/pdf' }
    const docId = await plant({ ...meta, id: 'too-big', name: '监控录像.pdf', size: big.length }, big)
    const onB = await round(b, remoteB)
    expect(onB.refused[docId]).toMatch(/^服务器上的附件未取回：“监控录像\.pdf”有 20\.0 MB，超过 20 MB 的上限/)
    expect(bodiesFetched()).toEqual([])
    expect(await b.attachments.get('too-big')).toBeUndefined()

    // one stored here past the limit (an old import) stays here
    await a.attachments.put({
      ...meta,
      id: 'too-big-here',
      name: '录像.pdf',
      size: big.length,
      data: blobOfBytes(big, 'application/pdf'),
    })
    const onA = await round(a, remoteA)
    expect(onA.pushed).toBe(0)
    expect(onA.refused['attachment:too-big-here']).toMatch(/超过 20 MB 的上限/)
    expect((await server.request('GET', `${dbPath}/attachment%3Atoo-big-here`, { as: server.admin })).status).toBe(404)
    await a.attachments.delete('too-big-here')
    await round(a, remoteA)
    expect(await outbox(a)).toEqual([])
    // 20 MB encrypted, sent to the server and sealed at rest here: seconds, more on a busy machine
  }, 120_000)

  it('a file’s bytes moved onto another document do not open: refused, nothing written', async () => {
    const sealed = await sealFileForServer(`attachment:${ids.photo}`, PNG, key)
    await expect(openFileFromServer(`attachment:${ids.scan}`, sealed, key)).rejects.toBeInstanceOf(SealError)
    expect(await openFileFromServer(`attachment:${ids.photo}`, sealed, key)).toEqual(PNG)

    // on the server: the photo's stored bytes under a new description
    const res = await realFetch(`${server.url}${dbPath}/attachment%3A${ids.photo}/sealed`, {
      headers: { Authorization: basicAuth(server.admin) },
    })
    const moved = new Uint8Array(await res.arrayBuffer())
    const at = '2026-12-04T03:00:00.000Z'
    const meta = { id: 'moved', createdAt: at, updatedAt: at, caseId, kind: 'evidence' as const }
    const docId = await plant({ ...meta, name: '挪用.png', mime: 'image/png', size: PNG.length }, PNG, moved)
    const onB = await round(b, remoteB)
    expect(onB.refused[docId]).toMatch(/^服务器上的一条数据无法解密/)
    expect(await b.attachments.get('moved')).toBeUndefined()
  })

  it('a file removed on B is removed on A, with an audit entry by 同步', async () => {
    await removeAttachment(b, ids.scan, '测试')
    expect(await outbox(b)).toEqual([`attachment:${ids.scan}`])
    await round(b, remoteB)
    expect(await outbox(b)).toEqual([])
    expect((await server.request('GET', `${dbPath}/attachment%3A${ids.scan}`, { as: server.admin })).status).toBe(404)

    const onA = await round(a, remoteA)
    expect(onA.removed).toBe(1)
    expect(await a.attachments.get(ids.scan)).toBeUndefined()
    expect(await a.attachments.get(ids.photo)).toBeDefined()
    expect((await audits(a, ids.scan)).at(-1)).toBe('同步:delete')
    expect(await outbox(a)).toEqual([])
    expect(await a.syncRevs.get(`attachment:${ids.scan}`)).toBeUndefined()
    // and once only
    expect(await round(a, remoteA)).toEqual(emptyFilesResult())
  })

  it('removed on both PCs before either synced: both end without it, nothing refused', async () => {
    const file = await addAttachment(
      a,
      caseId,
      'receipt',
      { name: '收据.pdf', type: 'application/pdf', bytes: PDF },
      '测试',
    )
    await round(a, remoteA)
    await round(b, remoteB)
    await removeAttachment(a, file.id, '测试')
    await removeAttachment(b, file.id, '测试')
    await round(b, remoteB)
    // A's removal goes with the revision A knew: the server says another PC wrote first, and it is gone there too
    const onA = await pushAttachments(remoteA, new DexieAttachments(a), key)
    expect(onA).toEqual(emptyFilesResult())
    for (const db of [a, b]) {
      expect(await db.attachments.get(file.id)).toBeUndefined()
      expect(await outbox(db)).toEqual([])
      expect(await db.syncRevs.get(`attachment:${file.id}`)).toBeUndefined()
    }
    expect(await round(a, remoteA)).toEqual(emptyFilesResult())
  })

  it('a file described anew on A while B removed it: the removal stands on A too', async () => {
    const file = await addAttachment(a, caseId, 'other', { name: '照片.png', type: 'image/png', bytes: PNG }, '测试')
    await round(a, remoteA)
    await round(b, remoteB)
    await removeAttachment(b, file.id, '测试')
    await round(b, remoteB)
    await a.attachments.put({ ...file, kind: 'evidence', updatedAt: '2026-12-05T00:00:00.000Z' })
    // A sends before it has pulled: the server has the removal
    const onA = await pushAttachments(remoteA, new DexieAttachments(a), key)
    expect(onA).toMatchObject({ pushed: 0, removed: 1, refused: {} })
    expect(await a.attachments.get(file.id)).toBeUndefined()
    expect(await outbox(a)).toEqual([])
    expect((await server.request('GET', `${dbPath}/attachment%3A${file.id}`, { as: server.admin })).status).toBe(404)
  })

  it('a file described anew here while the server takes its push: recorded at the new revision, the change goes up next', async () => {
    const file = await addAttachment(a, caseId, 'other', { name: '收据.png', type: 'image/png', bytes: PNG }, '测试')
    const described = { ...file, kind: 'evidence' as const, updatedAt: '2026-12-05T01:00:00.000Z' }
    const racing = new RacingFiles(a, () => a.attachments.put(described))
    expect(await pushAttachments(remoteA, racing, key)).toMatchObject({ pushed: 1, refused: {} })
    expect(await outbox(a)).toEqual([`attachment:${file.id}`])
    expect((await a.syncRevs.get(`attachment:${file.id}`))?.rev).toMatch(/^1-/)
    // the next push sends the new description on top of the server's revision: no 409 against its own push
    expect(await pushAttachments(remoteA, new DexieAttachments(a), key)).toMatchObject({ pushed: 1, refused: {} })
    expect(await outbox(a)).toEqual([])
    expect((await a.syncRevs.get(`attachment:${file.id}`))?.rev).toMatch(/^2-/)
    await round(b, remoteB)
    expect((await b.attachments.get(file.id))?.kind).toBe('evidence')
  })

  it('a file removed here while the server takes its push: the removal goes up next', async () => {
    const file = await addAttachment(a, caseId, 'other', { name: '借条.png', type: 'image/png', bytes: PNG }, '测试')
    const racing = new RacingFiles(a, () => removeAttachment(a, file.id, '测试'))
    expect(await pushAttachments(remoteA, racing, key)).toMatchObject({ pushed: 1, refused: {} })
    expect(await outbox(a)).toEqual([`attachment:${file.id}`])
    await pushAttachments(remoteA, new DexieAttachments(a), key)
    expect(await outbox(a)).toEqual([])
    expect((await server.request('GET', `${dbPath}/attachment%3A${file.id}`, { as: server.admin })).status).toBe(404)
  })
})
