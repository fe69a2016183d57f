import { describe, expect, it } from 'vitest'
import { completeSetup, loadSettings, saveCommittee, saveMediator } from '../../../src/db/settingsRepo'
import { verifyAuditLog } from '../../../src/db/audit'
import { DEFAULT_CASE_NUMBER_PATTERN, type SetupInput } from '../../../src/domain/settings'
import { freshDb } from './helpers'

const setup: SetupInput = {
  committee: {
    fullName: '城关镇人民调解委员会',
    shortName: '城关镇',
    address: '人民路1号',
    phone: '0571-88886666',
    caseNumberPattern: DEFAULT_CASE_NUMBER_PATTERN,
    defaultDeadlineDays: 30,
  },
  mediators: [
    {
      key: 'a',
      name: '李淑珺',
      gender: '女',
      phone: '13812345678',
      certificateNo: 'TJ-1',
      role: '调解员',
      active: true,
    },
    { key: 'b', name: '王𠮷', gender: '男', phone: '13987654321', certificateNo: 'TJ-2', role: '记录人', active: true },
  ],
  rooms: [{ name: '老李调解工作室', leadMediatorKey: 'a' }],
}

describe('settings repository', () => {
  it("keeps this PC's own committee after another committee's row arrives by import (whatever the ids)", async () => {
    for (const otherId of ['00000000-0000-4000-8000-000000000000', 'ffffffff-ffff-4fff-bfff-ffffffffffff']) {
      const db = freshDb()
      const saved = await completeSetup(db, setup, '测试', new Date('2026-05-01T00:00:00Z'))
      // an imported committee, created earlier than ours on its own PC, with an id before or after ours
      await db.committees.add({
        ...saved.committee!,
        id: otherId,
        fullName: '外镇人民调解委员会',
        createdAt: '2020-01-01T00:00:00.000Z',
      })
      expect((await loadSettings(db)).committee?.fullName).toBe(saved.committee!.fullName)
      db.close()
    }
  })

  it('stores the whole setup in one go, with default categories, and audits it', async () => {
    const db = freshDb()
    const saved = await completeSetup(db, setup, '测试')
    const loaded = await loadSettings(db)
    expect(loaded.committee?.fullName).toBe('城关镇人民调解委员会')
    expect(loaded.committee?.categories).toContain('劳动争议（含欠薪）')
    expect(loaded.mediators.map((m) => m.name)).toEqual(['李淑珺', '王𠮷'])
    expect(loaded.rooms[0]?.leadMediatorId).toBe(saved.mediators[0]?.id)
    expect(await db.audit.count()).toBe(4)
    expect((await verifyAuditLog(db)).ok).toBe(true)
  })

  it('refuses a second setup and changes nothing', async () => {
    const db = freshDb()
    await completeSetup(db, setup, '测试')
    const before = await db.audit.count()
    await expect(completeSetup(db, setup, '测试')).rejects.toThrow('已经完成过首次设置')
    expect(await db.mediators.count()).toBe(2)
    expect(await db.audit.count()).toBe(before)
  })

  it('a write that fails half way leaves nothing behind', async () => {
    const db = freshDb()
    // Two mediators with the same key get the same id: the second add fails inside the transaction.
    const clash: SetupInput = { ...setup, mediators: [setup.mediators[0]!, { ...setup.mediators[1]!, key: 'a' }] }
    await expect(completeSetup(db, clash, '测试')).rejects.toThrow()
    expect(await db.committees.count()).toBe(0)
    expect(await db.rooms.count()).toBe(0)
    expect(await db.audit.count()).toBe(0)
  })

  it('audits only the fields that changed, never their values', async () => {
    const db = freshDb()
    const { committee, mediators } = await completeSetup(db, setup, '测试')
    await saveCommittee(db, committee!.id, { phone: '0571-12345678' }, '测试')
    const m = mediators[1]!
    await saveMediator(
      db,
      {
        key: m.id,
        id: m.id,
        name: m.name,
        gender: m.gender,
        phone: '13700001111',
        certificateNo: m.certificateNo,
        role: m.role,
        active: false,
        roomIds: m.roomIds,
      },
      '测试',
    )
    const log = await db.audit.orderBy('seq').toArray()
    expect(log.at(-2)?.fields).toEqual(['phone'])
    expect(log.at(-1)?.fields).toEqual(['active', 'phone'])
    expect(JSON.stringify(log)).not.toContain('13700001111')
    // An unchanged save writes nothing.
    await saveCommittee(db, committee!.id, { phone: '0571-12345678' }, '测试')
    expect(await db.audit.count()).toBe(log.length)
  })
})
