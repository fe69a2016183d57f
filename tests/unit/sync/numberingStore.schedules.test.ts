/**
 * Case numbers across three PCs, through the app's own code (the accept path in src/db/casesRepo.ts, the
 * sync round src/db/sync/numberingStore.ts, reserveBlock's HTTP in numberBlocks.ts), over a simulated network:
 * every request is held until the schedule delivers it, loses it, or loses its answer; PCs go offline and
 * online, accept cases while a reservation is half done, and the year turns. The server is a model of one
 * CouchDB document store (one write per revision, 409 on a stale `_rev`), written here independently of the
 * rule. tests/unit/domain/syncNumbering.test.ts proves the rule's pure functions the same way (and restores
 * from backups); this proves the stored state and its transactions keep it, and numberingStore.test.ts runs
 * the same code against the real loopback server.
 *
 * Checked: no number on two cases of a committee and year; once every PC is back online every 待编号 case
 * has a number; and the only numbers never used are those a PC still holds (no restore happens here).
 */
import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { applyAction, createCase } from '../../../src/db/casesRepo'
import { readNumbering, startSyncNumbering } from '../../../src/db/sync/numberingState'
import { topUpNumbers } from '../../../src/db/sync/numberingStore'
import type { MediationDb } from '../../../src/db/schema'
import type { Committee } from '../../../src/domain/types'
import { freeNumbers } from '../../../src/domain/syncNumbering'
import { freshDb } from '../db/helpers'
import { intake, setUpCommittee } from '../db/caseFixtures'

const PCS = 3
const FIRST_YEAR = 2026

/** CouchDB's rule for one document per id: a write must name the revision it replaces (none to create it). */
class DocStore {
  private docs = new Map<string, { body: Record<string, unknown>; rev: number }>()

  handle(method: string, id: string, body: Record<string, unknown> | undefined): { status: number; body: unknown } {
    const doc = this.docs.get(id)
    if (method === 'GET') {
      return doc ? { status: 200, body: { ...doc.body, _id: id, _rev: `${doc.rev}-r` } } : { status: 404, body: {} }
    }
    const { _rev: rev, ...value } = body ?? {}
    if ((doc ? `${doc.rev}-r` : undefined) !== rev) return { status: 409, body: { error: 'conflict' } }
    this.docs.set(id, { body: structuredClone(value), rev: (doc?.rev ?? 0) + 1 })
    return { status: 201, body: { ok: true } }
  }

  /** The counter's `next` for a year (1 when it was never written). */
  next(year: number): number {
    for (const [id, doc] of this.docs) if (id.endsWith(`:${year}`)) return doc.body.next as number
    return 1
  }
}

interface Parked {
  pc: number
  method: string
  id: string
  body?: Record<string, unknown>
  resolve: (res: Response) => void
  reject: (error: Error) => void
}

/** The network: requests wait here until the schedule decides what happens to them. */
class Network {
  server = new DocStore()
  parked: Parked[] = []
  online = Array.from({ length: PCS }, () => true)
  private listeners: (() => void)[] = []

  fetch = (url: string, init: RequestInit = {}): Promise<Response> => {
    const { hostname, pathname } = new URL(url)
    const pc = Number(hostname.slice(2, 3))
    if (!this.online[pc]) return Promise.reject(new TypeError('fetch failed (offline)'))
    const id = decodeURIComponent(pathname.split('/')[2]!)
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : undefined
    return new Promise((resolve, reject) => {
      this.parked.push({ pc, method: init.method ?? 'GET', id, ...(body ? { body } : {}), resolve, reject })
      this.changed()
    })
  }

  changed(): void {
    const waiting = this.listeners
    this.listeners = []
    for (const l of waiting) l()
  }

  /** Resolves at the next request parked or round finished. */
  next(): Promise<void> {
    return new Promise((resolve) => this.listeners.push(resolve))
  }

  take(k: number): Parked | undefined {
    if (!this.parked.length) return undefined
    return this.parked.splice(k % this.parked.length, 1)[0]
  }

  /** The request reaches the server; its answer comes back, or is lost on the way. */
  deliver(p: Parked, answer: boolean): void {
    const res = this.server.handle(p.method, p.id, p.body)
    if (answer) p.resolve(new Response(JSON.stringify(res.body), { status: res.status }))
    else p.reject(new TypeError('fetch failed (answer lost)'))
  }
}

interface Pc {
  db: MediationDb
  roomId: string
  /** the sync round running, if any */
  round?: Promise<void>
}

class World {
  net = new Network()
  pcs: Pc[] = []
  committee!: Committee
  mediatorIds!: string[]
  year = FIRST_YEAR

  async setUp(): Promise<void> {
    for (let i = 0; i < PCS; i++) {
      const db = freshDb()
      const setup = await setUpCommittee(db)
      if (i === 0) {
        this.committee = setup.committee
        this.mediatorIds = setup.mediatorIds
      } else {
        // one committee shared by the three PCs
        await db.committees.put(this.committee)
      }
      await startSyncNumbering(db, `pc${i}`)
      this.pcs.push({ db, roomId: setup.roomId })
    }
  }

  remote(pc: number): { url: string } {
    return { url: `http://pc${pc}.test/mr-db` }
  }

  async accept(pc: number): Promise<void> {
    const { db, roomId } = this.pcs[pc]!
    const c = await createCase(db, intake(roomId, { receivedOn: `${this.year}-01-01` }), this.committee, '测试')
    const request = { acceptedOn: `${this.year}-06-01`, deadlineDays: 30, mediatorIds: this.mediatorIds }
    await applyAction(db, c.id, 'accept', request, this.committee, '测试')
  }

  startRound(pc: number): void {
    const p = this.pcs[pc]!
    if (p.round) return
    const now = new Date(`${this.year}-06-02T02:00:00Z`)
    p.round = topUpNumbers(p.db, this.remote(pc), this.committee.id, now)
      // a round cut off by the network fails; the next one resumes (what live sync does)
      .catch(() => undefined)
      .finally(() => {
        p.round = undefined
        this.net.changed()
      })
  }

  /** Until every running round has finished or waits for the network: events, never time. */
  async quiet(): Promise<void> {
    for (;;) {
      const busy = this.pcs.some((p, i) => p.round && !this.net.parked.some((r) => r.pc === i))
      if (!busy) return
      await this.net.next()
    }
  }

  /** Everyone online, nothing lost any more: rounds until every PC is done. */
  async settle(): Promise<void> {
    this.net.online.fill(true)
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < PCS; i++) this.startRound(i)
      await this.quiet()
      while (this.net.parked.length) {
        this.net.deliver(this.net.take(0)!, true)
        await this.quiet()
      }
      const states = await Promise.all(this.pcs.map((p) => readNumbering(p.db)))
      const busy = states.some((s) => s!.waiting.length > 0 || Object.keys(s!.local.pending).length > 0)
      if (!busy && this.pcs.every((p) => !p.round)) return
    }
    throw new Error('the network did not settle')
  }
}

type Action =
  | { a: 'accept'; pc: number }
  | { a: 'round'; pc: number }
  | { a: 'deliver'; k: number; acceptMeanwhile: boolean }
  | { a: 'loseRequest'; k: number }
  | { a: 'loseAnswer'; k: number }
  | { a: 'toggle'; pc: number }
  | { a: 'newYear' }

async function run(world: World, act: Action): Promise<void> {
  const { net } = world
  switch (act.a) {
    case 'accept':
      return world.accept(act.pc)
    case 'round':
      world.startRound(act.pc)
      return world.quiet()
    case 'deliver': {
      const p = net.take(act.k)
      if (!p) return
      net.deliver(p, true)
      // an acceptance on the same PC while the answered round goes on storing its block
      await Promise.all([world.quiet(), act.acceptMeanwhile ? world.accept(p.pc) : undefined])
      return world.quiet()
    }
    case 'loseRequest': {
      const p = net.take(act.k)
      p?.reject(new TypeError('fetch failed (request lost)'))
      return world.quiet()
    }
    case 'loseAnswer': {
      const p = net.take(act.k)
      if (p) net.deliver(p, false)
      return world.quiet()
    }
    case 'toggle':
      net.online[act.pc] = !net.online[act.pc]
      return
    case 'newYear':
      if (world.year < FIRST_YEAR + 1) world.year++
      return
  }
}

const pc = fc.integer({ min: 0, max: PCS - 1 })
const k = fc.nat({ max: 10 })
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 10, arbitrary: pc.map((p) => ({ a: 'accept' as const, pc: p })) },
  { weight: 4, arbitrary: pc.map((p) => ({ a: 'round' as const, pc: p })) },
  {
    weight: 6,
    arbitrary: fc.record({ k, meanwhile: fc.boolean() }).map(({ k: i, meanwhile }) => ({
      a: 'deliver' as const,
      k: i,
      acceptMeanwhile: meanwhile,
    })),
  },
  { weight: 1, arbitrary: k.map((i) => ({ a: 'loseRequest' as const, k: i })) },
  { weight: 1, arbitrary: k.map((i) => ({ a: 'loseAnswer' as const, k: i })) },
  { weight: 2, arbitrary: pc.map((p) => ({ a: 'toggle' as const, pc: p })) },
  { weight: 1, arbitrary: fc.constant({ a: 'newYear' as const }) },
)

/** A number of the default pattern, read back by a plain reading of its words: [year, seq]. */
function parseNo(caseNo: string): [number, number] {
  const m = /^（(\d{4})）城关镇调字第(\d+)号$/.exec(caseNo)
  if (!m) throw new Error(`not a case number: ${caseNo}`)
  return [Number(m[1]), Number(m[2])]
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('case numbers across three PCs, through the store, on a simulated network', () => {
  it('no number twice; every 待编号 case numbered once all are online; unused numbers are only those held', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 120 }), async (actions) => {
        const world = new World()
        vi.stubGlobal('fetch', world.net.fetch)
        await world.setUp()
        for (const act of actions) await run(world, act)
        await world.settle()

        const accepted = (await Promise.all(world.pcs.map((p) => p.db.caseDocs.toArray())))
          .flat()
          .filter((d) => d.acceptedOn !== undefined)
        const unnumbered = accepted.filter((d) => d.caseNo === undefined).map((d) => d.id)
        expect(unnumbered).toEqual([])
        const numbers = accepted.map((d) => d.caseNo!)
        expect(numbers.filter((n, i) => numbers.indexOf(n) !== i)).toEqual([])

        const states = await Promise.all(world.pcs.map((p) => readNumbering(p.db)))
        for (let year = FIRST_YEAR; year <= world.year; year++) {
          const used = numbers.map(parseNo).filter(([y]) => y === year)
          const granted = world.net.server.next(year) - 1
          for (const [, seq] of used) expect(seq >= 1 && seq <= granted).toBe(true)
          const held = states.reduce((n, s) => n + freeNumbers(s!.local, year), 0)
          expect(used.length + held).toBe(granted)
        }
      }),
      { numRuns: 60 },
    )
  }, 600_000)
})
