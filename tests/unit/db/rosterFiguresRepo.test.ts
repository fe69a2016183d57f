/** The facts the 协同人员 figures are counted from: every case's source and date, the sessions that invited someone. */
import { describe, expect, it } from 'vitest'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { MediationDb } from '../../../src/db/schema'
import { createCase } from '../../../src/db/casesRepo'
import { rosterFigureFacts } from '../../../src/db/rosterFiguresRepo'
import { saveSession } from '../../../src/db/caseRecordsRepo'
import { intake, setUpCommittee } from './caseFixtures'

describe('rosterFigureFacts', () => {
  it('reads each case once, and only the sessions that invited someone', async () => {
    const db = new MediationDb(`roster-figures-${crypto.randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange })
    const { committee, roomId, mediatorIds } = await setUpCommittee(db)
    expect(await rosterFigureFacts(db)).toEqual({ cases: [], sessions: [] })
    const a = await createCase(db, intake(roomId, { source: '网格员上报' }), committee, '测试')
    const b = await createCase(db, intake(roomId), committee, '测试')
    const facts = await rosterFigureFacts(db)
    expect([...facts.cases].sort((x, y) => x.id.localeCompare(y.id))).toEqual(
      [
        { id: a.id, source: '网格员上报', receivedOn: a.receivedOn },
        { id: b.id, source: b.source, receivedOn: b.receivedOn },
      ].sort((x, y) => x.id.localeCompare(y.id)),
    )
    expect(facts.sessions).toEqual([])

    const session = {
      caseId: a.id,
      kind: 'mediation' as const,
      startedAt: '2026-11-03T02:00:00.000Z',
      place: '调解室',
      mediatorIds,
      present: '',
      statements: [],
      factsChecked: '',
      riskWarning: '',
      outcome: '',
      notes: '',
    }
    await saveSession(db, { ...session, invitedIds: ['fl1'] }, '测试')
    await saveSession(db, { ...session, invitedIds: [] }, '测试')
    await saveSession(db, { ...session, caseId: b.id }, '测试')
    expect((await rosterFigureFacts(db)).sessions).toEqual([
      { caseId: a.id, invitedIds: ['fl1'], startedAt: '2026-11-03T02:00:00.000Z' },
    ])
    db.close()
  })
})
