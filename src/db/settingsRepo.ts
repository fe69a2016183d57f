/**
 * The committee, its rooms and its mediators. Every write runs in one transaction together with its
 * audit entries: it completes whole or leaves the data as it was.
 */
import type { Committee, Mediator, Room, SettingRow, UUID } from '../domain/types'
import type { CommitteeInput, MediatorInput, SetupInput } from '../domain/settings'
import { DEFAULT_CATEGORIES, DEFAULT_REFERRAL_DEPARTMENTS } from '../domain/categories'
import type { InsertType, Table } from 'dexie'
import type { MediationDb } from './schema'
import { appendAudit } from './audit'
import { toStorageError, StorageError } from './errors'
import { changedFields, newId, stamped } from './records'
import { plainCopy } from './plain'
import { openStored, readStored } from './sealedReads'
import { compareOrdinal } from '../domain/text'

export interface SettingsSnapshot {
  committee?: Committee
  rooms: Room[]
  mediators: Mediator[]
}

/**
 * The settings row naming this PC's own committee, written at first-run setup. Imported files bring
 * other committees' rows into the same table, so "the first committee" would be any of them (ids are
 * random): this PC would then take another committee's name and key for its own.
 */
export const OWN_COMMITTEE_SETTING = 'ownCommitteeId'

const byCreation = (a: { createdAt: string }, b: { createdAt: string }) => compareOrdinal(a.createdAt, b.createdAt)

/** This PC's committee: the one named at setup; before that row existed, the one created first. */
function ownCommittee(ownId: unknown, committees: readonly Committee[]): Committee | undefined {
  const named = typeof ownId === 'string' ? committees.find((c) => c.id === ownId) : undefined
  return named ?? [...committees].sort(byCreation)[0]
}

/**
 * The four tables read in one snapshot as stored, and opened afterwards with WebCrypto: this is the first
 * screen's first read of sealed records, where the synchronous cipher (cold, its tables still to build)
 * cost 30-50 ms of the start.
 */
export async function loadSettings(db: MediationDb): Promise<SettingsSnapshot> {
  try {
    const [ownRow, storedCommittees, storedRooms, storedMediators] = await readStored(
      db,
      [db.committees, db.rooms, db.mediators, db.settings],
      () =>
        Promise.all([
          db.settings.get(OWN_COMMITTEE_SETTING),
          db.committees.toArray(),
          db.rooms.toArray(),
          db.mediators.toArray(),
        ]),
    )
    const [[own], committees, rooms, mediators] = await Promise.all([
      openStored<SettingRow | undefined>(db, db.settings, [ownRow]),
      openStored<Committee>(db, db.committees, storedCommittees),
      openStored<Room>(db, db.rooms, storedRooms),
      openStored<Mediator>(db, db.mediators, storedMediators),
    ])
    return {
      committee: ownCommittee(own?.value, committees),
      rooms: rooms.sort(byCreation),
      mediators: mediators.sort(byCreation),
    }
  } catch (error) {
    throw toStorageError(error)
  }
}

/** First-run setup: the committee, its rooms and mediators, all at once. Input must be validated. */
export async function completeSetup(
  db: MediationDb,
  input: SetupInput,
  actor: string,
  now = new Date(),
): Promise<SettingsSnapshot> {
  const data = plainCopy(input)
  try {
    return await db.transaction('rw', [db.committees, db.rooms, db.mediators, db.audit, db.settings], async () => {
      if ((await db.committees.count()) > 0) {
        throw new StorageError('constraint', '已经完成过首次设置，请到“设置”中修改。')
      }
      const committee: Committee = stamped(
        {
          ...data.committee,
          categories: [...DEFAULT_CATEGORIES],
          referralDepartments: [...DEFAULT_REFERRAL_DEPARTMENTS],
        },
        now,
      )
      const idByKey = new Map(data.mediators.map((m) => [m.key, newId()]))
      const rooms: Room[] = data.rooms.map((r, i) => ({
        ...stamped({ committeeId: committee.id, name: r.name, active: true }, new Date(now.getTime() + i)),
        ...(r.leadMediatorKey ? { leadMediatorId: idByKey.get(r.leadMediatorKey) } : {}),
      }))
      const allRoomIds = rooms.map((r) => r.id)
      // One millisecond apart, so that lists sorted by creation keep the order they were entered in.
      const mediators: Mediator[] = data.mediators.map((m, i) => {
        const at = new Date(now.getTime() + i).toISOString()
        return { ...toMediatorFields(m, allRoomIds), id: idByKey.get(m.key) ?? newId(), createdAt: at, updatedAt: at }
      })
      await db.committees.add(committee)
      await db.settings.put({ key: OWN_COMMITTEE_SETTING, value: committee.id, updatedAt: now.toISOString() })
      await db.rooms.bulkAdd(rooms)
      await db.mediators.bulkAdd(mediators)
      await appendAudit(
        db,
        { actor, action: 'create', entity: 'committee', entityId: committee.id, fields: Object.keys(data.committee) },
        now,
      )
      for (const r of rooms)
        await appendAudit(db, { actor, action: 'create', entity: 'room', entityId: r.id, fields: ['name'] }, now)
      for (const m of mediators)
        await appendAudit(
          db,
          { actor, action: 'create', entity: 'mediator', entityId: m.id, fields: ['name', 'role'] },
          now,
        )
      return { committee, rooms, mediators }
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

function toMediatorFields(m: MediatorInput, roomIds: UUID[]): Omit<Mediator, 'id' | 'createdAt' | 'updatedAt'> {
  if (!m.gender || !m.role) throw new StorageError('unknown', '调解员信息不完整')
  return {
    name: m.name,
    gender: m.gender,
    phone: m.phone,
    certificateNo: m.certificateNo,
    role: m.role,
    active: m.active,
    roomIds,
    ...(m.idNumber ? { idNumber: m.idNumber } : {}),
  }
}

/** Updates the committee; only what changed is written and audited. */
export async function saveCommittee(
  db: MediationDb,
  id: UUID,
  patch: Partial<CommitteeInput> & Partial<Pick<Committee, 'categories' | 'referralDepartments' | 'sealImage'>>,
  actor: string,
  now = new Date(),
): Promise<Committee> {
  const data = plainCopy(patch)
  return update(db, db.committees, 'committee', id, (c) => ({ ...c, ...data }), actor, now)
}

export async function saveRoom(
  db: MediationDb,
  room: Pick<Room, 'name' | 'active'> & { id?: UUID; leadMediatorId?: UUID; committeeId: UUID },
  actor: string,
  now = new Date(),
): Promise<Room> {
  const data = plainCopy(room)
  if (data.id) {
    const { id, ...rest } = data
    return update(db, db.rooms, 'room', id, (r) => ({ ...r, ...rest }), actor, now)
  }
  const { id: _none, ...fields } = data
  return create(db, db.rooms, 'room', stamped(fields, now), actor, now)
}

export async function saveMediator(
  db: MediationDb,
  mediator: MediatorInput & { id?: UUID; roomIds: UUID[] },
  actor: string,
  now = new Date(),
): Promise<Mediator> {
  const data = plainCopy(mediator)
  const fields = toMediatorFields(data, data.roomIds)
  if (data.id) {
    const id = data.id
    return update(
      db,
      db.mediators,
      'mediator',
      id,
      (m) => {
        const next: Mediator = { ...m, ...fields }
        if (!data.idNumber) delete next.idNumber
        return next
      },
      actor,
      now,
    )
  }
  return create(db, db.mediators, 'mediator', stamped(fields, now), actor, now)
}

/** Any table of stamped records keyed by `id`. */
type StampedTable<T extends { id: UUID }> = Table<T, UUID, InsertType<T, 'id'>>

async function create<T extends { id: UUID; updatedAt: string }>(
  db: MediationDb,
  table: StampedTable<T>,
  entity: string,
  record: T,
  actor: string,
  now: Date,
): Promise<T> {
  try {
    return await db.transaction('rw', [table, db.audit], async () => {
      // A stamped record carries its id, which satisfies the insert type whose id is optional.
      await table.add(record satisfies T as unknown as InsertType<T, 'id'>)
      await appendAudit(
        db,
        { actor, action: 'create', entity, entityId: record.id, fields: Object.keys(record).filter((k) => k !== 'id') },
        now,
      )
      return record
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

async function update<T extends { id: UUID; updatedAt: string }>(
  db: MediationDb,
  table: StampedTable<T>,
  entity: string,
  id: UUID,
  change: (current: T) => T,
  actor: string,
  now: Date,
): Promise<T> {
  try {
    return await db.transaction('rw', [table, db.audit], async () => {
      const current = (await table.get(id)) as T | undefined
      if (!current) throw new StorageError('constraint', '要修改的记录不存在，可能已被删除。')
      const next = { ...change(current), id, updatedAt: now.toISOString() }
      const fields = changedFields(current, next)
      if (fields.length === 0) return current
      await table.put(next)
      await appendAudit(db, { actor, action: 'update', entity, entityId: id, fields }, now)
      return next
    })
  } catch (error) {
    throw toStorageError(error)
  }
}
