/**
 * The report's cases through the real store (fake-indexeddb): the case index holds every case's report
 * facts (no case is read), an index stored by an older version (shorter digest rows) is rebuilt, and
 * the case list asked for a report cell's cases shows exactly as many as the cell's number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addCaseDocs, caseDocTables } from '../../../src/db/caseDocs'
import { countCases, listCases } from '../../../src/db/caseQueries'
import { caseDigests } from '../../../src/db/caseIndex'
import { isMeta, SHARD_SIZE, type IndexShard } from '../../../src/db/records'
import type { MediationDb } from '../../../src/db/schema'
import { buildReport, REPORT_COLUMNS } from '../../../src/domain/statistics'
import { cellCases } from '../../../src/domain/reportCell'
import { monthPeriod, yearPeriod } from '../../../src/domain/reportPeriod'
import { makeCase } from '../domain/arbitraries'
import { CATEGORIES, FIXTURE, TODAY } from '../domain/statisticsFixture'
import { freshDb } from './helpers'

const yearOf2026 = () => yearPeriod(2026)

let db: MediationDb
/** more cases than one index batch: the fixture, plus plain ones */
const EXTRA = Array.from({ length: SHARD_SIZE + 10 }, (_, i) =>
  makeCase({ id: `x${String(i).padStart(4, '0')}`, receivedOn: '2024-05-01', category: '邻里' }),
)

beforeAll(async () => {
  db = freshDb()
  const docs = [...FIXTURE, ...EXTRA].map((c) => ({ ...c, parties: [], sessions: [] }))
  await db.transaction('rw', caseDocTables(db), () => addCaseDocs(db, docs))
})

afterAll(() => db.close())

describe('the report read from the store', () => {
  it('the index holds every case once, with its report facts', async () => {
    const cases = await caseDigests(db)
    expect(cases.length).toBe(FIXTURE.length + EXTRA.length)
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length)
    // c20 as written out in the fixture: accepted, settled by a written agreement, performed
    const source = FIXTURE.find((c) => c.id === 'c20')!
    const facts = cases.find((c) => c.id === 'c20')!
    expect(facts.acceptedOn).toBe(source.acceptedOn)
    expect(facts.outcome).toBe(source.outcome?.kind)
    expect(facts.amountFen ?? 0).toBe(source.amountFen)
    expect(facts.people ?? 0).toBe(source.peopleCount)
  })

  it('an index stored by an older version (rows without the report facts) is rebuilt from the cases', async () => {
    const old = freshDb()
    const docs = FIXTURE.map((c) => ({ ...c, parties: [], sessions: [] }))
    await old.transaction('rw', caseDocTables(old), () => addCaseDocs(old, docs))
    // cut every stored row back to the 19 fields the index kept before the report facts (the batches only:
    // not meta, nor 工作台's summary)
    const shards = (await old.caseIndex.toArray()).filter((r): r is IndexShard => !isMeta(r) && 'rows' in r)
    await old.caseIndex.bulkPut(shards.map((s) => ({ ...s, rows: s.rows.map((r) => r.slice(0, 19)) })))
    const cases = await caseDigests(old)
    const year = buildReport(cases, yearOf2026(), { kind: 'committee' }, CATEGORIES, TODAY)
    const fresh = buildReport(await caseDigests(db), yearOf2026(), { kind: 'committee' }, CATEGORIES, TODAY)
    expect(year.total.cells.accepted).toBeGreaterThan(0)
    expect(year.total.cells.succeeded).toBeGreaterThan(0)
    // the same figures as the index written by this version (minus the extra plain cases, never accepted)
    expect(year.total.cells).toEqual(fresh.total.cells)
    old.close()
  })

  it('the case list of a cell counts what the cell shows', async () => {
    const cases = await caseDigests(db)
    const period = monthPeriod(2026, 1)
    const scope = { kind: 'committee' } as const
    const report = buildReport(cases, period, scope, CATEGORIES, TODAY)
    for (const col of REPORT_COLUMNS.filter((c) => c.unit === 'cases'))
      for (const row of [...report.rows, report.total]) {
        const cell = { period, scope, column: col.key, ...(row === report.total ? {} : { category: row.category }) }
        const ids = cellCases(cases, cell, TODAY).map((c) => c.id)
        expect(await countCases(db, { ids })).toBe(row.cells[col.key])
      }
    const page = await listCases(db, { ids: ['c08', 'c20', 'c24'] }, 0, 50)
    expect(page.rows.map((c) => c.id).sort()).toEqual(['c08', 'c20', 'c24'])
  })
})
