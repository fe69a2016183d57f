/**
 * The report's cases through the real store (fake-indexeddb): every case is read once, and the case
 * list asked for a report cell's cases shows exactly as many as the cell's number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addCaseDocs, caseDocTables } from '../../../src/db/caseDocs'
import { countCases, listCases } from '../../../src/db/caseQueries'
import { readReportCases, REPORT_CHUNK } from '../../../src/db/reportCases'
import type { MediationDb } from '../../../src/db/schema'
import { buildReport, REPORT_COLUMNS } from '../../../src/domain/statistics'
import { cellCases } from '../../../src/domain/reportCell'
import { monthPeriod } from '../../../src/domain/reportPeriod'
import { makeCase } from '../domain/arbitraries'
import { CATEGORIES, FIXTURE, TODAY } from '../domain/statisticsFixture'
import { freshDb } from './helpers'

let db: MediationDb
/** more cases than one chunk: the fixture, plus plain ones */
const EXTRA = Array.from({ length: REPORT_CHUNK + 10 }, (_, i) =>
  makeCase({ id: `x${String(i).padStart(4, '0')}`, receivedOn: '2024-05-01', category: '邻里' }),
)

beforeAll(async () => {
  db = freshDb()
  const docs = [...FIXTURE, ...EXTRA].map((c) => ({ ...c, parties: [], sessions: [] }))
  await db.transaction('rw', caseDocTables(db), () => addCaseDocs(db, docs))
})

afterAll(() => db.close())

describe('the report read from the store', () => {
  it('reads every case once, as stored', async () => {
    const cases = await readReportCases(db)
    expect(cases.length).toBe(FIXTURE.length + EXTRA.length)
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length)
    expect(cases.find((c) => c.id === 'c20')).toEqual(FIXTURE.find((c) => c.id === 'c20'))
  })

  it('the case list of a cell counts what the cell shows', async () => {
    const cases = await readReportCases(db)
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
