import { computed, ref } from 'vue'
import { storeToRefs } from 'pinia'
import type { BackupInfo } from '../../shared/ipc/backup'
import { errorText } from '../../stores/backup'
import { asksRecoveryKey, needsPassphrase, useRestoreStore } from '../../stores/backupRestore'

/**
 * Restore from a backup or a file, shared by 设置 and the recovery screen: validate and preview,
 * confirm, apply, then reload the app on the confirmation screen (every store re-reads the data).
 */
export function useRestoreFlow() {
  const backup = useRestoreStore()
  const { restorePlan, restoring } = storeToRefs(backup)
  const error = ref('')
  const preparing = ref(false)
  /** the chosen file while it waits for its passphrase */
  const lockedFile = ref<File>()
  const passphrase = ref('')
  /** the chosen backup (listed, or a .mrbak file) while it waits for the 恢复密钥 of the PC that made it */
  const recoveryTarget = ref<BackupInfo | File>()
  const needsRecoveryKey = computed(() => recoveryTarget.value !== undefined)
  const recoveryKey = ref('')

  async function run(task: () => Promise<unknown>) {
    error.value = ''
    preparing.value = true
    try {
      await task()
    } catch (e) {
      error.value = errorText(e)
    } finally {
      preparing.value = false
    }
  }

  const openBackup = (target: BackupInfo | File, key?: string) =>
    target instanceof File
      ? backup.prepareRestoreFromBackupFile(target, key)
      : backup.prepareRestoreFromBackup(target, key)

  function fromBackup(target: BackupInfo | File) {
    recoveryTarget.value = undefined
    recoveryKey.value = ''
    return run(async () => {
      try {
        await openBackup(target)
      } catch (e) {
        if (asksRecoveryKey(e)) recoveryTarget.value = target
        throw e
      }
    })
  }

  function unlockBackup() {
    const target = recoveryTarget.value
    if (!target) return
    return run(async () => {
      await openBackup(target, recoveryKey.value)
      recoveryTarget.value = undefined
      recoveryKey.value = ''
    })
  }

  function fromFile(file: File | undefined) {
    if (!file) return
    // a backup file (.mrbak, e.g. copied from a USB stick) is decrypted by the host, not read here
    if (file.name.toLowerCase().endsWith('.mrbak')) return fromBackup(file)
    lockedFile.value = undefined
    passphrase.value = ''
    return run(async () => {
      try {
        await backup.prepareRestoreFromFile(file.name, file)
      } catch (e) {
        if (needsPassphrase(e)) lockedFile.value = file
        throw e
      }
    })
  }

  function unlockFile() {
    const file = lockedFile.value
    if (!file) return
    return run(async () => {
      await backup.prepareRestoreFromFile(file.name, file, passphrase.value)
      lockedFile.value = undefined
    })
  }

  function confirm() {
    return run(async () => {
      await backup.applyRestore()
      // Stores hold what they read before the restore: start the app afresh on the confirmation screen.
      window.location.hash = '#/recovery?restored=1'
      window.location.reload()
    })
  }

  function cancel() {
    backup.cancelRestore()
    error.value = ''
  }

  return {
    restorePlan,
    restoring,
    preparing,
    error,
    lockedFile,
    passphrase,
    needsRecoveryKey,
    recoveryKey,
    fromBackup,
    unlockBackup,
    fromFile,
    unlockFile,
    confirm,
    cancel,
  }
}
