/**
 * The case page's count of conflicts waiting on its case: the case's sync conflict and the unresolved
 * import conflicts of its records, and nothing of another case or already settled. Checked against a
 * written-out table.
 */
import { describe, expect, it } from 'vitest'
import { countCaseConflicts } from '../../../src/db/conflictsRepo'
import type { ImportConflict } from '../../../src/domain/types'
import type { SyncConflict } from '../../../src/db/sync/caseReplication'
import { freshDb } from './helpers'

const AT = '2026-12-03T07:00:00.000Z'

function importConflict(id: string, fields: Partial<ImportConflict>): ImportConflict {
  return {
    id,
    table: 'followUps',
    recordId: `r-${id}`,
    incoming: {},
    incomingHash: 'a',
    localHash: 'b',
    sourceCreatedAt: AT,
    detectedAt: AT,
    ...fields,
  }
}

function syncConflict(caseId: string): SyncConflict {
  const version = { id: caseId, title: '相邻通行纠纷' } as unknown as SyncConflict['local']
  return { recordId: caseId, local: version, remote: version, remoteRev: '3-8f2c0a', detectedAt: AT }
}

describe('countCaseConflicts', () => {
  it('counts what waits on each case, and nothing else', async () => {
    const db = freshDb()
    await db.conflicts.bulkAdd([
      importConflict('a1', { table: 'cases', recordId: 'A', caseId: 'A' }),
      importConflict('a2', { caseId: 'A', resolvedAt: AT }),
      importConflict('a3', { recordId: 'f1', caseId: 'A', incoming: { id: 'f1', caseId: 'A' } }),
      importConflict('b1', { caseId: 'B' }),
      importConflict('x1', { table: 'mediators', recordId: 'm1', incoming: { id: 'm1' } }),
    ])
    await db.syncConflicts.bulkAdd([syncConflict('A'), syncConflict('C')])

    // written out: A has a1, a3 and its sync conflict (a2 is settled); B has b1; C its sync conflict
    const expected: Record<string, number> = { A: 3, B: 1, C: 1, D: 0 }
    for (const [caseId, count] of Object.entries(expected)) expect(await countCaseConflicts(db, caseId)).toBe(count)
    db.close()
  })
})
