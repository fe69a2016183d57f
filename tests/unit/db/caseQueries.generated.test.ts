/**
 * The case list's first page over generated cases equals the plain reference (plainCaseFilter, newest
 * first) for every single filter, date range and deadline list, alone and combined: the filters run on
 * the digests held in memory (src/db/caseQueries.ts) must hold exactly the same cases as on the records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { MediationDb } from '../../../src/db/schema'
import { withPartySummary } from '../../../src/domain/intake'
import { addCaseDocs, caseDocTables } from '../../../src/db/caseDocs'
import { countCases, listCases, type CaseQuery } from '../../../src/db/caseQueries'
import { plainCaseFilter } from './plainCaseFilter'
import type { CaseRecord } from '../../../src/domain/types'
import { generateCaseBundle, testWorld } from '../../fixtures/generate/cases'

const world = testWorld({ firstDay: '2025-11-23', today: '2026-11-22', total: 1200 })

let db: MediationDb
let all: CaseRecord[]

beforeAll(async () => {
  db = new MediationDb('bench-list-filters', { indexedDB: new IDBFactory(), IDBKeyRange })
  const bundles = Array.from({ length: world.total }, (_, i) => generateCaseBundle(11, i, world))
  all = bundles.map((b) => withPartySummary(b.case, b.parties))
  const docs = bundles.map((b, i) => ({ ...all[i]!, parties: b.parties, sessions: b.session ? [b.session] : [] }))
  await db.transaction('rw', caseDocTables(db), () => addCaseDocs(db, docs))
})

afterAll(() => db.close())

const date = fc
  .integer({ min: 0, max: 364 })
  .map((d) => new Date(Date.UTC(2025, 10, 23 + d)).toISOString().slice(0, 10))

const values = {
  status: fc.constantFrom('mediating', 'closed', 'archived', 'intake', 'accepted'),
  category: fc.constantFrom('邻里', '婚姻家庭', '劳动争议（含欠薪）'),
  roomId: fc.constantFrom(...world.roomIds),
  mediatorId: fc.constantFrom(...world.mediatorIds),
  flag: fc.constantFrom('涉企', '激化风险'),
  from: date,
  to: date,
  deadline: fc.constantFrom('overdue', 'due-soon'),
}
const KEYS = Object.keys(values) as (keyof typeof values)[]

/** One to three filters at once: each single filter, and the pairs where index and JS filter meet. */
const query: fc.Arbitrary<CaseQuery> = fc
  .tuple(fc.record(values), fc.subarray(KEYS, { minLength: 1, maxLength: 3 }))
  .map(([all, keys]) => {
    const q: Record<string, unknown> = Object.fromEntries(keys.map((k) => [k, all[k]]))
    if (q.deadline) q.today = world.today
    return q satisfies CaseQuery
  })

/** The reference: the filters on each record; deadline lists most urgent first, others newest first. */
function expected(q: CaseQuery): Set<string> {
  return new Set(all.filter((c) => plainCaseFilter(c, q)).map((c) => c.id))
}

describe('case list over generated cases', () => {
  it('holds exactly the matching cases for any filters, with a correct count', async () => {
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const want = expected(q)
        const page = await listCases(db, q, 0, 5000)
        expect(new Set(page.rows.map((r) => r.id))).toEqual(want)
        expect(page.rows.length).toBe(want.size)
        expect(await countCases(db, q)).toBe(want.size)
        // A first page of 20 is the head of the whole list (a page stops early; the count does not).
        const first = await listCases(db, q, 0, 20)
        expect(first.rows.map((r) => r.id)).toEqual(page.rows.slice(0, 20).map((r) => r.id))
        expect(first.hasMore).toBe(want.size > 20)
        if (!q.deadline) {
          const dates = page.rows.map((r) => r.receivedOn)
          expect(dates).toEqual([...dates].sort().reverse())
        }
      }),
      { numRuns: 100 },
    )
  })

  it('has overdue and due-soon cases to find (the generator makes deadline lists non-empty)', () => {
    expect(expected({ deadline: 'overdue', today: world.today }).size).toBeGreaterThan(0)
    expect(expected({ deadline: 'due-soon', today: world.today }).size).toBeGreaterThan(0)
  })
})
