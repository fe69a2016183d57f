/**
 * A search's pages over generated cases equal the plain reference: every case that passes the filters
 * (plainCaseFilter) and the search's definition (src/domain/search.ts `matchesQuery`, on the stored case
 * and its parties), newest intake first, written out here. Searches many cases match (a title word, a
 * surname) fill their first page from the head of the list, searches few cases match from the scan's
 * candidates (src/db/caseQueries.ts `passing`): the queries are drawn so that both ways are taken.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { MediationDb } from '../../../src/db/schema'
import { withPartySummary } from '../../../src/domain/intake'
import { addCaseDocs, caseDocTables } from '../../../src/db/caseDocs'
import { countCases, listCases, type CaseQuery } from '../../../src/db/caseQueries'
import { matchesQuery } from '../../../src/domain/search'
import { plainCaseFilter } from './plainCaseFilter'
import type { CaseRecord, Party } from '../../../src/domain/types'
import { generateCaseBundle, testWorld } from '../../fixtures/generate/cases'

const world = testWorld({ firstDay: '2025-11-23', today: '2026-11-22', total: 1200 })

let db: MediationDb
let all: { c: CaseRecord; parties: Party[] }[]

beforeAll(async () => {
  db = new MediationDb('bench-list-search', { indexedDB: new IDBFactory(), IDBKeyRange })
  // in interleaved slices, as the bench loads them: each digest batch spans the whole year
  const order = Array.from({ length: world.total }, (_, i) => i).sort((a, b) => (a % 7) - (b % 7) || a - b)
  const bundles = order.map((i) => generateCaseBundle(13, i, world))
  all = bundles.map((b) => ({ c: withPartySummary(b.case, b.parties), parties: b.parties }))
  const docs = bundles.map((b, i) => ({ ...all[i]!.c, parties: b.parties, sessions: b.session ? [b.session] : [] }))
  await db.transaction('rw', caseDocTables(db), () => addCaseDocs(db, docs))
})

afterAll(() => db.close())

/** Newest intake first, equal days by id, largest first: written out, not the app's comparator. */
function listOrder(a: CaseRecord, b: CaseRecord): number {
  if (a.receivedOn !== b.receivedOn) return a.receivedOn > b.receivedOn ? -1 : 1
  return a.id > b.id ? -1 : a.id < b.id ? 1 : 0
}

function expected(q: CaseQuery): string[] {
  return all
    .filter(({ c, parties }) => plainCaseFilter(c, q) && matchesQuery(c, parties, q.search ?? ''))
    .map(({ c }) => c)
    .sort(listOrder)
    .map((c) => c.id)
}

/** Words typed into the search: taken from the generated cases, and some that match many or none. */
const searchArb: fc.Arbitrary<string> = fc.oneof(
  fc.nat().map((n) => {
    const p = all[n % all.length]!.parties.find((x) => x.kind === 'person')
    const name = [...(p?.name ?? '王')]
    return name.slice(-2).join('')
  }),
  fc.nat().map((n) => [...(all[n % all.length]!.parties[0]?.name ?? '王')][0]!),
  fc.nat().map((n) => all[n % all.length]!.parties[0]?.name ?? '王'),
  fc.nat().map((n) => /第\d+号/.exec(all[n % all.length]!.c.caseNo ?? '')?.[0] ?? '第001号'),
  fc.nat().map((n) => String(Number(/第(\d+)号/.exec(all[n % all.length]!.c.caseNo ?? '')?.[1] ?? '7'))),
  fc.nat().map((n) => (all[n % all.length]!.parties.find((x) => x.idNumber)?.idNumber ?? '123456').slice(-4)),
  fc.nat().map((n) => (all[n % all.length]!.parties.find((x) => x.phone)?.phone ?? '13800000000').slice(-6)),
  fc.constantFrom('纠纷', '赡养', '工资', '物业', '邻里', '借贷', '交通事故', 'wang', 'zh', 'l', '龘龘', '999999'),
  fc.constantFrom('王 纠纷', '工资 李', '赡养 张'),
)

const filtersArb: fc.Arbitrary<CaseQuery> = fc.record(
  {
    stage: fc.constantFrom('open' as const, 'done' as const),
    roomId: fc.constantFrom(...world.roomIds),
    from: fc.constantFrom('2026-01-01', '2026-06-15', '2026-11-01'),
    to: fc.constantFrom('2026-03-31', '2026-09-30', '2026-11-22'),
  },
  { requiredKeys: [] },
)

describe('a search over generated cases', () => {
  it('pages through exactly the matching cases, newest first, with a correct count', async () => {
    await fc.assert(
      fc.asyncProperty(searchArb, filtersArb, async (search, filters) => {
        const q: CaseQuery = { ...filters, search }
        const want = expected(q)
        const first = await listCases(db, q, 0, 50)
        expect(first.rows.map((r) => r.id)).toEqual(want.slice(0, 50))
        expect(first.hasMore).toBe(want.length > 50)
        const second = await listCases(db, q, 50, 50)
        expect(second.rows.map((r) => r.id)).toEqual(want.slice(50, 100))
        expect(await countCases(db, q)).toBe(want.length)
      }),
      { numRuns: 120 },
    )
  })

  it('draws searches that fill a first page and searches that find a few (both ways are taken)', () => {
    expect(expected({ search: '纠纷' }).length).toBeGreaterThan(300)
    const few = expected({ search: /第\d+号/.exec(all[5]!.c.caseNo ?? '')?.[0] ?? '' })
    expect(few.length).toBeGreaterThan(0)
    expect(few.length).toBeLessThan(10)
  })
})
