/**
 * This PC's share of the committee's case numbers when it shares cases (the rule: src/domain/syncNumbering.ts),
 * kept in one settings row: the blocks it holds, the reservation in flight, and the cases it accepted as 待编号
 * (oldest first) that it still has to number. A settings row, not a table: no schema change, and it is sealed
 * at rest like every setting. Kept apart from numberingStore.ts (the sync round's part) so that the accept
 * path loads no network code.
 *
 * Every change that gives out a number (an acceptance, numbering a 待编号 case) writes this row in the same
 * transaction as the case that carries the number: a number is never used twice, even after a crash.
 * The row exists only once the PC shares cases (`startSyncNumbering`); without it acceptance numbers from the
 * local counter as before.
 *
 * After a restore from a backup (or the undo of one) the row's blocks are given up (`restoredSetting`): the
 * backup cannot know which of their numbers were used after it was made. Those numbers become gaps.
 */
import { abandonBlocks, emptyNumbering, takeNumber, type LocalNumbering } from '../../domain/syncNumbering'
import type { SettingRow, UUID } from '../../domain/types'
import type { MediationDb } from '../schema'

export const NUMBERING_SETTING = 'sync.numbering'

export interface StoredNumbering {
  local: LocalNumbering
  /** ids of cases accepted here as 待编号, oldest first: only this PC numbers them */
  waiting: UUID[]
  /** years whose counter was raised above this PC's pre-sync numbers (`raiseCounter`) */
  raised: number[]
}

function isStored(value: unknown): value is StoredNumbering {
  const v = value as Partial<StoredNumbering> | undefined
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.local?.deviceId === 'string' &&
    Array.isArray(v.local.blocks) &&
    Array.isArray(v.waiting) &&
    Array.isArray(v.raised)
  )
}

/** The stored state; undefined when this PC does not share cases. Inside or outside a transaction. */
export async function readNumbering(db: MediationDb): Promise<StoredNumbering | undefined> {
  const value = (await db.settings.get(NUMBERING_SETTING))?.value
  return isStored(value) ? value : undefined
}

export async function writeNumbering(db: MediationDb, state: StoredNumbering, now = new Date()): Promise<void> {
  await db.settings.put({ key: NUMBERING_SETTING, value: state, updatedAt: now.toISOString() })
}

/** Whether this PC shares cases: acceptance then numbers from the committee's server's blocks. */
export async function syncNumberingActive(db: MediationDb): Promise<boolean> {
  return (await readNumbering(db)) !== undefined
}

/**
 * Turns sync numbering on for this PC (when it joins a committee's server); `deviceId` names it on the
 * server's counter and must be this PC's alone. Does nothing if it is already on.
 */
export async function startSyncNumbering(db: MediationDb, deviceId: string): Promise<void> {
  await db.transaction('rw', [db.settings], async () => {
    if (await readNumbering(db)) return
    await writeNumbering(db, { local: emptyNumbering(deviceId), waiting: [], raised: [] })
  })
}

/**
 * For the accept path, inside its read-write transaction (which must include db.settings): the next number
 * of a held block for the year, or undefined, and then the case is remembered as 待编号. Call only when
 * `state` was read in the same transaction.
 */
export async function takeSyncNumber(
  db: MediationDb,
  state: StoredNumbering,
  caseId: UUID,
  year: number,
  now: Date,
): Promise<number | undefined> {
  const taken = takeNumber(state.local, year)
  if (taken.seq === undefined) {
    await writeNumbering(db, { ...state, waiting: [...state.waiting.filter((id) => id !== caseId), caseId] }, now)
    return undefined
  }
  await writeNumbering(db, { ...state, local: taken.local }, now)
  return taken.seq
}

/**
 * A settings row from a backup being restored: its blocks and pending request are given up (the numbers
 * used after the backup was made are unknown). The 待编号 cases it lists still wait.
 */
export function restoredSetting(row: SettingRow): SettingRow {
  if (row.key !== NUMBERING_SETTING || !isStored(row.value)) return row
  return { ...row, value: { ...row.value, local: abandonBlocks(row.value.local) } satisfies StoredNumbering }
}
