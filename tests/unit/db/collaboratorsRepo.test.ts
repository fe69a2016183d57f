import { describe, expect, it } from 'vitest'
import { verifyAuditLog } from '../../../src/db/audit'
import { loadCollaborators, logCollaboratorReveal, saveCollaborator } from '../../../src/db/collaboratorsRepo'
import { freshDb } from './helpers'

const WANG = { name: '王五', role: '网格员' as const, where: '东门村第三网格', phone: '13600001111', active: true }

describe('collaboratorsRepo', () => {
  it('starts empty, adds, updates, and audits each write with field names only', async () => {
    const db = freshDb()
    expect(await loadCollaborators(db)).toEqual([])
    const [added] = await saveCollaborator(db, WANG, 'tester', new Date('2026-12-01T01:00:00Z'))
    expect(added).toMatchObject({ ...WANG, createdAt: '2026-12-01T01:00:00.000Z' })
    await saveCollaborator(db, { ...WANG, id: added!.id, active: false }, 'tester', new Date('2026-12-02T01:00:00Z'))
    await logCollaboratorReveal(db, added!.id, 'tester')
    const roster = await loadCollaborators(db)
    expect(roster).toEqual([{ ...added, active: false, updatedAt: '2026-12-02T01:00:00.000Z' }])
    const audit = (await db.audit.orderBy('seq').toArray()).filter((e) => e.entity === 'collaborator')
    expect(audit.map((e) => [e.action, e.entityId, e.fields])).toEqual([
      ['create', added!.id, ['name', 'role', 'where', 'phone', 'active']],
      ['update', added!.id, ['active']],
      ['reveal', added!.id, ['phone']],
    ])
    expect((await verifyAuditLog(db)).ok).toBe(true)
    db.close()
  })

  it('refuses to update someone not on the roster and leaves the roster as it was', async () => {
    const db = freshDb()
    await saveCollaborator(db, WANG, 'tester')
    await expect(saveCollaborator(db, { ...WANG, id: 'missing' }, 'tester')).rejects.toThrow('找不到这位协同人员')
    expect(await loadCollaborators(db)).toHaveLength(1)
    db.close()
  })
})
