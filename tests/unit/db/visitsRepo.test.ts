/**
 * The reception log's repository: a visit written and read back, sealed at rest (the stored record keeps
 * only its id and time in clear: no name, phone or note), every write audited by field name; a referral
 * followed to 已办结; a case registered from a visit and the visit naming it; backups carry visits.
 */
import { describe, expect, it } from 'vitest'
import Dexie from 'dexie'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { MediationDb, SCHEMA_V6 } from '../../../src/db/schema'
import {
  createVisit,
  linkVisitCase,
  listVisits,
  moveVisitReferral,
  updateVisit,
  visitCaseHeadings,
} from '../../../src/db/visitsRepo'
import { verifyAuditLog } from '../../../src/db/audit'
import { createCase } from '../../../src/db/casesRepo'
import { getCaseWithParties } from '../../../src/db/caseQueries'
import type { VisitFields } from '../../../src/domain/visits'
import { intake, setUpCommittee } from './caseFixtures'
import { restoreSnapshot, snapshotOfInstalled, takeSnapshot } from '../../../src/db/snapshot'

const fields: VisitFields = {
  visitedAt: '2026-11-05T01:30:00.000Z',
  visitorName: '钱多多',
  phone: '13812345678',
  people: 6,
  channel: 'walk_in',
  category: '劳动争议（含欠薪）',
  note: '工地六名工人被拖欠工资',
  route: 'referred',
  handledBy: '李淑珺',
  outcome: '',
  referral: { department: '人社/劳动监察', matter: '工地六名工人被拖欠工资', dueOn: '2026-11-20' },
}

async function rawRow(indexedDB: IDBFactory, name: string, id: string): Promise<unknown> {
  const raw = new Dexie(name, { indexedDB, IDBKeyRange })
  await raw.open()
  try {
    return await raw.table('visits').get(id)
  } finally {
    raw.close()
  }
}

function textOf(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v instanceof Uint8Array ? new TextDecoder('utf-8', { fatal: false }).decode(v) : v,
  )
}

const T0 = new Date('2026-11-05T01:35:00.000Z')

describe('visits repository', () => {
  it('writes a visit with its referral opened; the stored record holds the id and time only', async () => {
    const indexedDB = new IDBFactory()
    const db = new MediationDb('visits-sealed', { indexedDB, IDBKeyRange })
    const saved = await createVisit(db, fields, '李淑珺', T0)
    expect(saved).toEqual({
      ...fields,
      id: saved.id,
      createdAt: T0.toISOString(),
      updatedAt: T0.toISOString(),
      referral: {
        department: '人社/劳动监察',
        matter: '工地六名工人被拖欠工资',
        dueOn: '2026-11-20',
        status: '已转办',
        history: [{ status: '已转办', at: T0.toISOString(), note: '' }],
        updatedAt: T0.toISOString(),
      },
    })
    expect(await listVisits(db)).toEqual([saved])

    const stored = (await rawRow(indexedDB, 'visits-sealed', saved.id)) as Record<string, unknown>
    expect(Object.keys(stored).sort()).toEqual(['id', 'sealed', 'visitedAt'])
    const text = textOf(stored)
    for (const secret of ['钱多多', '13812345678', '拖欠', '人社', 'referred']) expect(text).not.toContain(secret)
    db.close()
  })

  it('follows a referral to 已办结 with the case referrals rules, auditing field names only', async () => {
    const db = new MediationDb(`visits-referral-${crypto.randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange })
    const saved = await createVisit(db, fields, '李淑珺', T0)
    await expect(moveVisitReferral(db, saved.id, '已办结', '', '李淑珺')).rejects.toThrow(
      '转办状态为“已转办”，不能改为“已办结”。',
    )
    await moveVisitReferral(db, saved.id, '已接收', '', '李淑珺', new Date('2026-11-06T00:00:00.000Z'))
    const done = await moveVisitReferral(
      db,
      saved.id,
      '已办结',
      '已支付工资',
      '李淑珺',
      new Date('2026-11-07T00:00:00.000Z'),
    )
    expect(done.referral!.status).toBe('已办结')
    expect(done.referral!.history.map((h) => [h.status, h.note])).toEqual([
      ['已转办', ''],
      ['已接收', ''],
      ['已办结', '已支付工资'],
    ])
    const entries = await db.audit.orderBy('seq').toArray()
    expect(entries.map((e) => [e.action, e.entity, e.fields])).toEqual([
      [
        'create',
        'visit',
        [
          'category',
          'channel',
          'handledBy',
          'note',
          'outcome',
          'people',
          'phone',
          'referral',
          'route',
          'visitedAt',
          'visitorName',
        ],
      ],
      ['update', 'visit', ['referral']],
      ['update', 'visit', ['referral']],
    ])
    expect(JSON.stringify(entries)).not.toContain('钱多多')
    expect((await verifyAuditLog(db)).ok).toBe(true)
    db.close()
  })

  it('a case registered from a visit names it, and the visit names the case; another route refuses the link', async () => {
    const db = new MediationDb(`visits-case-${crypto.randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange })
    const { committee, roomId } = await setUpCommittee(db)
    const visit = await createVisit(db, { ...fields, route: 'case', referral: undefined }, '李淑珺', T0)
    const kase = await createCase(db, intake(roomId, { visitId: visit.id }), committee, '李淑珺')
    expect((await getCaseWithParties(db, kase.id))?.case.visitId).toBe(visit.id)
    const linked = await linkVisitCase(db, visit.id, kase.id, '李淑珺')
    expect(linked.caseId).toBe(kase.id)

    const answered = await createVisit(
      db,
      { ...fields, route: 'answered', outcome: '已解答', referral: undefined },
      '李淑珺',
    )
    await expect(linkVisitCase(db, answered.id, kase.id, '李淑珺')).rejects.toThrow('不能关联案件')
    db.close()
  })

  it('a visit is corrected with its audit entry naming the changed fields; a refused correction changes nothing', async () => {
    const db = new MediationDb(`visits-edit-${crypto.randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange })
    const saved = await createVisit(db, fields, '李淑珺', T0)
    const long = '述'.repeat(5000)
    const T1 = new Date('2026-11-05T02:00:00.000Z')
    const edited = await updateVisit(db, saved.id, { ...fields, visitorName: '钱朵朵', note: long }, '李淑珺', T1)
    expect(edited.visitorName).toBe('钱朵朵')
    expect((await listVisits(db))[0]?.note).toBe(long)
    // the referral, not corrected, stays as it was
    expect(edited.referral?.status).toBe('已转办')
    expect(edited.referral?.history).toEqual(saved.referral?.history)

    await moveVisitReferral(db, saved.id, '已接收', '', '李淑珺')
    const before = await listVisits(db)
    await expect(
      updateVisit(
        db,
        saved.id,
        { ...fields, note: long, referral: { ...fields.referral!, dueOn: '2026-12-30' } },
        '李淑珺',
      ),
    ).rejects.toThrow('转办部门和办理期限不能再修改')
    await expect(updateVisit(db, 'missing', fields, '李淑珺')).rejects.toThrow('要修改的接待记录不存在')
    expect(await listVisits(db)).toEqual(before)

    const audit = (await db.audit.orderBy('seq').toArray()).filter((e) => e.entity === 'visit')
    expect(audit.map((e) => [e.action, e.fields])).toEqual([
      ['create', Object.keys(fields).sort()],
      ['update', ['note', 'visitorName']],
      ['update', ['referral']],
    ])
    expect(JSON.stringify(audit)).not.toContain('钱朵朵')
    expect((await verifyAuditLog(db)).ok).toBe(true)
    db.close()
  })

  it('names the cases visits became by number, or by title before acceptance', async () => {
    const db = new MediationDb(`visits-heads-${crypto.randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange })
    const { committee, roomId } = await setUpCommittee(db)
    const kase = await createCase(db, intake(roomId), committee, '李淑珺')
    expect(await visitCaseHeadings(db, [])).toEqual([])
    expect(await visitCaseHeadings(db, [kase.id, 'gone'])).toEqual([{ id: kase.id, title: kase.title }])
    db.close()
  })

  it('travels in backups; a v6 database (no visits table yet) is backed up with none', async () => {
    const source = new MediationDb(`visits-backup-${crypto.randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange })
    const saved = await createVisit(source, fields, '测试')
    const file = await takeSnapshot(source)
    expect(file.tables.visits).toEqual([saved])
    expect(file.manifest.counts.visits).toBe(1)
    const target = new MediationDb(`visits-restore-${crypto.randomUUID()}`, {
      indexedDB: new IDBFactory(),
      IDBKeyRange,
    })
    await createVisit(target, { ...fields, visitorName: '别人' }, '测试')
    await restoreSnapshot(target, file, { keepPreRestore: async () => {} })
    expect(await listVisits(target)).toEqual([saved])
    source.close()
    target.close()

    const indexedDB = new IDBFactory()
    const old = new Dexie('v6-installed', { indexedDB, IDBKeyRange })
    old.version(6).stores(SCHEMA_V6)
    await old.open()
    old.close()
    const backup = await snapshotOfInstalled('v6-installed', { indexedDB, IDBKeyRange })
    expect(backup.tables.visits).toEqual([])
  })
})
