/**
 * 协同人员: the roster, kept as one settings row (sealed at rest like every settings row, carried in
 * backups), so it needs no table of its own. Every write goes in one transaction with its audit entry.
 */
import { COLLABORATORS_SETTING, rosterFromSetting, type CheckedCollaborator } from '../domain/collaborators'
import type { Collaborator } from '../domain/types'
import type { MediationDb } from './schema'
import { appendAudit } from './audit'
import { toStorageError, StorageError } from './errors'
import { newId } from './records'
import { plainCopy } from './plain'

export async function loadCollaborators(db: MediationDb): Promise<Collaborator[]> {
  try {
    return rosterFromSetting((await db.settings.get(COLLABORATORS_SETTING))?.value)
  } catch (error) {
    throw toStorageError(error)
  }
}

/** Adds (no id) or updates one person; the input must be validated. Returns the whole roster. */
export async function saveCollaborator(
  db: MediationDb,
  input: CheckedCollaborator & { id?: string },
  actor: string,
  now = new Date(),
): Promise<Collaborator[]> {
  const data = plainCopy(input)
  const at = now.toISOString()
  try {
    return await db.transaction('rw', [db.settings, db.audit], async () => {
      const roster = rosterFromSetting((await db.settings.get(COLLABORATORS_SETTING))?.value)
      const { id, ...fields } = data
      let next: Collaborator[]
      let saved: Collaborator
      let changed: string[]
      if (id) {
        const before = roster.find((c) => c.id === id)
        if (!before) throw new StorageError('constraint', '找不到这位协同人员，可能已被其他操作修改')
        saved = { ...before, ...fields, updatedAt: at }
        changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => before[k] !== saved[k])
        next = roster.map((c) => (c.id === id ? saved : c))
      } else {
        saved = { ...fields, id: newId(), createdAt: at, updatedAt: at }
        changed = Object.keys(fields)
        next = [...roster, saved]
      }
      await db.settings.put({ key: COLLABORATORS_SETTING, value: next, updatedAt: at })
      await appendAudit(
        db,
        { actor, action: id ? 'update' : 'create', entity: 'collaborator', entityId: saved.id, fields: changed },
        now,
      )
      return next
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

/** 显示 on a masked phone number: logged before it is shown. */
export async function logCollaboratorReveal(
  db: MediationDb,
  id: string,
  actor: string,
  now = new Date(),
): Promise<void> {
  try {
    await db.transaction('rw', [db.audit], () =>
      appendAudit(db, { actor, action: 'reveal', entity: 'collaborator', entityId: id, fields: ['phone'] }, now),
    )
  } catch (error) {
    throw toStorageError(error)
  }
}
