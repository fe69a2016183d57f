import { ref } from 'vue'
import { storeToRefs } from 'pinia'
import type { BackupInfo } from '../../shared/ipc/backup'
import { errorText } from '../../stores/backup'
import { needsPassphrase, useRestoreStore } from '../../stores/backupRestore'

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

  const fromBackup = (info: BackupInfo) => run(() => backup.prepareRestoreFromBackup(info))

  function fromFile(file: File | undefined) {
    if (!file) return
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
    fromBackup,
    fromFile,
    unlockFile,
    confirm,
    cancel,
  }
}
