/**
 * 工作台's summary (src/db/dashboardSummary.ts) over random sequences of case writes: after every write
 * the lists and counts it gives equal a plain recomputation from all the cases the test wrote (its own
 * copy, not read back from the store), for several days; a write whose transaction fails changes neither
 * the cases nor the summary; a summary lost with the index (a repair, a restore) is built again from the
 * index and equals the same reference.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addCaseDocs, caseDocTables, mustGetCaseDoc, putCaseDoc, repairCaseIndex } from '../../../src/db/caseDocs'
import { readDashboardScreen, readDashboardSummary } from '../../../src/db/dashboardSummaryRead'
import { rebuildDashboardSummary } from '../../../src/db/dashboardRebuild'
import type { NewCaseDoc } from '../../../src/db/records'
import type { MediationDb } from '../../../src/db/schema'
import { deadlineLists, monthCounts, type DashboardSummary } from '../../../src/domain/dashboardSummary'
import type { CaseRecord, CaseStatus } from '../../../src/domain/types'
import { applyAction, createCase, updateCase } from '../../../src/db/casesRepo'
import { generateCaseBundle, testWorld } from '../../fixtures/generate/cases'
import { freshDb } from './helpers'
import { readStored } from '../../../src/db/sealedReads'
import { isSealed } from '../../../src/db/sealedRecords'
import { intake, setUpCommittee } from './caseFixtures'

const TODAY = '2026-11-22'
const world = testWorld({ firstDay: '2025-06-01', today: TODAY, total: 40 })
const POOL: NewCaseDoc[] = Array.from({ length: world.total }, (_, i) => {
  const b = generateCaseBundle(7, i, world)
  return { ...b.case, parties: b.parties, sessions: b.session ? [b.session] : [] }
})

// ---------------------------------------------------------------------------------------------------
// The reference, written out plainly

const RUNNING: readonly CaseStatus[] = ['accepted', 'investigating', 'mediating', 'drafting']

function plusDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(Date.UTC(y!, m! - 1, d! + n)).toISOString().slice(0, 10)
}

/** China's date of an instant (UTC+8, no daylight saving). */
function chinaDay(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 10)
}

interface Shown {
  overdue: string[]
  dueSoon: string[]
  statuses: Record<string, number>
  received: number
  closed: number
}

function plainDashboard(cases: readonly CaseRecord[], today: string): Shown {
  const running = cases.filter((c) => RUNNING.includes(c.status) && c.dueOn !== undefined)
  const urgent = [...running].sort((a, b) =>
    a.dueOn !== b.dueOn
      ? a.dueOn! < b.dueOn!
        ? -1
        : 1
      : a.receivedOn !== b.receivedOn
        ? a.receivedOn < b.receivedOn
          ? -1
          : 1
        : a.id < b.id
          ? -1
          : 1,
  )
  const row = (c: CaseRecord) => `${c.id}|${c.caseNo ?? '未受理'}|${c.title}|${c.status}|${c.dueOn}`
  const statuses: Record<string, number> = {}
  for (const c of cases) statuses[c.status] = (statuses[c.status] ?? 0) + 1
  const monthStart = `${today.slice(0, 7)}-01`
  return {
    overdue: urgent
      .filter((c) => c.dueOn! < today)
      .slice(0, 50)
      .map(row),
    dueSoon: urgent
      .filter((c) => c.dueOn! >= today && c.dueOn! <= plusDays(today, 3))
      .slice(0, 50)
      .map(row),
    statuses,
    received: cases.filter((c) => c.receivedOn >= monthStart && c.receivedOn <= today).length,
    // closed or archived this month, among cases received within a year before the month began
    closed: cases.filter(
      (c) =>
        (c.status === 'closed' || c.status === 'archived') &&
        c.receivedOn >= plusDays(monthStart, -365) &&
        c.closedAt !== undefined &&
        chinaDay(c.closedAt) >= monthStart &&
        chinaDay(c.closedAt) <= today,
    ).length,
  }
}

function shownBy(summary: DashboardSummary, today: string): Shown {
  const lists = deadlineLists(summary, today)
  const row = (r: (typeof lists.overdue)[number]) => `${r.id}|${r.caseNo ?? '未受理'}|${r.title}|${r.status}|${r.dueOn}`
  const month = monthCounts(summary, today)
  return {
    overdue: lists.overdue.map(row),
    dueSoon: lists.dueSoon.map(row),
    statuses: Object.fromEntries(Object.entries(summary.statuses).filter(([, n]) => n !== 0)),
    received: month.received,
    closed: month.closed,
  }
}

/** Days the dashboard may be opened on: around the data set's today and across month ends. */
const DAYS = [TODAY, '2026-11-30', '2026-12-01', '2026-10-31', '2026-12-24', '2027-01-03']

async function expectSummaryOf(db: MediationDb, model: ReadonlyMap<string, CaseRecord>): Promise<void> {
  const summary = (await readDashboardSummary(db)) ?? (await rebuildDashboardSummary(db))
  const cases = [...model.values()]
  for (const day of DAYS) expect(shownBy(summary, day), day).toEqual(plainDashboard(cases, day))
  // and, built again from the index, the same summary is stored
  expect(await readDashboardSummary(db)).toBeDefined()
  // what 工作台 reads (the head and the months its lists can show) shows the same
  for (const day of DAYS)
    expect(shownBy((await readDashboardScreen(db, day))!, day), day).toEqual(plainDashboard(cases, day))
}

// ---------------------------------------------------------------------------------------------------
// The writes

const STATUSES: readonly CaseStatus[] = [
  'intake',
  'accepted',
  'investigating',
  'mediating',
  'drafting',
  'effective',
  'closed',
  'archived',
  'rejected',
]
const someDay = fc.integer({ min: -420, max: 40 }).map((n) => plusDays(TODAY, n))
const instantOn = (day: string, hour: number) => `${day}T${String(hour).padStart(2, '0')}:30:00.000Z`

type Patch = Partial<Pick<CaseRecord, 'status' | 'dueOn' | 'title' | 'caseNo' | 'receivedOn' | 'closedAt'>>
const patch: fc.Arbitrary<Patch> = fc.record(
  {
    status: fc.constantFrom(...STATUSES),
    dueOn: someDay,
    title: fc.constantFrom('邻里纠纷', '邻里 纠纷', '物业服务费纠纷', '房屋租赁合同纠纷'),
    caseNo: fc.constantFrom('（2026）雉城调字第001号', '（2026）雉城调字第 001号', '（2025）雉城调字第120号'),
    receivedOn: someDay,
    // 16:30 UTC is the next day in China: the month's first and last days are judged by China's date
    closedAt: fc.tuple(someDay, fc.constantFrom(2, 16)).map(([d, h]) => instantOn(d, h)),
  },
  { requiredKeys: [] },
)

type Op =
  | { kind: 'add'; at: number[] }
  | { kind: 'edit'; at: number; patch: Patch }
  | { kind: 'note'; at: number }
  | { kind: 'archive'; at: number; day: string }
  | { kind: 'delete'; at: number[] }
  | { kind: 'fail'; at: number; patch: Patch }
  | { kind: 'repair' }

const index = fc.integer({ min: 0, max: world.total - 1 })
const op: fc.Arbitrary<Op> = fc.oneof(
  // one case, or an import's batch of many (more than the middleware reads case by case)
  {
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      at: fc.uniqueArray(index, { minLength: 1, maxLength: 14 }),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('edit' as const), at: index, patch }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('note' as const), at: index }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('archive' as const), at: index, day: someDay }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      at: fc.uniqueArray(index, { minLength: 1, maxLength: 12 }),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('fail' as const), at: index, patch }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'repair' as const }), weight: 1 },
)

const inWrite = <T>(db: MediationDb, run: () => Promise<T>): Promise<T> => db.transaction('rw', caseDocTables(db), run)

/** Applies `o` to the store and to the test's own copy of the cases. */
async function apply(db: MediationDb, model: Map<string, CaseRecord>, o: Op): Promise<void> {
  const record = (doc: NewCaseDoc): CaseRecord => {
    const { parties: _p, sessions: _s, ...r } = doc as NewCaseDoc & { shard?: string; digestHash?: string }
    const { shard: _shard, digestHash: _hash, ...plain } = r as typeof r & { shard?: string; digestHash?: string }
    return plain
  }
  const stored = (at: number) => model.get(POOL[at]!.id)
  switch (o.kind) {
    case 'add': {
      const docs = o.at.map((i) => POOL[i]!)
      if (docs.some((d) => model.has(d.id))) {
        // one of them is stored already: the whole batch fails, nothing is written
        await expect(inWrite(db, () => addCaseDocs(db, docs))).rejects.toThrow()
        return
      }
      await inWrite(db, () => addCaseDocs(db, docs))
      for (const d of docs) model.set(d.id, record(d))
      return
    }
    case 'edit':
    case 'archive': {
      if (!stored(o.at)) return
      const change: Patch = o.kind === 'edit' ? o.patch : { status: 'archived', closedAt: instantOn(o.day, 3) }
      const saved = await inWrite(db, async () => {
        const doc = await mustGetCaseDoc(db, POOL[o.at]!.id)
        return putCaseDoc(db, { ...doc, ...change })
      })
      model.set(saved.id, record(saved))
      return
    }
    case 'note': {
      if (!stored(o.at)) return
      await inWrite(db, async () => {
        const doc = await mustGetCaseDoc(db, POOL[o.at]!.id)
        return putCaseDoc(db, {
          ...doc,
          sessions: doc.sessions.map((s) => ({ ...s, notes: `${s.notes ?? ''}又谈了一次。` })),
        })
      })
      return
    }
    case 'delete': {
      const ids = o.at.map((i) => POOL[i]!.id)
      await inWrite(db, () => db.caseDocs.bulkDelete(ids))
      for (const id of ids) model.delete(id)
      return
    }
    case 'fail': {
      if (!stored(o.at)) return
      // the case is written, then the transaction fails: neither the case nor the summary may change
      await expect(
        inWrite(db, async () => {
          const doc = await mustGetCaseDoc(db, POOL[o.at]!.id)
          await putCaseDoc(db, { ...doc, ...o.patch, status: doc.status === 'closed' ? 'mediating' : 'closed' })
          throw new Error('写入中断')
        }),
      ).rejects.toThrow('写入中断')
      const doc = await mustGetCaseDoc(db, POOL[o.at]!.id)
      expect(record(doc)).toEqual(stored(o.at))
      return
    }
    case 'repair':
      // the index rebuilt from the cases (a damaged index; a restore does the same): the summary goes with it
      await repairCaseIndex(db)
      return
  }
}

describe('工作台 summary', () => {
  it('always equals a plain recomputation from every case written, and a failed write changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        const db = freshDb()
        try {
          const model = new Map<string, CaseRecord>()
          for (const o of ops) {
            await apply(db, model, o)
            await expectSummaryOf(db, model)
          }
        } finally {
          db.close()
        }
      }),
      { numRuns: 25 },
    )
  }, 240_000)

  it('follows the repositories: an intake, an acceptance and an edit', async () => {
    const db = freshDb()
    const { committee, roomId, mediatorIds } = await setUpCommittee(db)
    const c = await createCase(db, intake(roomId, { receivedOn: '2026-11-02' }), committee, '测试')
    let summary = (await readDashboardSummary(db))!
    expect(summary.statuses).toEqual({ intake: 1 })
    expect(monthCounts(summary, '2026-11-22').received).toBe(1)
    const accepted = await applyAction(
      db,
      c.id,
      'accept',
      { acceptedOn: '2026-11-03', deadlineDays: 20, mediatorIds },
      committee,
      '测试',
    )
    summary = (await readDashboardSummary(db))!
    expect(deadlineLists(summary, '2026-11-22').dueSoon.map((r) => [r.caseNo, r.title, r.dueOn])).toEqual([
      [accepted.caseNo, '相邻通行纠纷', '2026-11-23'],
    ])
    await updateCase(db, c.id, { ...accepted, title: '相邻通行及排水纠纷' }, '测试')
    summary = (await readDashboardSummary(db))!
    expect(deadlineLists(summary, '2026-11-22').dueSoon.map((r) => r.title)).toEqual(['相邻通行及排水纠纷'])
    // stored sealed, like the digests: no title or case number in clear, the head nor the day's rows
    const stored: unknown[] = await readStored(db, [db.caseIndex], () =>
      db.caseIndex.where(':id').startsWith('dashboard').toArray(),
    )
    expect(stored.map((r) => (r as { id: string }).id)).toEqual(['dashboard', 'dashboard:2026-11-23'])
    for (const record of stored) {
      expect(isSealed(record)).toBe(true)
      expect(Object.keys(record as object).sort()).toEqual(['id', 'sealed'])
    }
    db.close()
  })

  it('a summary stored by the version before days (one record) is built again, as the index gives it', async () => {
    const db = freshDb()
    const docs = POOL.slice(0, 30)
    await inWrite(db, () => addCaseDocs(db, docs))
    const model = new Map<string, CaseRecord>()
    for (const d of docs) {
      const { parties: _p, sessions: _s, ...plain } = await mustGetCaseDoc(db, d.id)
      const { shard: _shard, digestHash: _hash, ...r } = plain as typeof plain & { shard?: string; digestHash?: string }
      model.set(d.id, r as CaseRecord)
    }
    // version 1 kept every row in the one record
    await db.caseIndex.put({
      id: 'dashboard',
      v: 1,
      statuses: { intake: 1 },
      received: {},
      closed: {},
      running: [],
    } as never)
    expect(await readDashboardSummary(db)).toBeUndefined()
    expect(await readDashboardScreen(db, TODAY)).toBeUndefined()
    await expectSummaryOf(db, model)
    db.close()
  })
})
