import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { BackupReason, WriteBackupResult } from '../shared/ipc/backup'
import { getDatabase } from '../db/connection'
import { chainHead } from '../db/audit'
import type { MediationDb } from '../db/schema'
import { auditTail } from '../db/audit'
import { createBackupScheduler, watchAuditHead, type BackupScheduler } from '../composables/useBackupScheduler'
import { platform } from '../platform'
import { errorText, useBackupStore } from './backup'
import { snapshotText } from './backupSnapshot'

/** Something about an automatic backup the user must be told at once (src/components/backup/useBackupNotices.ts shows it). */
export type BackupNotice =
  | { kind: 'failed'; reason: BackupReason; message: string }
  /** the backup is written, its copy to the U盘 / extra folder is not */
  | { kind: 'extra-copy-failed'; message: string }

/**
 * Writing backups: 立即备份 and the automatic ones (timer, closed case, quit). The scheduler
 * (composables/useBackupScheduler.ts) decides when; this store gives it the database and the host and
 * keeps what the user must see.
 */
export const useBackupWriteStore = defineStore('backupWrite', () => {
  const backupStep = ref<'' | 'snapshot' | 'writing'>('')
  /** the newest automatic-backup failure, shown on the 设置 page as well as in a notification */
  const lastFailure = ref<{ at: string; reason: BackupReason; message: string }>()
  /** not yet shown; taken by takeNotices() */
  const notices = shallowRef<readonly BackupNotice[]>([])

  let scheduler: BackupScheduler | undefined
  let stopWatching: (() => void) | undefined

  function notify(notice: BackupNotice) {
    notices.value = [...notices.value, notice]
  }

  /** The notices not shown yet, oldest first; each is handed out once. */
  function takeNotices(): readonly BackupNotice[] {
    const taken = notices.value
    if (taken.length > 0) notices.value = []
    return taken
  }

  /** 立即备份: snapshot, write, verify (by the host), then list. Throws with a Chinese message. */
  async function backUpNow(): Promise<WriteBackupResult> {
    const { db } = await getDatabase()
    try {
      backupStep.value = 'snapshot'
      const { text, headSeq } = await snapshotText(db)
      backupStep.value = 'writing'
      const result = await platform().backups.writeBackup({ reason: 'manual', snapshot: text })
      scheduler?.markBackedUp(headSeq)
      await useBackupStore().refresh()
      return result
    } finally {
      backupStep.value = ''
    }
  }

  function reportFailure(message: string, reason: BackupReason) {
    lastFailure.value = { at: new Date().toISOString(), reason, message }
    notify({ kind: 'failed', reason, message })
  }

  /** Starts automatic backups; only after the integrity check passed, so an emptied store is never backed up over good backups. */
  async function startAutomaticBackups(db: MediationDb): Promise<void> {
    if (scheduler) return
    const sentinel = await platform()
      .backups.readSentinel()
      .catch(() => null)
    const head = await chainHead(db)
    scheduler = createBackupScheduler(
      {
        snapshot: () => snapshotText(db),
        host: platform().backups,
        onFailure: reportFailure,
        onWritten: (result) => {
          if (result.extraCopy.status === 'failed')
            notify({ kind: 'extra-copy-failed', message: result.extraCopy.message })
        },
        whenIdle: () =>
          new Promise((resolve) =>
            'requestIdleCallback' in window
              ? requestIdleCallback(() => resolve(), { timeout: 5_000 })
              : setTimeout(resolve, 0),
          ),
      },
      { backedUpSeq: sentinel?.chainHead.seq ?? null, headSeq: head.seq },
    )
    scheduler.start()
    stopWatching = watchAuditHead(auditTail(db), scheduler)
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

  return { backupStep, lastFailure, notices, takeNotices, backUpNow, startSafely, stopAutomaticBackups }
})
