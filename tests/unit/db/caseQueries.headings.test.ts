import { describe, expect, it } from 'vitest'
import { addCaseDocs, caseDocTables } from '../../../src/db/caseDocs'
import { allCaseIds, caseHeadings } from '../../../src/db/caseQueries'
import type { NewCaseDoc } from '../../../src/db/records'
import { makeCase } from '../domain/arbitraries'
import { freshDb } from './helpers'

/** A stored case without parties, last changed at minute `minute` of 2026-11-20. */
function doc(n: number, minute: number, caseNo?: string): NewCaseDoc {
  const id = `case-${String(n).padStart(6, '0')}`
  const updatedAt = new Date(Date.UTC(2026, 10, 20, 0, minute)).toISOString()
  const c = makeCase({ id, updatedAt, title: `纠纷 ${n}` })
  const { caseNo: _no, ...record } = c
  return { ...record, ...(caseNo !== undefined ? { caseNo } : {}), parties: [], sessions: [] }
}

describe('the cases a picker shows', () => {
  it('lists every case once, most recently changed first, across read batches', async () => {
    const db = freshDb()
    // 1,203 cases (more than two read batches); case n changed at minute n % 7, so times tie often.
    const docs = Array.from({ length: 1_203 }, (_, i) =>
      doc(i, i % 7, i % 3 === 0 ? undefined : `（2026）调字第${i}号`),
    )
    await db.transaction('rw', caseDocTables(db), () => addCaseDocs(db, docs))

    const headings = await caseHeadings(db)
    // Written out: minute 6 first, then 5, … 0; within a minute, ascending id.
    const expected = [6, 5, 4, 3, 2, 1, 0].flatMap((minute) =>
      docs
        .filter((_, i) => i % 7 === minute)
        .map((d) => ({
          id: d.id,
          ...(d.caseNo !== undefined ? { caseNo: d.caseNo } : {}),
          title: d.title,
          updatedAt: d.updatedAt,
        })),
    )
    expect(headings).toEqual(expected)
    expect((await allCaseIds(db)).sort()).toEqual(docs.map((d) => d.id).sort())
  })

  it('is empty without cases', async () => {
    const db = freshDb()
    expect(await caseHeadings(db)).toEqual([])
    expect(await allCaseIds(db)).toEqual([])
  })
})
