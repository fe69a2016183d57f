/**
 * What a change the server turned away was, named for 设置 → 同步 (src/db/sync/turnedAwaySubjects.ts), held
 * to a written-out table of the words a mediator reads.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { blobOfBytes } from '../../../src/db/blobBytes'
import { createCase } from '../../../src/db/casesRepo'
import { MediationDb } from '../../../src/db/schema'
import { nameTurnedAway, TURNED_AWAY_NAMED_MAX } from '../../../src/db/sync/turnedAwaySubjects'
import { intake, setUpCommittee } from '../db/caseFixtures'

const T0 = '2026-12-01T02:00:00.000Z'
const WHY = '已生效的协议不能修改'

describe('nameTurnedAway', () => {
  it('names cases, their records and files, rooms and mediators; what is not here by its kind', async () => {
    const db = new MediationDb('turned-away-names', { indexedDB: new IDBFactory(), IDBKeyRange })
    const { committee, roomId, mediatorIds } = await setUpCommittee(db)
    const made = await createCase(db, intake(roomId, { title: '相邻通行纠纷' }), committee, '测试')
    const caseId = made.id
    const caseNo = (await db.caseDocs.get(caseId))!.caseNo ?? '未受理'
    await db.agreements.put({ id: 'ag-1', createdAt: T0, updatedAt: T0, caseId, version: 1, status: 'final' } as never)
    await db.signatures.put({ id: 'sig-1', createdAt: T0, updatedAt: T0, agreementId: 'ag-1' } as never)
    await db.followUps.put({ id: 'fu-1', createdAt: T0, updatedAt: T0, caseId } as never)
    await db.attachments.put({
      id: 'file-1',
      createdAt: T0,
      updatedAt: T0,
      caseId,
      kind: 'evidence',
      name: '现场照片.png',
      mime: 'image/png',
      size: 3,
      data: blobOfBytes(new Uint8Array([1, 2, 3]), 'image/png'),
    })

    const named = await nameTurnedAway(db, {
      [caseId]: WHY,
      'agreement:ag-1': WHY,
      'signature:sig-1': WHY,
      'followUp:fu-1': WHY,
      'referral:not-here': WHY,
      'attachment:file-1': WHY,
      'attachment:not-here': WHY,
      [`room:${roomId}`]: WHY,
      [`mediator:${mediatorIds[0]}`]: WHY,
      'case-not-here': WHY,
      'counter:x': WHY,
    })

    const theCase = `案件 ${caseNo} 相邻通行纠纷`
    expect(named.map((c) => c.subject)).toEqual([
      theCase,
      `${theCase} 的协议`,
      `${theCase} 的签名`,
      `${theCase} 的回访`,
      '转办',
      `${theCase} 的附件“现场照片.png”`,
      '附件',
      '调解室 老李调解工作室',
      '调解员 李淑珺',
      '一个本机没有的案件',
      '记录',
    ])
    expect(named.every((c) => c.reason === WHY)).toBe(true)
  })

  it('looks up the first ones only; the rest keep their reason and are counted', async () => {
    const db = new MediationDb('turned-away-many', { indexedDB: new IDBFactory(), IDBKeyRange })
    const refused = Object.fromEntries(Array.from({ length: TURNED_AWAY_NAMED_MAX + 5 }, (_, i) => [`c-${i}`, WHY]))
    const named = await nameTurnedAway(db, refused)
    expect(named).toHaveLength(TURNED_AWAY_NAMED_MAX + 5)
    expect(named.filter((c) => c.subject !== undefined)).toHaveLength(TURNED_AWAY_NAMED_MAX)
    expect(named.every((c) => c.reason === WHY)).toBe(true)
  })
})
