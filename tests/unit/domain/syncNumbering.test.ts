/**
 * The case-number rule across PCs (src/domain/syncNumbering.ts), proved on a simulated network: three PCs
 * accept cases, go offline and online, reserve blocks from a model of CouchDB's counter document (one write
 * per revision, 409 on a stale `_rev`), while requests and answers are delayed, lost, duplicated by
 * retries, and PCs are restored from backups. No number is ever given to two cases; once everyone is back
 * online every 待编号 case gets one; and the only gaps are numbers a PC still holds, or gave up on restore.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  BLOCK_SIZE,
  LOW_WATER,
  abandonBlocks,
  caseNumberText,
  emptyNumbering,
  freeNumbers,
  grantBlock,
  needsReservation,
  numberWaiting,
  onCounterRead,
  onCounterWritten,
  startReservation,
  takeNumber,
  type CounterDoc,
  type LocalNumbering,
  keepCaseNumber,
} from '../../../src/domain/syncNumbering'

const COMMITTEE = 'c-1'
const DEVICES = 3
const FIRST_YEAR = 2026

/** The server: one document per year, with CouchDB's revision rule (a plain model, independent of the rule). */
class CounterServer {
  private docs = new Map<number, { value: CounterDoc; rev: number }>()
  get(year: number): { value?: CounterDoc; rev?: number } {
    const d = this.docs.get(year)
    return d ? { value: structuredClone(d.value), rev: d.rev } : {}
  }
  put(year: number, value: CounterDoc, rev: number | undefined): 'ok' | 'conflict' {
    const d = this.docs.get(year)
    if ((d?.rev ?? undefined) !== rev) return 'conflict'
    this.docs.set(year, { value: structuredClone(value), rev: (rev ?? 0) + 1 })
    return 'ok'
  }
  next(year: number): number {
    return this.docs.get(year)?.value.next ?? 1
  }
}

type Request =
  | { id: number; device: number; kind: 'get'; year: number }
  | { id: number; device: number; kind: 'put'; year: number; value: CounterDoc; rev?: number }
/** A request as a PC writes it, before the network numbers it. */
type Outgoing = { kind: 'get'; year: number } | { kind: 'put'; year: number; value: CounterDoc; rev?: number }
type Reply =
  | { id: number; device: number; kind: 'got'; value?: CounterDoc; rev?: number }
  | { id: number; device: number; kind: 'put'; result: 'ok' | 'conflict'; value: CounterDoc }

interface Stored {
  local: LocalNumbering
  /** accepted cases still 待编号, in the order accepted */
  waiting: { caseId: string; year: number }[]
}

interface Device extends Stored {
  online: boolean
  /** the request this PC waits an answer for (lost on a restart or a timeout) */
  awaiting?: { id: number; year: number }
  backup?: Stored
}

type Action =
  | { a: 'accept'; d: number }
  | { a: 'step'; d: number }
  | { a: 'deliver'; k: number }
  | { a: 'answer'; k: number }
  | { a: 'loseRequest'; k: number }
  | { a: 'loseAnswer'; k: number }
  | { a: 'timeout'; d: number }
  | { a: 'toggle'; d: number }
  | { a: 'backup'; d: number }
  | { a: 'restore'; d: number }
  | { a: 'newYear' }

class World {
  server = new CounterServer()
  requests: Request[] = []
  replies: Reply[] = []
  devices: Device[] = Array.from({ length: DEVICES }, (_, i) => ({
    local: emptyNumbering(`pc${i}`),
    waiting: [],
    online: true,
  }))
  year = FIRST_YEAR
  /** every number ever given, `${year}:${seq}` -> case id: the uniqueness being proved */
  issued = new Map<string, string>()
  nextId = 1
  restored = false

  private fresh(): number {
    return this.nextId++
  }

  private issue(year: number, seq: number, caseId: string): void {
    const key = `${year}:${seq}`
    const holder = this.issued.get(key)
    if (holder !== undefined && holder !== caseId)
      throw new Error(`duplicate case number ${key}: ${holder} and ${caseId}`)
    this.issued.set(key, caseId)
  }

  /** Numbers the PC's 待编号 cases while it holds numbers of their year, oldest first. */
  private numberWaiting(dev: Device): void {
    const still: Device['waiting'] = []
    for (const c of dev.waiting) {
      const { local, seq } = takeNumber(dev.local, c.year)
      if (seq === undefined) {
        still.push(c)
        continue
      }
      dev.local = local
      this.issue(c.year, seq, c.caseId)
    }
    dev.waiting = still
  }

  private years(dev: Device): number[] {
    return [...new Set([this.year, ...dev.waiting.map((c) => c.year), ...Object.keys(dev.local.pending).map(Number)])]
  }

  private send(dev: Device, d: number, req: Outgoing): void {
    const id = this.fresh()
    this.requests.push({ ...req, id, device: d } as Request)
    dev.awaiting = { id, year: req.year }
  }

  run(act: Action): void {
    switch (act.a) {
      case 'accept': {
        const dev = this.devices[act.d]!
        const caseId = `case-${this.fresh()}`
        const { local, seq } = takeNumber(dev.local, this.year)
        dev.local = local
        if (seq === undefined) dev.waiting.push({ caseId, year: this.year })
        else this.issue(this.year, seq, caseId)
        return
      }
      case 'step': {
        const dev = this.devices[act.d]!
        this.numberWaiting(dev)
        if (!dev.online || dev.awaiting) return
        for (const year of this.years(dev)) {
          const waiting = dev.waiting.filter((c) => c.year === year).length
          if (needsReservation(dev.local, year, { waiting, currentYear: this.year }))
            dev.local = startReservation(dev.local, year, `req-${this.fresh()}`)
          if (dev.local.pending[year]) return this.send(dev, act.d, { kind: 'get', year })
        }
        return
      }
      case 'deliver': {
        if (!this.requests.length) return
        const [req] = this.requests.splice(act.k % this.requests.length, 1)
        if (!req) return
        if (req.kind === 'get') {
          this.replies.push({ id: req.id, device: req.device, kind: 'got', ...this.server.get(req.year) })
        } else {
          const result = this.server.put(req.year, req.value, req.rev)
          this.replies.push({ id: req.id, device: req.device, kind: 'put', result, value: req.value })
        }
        return
      }
      case 'answer': {
        if (!this.replies.length) return
        const [rep] = this.replies.splice(act.k % this.replies.length, 1)
        if (!rep) return
        const dev = this.devices[rep.device]!
        // an answer to a request this PC no longer waits for, or while it is offline, is lost
        if (!dev.online || dev.awaiting?.id !== rep.id) return
        const year = dev.awaiting.year
        dev.awaiting = undefined
        if (rep.kind === 'got') {
          const { local, write } = onCounterRead(dev.local, { committeeId: COMMITTEE, year }, rep.value)
          dev.local = local
          if (write) this.send(dev, rep.device, { kind: 'put', year, value: write, rev: rep.rev })
        } else if (rep.result === 'ok') {
          dev.local = onCounterWritten(dev.local, year, rep.value)
        }
        this.numberWaiting(dev)
        return
      }
      case 'loseRequest':
        if (this.requests.length) this.requests.splice(act.k % this.requests.length, 1)
        return
      case 'loseAnswer':
        if (this.replies.length) this.replies.splice(act.k % this.replies.length, 1)
        return
      case 'timeout':
        this.devices[act.d]!.awaiting = undefined
        return
      case 'toggle': {
        const dev = this.devices[act.d]!
        dev.online = !dev.online
        return
      }
      case 'backup': {
        const dev = this.devices[act.d]!
        dev.backup = structuredClone({ local: dev.local, waiting: dev.waiting })
        return
      }
      case 'restore': {
        const dev = this.devices[act.d]!
        if (!dev.backup) return
        const backup = structuredClone(dev.backup)
        dev.local = abandonBlocks(backup.local)
        dev.waiting = backup.waiting
        dev.awaiting = undefined
        this.restored = true
        return
      }
      case 'newYear':
        if (this.year < FIRST_YEAR + 2) this.year++
        return
    }
  }

  /** Everyone online, nothing lost any more: run until nothing moves. */
  settle(): void {
    for (const dev of this.devices) dev.online = true
    for (let round = 0; round < 200; round++) {
      for (let d = 0; d < DEVICES; d++) this.run({ a: 'step', d })
      const moving = this.requests.length + this.replies.length
      while (this.requests.length) this.run({ a: 'deliver', k: 0 })
      while (this.replies.length) this.run({ a: 'answer', k: 0 })
      // the network is empty now: a PC still waiting lost its request or answer, and times out
      for (let d = 0; d < DEVICES; d++) this.run({ a: 'timeout', d })
      const busy = this.devices.some((d) => d.awaiting || d.waiting.length || Object.keys(d.local.pending).length)
      if (!moving && !busy) return
    }
    throw new Error('the network did not settle')
  }
}

const device = fc.integer({ min: 0, max: DEVICES - 1 })
const index = fc.nat({ max: 20 })
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: device.map((d) => ({ a: 'accept' as const, d })) },
  { weight: 5, arbitrary: device.map((d) => ({ a: 'step' as const, d })) },
  { weight: 5, arbitrary: index.map((k) => ({ a: 'deliver' as const, k })) },
  { weight: 5, arbitrary: index.map((k) => ({ a: 'answer' as const, k })) },
  { weight: 1, arbitrary: index.map((k) => ({ a: 'loseRequest' as const, k })) },
  { weight: 1, arbitrary: index.map((k) => ({ a: 'loseAnswer' as const, k })) },
  { weight: 1, arbitrary: device.map((d) => ({ a: 'timeout' as const, d })) },
  { weight: 2, arbitrary: device.map((d) => ({ a: 'toggle' as const, d })) },
  { weight: 1, arbitrary: device.map((d) => ({ a: 'backup' as const, d })) },
  { weight: 1, arbitrary: device.map((d) => ({ a: 'restore' as const, d })) },
  { weight: 1, arbitrary: fc.constant({ a: 'newYear' as const }) },
)

describe('case numbers across PCs (simulated network)', () => {
  it('never gives one number to two cases; after everyone syncs, every case is numbered and the gaps are held or abandoned numbers', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 250, size: 'max' }), (actions) => {
        const world = new World()
        for (const act of actions) world.run(act)
        world.settle()

        for (const dev of world.devices) expect(dev.waiting).toEqual([])
        for (let year = FIRST_YEAR; year <= world.year; year++) {
          const used = [...world.issued.keys()].filter((k) => k.startsWith(`${year}:`)).map((k) => Number(k.slice(5)))
          const held = world.devices.map((d) => freeNumbers(d.local, year))
          const granted = world.server.next(year) - 1
          // every number used lies in what the server granted
          for (const seq of used) {
            expect(seq).toBeGreaterThanOrEqual(1)
            expect(seq).toBeLessThanOrEqual(granted)
          }
          // a PC holds at most one block beyond its low-water mark
          for (const h of held) expect(h).toBeLessThanOrEqual(BLOCK_SIZE + LOW_WATER - 1)
          // without a restore, the only numbers unused are those PCs still hold
          if (!world.restored) expect(used.length + held.reduce((a, b) => a + b, 0)).toBe(granted)
        }
      }),
      { numRuns: 400 },
    )
  }, 120_000)

  it('a PC restored from a backup gives up its blocks: the numbers used since the backup are not given again', () => {
    const world = new World()
    const reserve: Action[] = [
      { a: 'step', d: 0 },
      { a: 'deliver', k: 0 },
      { a: 'answer', k: 0 },
      { a: 'deliver', k: 0 },
      { a: 'answer', k: 0 },
    ]
    for (const act of reserve) world.run(act)
    for (const act of [
      { a: 'backup', d: 0 },
      { a: 'accept', d: 0 },
      { a: 'restore', d: 0 },
      { a: 'accept', d: 0 },
    ] as Action[])
      world.run(act)
    expect([...world.issued.keys()]).toEqual(['2026:1'])
    expect(world.devices[0]!.waiting).toHaveLength(1)
    world.settle()
    expect([...world.issued.keys()].sort()).toEqual(['2026:1', `2026:${BLOCK_SIZE + 1}`])
  })

  it('the same request never yields two blocks, whatever the counter looked like', () => {
    const where = { committeeId: COMMITTEE, year: 2026 }
    const once = grantBlock(undefined, where, 'pc0', 'r1')
    expect(once.grants.pc0).toEqual({ requestId: 'r1', start: 1, end: 1 + BLOCK_SIZE })
    expect(grantBlock(once, where, 'pc0', 'r1')).toBe(once)
    const other = grantBlock(once, where, 'pc1', 'q1')
    expect(other.grants.pc1).toEqual({ requestId: 'q1', start: 1 + BLOCK_SIZE, end: 1 + 2 * BLOCK_SIZE })
    expect(other.next).toBe(1 + 2 * BLOCK_SIZE)
  })

  it('a lost answer is found on the counter at the next read (no second block)', () => {
    const where = { committeeId: COMMITTEE, year: 2026 }
    let local = startReservation(emptyNumbering('pc0'), 2026, 'r1')
    const first = onCounterRead(local, where, undefined)
    expect(first.write?.grants.pc0?.requestId).toBe('r1')
    // the write was applied, its answer lost: the next read shows the grant
    const again = onCounterRead(first.local, where, first.write)
    expect(again.write).toBeUndefined()
    local = again.local
    expect(local.pending).toEqual({})
    expect(freeNumbers(local, 2026)).toBe(BLOCK_SIZE)
    expect(takeNumber(local, 2026).seq).toBe(1)
  })

  it('a PC without numbers leaves the case 待编号 rather than wait', () => {
    expect(takeNumber(emptyNumbering('pc0'), 2026).seq).toBeUndefined()
    expect(caseNumberText(undefined)).toBe('待编号')
    expect(caseNumberText('（2026）城关镇调字第012号')).toBe('（2026）城关镇调字第012号')
  })

  it('numbers 待编号 cases in the order they were accepted, each year from its own blocks', () => {
    const held: LocalNumbering = {
      deviceId: 'pc0',
      pending: {},
      blocks: [
        { year: 2026, requestId: 'a', start: 21, end: 23, nextFree: 21 },
        { year: 2027, requestId: 'b', start: 1, end: 11, nextFree: 4 },
      ],
    }
    const at = (d: string): string => `${d}T08:00:00.000Z`
    const { local, numbered } = numberWaiting(held, [
      { id: 'late', acceptedOn: '2026-12-30', createdAt: at('2026-12-30') },
      { id: 'new-year', acceptedOn: '2027-01-02', createdAt: at('2027-01-02') },
      { id: 'early-b', acceptedOn: '2026-12-29', createdAt: '2026-12-29T09:00:00.000Z' },
      { id: 'early-a', acceptedOn: '2026-12-29', createdAt: '2026-12-29T07:00:00.000Z' },
    ])
    expect(numbered).toEqual([
      { id: 'early-a', year: 2026, seq: 21 },
      { id: 'early-b', year: 2026, seq: 22 },
      { id: 'new-year', year: 2027, seq: 4 },
    ])
    // 'late' waits: the 2026 block is used up
    expect(freeNumbers(local, 2026)).toBe(0)
    expect(freeNumbers(local, 2027)).toBe(6)
  })

  it('reserves while online below the low-water mark, and for a past year only for its 待编号 cases', () => {
    const local = emptyNumbering('pc0')
    expect(needsReservation(local, 2026, { waiting: 0, currentYear: 2026 })).toBe(true)
    expect(needsReservation(local, 2025, { waiting: 0, currentYear: 2026 })).toBe(false)
    expect(needsReservation(local, 2025, { waiting: 1, currentYear: 2026 })).toBe(true)
    expect(needsReservation(startReservation(local, 2026, 'r'), 2026, { waiting: 5, currentYear: 2026 })).toBe(false)
  })
})

describe('keepCaseNumber: a settled conflict keeps the number either side gave', () => {
  const NO = '（2026）城关调字第9号'
  it.each([
    ['chosen has it', { caseNo: NO }, {}, NO],
    ['only the other has it', {}, { caseNo: NO }, NO],
    ['neither has one', {}, {}, undefined],
    [
      'both (never two numbers in practice): the chosen stands',
      { caseNo: NO },
      { caseNo: '（2026）城关调字第8号' },
      NO,
    ],
  ] as const)('%s', (_, chosen, other, expected) => {
    const doc: { caseNo?: string; facts: string } = { ...chosen, facts: '选中的一方' }
    expect(keepCaseNumber(doc, other)).toEqual({
      facts: '选中的一方',
      ...(expected === undefined ? {} : { caseNo: expected }),
    })
  })
})
