/**
 * Blocks of case numbers reserved from the real loopback server (src/db/sync/numberBlocks.ts): PCs racing
 * for the same counter get disjoint blocks (CouchDB's 409 on a stale _rev), and a grant whose answer was
 * lost is found again, not granted twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reserveBlock } from '../../../src/db/sync/numberBlocks'
import type { RemoteDb } from '../../../src/db/sync/couchHttp'
import {
  BLOCK_SIZE,
  emptyNumbering,
  grantBlock,
  startReservation,
  type LocalNumbering,
} from '../../../src/domain/syncNumbering'
import { committeeDbName, counterDocId } from '../../../src/domain/syncServer'
import { basicAuth, createCommitteeDb, startLoopbackServer, type LoopbackServer } from '../../sync/server'

const COMMITTEE = '5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c'
const PCS = [0, 1, 2].map((i) => ({ name: `desk-${i}`, password: `pw-desk-${i}` }))
const where = { committeeId: COMMITTEE, year: 2026 }

let server: LoopbackServer
let remotes: RemoteDb[]

beforeAll(async () => {
  server = await startLoopbackServer()
  await createCommitteeDb(server, COMMITTEE, PCS)
  const url = `${server.url}/${committeeDbName(COMMITTEE)}`
  remotes = PCS.map((pc) => ({ url, authorization: basicAuth(pc) }))
})

afterAll(async () => {
  await server?.stop()
})

async function counterNext(year: number): Promise<number> {
  const res = await server.request('GET', `/${committeeDbName(COMMITTEE)}/${counterDocId(COMMITTEE, year)}`, {
    as: server.admin,
  })
  return res.status === 404 ? 1 : (res.body as { next: number }).next
}

describe('reserving number blocks from the server', () => {
  it('three PCs racing for blocks get disjoint ones, covering every number granted', async () => {
    const states: LocalNumbering[] = PCS.map((pc) => emptyNumbering(pc.name))
    const stored: LocalNumbering[][] = PCS.map(() => [])
    let request = 0
    for (let round = 0; round < 4; round++) {
      await Promise.all(
        PCS.map(async (_pc, i) => {
          states[i] = await reserveBlock(remotes[i]!, states[i]!, where, `r-${i}-${++request}`, async (s) => {
            stored[i]!.push(s)
          })
        }),
      )
    }
    const blocks = states.flatMap((s) => s.blocks)
    expect(blocks).toHaveLength(12)
    expect(states.every((s) => Object.keys(s.pending).length === 0)).toBe(true)
    const numbers = blocks.flatMap((b) => Array.from({ length: b.end - b.start }, (_, k) => b.start + k))
    expect(new Set(numbers).size).toBe(numbers.length)
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 * BLOCK_SIZE }, (_, k) => k + 1))
    expect(await counterNext(2026)).toBe(12 * BLOCK_SIZE + 1)
    // what each PC stored last is what it holds
    for (const [i, s] of states.entries()) expect(stored[i]!.at(-1)).toEqual(s)
  })

  it('a grant whose answer was lost is found on the counter: no second block', async () => {
    const year = 2027
    const pending = startReservation(emptyNumbering(PCS[0]!.name), year, 'lost-1')
    // the PC's write reached the server; its answer never came back
    const landed = grantBlock(undefined, { committeeId: COMMITTEE, year }, PCS[0]!.name, 'lost-1')
    const put = await server.request('PUT', `/${committeeDbName(COMMITTEE)}/${counterDocId(COMMITTEE, year)}`, {
      as: PCS[0],
      body: landed,
    })
    expect(put.status).toBe(201)
    const after = await reserveBlock(remotes[0]!, pending, { committeeId: COMMITTEE, year }, 'unused', async () => {})
    expect(after.blocks).toEqual([{ year, requestId: 'lost-1', start: 1, end: 1 + BLOCK_SIZE, nextFree: 1 }])
    expect(after.pending).toEqual({})
    expect(await counterNext(year)).toBe(1 + BLOCK_SIZE)
  })
})
