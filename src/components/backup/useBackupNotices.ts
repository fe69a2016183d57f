import { watch } from 'vue'
import { useNotification } from 'naive-ui'
import { BACKUP_REASON_LABELS } from '../../domain/labels'
import { useBackupWriteStore, type BackupNotice } from '../../stores/backupWrite'

/** Title and text of a notice, in the words the user reads. */
export function backupNoticeText(notice: BackupNotice): { title: string; content: string } {
  if (notice.kind === 'extra-copy-failed') return { title: 'U盘备份未写入', content: notice.message }
  return {
    title: `${BACKUP_REASON_LABELS[notice.reason]}失败`,
    content: `${notice.message}。数据仍在本机数据库中；请到“设置 → 备份与恢复”点“立即备份”重试，或联系管理员。`,
  }
}

/**
 * Shows automatic-backup failures as notifications that stay until closed: the data is safe, but the
 * user must know the backup is missing. Call once, in a component inside the NNotificationProvider.
 */
export function useBackupNotices(): void {
  const notification = useNotification()
  const writes = useBackupWriteStore()
  watch(
    () => writes.notices,
    () => {
      for (const notice of writes.takeNotices())
        notification.error({ ...backupNoticeText(notice), duration: 0, keepAliveOnHover: true })
    },
    { immediate: true },
  )
}
