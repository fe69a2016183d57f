/**
 * 涉及未成年人 set by the case itself: a party under 18 on the acceptance date, whether the birth date
 * is known at acceptance or added later by an edit of the parties; each time in the audit log.
 */
import { describe, expect, it } from 'vitest'
import { applyAction, createCase, saveParties } from '../../../src/db/casesRepo'
import { caseOf, mustGetCaseDoc } from '../../../src/db/caseDocs'
import { partyToInput } from '../../../src/domain/parties'
import { freshDb } from './helpers'
import { intake, person, setUpCommittee } from './caseFixtures'

describe('涉及未成年人', () => {
  it('is set when a party edited in is under 18 on the acceptance date, and the change is logged', async () => {
    const db = freshDb()
    const { committee, roomId, mediatorIds } = await setUpCommittee(db)
    const c = await createCase(db, intake(roomId), committee, '测试')
    await applyAction(
      db,
      c.id,
      'accept',
      { acceptedOn: '2026-03-02', deadlineDays: 30, mediatorIds },
      committee,
      '测试',
    )
    const stored = await mustGetCaseDoc(db, c.id)
    expect(stored.flags).toEqual([])
    // 18 the day after acceptance: still a minor on the acceptance date
    const parties = stored.parties.map((p, i) => ({
      ...partyToInput(p),
      ...(i === 1 ? { birthDate: '2008-03-03', gender: '女' as const } : {}),
    }))
    await saveParties(db, c.id, parties, '测试')
    expect(caseOf(await mustGetCaseDoc(db, c.id)).flags).toEqual(['涉及未成年人'])
    const logged = (await db.audit.toArray()).filter((a) => a.entity === 'case' && a.fields.includes('flags'))
    expect(logged).toHaveLength(1)
  })

  it('is not set for a party who was 18 on the acceptance date', async () => {
    const db = freshDb()
    const { committee, roomId, mediatorIds } = await setUpCommittee(db)
    const c = await createCase(
      db,
      intake(roomId, { parties: [person('王𠮷', '申请人'), person('赵堃', '被申请人', { birthDate: '2008-03-02' })] }),
      committee,
      '测试',
    )
    const accepted = await applyAction(
      db,
      c.id,
      'accept',
      { acceptedOn: '2026-03-02', deadlineDays: 30, mediatorIds },
      committee,
      '测试',
    )
    expect(accepted.flags).toEqual([])
  })

  it('is set at acceptance for a party stored without the flag (an older record, an import)', async () => {
    const db = freshDb()
    const { committee, roomId, mediatorIds } = await setUpCommittee(db)
    const c = await createCase(
      db,
      intake(roomId, { parties: [person('王𠮷', '申请人'), person('赵堃', '被申请人', { birthDate: '2011-05-01' })] }),
      committee,
      '测试',
    )
    expect(c.flags).toEqual([])
    const accepted = await applyAction(
      db,
      c.id,
      'accept',
      { acceptedOn: '2026-03-02', deadlineDays: 30, mediatorIds },
      committee,
      '测试',
    )
    expect(accepted.flags).toEqual(['涉及未成年人'])
    const logged = (await db.audit.toArray()).filter((a) => a.action !== 'create' && a.fields.includes('flags'))
    expect(logged).toHaveLength(1)
  })
})
