/**
 * The document bundle reads one case from its stored document: the case record alone (none of the
 * storage fields), its parties in `order` and its sessions in the order they were held, whatever order
 * the document keeps them in.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { createCase } from '../../../src/db/casesRepo'
import { loadCaseBundle } from '../../../src/db/caseBundle'
import { caseDocTables, mustGetCaseDoc, putCaseDoc } from '../../../src/db/caseDocs'
import type { SessionRecord } from '../../../src/domain/types'
import { freshDb } from './helpers'
import { intake, person, setUpCommittee } from './caseFixtures'

const ACTOR = '测试'

function session(caseId: string, id: string, startedAt: string): SessionRecord {
  const at = '2026-11-01T00:00:00.000Z'
  return {
    id,
    createdAt: at,
    updatedAt: at,
    caseId,
    kind: 'mediation',
    startedAt,
    place: '调解室',
    mediatorIds: [],
    present: '',
    statements: [],
    factsChecked: '',
    riskWarning: '',
    outcome: '',
    notes: '',
  }
}

async function threePartyCase() {
  const db = freshDb()
  const { committee, roomId } = await setUpCommittee(db)
  const c = await createCase(
    db,
    intake(roomId, { parties: [person('王𠮷', '申请人'), person('赵堃', '被申请人'), person('李明', '第三人')] }),
    committee,
    ACTOR,
  )
  return { db, caseId: c.id }
}

describe('loadCaseBundle', () => {
  it('gives the case record without storage fields, parties in order and sessions by start time (property)', async () => {
    const { db, caseId } = await threePartyCase()
    const minute = fc
      .integer({ min: 0, max: 60 * 24 * 400 })
      .map((m) => new Date(Date.UTC(2026, 0, 1) + m * 60_000).toISOString())
    await fc.assert(
      fc.asyncProperty(fc.array(minute, { maxLength: 8 }), fc.boolean(), async (starts, reverseParties) => {
        // stored in the order generated (duplicates included), not the order held
        const sessions = starts.map((t, i) => session(caseId, `s-${String(8 - i)}`, t))
        await db.transaction('rw', caseDocTables(db), async () => {
          const doc = await mustGetCaseDoc(db, caseId)
          const parties = [...doc.parties].sort((a, b) => (reverseParties ? b.order - a.order : a.order - b.order))
          await putCaseDoc(db, { ...doc, parties, sessions })
        })
        const bundle = await loadCaseBundle(db, caseId, { withAttachments: false })
        expect(bundle.parties.map((p) => p.name)).toEqual(['王𠮷', '赵堃', '李明'])
        expect(bundle.parties.map((p) => p.order)).toEqual([0, 1, 2])
        const held = [...sessions].sort((a, b) =>
          a.startedAt === b.startedAt ? (a.id < b.id ? -1 : 1) : a.startedAt < b.startedAt ? -1 : 1,
        )
        expect(bundle.sessions.map((s) => s.id)).toEqual(held.map((s) => s.id))
        for (const key of ['parties', 'sessions', 'shard', 'digestHash']) expect(bundle.case).not.toHaveProperty(key)
        expect(bundle.case).toMatchObject({ id: caseId, title: '相邻通行纠纷' })
      }),
      { numRuns: 30 },
    )
  })

  it('a case that is not stored gets a Chinese message', async () => {
    const { db } = await threePartyCase()
    await expect(loadCaseBundle(db, 'no-such-case')).rejects.toThrow('案件不存在')
  })
})
