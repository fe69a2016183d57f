/**
 * Sync conflicts (caseReplication.ts records them in `syncConflicts`) as 设置 → 数据交换's conflict list
 * shows them, beside the import conflicts (../conflictsRepo.ts): the same field-by-field comparison
 * (src/domain/conflicts.ts), and settling one through the replication's own settlement, so that 保留本机
 * goes to the server on the next round and 采用对方 takes the server's version. The replica writes the
 * audit entry and refuses 采用对方 on a case archived here, in the settling transaction.
 */
import { canonicalJson } from '../../domain/canonical'
import {
  compareVersions,
  differingFields,
  SETTLE_REFUSALS,
  syncSettleRefusal,
  type FieldDifference,
  type SettleChoice,
} from '../../domain/conflicts'
import { isReadOnly } from '../../domain/lifecycle'
import type { CaseStatus, UUID } from '../../domain/types'
import { caseLabel, nameDirectory, recordVersion, type SettleOptions, type SettleResult } from '../conflictsRepo'
import { StorageError, toStorageError } from '../errors'
import type { MediationDb } from '../schema'
import { settleConflict } from './caseReplication'
import { ChangedMeanwhileError, DexieReplica, documentOf, SettleRefusedError } from './dexieReplica'
import { compareOrdinal } from '../../domain/text'

export interface OpenSyncConflict {
  recordId: UUID
  caseLabel: string
  /** the case's status here (采用对方 is refused while it is archived) */
  localStatus?: CaseStatus
  caseReadOnly: boolean
  /** the local version compared (recordVersion); settling is refused if it changed since */
  localVersion: string
  differences: FieldDifference[]
  /** when the other PC last saved its version (its 最后修改时间) */
  remoteUpdatedAt: string
  /** when this PC found the conflict (absent for one stored before it was recorded) */
  detectedAt?: string
}

/** Sync conflicts waiting for a person, oldest first, each compared with the case as it is here now. */
export async function listOpenSyncConflicts(db: MediationDb): Promise<OpenSyncConflict[]> {
  try {
    return await db.transaction('r', db.tables, async () => {
      const conflicts = await db.syncConflicts.toArray()
      const ids = conflicts.map((c) => c.recordId)
      const docs = await db.caseDocs.bulkGet(ids)
      const names = await nameDirectory(db, ids)
      // a party added on the other PC is named from its version
      for (const c of conflicts) for (const p of c.remote.parties) if (!names.has(p.id)) names.set(p.id, p.name)
      return conflicts
        .map((conflict, i): OpenSyncConflict => {
          const stored = docs[i]
          const local = stored && documentOf(stored)
          return {
            recordId: conflict.recordId,
            caseLabel: caseLabel(local ?? conflict.remote),
            ...(local ? { localStatus: local.status } : {}),
            caseReadOnly: local !== undefined && isReadOnly(local.status),
            localVersion: recordVersion(local),
            differences: compareVersions('cases', local, conflict.remote, (id) => names.get(id)),
            remoteUpdatedAt: conflict.remote.updatedAt,
            ...(conflict.detectedAt ? { detectedAt: conflict.detectedAt } : {}),
          }
        })
        .sort((a, b) => compareOrdinal(a.detectedAt ?? '', b.detectedAt ?? ''))
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

const refusal = (message: string) => new StorageError('constraint', message)

/**
 * 保留本机 ('local') or 采用对方 ('incoming') for one sync conflict, as it was compared. Refused with a
 * Chinese message, changing nothing, when it was settled already (another click, another window, the next
 * round after another PC settled it), when the case here changed since it was compared, or (采用对方)
 * when the case here is archived.
 */
export async function settleSyncConflict(
  db: MediationDb,
  recordId: UUID,
  choice: SettleChoice,
  options: SettleOptions,
): Promise<SettleResult> {
  const replica = new DexieReplica(db, { actor: options.actor })
  try {
    const conflict = await replica.getConflict(recordId)
    if (!conflict) throw refusal(SETTLE_REFUSALS.gone)
    const local = await replica.get(recordId)
    if (!local) throw refusal(SETTLE_REFUSALS.localChanged)
    if (options.seenLocalVersion !== undefined && recordVersion(local.record) !== options.seenLocalVersion)
      throw refusal(SETTLE_REFUSALS.localChanged)
    const refused = syncSettleRefusal(choice, local.record.status)
    if (refused) throw refusal(refused)
    // the person compared the case as it is now: an edit made here after the conflict was found is ours too
    if (canonicalJson(local.record) !== canonicalJson(conflict.local))
      await replica.putConflict({ ...conflict, local: local.record })
    try {
      await settleConflict(replica, recordId, choice === 'local' ? 'keep-local' : 'take-remote')
    } catch (error) {
      // the settlement's own refusals (a race with another window) carry their Chinese message
      if (error instanceof Error && !(error instanceof StorageError) && error.name === 'Error')
        throw refusal(error.message)
      throw error
    }
    return {
      table: 'cases',
      recordId,
      caseId: recordId,
      choice,
      fields: differingFields(local.record, conflict.remote),
    }
  } catch (error) {
    if (error instanceof SettleRefusedError) throw refusal(error.message)
    if (error instanceof ChangedMeanwhileError) throw refusal(SETTLE_REFUSALS.localChanged)
    throw toStorageError(error)
  }
}
