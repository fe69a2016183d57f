import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { createDiscreteApi, zhCN, dateZhCN, type NotificationApi } from 'naive-ui'
import type { BackupInfo, BackupReason, BackupSettings, WriteBackupResult } from '../shared/ipc/backup'
import { getDatabase } from '../db/connection'
import { chainHead } from '../db/audit'
import { StorageError, toStorageError } from '../db/errors'
import { CURRENT_SCHEMA_VERSION, DB_NAME, type MediationDb } from '../db/schema'
import { countRows, restoreSnapshot, snapshotOfInstalled, takeSnapshot, undoRestore } from '../db/snapshot'
import { serializeTransferFile } from '../db/transfer/export'
import { TABLE_NAMES_ZH } from '../domain/transferTables'
import type { TableCounts, TransferFile } from '../db/transfer/format'
import { integrityDecision, type IntegrityDecision } from '../db/transfer/integrity'
import { readTransferFile, type TransferInput } from '../db/transfer/read'
import { TRANSFER_TABLES, type TransferTable } from '../db/transfer/recordSchemas'
import { createBackupScheduler, watchAuditHead, type BackupScheduler } from '../composables/useBackupScheduler'
import { compareInstalledVersion, type InstalledVersion } from '../domain/schemaVersion'
import { RESTORE_REFUSAL_TEXT, restoreRefusal } from '../domain/restoreEligibility'
import { platform } from '../platform'

/** Reasons in the words of the 设置 page. */
export const BACKUP_REASON_LABELS: Record<BackupReason, string> = {
  interval: '定时备份',
  'case-closed': '结案后备份',
  'pre-upgrade': '升级前备份',
  'pre-restore': '恢复前备份',
  quit: '退出时备份',
  manual: '手动备份',
}

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

export type StartupState =
  | { kind: 'ok' }
  | { kind: 'recovery'; reason: string; expectedCases: number; storageError?: { code: StorageError['code']; message: string } }

const UNDO_KEY = 'mediation-room:undo-restore'

export function errorText(error: unknown): string {
  return error instanceof Error && error.message ? error.message : String(error)
}

export function formatBackupTime(iso: string): string {
  const d = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

/** Every table whose count differs, then the case tables even when equal (people look for 案件 first). */
export function restoreRows(now: TableCounts, incoming: TableCounts): RestoreRow[] {
  return TRANSFER_TABLES.filter((t) => t === 'cases' || t === 'parties' || now[t] !== incoming[t]).map((table) => ({
    table,
    label: TABLE_NAMES_ZH[table],
    now: now[table],
    incoming: incoming[table],
  }))
}

let notifier: { notification: NotificationApi } | undefined
function notifyError(title: string, content: string) {
  notifier ??= createDiscreteApi(['notification'], { configProviderProps: { locale: zhCN, dateLocale: dateZhCN } })
  notifier.notification.error({ title, content, duration: 0, keepAliveOnHover: true })
}

async function appVersion(): Promise<string> {
  try {
    return (await platform().info()).version
  } catch {
    return '0.0.0'
  }
}

/**
 * Backups, restore and the start-up integrity check. The host (Electron main process or the browser
 * fallback) keeps the files; this store makes snapshots, decides when, and restores with undo.
 */
export const useBackupStore = defineStore('backup', () => {
  const backups = shallowRef<BackupInfo[]>([])
  const listError = ref('')
  const listing = ref(false)
  const backupStep = ref<'' | 'snapshot' | 'writing'>('')
  const lastWrite = shallowRef<WriteBackupResult>()
  /** the newest automatic-backup failure, shown on the 设置 page as well as in a notification */
  const lastFailure = ref<{ at: string; reason: BackupReason; message: string }>()
  const settings = ref<BackupSettings>({ extraFolder: null })
  const restorePlan = shallowRef<RestorePlan>()
  const restoring = ref(false)
  const startup = shallowRef<StartupState>()
  /** what a start that upgrades the database is doing, shown instead of a blank window (can take a minute) */
  const upgradeStep = ref<'' | 'backing-up' | 'upgrading'>('')
  const canChooseFolder = platform().backups.canChooseFolder

  async function snapshotText(db: MediationDb): Promise<{ text: string; headSeq: number }> {
    const file = await takeSnapshot(db, { appVersion: await appVersion() })
    return { text: serializeTransferFile(file), headSeq: file.manifest.chainHead.seq }
  }

  async function refresh(): Promise<void> {
    listing.value = true
    listError.value = ''
    try {
      backups.value = await platform().backups.listBackups()
      settings.value = await platform().backups.settings()
    } catch (error) {
      listError.value = `无法读取备份列表：${errorText(error)}`
    } finally {
      listing.value = false
    }
  }

  /** 立即备份: snapshot, write, verify (by the host), then list. Throws with a Chinese message. */
  async function backUpNow(): Promise<WriteBackupResult> {
    const { db } = await getDatabase()
    try {
      backupStep.value = 'snapshot'
      const { text, headSeq } = await snapshotText(db)
      backupStep.value = 'writing'
      const result = await platform().backups.writeBackup({ reason: 'manual', snapshot: text })
      lastWrite.value = result
      scheduler?.markBackedUp(headSeq)
      await refresh()
      return result
    } finally {
      backupStep.value = ''
    }
  }

  async function chooseFolder(): Promise<void> {
    settings.value = await platform().backups.chooseFolder()
  }

  async function planFor(source: string, file: TransferFile): Promise<RestorePlan> {
    // A database from a newer release is never written to, not even by a restore.
    const refused = startup.value?.kind === 'recovery' ? startup.value.storageError : undefined
    if (refused?.code === 'version') throw new Error(refused.message)
    const refusal = restoreRefusal(file)
    if (refusal) throw new Error(RESTORE_REFUSAL_TEXT[refusal])
    const { db } = await getDatabase()
    const plan = { source, createdAt: file.createdAt, file, rows: restoreRows(await countRows(db), file.manifest.counts) }
    restorePlan.value = plan
    return plan
  }

  /** Reads and validates a backup completely; shows what would change. Writes nothing. */
  async function prepareRestoreFromBackup(info: BackupInfo): Promise<RestorePlan> {
    restorePlan.value = undefined
    const { snapshot } = await platform().backups.readBackup({ name: info.name })
    const file = await readTransferFile(snapshot)
    return planFor(`${formatBackupTime(info.createdAt)}的${BACKUP_REASON_LABELS[info.reason]}`, file)
  }

  async function prepareRestoreFromFile(name: string, input: TransferInput, passphrase?: string): Promise<RestorePlan> {
    restorePlan.value = undefined
    return planFor(`文件“${name}”`, await readTransferFile(input, { passphrase }))
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
          const written = await platform().backups.writeBackup({ reason: 'pre-restore', snapshot: serializeTransferFile(current) })
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
      return typeof parsed === 'object' && parsed !== null && 'preRestoreBackup' in parsed ? (parsed as UndoPointer) : undefined
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

  let scheduler: BackupScheduler | undefined
  let stopWatching: (() => void) | undefined

  function reportFailure(message: string, reason: BackupReason) {
    lastFailure.value = { at: new Date().toISOString(), reason, message }
    notifyError(`${BACKUP_REASON_LABELS[reason]}失败`, `${message}。数据仍在本机数据库中；请到“设置 → 备份与恢复”点“立即备份”重试，或联系管理员。`)
  }

  /** Starts automatic backups; only after the integrity check passed, so an emptied store is never backed up over good backups. */
  async function startAutomaticBackups(db: MediationDb): Promise<void> {
    if (scheduler) return
    const sentinel = await platform().backups.readSentinel().catch(() => null)
    const head = await chainHead(db)
    scheduler = createBackupScheduler(
      {
        snapshot: () => snapshotText(db),
        host: platform().backups,
        onFailure: reportFailure,
        onWritten: (result) => {
          lastWrite.value = result
          if (result.extraCopy.status === 'failed') notifyError('U盘备份未写入', result.extraCopy.message)
        },
        whenIdle: () => new Promise((resolve) => ('requestIdleCallback' in window ? requestIdleCallback(() => resolve(), { timeout: 5_000 }) : setTimeout(resolve, 0))),
      },
      { backedUpSeq: sentinel?.chainHead.seq ?? null, headSeq: head.seq },
    )
    scheduler.start()
    stopWatching = watchAuditHead(db, scheduler)
    platform().backups.onSnapshotRequest((reason) => {
      if (reason === 'quit' || reason === 'interval') void scheduler?.trigger(reason)
    })
  }

  /** Automatic backups failing to start must not keep the app from opening, but must be said. */
  async function startSafely(db: MediationDb): Promise<void> {
    try {
      await startAutomaticBackups(db)
    } catch (error) {
      reportFailure(`自动备份未能启动：${errorText(error)}`, 'interval')
    }
  }

  function stopAutomaticBackups() {
    scheduler?.stop()
    stopWatching?.()
    scheduler = undefined
  }

  /**
   * Before opening the database with a newer schema, the old one is backed up as it is.
   * Runs before getDatabase() opens (and so upgrades) the store, from v1/v2 (case tables) as from later
   * versions (case documents). A failure stops the start: the upgrade must not run without it.
   */
  async function installedVersion(): Promise<InstalledVersion> {
    const installed = (await indexedDB.databases?.())?.find((d) => d.name === DB_NAME)?.version
    return compareInstalledVersion(installed, CURRENT_SCHEMA_VERSION)
  }

  async function backUpBeforeUpgrade(): Promise<void> {
    const file = await snapshotOfInstalled(DB_NAME, { appVersion: await appVersion() })
    await platform().backups.writeBackup({ reason: 'pre-upgrade', snapshot: serializeTransferFile(file) })
  }

  let checking: Promise<StartupState> | undefined
  /** The start-up integrity check, once per start (reliability brief R6). */
  function checkAtStartup(): Promise<StartupState> {
    checking ??= (async (): Promise<StartupState> => {
      const installed = await installedVersion().catch((): InstalledVersion => 'same')
      if (installed === 'newer') {
        const refused = toStorageError({ name: 'VersionError' })
        return { kind: 'recovery', reason: '数据库无法打开', expectedCases: 0, storageError: { code: refused.code, message: refused.message } }
      }
      try {
        if (installed === 'older') {
          upgradeStep.value = 'backing-up'
          await backUpBeforeUpgrade()
        }
      } catch (error) {
        upgradeStep.value = ''
        return { kind: 'recovery', reason: `升级前备份未能完成，为保护数据暂不升级：${errorText(error)}`, expectedCases: 0 }
      }
      let db: MediationDb | undefined
      let storageError: StorageError | undefined
      let cases: number | null = null
      try {
        if (installed === 'older') upgradeStep.value = 'upgrading'
        db = (await getDatabase()).db
        // Whether any case is there (0 or 1): a full count walks every case, ~250 ms over 20,000.
        cases = (await db.caseDocs.toCollection().limit(1).primaryKeys()).length
      } catch (error) {
        storageError = toStorageError(error)
      } finally {
        upgradeStep.value = ''
      }
      // Fast path: cases present means nothing was lost wholesale.
      if (db && cases !== null && cases > 0) {
        await startSafely(db)
        return { kind: 'ok' }
      }
      const [sentinel, list] = await Promise.all([
        platform().backups.readSentinel().catch(() => null),
        platform().backups.listBackups().catch(() => []),
      ])
      backups.value = list
      const decision: IntegrityDecision = integrityDecision({
        dbCounts: cases === null ? null : { cases },
        sentinel: sentinel ? { counts: { cases: sentinel.counts.cases ?? 0 } } : null,
        backups: list,
      })
      if (decision.kind === 'ok' && db) {
        await startSafely(db)
        return { kind: 'ok' }
      }
      const reason = decision.kind === 'recovery' ? decision.reason : '数据库无法打开'
      return {
        kind: 'recovery',
        reason,
        expectedCases: decision.kind === 'recovery' ? decision.expectedCases : 0,
        ...(storageError ? { storageError: { code: storageError.code, message: storageError.message } } : {}),
      }
    })()
    void checking.then((state) => (startup.value = state))
    return checking
  }

  return {
    backups,
    listError,
    listing,
    backupStep,
    lastWrite,
    lastFailure,
    settings,
    restorePlan,
    restoring,
    startup,
    canChooseFolder,
    refresh,
    backUpNow,
    chooseFolder,
    prepareRestoreFromBackup,
    prepareRestoreFromFile,
    cancelRestore,
    applyRestore,
    undoPointer,
    forgetUndo,
    undoLastRestore,
    checkAtStartup,
    upgradeStep,
    stopAutomaticBackups,
  }
})
