import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { BackupInfo } from '../shared/ipc/backup'
import { getDatabase } from '../db/connection'
import { countRows, restoreSnapshot, undoRestore } from '../db/snapshot'
import { serializeTransferFile } from '../db/transfer/export'
import { TransferError } from '../domain/transferError'
import { TABLE_NAMES_ZH } from '../domain/transferTables'
import type { TableCounts, TransferFile } from '../db/transfer/format'
import { readTransferFile, type TransferInput } from '../db/transfer/read'
import { TRANSFER_TABLES, type TransferTable } from '../db/transfer/recordSchemas'
import { RESTORE_REFUSAL_TEXT, restoreRefusal } from '../domain/restoreEligibility'
import { platform, PlatformError } from '../platform'
import { isBackupRefusalCode } from '../domain/backupRefusal'
import { BACKUP_REASON_LABELS } from '../domain/labels'
import { formatBackupTime } from './backup'
import { appVersion } from './backupSnapshot'
import { useStartupStore } from './startupCheck'

export interface RestoreRow {
  table: TransferTable
  label: string
  now: number
  incoming: number
}

/** A validated restore source and what applying it would change; nothing is written until applied. */
export interface RestorePlan {
  /** e.g. 备份 2026-11-22 08:30（手动备份） or the file's name */
  source: string
  createdAt: string
  file: TransferFile
  rows: RestoreRow[]
}

/** Kept across the reload that follows a restore, so 撤销恢复 is still offered afterwards. */
export interface UndoPointer {
  preRestoreBackup: string
  source: string
  restoredAt: string
}

const UNDO_KEY = 'mediation-room:undo-restore'

/** Every table whose count differs, then the case tables even when equal (people look for 案件 first). */
export function restoreRows(now: TableCounts, incoming: TableCounts): RestoreRow[] {
  return TRANSFER_TABLES.filter((t) => t === 'cases' || t === 'parties' || now[t] !== incoming[t]).map((table) => ({
    table,
    label: TABLE_NAMES_ZH[table],
    now: now[table],
    incoming: incoming[table],
  }))
}

/** The chosen file is encrypted and was read without its passphrase: ask for it, then read it again. */
export function needsPassphrase(error: unknown): boolean {
  return error instanceof TransferError && error.code === 'needs-passphrase'
}

/**
 * The host will open the chosen backup only with the 恢复密钥 of the PC that made it (or the one typed was
 * wrong): ask for it, then open it again. Decided by the host's code, never by its words.
 */
export function asksRecoveryKey(error: unknown): boolean {
  return error instanceof PlatformError && isBackupRefusalCode(error.refusal)
}

/**
 * Restore from a backup or a file, with undo: validate and preview first, keep the current state as a
 * 'pre-restore' backup, replace every table, and remember that backup across the reload for 撤销恢复.
 */
export const useRestoreStore = defineStore('backupRestore', () => {
  const restorePlan = shallowRef<RestorePlan>()
  const restoring = ref(false)

  async function planFor(source: string, file: TransferFile): Promise<RestorePlan> {
    // A database from a newer release is never written to, not even by a restore.
    const startup = useStartupStore().startup
    const refused = startup?.kind === 'recovery' ? startup.storageError : undefined
    if (refused?.code === 'version') throw new Error(refused.message)
    const refusal = restoreRefusal(file)
    if (refusal) throw new Error(RESTORE_REFUSAL_TEXT[refusal])
    const { db } = await getDatabase()
    const plan = {
      source,
      createdAt: file.createdAt,
      file,
      rows: restoreRows(await countRows(db), file.manifest.counts),
    }
    restorePlan.value = plan
    return plan
  }

  /** Reads and validates a backup completely; shows what would change. Writes nothing. */
  async function prepareRestoreFromBackup(info: BackupInfo, recoveryKey?: string): Promise<RestorePlan> {
    restorePlan.value = undefined
    // recoveryKey: only for a backup another PC made (the host says so when it is needed)
    const { snapshot } = await platform().backups.readBackup(
      recoveryKey ? { name: info.name, recoveryKey } : { name: info.name },
    )
    const file = await readTransferFile(snapshot)
    return planFor(`${formatBackupTime(info.createdAt)}的${BACKUP_REASON_LABELS[info.reason]}`, file)
  }

  async function prepareRestoreFromFile(name: string, input: TransferInput, passphrase?: string): Promise<RestorePlan> {
    restorePlan.value = undefined
    return planFor(`文件“${name}”`, await readTransferFile(input, { passphrase }))
  }

  /** A `.mrbak` backup file (e.g. from a USB stick): the host decrypts it, with the 恢复密钥 when another PC made it. */
  async function prepareRestoreFromBackupFile(file: File, recoveryKey?: string): Promise<RestorePlan> {
    restorePlan.value = undefined
    const data = new Uint8Array(await file.arrayBuffer())
    const { snapshot } = await platform().backups.openBackupFile(recoveryKey ? { data, recoveryKey } : { data })
    return planFor(`备份文件“${file.name}”`, await readTransferFile(snapshot))
  }

  function cancelRestore() {
    restorePlan.value = undefined
  }

  /**
   * Applies the prepared plan: the current state is written as a 'pre-restore' backup first (if that
   * fails nothing changes), then every table is replaced in one transaction. The caller reloads the app.
   */
  async function applyRestore(): Promise<UndoPointer> {
    const plan = restorePlan.value
    if (!plan) throw new Error('请先选择要恢复的备份')
    restoring.value = true
    try {
      const { db } = await getDatabase()
      let preRestoreBackup = ''
      await restoreSnapshot(db, plan.file, {
        appVersion: await appVersion(),
        keepPreRestore: async (current) => {
          const written = await platform().backups.writeBackup({
            reason: 'pre-restore',
            snapshot: serializeTransferFile(current),
          })
          preRestoreBackup = written.backup.name
        },
      })
      const pointer: UndoPointer = { preRestoreBackup, source: plan.source, restoredAt: new Date().toISOString() }
      sessionStorage.setItem(UNDO_KEY, JSON.stringify(pointer))
      restorePlan.value = undefined
      return pointer
    } finally {
      restoring.value = false
    }
  }

  function undoPointer(): UndoPointer | undefined {
    const raw = sessionStorage.getItem(UNDO_KEY)
    if (!raw) return undefined
    try {
      const parsed: unknown = JSON.parse(raw)
      return typeof parsed === 'object' && parsed !== null && 'preRestoreBackup' in parsed
        ? (parsed as UndoPointer)
        : undefined
    } catch {
      return undefined
    }
  }

  function forgetUndo() {
    sessionStorage.removeItem(UNDO_KEY)
  }

  /** 撤销恢复: puts back the state kept in the pre-restore backup (validated like any file). */
  async function undoLastRestore(): Promise<void> {
    const pointer = undoPointer()
    if (!pointer) throw new Error('没有可以撤销的恢复')
    restoring.value = true
    try {
      const { snapshot } = await platform().backups.readBackup({ name: pointer.preRestoreBackup })
      const file = await readTransferFile(snapshot)
      const { db } = await getDatabase()
      await undoRestore(db, file)
      forgetUndo()
    } finally {
      restoring.value = false
    }
  }

  return {
    restorePlan,
    restoring,
    prepareRestoreFromBackup,
    prepareRestoreFromFile,
    prepareRestoreFromBackupFile,
    cancelRestore,
    applyRestore,
    undoPointer,
    forgetUndo,
    undoLastRestore,
  }
})
