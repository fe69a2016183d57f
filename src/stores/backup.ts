import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { BackupInfo, BackupSettings } from '../shared/ipc/backup'
import { platform } from '../platform'

export function errorText(error: unknown): string {
  return error instanceof Error && error.message ? error.message : String(error)
}

export function formatBackupTime(iso: string): string {
  const d = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

/**
 * The backups the host keeps (the Electron main process or the browser fallback) and its extra-copy
 * folder. Writing backups is stores/backupWrite.ts, restoring stores/backupRestore.ts, the start-up
 * check stores/startupCheck.ts.
 */
export const useBackupStore = defineStore('backup', () => {
  const backups = shallowRef<BackupInfo[]>([])
  const listError = ref('')
  const listing = ref(false)
  const settings = ref<BackupSettings>({ extraFolder: null })
  const canChooseFolder = platform().backups.canChooseFolder

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

  async function chooseFolder(): Promise<void> {
    settings.value = await platform().backups.chooseFolder()
  }

  return { backups, listError, listing, settings, canChooseFolder, refresh, chooseFolder }
})
