/**
 * Random schedules of edits, syncs and settlements on three PCs against the real loopback server
 * (src/db/sync/caseReplication.ts). Each edit adds a unique token to a case (building on what that PC
 * holds), so what a later version contains is what it saw. Properties, once everyone has synced and settled:
 * - every token survives, unless a person dropped it by settling a conflict (the side not chosen);
 * - the three PCs and the server hold the same cases.
 * A PC that does not sync for a while is a PC offline.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { settleConflict, syncCases } from '../../../src/db/sync/caseReplication'
import type { RemoteDb } from '../../../src/db/sync/couchHttp'
import { importCommitteeKey, openFromServer, type CommitteeKey, type ServerDoc } from '../../../src/db/sync/seal'
import { canonicalJson } from '../../../src/domain/canonical'
import { committeeDbName } from '../../../src/domain/syncServer'
import type { CaseDocument } from '../../../src/domain/syncFields'
import { makeCase } from '../domain/arbitraries'
import { MemoryReplica } from '../../sync/memoryReplica'
import { basicAuth, createCommitteeDb, startLoopbackServer, type LoopbackServer } from '../../sync/server'

const COMMITTEE = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a'
const PCS = [0, 1, 2].map((i) => ({ name: `pc-${i}`, password: `pw-${i}-x` }))
const CASES = ['case-a', 'case-b', 'case-c']
const DB = `/${committeeDbName(COMMITTEE)}`

let server: LoopbackServer
let key: CommitteeKey
let remotes: RemoteDb[]

beforeAll(async () => {
  server = await startLoopbackServer()
  await createCommitteeDb(server, COMMITTEE, PCS)
  key = await importCommitteeKey(new Uint8Array(32).fill(11))
  remotes = PCS.map((pc) => ({ url: server.url + DB, authorization: basicAuth(pc) }))
})

afterAll(async () => {
  await server?.stop()
})

/** A fresh database for each schedule (same users, same role). */
async function resetDb(): Promise<void> {
  await server.request('DELETE', DB, { as: server.admin })
  await createCommitteeDb(server, COMMITTEE, [])
}

type Step =
  { s: 'edit'; pc: number; c: number } | { s: 'sync'; pc: number } | { s: 'settle'; pc: number; keepLocal: boolean }

const pc = fc.integer({ min: 0, max: 2 })
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ s: fc.constant('edit' as const), pc, c: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 3, arbitrary: fc.record({ s: fc.constant('sync' as const), pc }) },
  { weight: 1, arbitrary: fc.record({ s: fc.constant('settle' as const), pc, keepLocal: fc.boolean() }) },
)

class Run {
  pcs = PCS.map(() => new MemoryReplica())
  tokens = new Set<string>()
  dropped = new Set<string>()
  private n = 0

  async setUp(): Promise<void> {
    for (const id of CASES) {
      const c = makeCase({ id, committeeId: COMMITTEE, status: 'accepted', requests: [] })
      this.pcs[0]!.edit({ ...c, parties: [], sessions: [] })
    }
    for (const i of [0, 1, 2]) await syncCases(remotes[i]!, this.pcs[i]!, key)
  }

  async run(st: Step): Promise<void> {
    const replica = this.pcs[st.pc]!
    if (st.s === 'sync') {
      await syncCases(remotes[st.pc]!, replica, key)
    } else if (st.s === 'edit') {
      const id = CASES[st.c]!
      const now = replica.record(id)
      // a case waiting for its conflict to be settled is settled before it is edited again
      if (!now || replica.conflicts.has(id)) return
      const token = `t${++this.n}`
      this.tokens.add(token)
      replica.edit({ ...now, requests: [...now.requests, token], updatedAt: new Date(this.n * 1000).toISOString() })
    } else {
      for (const [id, conflict] of [...replica.conflicts]) {
        const [chosen, other] = st.keepLocal ? [conflict.local, conflict.remote] : [conflict.remote, conflict.local]
        for (const t of other.requests) if (!chosen.requests.includes(t)) this.dropped.add(t)
        await settleConflict(replica, id, st.keepLocal ? 'keep-local' : 'take-remote')
      }
    }
  }

  /** Everyone online: sync and settle (alternating choices) until nothing moves. */
  async quiesce(): Promise<void> {
    for (let round = 0; round < 30; round++) {
      let moved = 0
      for (const i of [0, 1, 2]) {
        const r = await syncCases(remotes[i]!, this.pcs[i]!, key)
        moved += r.pull.taken + r.push.pushed + r.pull.conflicts + r.push.conflicts
        if (this.pcs[i]!.conflicts.size) {
          moved++
          await this.run({ s: 'settle', pc: i, keepLocal: round % 2 === 0 })
        }
      }
      const dirty = (await Promise.all(this.pcs.map((p) => p.dirty(10)))).some((d) => d.length)
      if (!moved && !dirty) return
    }
    throw new Error('replicas did not settle')
  }
}

async function serverCases(): Promise<Map<string, CaseDocument>> {
  const all = await server.request('GET', `${DB}/_all_docs?include_docs=true`, { as: server.admin })
  const rows = (all.body as { rows: { id: string; doc: ServerDoc }[] }).rows.filter((r) => r.id.startsWith('case:'))
  const out = new Map<string, CaseDocument>()
  for (const r of rows) out.set(r.doc.id as string, await openFromServer('case', r.doc, key))
  return out
}

describe('case replication over random schedules on three PCs', () => {
  it('every edit survives or was dropped by a person settling a conflict; the PCs converge with the server', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 40, size: 'max' }), async (steps) => {
        await resetDb()
        const world = new Run()
        await world.setUp()
        for (const st of steps) await world.run(st)
        await world.quiesce()

        const onServer = await serverCases()
        expect([...onServer.keys()].sort()).toEqual(CASES)
        for (const id of CASES) {
          const expected = canonicalJson(onServer.get(id))
          for (const p of world.pcs) expect(canonicalJson(p.record(id))).toBe(expected)
        }
        const final = new Set(CASES.flatMap((id) => onServer.get(id)!.requests))
        for (const t of world.tokens) expect(final.has(t) || world.dropped.has(t), `token ${t}`).toBe(true)
      }),
      { numRuns: 12 },
    )
    // ~1 s a schedule on an idle machine; the unit suite runs beside other work
  }, 300_000)
})
