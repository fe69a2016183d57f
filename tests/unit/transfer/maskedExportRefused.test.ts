/**
 * The last scan: if masking ever misses a field (here: a masking that forgets the follow-ups, as a new
 * table or field would be forgotten), the masked export stops, writes nothing and logs nothing.
 */
import { describe, expect, it, vi } from 'vitest'
import { exportCases } from '../../../src/db/transfer/export'
import type { TransferFile } from '../../../src/db/transfer/format'
import { countUnmaskedNumbers, refuseUnmasked } from '../../../src/db/transfer/mask'
import { createCase } from '../../../src/db/casesRepo'
import { addFollowUp } from '../../../src/db/caseRecordsRepo'
import { freshDb } from '../db/helpers'
import { intake, person, setUpCommittee } from '../db/caseFixtures'

vi.mock('../../../src/db/transfer/mask', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../src/db/transfer/mask')>()
  return {
    ...original,
    maskTables: (tables: TransferFile['tables']) => ({ ...original.maskTables(tables), followUps: tables.followUps }),
  }
})

describe('the last scan before a masked export is written', () => {
  it('counts the numbers left in typed text and refuses with a Chinese message naming how many', () => {
    expect(
      countUnmaskedNumbers([
        { id: '13700000005', notes: '电话137 0000 0005，座机010-88886666', sha256: '110105199001011234' },
      ]),
    ).toBe(2)
    expect(() => refuseUnmasked({ cases: [{ facts: '１３７ ００００ ０００５' }] })).toThrow(
      '导出已停止：文件中仍有未遮盖的号码（1处），请联系维护人员',
    )
    expect(() => refuseUnmasked({ cases: [{ facts: '137 **** 0005，2026年12月15日，12,000元' }] })).not.toThrow()
  })

  it('refuses a masked export in which a field escaped masking, and keeps no audit entry of it', async () => {
    const db = freshDb()
    const { committee, roomId, mediatorIds } = await setUpCommittee(db)
    const created = await createCase(
      db,
      intake(roomId, { parties: [person('王𠮷', '申请人'), person('赵堃', '被申请人')] }),
      committee,
      '李淑珺',
    )
    await addFollowUp(
      db,
      {
        caseId: created.id,
        visitedOn: '2026-12-15',
        method: '电话',
        visitorIds: mediatorIds.slice(0, 1),
        performance: 'full',
        satisfaction: '满意',
        escalationSigns: false,
        notes: '回访电话137 0000 0005',
      },
      '李淑珺',
    )
    const auditBefore = await db.audit.count()
    await expect(exportCases(db, [created.id], { actor: '李淑珺' })).rejects.toThrow(
      '导出已停止：文件中仍有未遮盖的号码（1处），请联系维护人员',
    )
    expect(await db.audit.count()).toBe(auditBefore)
    // the same case exported unmasked is not scanned: the person chose a full export
    await expect(exportCases(db, [created.id], { actor: '李淑珺', mask: false })).resolves.toMatchObject({
      masked: false,
    })
    db.close()
  })
})
