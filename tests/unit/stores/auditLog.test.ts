/**
 * 设置 → 审计日志 names each entry's case by its number, read from the stored case documents: 未受理 for a
 * case without a number yet, （已不在本机） for one no longer stored.
 */
import 'fake-indexeddb/auto'
import { afterAll, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { getDatabase } from '../../../src/db/connection'
import { applyAction, createCase } from '../../../src/db/casesRepo'
import { appendAudit } from '../../../src/db/audit'
import { useAuditLogStore } from '../../../src/stores/auditLog'
import { intake, setUpCommittee } from '../db/caseFixtures'

const ACTOR = '测试'

afterAll(async () => (await getDatabase()).db.close())

describe('审计日志 rows', () => {
  it('show the case number of each entry from the case documents', async () => {
    const { db } = await getDatabase()
    const { committee, roomId, mediatorIds } = await setUpCommittee(db)
    const accepted = await createCase(db, intake(roomId, { title: '甲案' }), committee, ACTOR)
    await applyAction(
      db,
      accepted.id,
      'accept',
      { acceptedOn: '2026-11-02', deadlineDays: 30, mediatorIds: [mediatorIds[0]!], recorderId: mediatorIds[1]! },
      committee,
      ACTOR,
    )
    const waiting = await createCase(db, intake(roomId, { title: '乙案' }), committee, ACTOR)
    const goneId = '00000000-0000-4000-8000-000000000000'
    await db.transaction('rw', db.audit, () =>
      appendAudit(db, {
        actor: ACTOR,
        action: 'update',
        entity: 'case',
        entityId: goneId,
        caseId: goneId,
        fields: ['facts'],
      }),
    )

    setActivePinia(createPinia())
    const log = useAuditLogStore()
    await log.loadPage(1)
    const caseIdBySeq = new Map((await db.audit.toArray()).map((e) => [e.seq, e.caseId]))
    const caseNoOf = (caseId: string) => log.rows.find((r) => caseIdBySeq.get(r.seq) === caseId)?.caseNo
    expect(caseNoOf(accepted.id)).toBe('（2026）城关镇调字第001号')
    expect(caseNoOf(waiting.id)).toBe('未受理')
    expect(log.rows[0]).toEqual({
      seq: log.total,
      ts: expect.any(String),
      actor: ACTOR,
      action: 'update',
      entity: 'case',
      fields: ['facts'],
      caseNo: '（已不在本机）',
    })
    // entries about no case (the settings) name none
    const caseless = log.rows.filter((r) => caseIdBySeq.get(r.seq) === undefined)
    expect(caseless.length).toBeGreaterThan(0)
    for (const r of caseless) expect(r).not.toHaveProperty('caseNo')
  })
})
