import { ref } from 'vue'
import { errorText } from '../../stores/backup'
import { useRestoreStore, type UndoPointer } from '../../stores/backupRestore'
import { noteUndone } from '../../stores/restoreNotes'

/**
 * 撤销恢复, offered by 设置 and by the recovery screen: back to the data as it was before the last
 * restore, then the app starts afresh on the confirmation screen (every store re-reads the data).
 */
export function useUndoRestore() {
  const backup = useRestoreStore()
  /** The last restore while it can still be undone; read with readPointer(). */
  const undo = ref<UndoPointer>()
  const error = ref('')

  function readPointer() {
    undo.value = backup.undoPointer()
  }

  async function undoRestore() {
    error.value = ''
    try {
      await backup.undoLastRestore()
      noteUndone()
      // replaceState, not a hash change: this page's router must not open the recovery screen (and take
      // the undo note) in the moment before the reload; the reloaded app opens it and confirms the undo.
      window.history.replaceState(null, '', '#/recovery?undone=1')
      window.location.reload()
    } catch (e) {
      error.value = `未能撤销，数据保持恢复后的状态：${errorText(e)}`
    }
  }

  return { undo, error, readPointer, undoRestore }
}
