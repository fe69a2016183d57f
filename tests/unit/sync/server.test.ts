/**
 * The loopback CouchDB-protocol server (tests/sync/server.ts) as the sync tests use it, and the committee
 * database's set-up (src/domain/syncServer.ts): who may write, and what the validation refuses.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCommitteeDb, startLoopbackServer, type Credentials, type LoopbackServer } from '../../sync/server'

const COMMITTEE = '6f1c2a9e-0d3b-4c47-9a51-2e8f7b6d4c10'
const OTHER_COMMITTEE = '0a9b8c7d-1e2f-4a3b-8c5d-6e7f8a9b0c1d'
const pc1: Credentials = { name: 'reception', password: 'pw-reception-1' }
const stranger: Credentials = { name: 'other-town', password: 'pw-other-1' }

let server: LoopbackServer
let db: string

beforeAll(async () => {
  server = await startLoopbackServer()
  db = await createCommitteeDb(server, COMMITTEE, [pc1])
  await createCommitteeDb(server, OTHER_COMMITTEE, [stranger])
})

afterAll(async () => {
  await server?.stop()
})

const reasonOf = (body: unknown): string => (body as { reason?: string }).reason ?? ''

describe('the loopback server', () => {
  it('runs as its own process on 127.0.0.1 and answers as CouchDB does', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(server.pid).not.toBe(process.pid)
    const root = await server.request('GET', '/')
    expect(root.status).toBe(200)
    expect(root.body).toHaveProperty('version')
  })

  it('refuses anonymous reads and writes, and a member of another committee', async () => {
    const anonymous = await server.request('PUT', `${db}/case:anon`, { body: { type: 'case', status: 'intake' } })
    expect(anonymous.status).toBe(401)
    expect((await server.request('GET', `${db}/_all_docs`)).status).toBe(401)
    const foreign = await server.request('PUT', `${db}/case:foreign`, {
      as: stranger,
      body: { type: 'case', status: 'intake' },
    })
    expect(foreign.status).toBe(401)
    const badPassword = await server.request('GET', `${db}/_all_docs`, { as: { ...pc1, password: 'wrong' } })
    expect(badPassword.status).toBe(401)
    // nothing of theirs got in
    const all = await server.request('GET', `${db}/_all_docs`, { as: server.admin })
    expect((all.body as { rows: { id: string }[] }).rows.map((r) => r.id)).toEqual(['_design/mediation-room'])
  })

  it("accepts a member's write, and a stale _rev is a 409 conflict", async () => {
    const made = await server.request('PUT', `${db}/case:c1`, { as: pc1, body: { type: 'case', status: 'accepted' } })
    expect(made.status).toBe(201)
    const rev = (made.body as { rev: string }).rev
    const next = await server.request('PUT', `${db}/case:c1`, {
      as: pc1,
      body: { _rev: rev, type: 'case', status: 'mediating' },
    })
    expect(next.status).toBe(201)
    const stale = await server.request('PUT', `${db}/case:c1`, {
      as: pc1,
      body: { _rev: rev, type: 'case', status: 'closed' },
    })
    expect(stale.status).toBe(409)
  })

  it('refuses a document without a type', async () => {
    const res = await server.request('PUT', `${db}/x1`, { as: pc1, body: { status: 'accepted' } })
    expect(res.status).toBe(403)
    expect(reasonOf(res.body)).toBe('文档缺少类型')
  })

  it("refuses a change stamped more than 10 minutes past the server's clock, new or edited, by PUT and by _bulk_docs", async () => {
    const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString()
    const put = (id: string, body: object) => server.request('PUT', `${db}/${id}`, { as: pc1, body })
    // a clock a few minutes fast, and one behind, are fine
    const fast = await put('room:r-fast', { type: 'room', updatedAt: inMinutes(5) })
    expect(fast.status).toBe(201)
    expect((await put('room:r-slow', { type: 'room', updatedAt: '2026-01-01T00:00:00.000Z' })).status).toBe(201)
    const refused = [inMinutes(11), '2099-01-01T00:00:00.000Z', 'tomorrow']
    for (const updatedAt of refused) {
      const made = await put('room:r-future', { type: 'room', updatedAt })
      expect(made.status, updatedAt).toBe(403)
      expect(reasonOf(made.body)).toBe('修改时间比服务器时间晚，请校准这台电脑的日期和时间')
    }
    const rev = (fast.body as { rev: string }).rev
    const edit = await put('room:r-fast', { _rev: rev, type: 'room', updatedAt: '2099-01-01T00:00:00.000Z' })
    expect(edit.status).toBe(403)
    const bulk = await server.request('POST', `${db}/_bulk_docs`, {
      as: pc1,
      body: { docs: [{ _id: 'mediator:m-future', type: 'mediator', updatedAt: inMinutes(60) }] },
    })
    expect(bulk.body).toEqual([
      { id: 'mediator:m-future', error: 'forbidden', reason: '修改时间比服务器时间晚，请校准这台电脑的日期和时间' },
    ])
    // a deletion carries no stamp of its own
    expect((await server.request('DELETE', `${db}/room:r-fast?rev=${rev}`, { as: pc1 })).status).toBe(200)
  })

  it('refuses a change to an archived case, by PUT, by _bulk_docs and by replication, but lets it be reopened', async () => {
    const made = await server.request('PUT', `${db}/case:arch`, {
      as: pc1,
      body: { type: 'case', status: 'archived', amountFen: 100 },
    })
    expect(made.status).toBe(201)
    const rev = (made.body as { rev: string }).rev
    const edit = { _id: 'case:arch', _rev: rev, type: 'case', status: 'archived', amountFen: 999 }
    const put = await server.request('PUT', `${db}/case:arch`, { as: pc1, body: edit })
    expect(put.status).toBe(403)
    expect(reasonOf(put.body)).toBe('已归档的案件不能修改，请先重新打开')
    const bulk = await server.request('POST', `${db}/_bulk_docs`, { as: pc1, body: { docs: [edit] } })
    expect(bulk.body).toEqual([{ id: 'case:arch', error: 'forbidden', reason: '已归档的案件不能修改，请先重新打开' }])
    // a replicator writes with new_edits: false and the revision history: refused all the same
    const replicated = await server.request('POST', `${db}/_bulk_docs`, {
      as: pc1,
      body: {
        new_edits: false,
        docs: [{ ...edit, _rev: '2-abcdef', _revisions: { start: 2, ids: ['abcdef', rev.slice(2)] } }],
      },
    })
    expect(replicated.body).toEqual([
      { id: 'case:arch', error: 'forbidden', reason: '已归档的案件不能修改，请先重新打开' },
    ])
    const removed = await server.request('DELETE', `${db}/case:arch?rev=${rev}`, { as: pc1 })
    expect(removed.status).toBe(403)
    // a "reopening" must be one: back to 已结案 with one more reopening counted
    for (const body of [
      { status: 'closed', reopenCount: 0 },
      { status: 'closed', reopenCount: 2 },
      { status: 'mediating', reopenCount: 1 },
    ]) {
      const res = await server.request('PUT', `${db}/case:arch`, {
        as: pc1,
        body: { _rev: rev, type: 'case', amountFen: 100, ...body },
      })
      expect(res.status, JSON.stringify(body)).toBe(403)
    }
    const reopened = await server.request('PUT', `${db}/case:arch`, {
      as: pc1,
      body: { _rev: rev, type: 'case', status: 'closed', reopenCount: 1, amountFen: 100 },
    })
    expect(reopened.status).toBe(201)
    const stored = await server.request('GET', `${db}/case:arch`, { as: pc1 })
    expect(stored.body).toMatchObject({ status: 'closed', reopenCount: 1, amountFen: 100 })
  })

  /** a finalised agreement's clear fields, without what stands for its hash, signature and 核验码 */
  const SIGNED = {
    type: 'agreement',
    caseId: 'c1',
    version: 1,
    status: 'final',
    keyId: 'k1',
    finalizedAt: '2026-11-02T08:00:00.000Z',
  }

  it('refuses a change to a finalised agreement, but lets a new version supersede it', async () => {
    const final = { ...SIGNED, finalDigest: 'ZGlnZXN0' }
    const made = await server.request('PUT', `${db}/agreement:a1`, { as: pc1, body: final })
    expect(made.status).toBe(201)
    const rev = (made.body as { rev: string }).rev
    const changes = [
      { finalDigest: 'b3RoZXI=' },
      { finalDigest: undefined },
      { status: 'draft' },
      { version: 2 },
      { contentHash: 'b'.repeat(64) },
    ]
    for (const change of changes) {
      const res = await server.request('PUT', `${db}/agreement:a1`, {
        as: pc1,
        body: { ...final, ...change, _rev: rev },
      })
      expect(res.status, JSON.stringify(change)).toBe(403)
      expect(reasonOf(res.body)).toBe('已生效的协议不能修改')
    }
    expect((await server.request('DELETE', `${db}/agreement:a1?rev=${rev}`, { as: pc1 })).status).toBe(403)
    const superseded = await server.request('PUT', `${db}/agreement:a1`, {
      as: pc1,
      body: { ...final, status: 'superseded', _rev: rev },
    })
    expect(superseded.status).toBe(201)
  })

  it('a finalised agreement pushed before the digest: its three stay, or give way once to a digest', async () => {
    const legacy = { ...SIGNED, contentHash: 'a'.repeat(64), signature: 'c2ln', verifyCode: 'ABCD1234' }
    const made = await server.request('PUT', `${db}/agreement:a2`, { as: pc1, body: legacy })
    expect(made.status).toBe(201)
    const rev = (made.body as { rev: string }).rev
    const refused = [
      { ...legacy, contentHash: 'b'.repeat(64) },
      { ...legacy, verifyCode: 'X' },
      SIGNED,
      { ...SIGNED, finalDigest: 'ZGlnZXN0', version: 2 },
      { ...SIGNED, finalDigest: 'ZGlnZXN0', finalizedAt: '2026-11-03T08:00:00.000Z' },
    ]
    for (const body of refused) {
      const res = await server.request('PUT', `${db}/agreement:a2`, { as: pc1, body: { ...body, _rev: rev } })
      expect(res.status, JSON.stringify(body)).toBe(403)
    }
    const upgraded = await server.request('PUT', `${db}/agreement:a2`, {
      as: pc1,
      body: { ...SIGNED, finalDigest: 'ZGlnZXN0', _rev: rev },
    })
    expect(upgraded.status).toBe(201)
    const rev2 = (upgraded.body as { rev: string }).rev
    // once under its digest, it is kept like any other
    for (const body of [legacy, { ...SIGNED, finalDigest: 'b3RoZXI=' }]) {
      const res = await server.request('PUT', `${db}/agreement:a2`, { as: pc1, body: { ...body, _rev: rev2 } })
      expect(res.status, JSON.stringify(body)).toBe(403)
    }
  })

  it('stops by its PID', async () => {
    const second = await startLoopbackServer()
    const pid = second.pid
    await second.stop()
    expect(() => process.kill(pid, 0)).toThrow()
    await expect(fetch(second.url + '/')).rejects.toThrow()
  })

  it('ends with the test process that started it, even one killed outright', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mr-couch-orphan-'))
    const script = fileURLToPath(new URL('../../sync/serverProcess.mjs', import.meta.url))
    const port = 20000 + Math.floor(Math.random() * 20000)
    const config = join(dir, 'config.json')
    // a stand-in for a test process: starts the server as server.ts does, prints its PID, then waits
    const parent = spawn(
      process.execPath,
      [
        '-e',
        `const c = require('node:child_process').spawn(process.execPath, ${JSON.stringify([script, '--in-memory', '--port', String(port), '--config', config, '-n'])}, { cwd: ${JSON.stringify(dir)}, stdio: ['pipe', 'ignore', 'ignore'] }); console.log(c.pid); setInterval(() => {}, 1000)`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    const pid = await new Promise<number>((resolve) =>
      parent.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim()))),
    )
    const alive = (): boolean => {
      try {
        process.kill(pid, 0)
        return true
      } catch {
        return false
      }
    }
    try {
      expect(alive()).toBe(true)
      parent.kill('SIGKILL')
      // not our child: its exit can only be observed by asking
      const deadline = Date.now() + 20_000
      while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
      expect(alive()).toBe(false)
    } finally {
      if (alive()) process.kill(pid, 'SIGKILL')
      await rm(dir, { recursive: true, force: true })
    }
  })
})
