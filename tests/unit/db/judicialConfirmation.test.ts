/**
 * 司法确认 as stored: recorded through the lifecycle action in one transaction with its audit entry, refused
 * without a trace, and carried by transfer files (export/import, backup/restore) exactly as recorded.
 */
import { describe, expect, it } from 'vitest'
import { applyAction, createCase } from '../../../src/db/casesRepo'
import { getCaseDoc } from '../../../src/db/caseDocs'
import { exportAll, exportCases, serializeTransferFile } from '../../../src/db/transfer/export'
import { importFile } from '../../../src/db/transfer/import'
import { readTransferFile } from '../../../src/db/transfer/read'
import { restoreSnapshot } from '../../../src/db/snapshot'
import { verifyAuditLog } from '../../../src/db/audit'
import { auditActionLabel } from '../../../src/domain/labels'
import { fieldLabel } from '../../../src/domain/conflicts'
import type { Committee, JudicialConfirmation } from '../../../src/domain/types'
import type { MediationDb } from '../../../src/db/schema'
import { freshDb } from './helpers'
import { intake, setUpCommittee } from './caseFixtures'

const AT = (day: string) => new Date(`${day}T02:00:00.000Z`) // 10:00 in China
const RECORD: JudicialConfirmation = {
  appliedOn: '2026-03-12',
  court: '广州市海珠区人民法院',
  result: 'confirmed',
  decidedOn: '2026-03-20',
  rulingNo: '（2026）粤0105民特12号',
}

/** A case whose written agreement took effect on 2026-03-10 (China date). */
async function agreedCase(db: MediationDb): Promise<{ id: string; committee: Committee }> {
  const { committee, roomId, mediatorIds } = await setUpCommittee(db)
  const c = await createCase(db, intake(roomId), committee, '测试', AT('2026-03-01'))
  const steps = [
    ['accept', { acceptedOn: '2026-03-02', deadlineDays: 30, mediatorIds }],
    ['mediate', {}],
    ['draftAgreement', {}],
    ['finalizeAgreement', {}],
  ] as const
  for (const [action, input] of steps)
    await applyAction(db, c.id, action, input as never, committee, '测试', AT('2026-03-10'))
  return { id: c.id, committee }
}

describe('recording 司法确认', () => {
  it('stores the record and logs 登记司法确认 naming the one field', async () => {
    const db = freshDb()
    const { id, committee } = await agreedCase(db)
    const saved = await applyAction(
      db,
      id,
      'recordJudicialConfirmation',
      { judicialConfirmation: RECORD },
      committee,
      '李淑珺',
      AT('2026-03-21'),
    )
    expect(saved.judicialConfirmation).toEqual(RECORD)
    expect((await getCaseDoc(db, id))?.judicialConfirmation).toEqual(RECORD)
    const last = await db.audit.orderBy('seq').last()
    expect(last).toMatchObject({ action: 'transition:recordJudicialConfirmation', entity: 'case', entityId: id })
    expect(last?.fields).toEqual(['judicialConfirmation'])
    expect(auditActionLabel(last!.action)).toBe('登记司法确认')
    expect(fieldLabel('cases', last!.fields[0]!)).toBe('司法确认')
    expect((await verifyAuditLog(db)).ok).toBe(true)
  })

  it('a refused record changes nothing and logs nothing', async () => {
    const db = freshDb()
    const { id, committee } = await agreedCase(db)
    const before = await getCaseDoc(db, id)
    const entries = await db.audit.count()
    await expect(
      applyAction(
        db,
        id,
        'recordJudicialConfirmation',
        { judicialConfirmation: { ...RECORD, appliedOn: '2026-03-09' } },
        committee,
        '测试',
        AT('2026-03-21'),
      ),
    ).rejects.toThrow('申请日期不能早于协议生效日期（2026-03-10）')
    expect(await getCaseDoc(db, id)).toEqual(before)
    expect(await db.audit.count()).toBe(entries)
  })

  it('is editable after 结案 and read-only once archived', async () => {
    const db = freshDb()
    const { id, committee } = await agreedCase(db)
    const at = AT('2026-03-21')
    await applyAction(db, id, 'close', { summary: '已履行完毕' }, committee, '测试', at)
    const { result: _pending, decidedOn: _d, rulingNo: _n, ...applied } = RECORD
    await applyAction(db, id, 'recordJudicialConfirmation', { judicialConfirmation: applied }, committee, '测试', at)
    await applyAction(db, id, 'recordJudicialConfirmation', { judicialConfirmation: RECORD }, committee, '测试', at)
    expect((await getCaseDoc(db, id))?.judicialConfirmation).toEqual(RECORD)
    await applyAction(db, id, 'archive', {}, committee, '测试', at)
    await expect(applyAction(db, id, 'recordJudicialConfirmation', {}, committee, '测试', at)).rejects.toThrow(
      '案件当前状态为“已归档”，不能登记司法确认',
    )
    expect((await getCaseDoc(db, id))?.judicialConfirmation).toEqual(RECORD)
  })
})

describe('a case with 司法确认 in transfer files', () => {
  async function recorded() {
    const db = freshDb()
    const { id, committee } = await agreedCase(db)
    await applyAction(
      db,
      id,
      'recordJudicialConfirmation',
      { judicialConfirmation: RECORD },
      committee,
      '测试',
      AT('2026-03-21'),
    )
    return { db, id }
  }

  it('is exported (masked and not) and imported with the record intact', async () => {
    const { db, id } = await recorded()
    for (const mask of [true, false]) {
      const text = serializeTransferFile(await exportCases(db, [id], { actor: '测试', mask }))
      const target = freshDb()
      await importFile(target, text)
      expect((await getCaseDoc(target, id))?.judicialConfirmation).toEqual(RECORD)
      target.close()
    }
    db.close()
  })

  it('is backed up and restored with the record intact', async () => {
    const { db, id } = await recorded()
    const backup = await readTransferFile(serializeTransferFile(await exportAll(db)))
    const target = freshDb()
    await restoreSnapshot(target, backup, { keepPreRestore: async () => undefined })
    expect((await getCaseDoc(target, id))?.judicialConfirmation).toEqual(RECORD)
    db.close()
    target.close()
  })

  it('a file whose record carries an unknown member is refused', async () => {
    const { db } = await recorded()
    const file = JSON.parse(serializeTransferFile(await exportAll(db))) as {
      tables: { cases: { judicialConfirmation: Record<string, unknown> }[] }
    }
    file.tables.cases[0]!.judicialConfirmation.judge = '张法官'
    await expect(readTransferFile(JSON.stringify(file))).rejects.toThrow(/judicialConfirmation/)
    db.close()
  })
})
