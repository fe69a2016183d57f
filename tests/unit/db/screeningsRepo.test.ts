/**
 * The screening rounds' repository: a round written and read back, sealed at rest (the stored record
 * keeps only its id and date in clear), every write audited by field name; cases naming a round.
 */
import { describe, expect, it } from 'vitest'
import Dexie from 'dexie'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { MediationDb } from '../../../src/db/schema'
import { createScreening, listScreenings, screeningCases, updateScreening } from '../../../src/db/screeningsRepo'
import { verifyAuditLog } from '../../../src/db/audit'
import { createCase, updateCase } from '../../../src/db/casesRepo'
import type { ScreeningFields } from '../../../src/domain/screening'
import { intake, setUpCommittee } from './caseFixtures'
import { restoreSnapshot, snapshotOfInstalled, takeSnapshot } from '../../../src/db/snapshot'
import { SCHEMA_V5 } from '../../../src/db/schema'

const fields: ScreeningFields = {
  heldOn: '2026-11-05',
  area: '东村第三网格',
  kind: 'special',
  mediatorIds: [],
  participants: ['网格员王五'],
  found: 2,
  note: '宅基地纠纷苗头两起',
}

async function rawRow(indexedDB: IDBFactory, name: string, table: string, id: string): Promise<unknown> {
  const raw = new Dexie(name, { indexedDB, IDBKeyRange })
  await raw.open()
  try {
    return await raw.table(table).get(id)
  } finally {
    raw.close()
  }
}

/** Every string in a value, and the value's bytes read as UTF-8 (a sealed value must show neither). */
function textOf(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v instanceof Uint8Array ? new TextDecoder('utf-8', { fatal: false }).decode(v) : v,
  )
}

describe('screenings repository', () => {
  it('writes a round and reads it back; the stored record holds the id and date in clear, nothing else', async () => {
    const indexedDB = new IDBFactory()
    const db = new MediationDb('screenings-sealed', { indexedDB, IDBKeyRange })
    const saved = await createScreening(db, fields, '测试', new Date('2026-11-05T09:00:00Z'))
    expect(saved).toEqual({
      ...fields,
      id: saved.id,
      createdAt: '2026-11-05T09:00:00.000Z',
      updatedAt: '2026-11-05T09:00:00.000Z',
    })
    expect(await listScreenings(db)).toEqual([saved])

    const stored = (await rawRow(indexedDB, 'screenings-sealed', 'screenings', saved.id)) as Record<string, unknown>
    expect(Object.keys(stored).sort()).toEqual(['heldOn', 'id', 'sealed'])
    expect(stored.heldOn).toBe('2026-11-05')
    expect(stored.sealed).toBeInstanceOf(Uint8Array)
    const text = textOf(stored)
    for (const secret of ['东村', '王五', '宅基地', 'special']) expect(text).not.toContain(secret)
    db.close()
  })

  it('audits every write by field name, never a value, and keeps the chain valid', async () => {
    const db = new MediationDb(`screenings-audit-${crypto.randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange })
    const saved = await createScreening(db, fields, '李淑珺')
    const same = await updateScreening(db, saved.id, { ...fields }, '李淑珺')
    expect(same).toEqual(saved)
    const later = new Date(Date.parse(saved.updatedAt) + 60_000)
    const changed = await updateScreening(db, saved.id, { ...fields, found: 3, area: '东村' }, '李淑珺', later)
    expect(changed.found).toBe(3)
    expect(changed.updatedAt).toBe(later.toISOString())
    expect(await listScreenings(db)).toEqual([changed])

    const entries = await db.audit.orderBy('seq').toArray()
    expect(entries.map((e) => [e.action, e.entity, e.entityId, e.fields, e.actor])).toEqual([
      [
        'create',
        'screening',
        saved.id,
        ['area', 'found', 'heldOn', 'kind', 'mediatorIds', 'note', 'participants'],
        '李淑珺',
      ],
      ['update', 'screening', saved.id, ['area', 'found'], '李淑珺'],
    ])
    expect(JSON.stringify(entries)).not.toContain('东村')
    expect((await verifyAuditLog(db)).ok).toBe(true)
    db.close()
  })

  it('refuses to change a round that is not there, writing nothing', async () => {
    const db = new MediationDb(`screenings-missing-${crypto.randomUUID()}`, {
      indexedDB: new IDBFactory(),
      IDBKeyRange,
    })
    await expect(updateScreening(db, 'nope', fields, '测试')).rejects.toThrow('要修改的排查记录不存在')
    expect(await db.audit.count()).toBe(0)
    db.close()
  })

  it('links a 主动排查 case to its round; another source or no round drops the link', async () => {
    const db = new MediationDb(`screenings-cases-${crypto.randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange })
    const { committee, roomId } = await setUpCommittee(db)
    const r = await createScreening(db, fields, '测试')
    const found = await createCase(db, intake(roomId, { source: '主动排查', screeningId: r.id }), committee, '测试')
    const applied = await createCase(db, intake(roomId, { source: '当事人申请', screeningId: r.id }), committee, '测试')
    expect(found.screeningId).toBe(r.id)
    expect(applied).not.toHaveProperty('screeningId')
    expect((await screeningCases(db)).map((c) => [c.id, c.screeningId])).toEqual([[found.id, r.id]])

    // an edit that leaves the round alone keeps it; '' removes it; changing the source drops it
    expect((await updateCase(db, found.id, { title: '另一个名称' }, '测试')).screeningId).toBe(r.id)
    expect(await updateCase(db, found.id, { screeningId: '' }, '测试')).not.toHaveProperty('screeningId')
    expect((await updateCase(db, found.id, { screeningId: r.id }, '测试')).screeningId).toBe(r.id)
    expect(await updateCase(db, found.id, { source: '网格员上报' }, '测试')).not.toHaveProperty('screeningId')
    expect(await screeningCases(db)).toEqual([])
    const caseAudit = (await db.audit.where('caseId').equals(found.id).toArray())
      .filter((e) => e.entity === 'case' && e.action === 'update')
      .map((e) => e.fields)
    expect(caseAudit).toContainEqual(['screeningId'])
    expect(caseAudit).toContainEqual(['screeningId', 'source'])
    db.close()
  })

  it('travels in backups: a snapshot carries the rounds and a restore brings them back', async () => {
    const source = new MediationDb(`screenings-backup-${crypto.randomUUID()}`, {
      indexedDB: new IDBFactory(),
      IDBKeyRange,
    })
    const saved = await createScreening(source, fields, '测试')
    const file = await takeSnapshot(source)
    expect(file.tables.screenings).toEqual([saved])
    expect(file.manifest.counts.screenings).toBe(1)

    const target = new MediationDb(`screenings-restore-${crypto.randomUUID()}`, {
      indexedDB: new IDBFactory(),
      IDBKeyRange,
    })
    await createScreening(target, { ...fields, area: '别处' }, '测试')
    await restoreSnapshot(target, file, { keepPreRestore: async () => {} })
    expect(await listScreenings(target)).toEqual([saved])
    source.close()
    target.close()
  })

  it('backs up a v5 database (no screenings table yet) before the upgrade, with no rounds', async () => {
    const indexedDB = new IDBFactory()
    const old = new Dexie('v5-installed', { indexedDB, IDBKeyRange })
    old.version(5).stores(SCHEMA_V5)
    await old.open()
    old.close()
    const file = await snapshotOfInstalled('v5-installed', { indexedDB, IDBKeyRange })
    expect(file.tables.screenings).toEqual([])
  })
})
