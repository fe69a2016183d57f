import { computed, onBeforeUnmount, onMounted, ref } from 'vue'
import { onBeforeRouteLeave } from 'vue-router'
import { createAutosaveScheduler, type AutosaveStatus } from './autosaveScheduler'
import { clockInChina } from '../domain/dates'
import { trackFlush } from './pendingSaves'
import type { UnsavedCopy } from '../stores/unsavedCopies'

/**
 * Autosave for a component: `change(value)` as the user types; the value is written at most a second
 * later, and at once when the field loses focus, the page is hidden, or the route is left.
 * With `copy`, what is unsaved when the page goes away is also kept synchronously, to be put back when
 * the record is opened again (src/stores/unsavedCopies.ts).
 * `label` is what the indicator says: 保存中… / 已保存 HH:mm:ss (after the write resolved) / 保存失败：….
 */
export function useAutosave<T>(save: (value: T) => Promise<void>, copy?: Pick<UnsavedCopy<T>, 'keep' | 'drop'>) {
  const status = ref<AutosaveStatus>({ kind: 'idle' })
  let latest: { value: T } | undefined
  const scheduler = createAutosaveScheduler<T>({
    save,
    onStatus: (s) => {
      status.value = s
      // the latest value is stored: a copy kept when the page went away is no longer needed
      if (s.kind === 'saved') copy?.drop()
    },
  })

  const label = computed(() => {
    const s = status.value
    switch (s.kind) {
      case 'idle':
        return ''
      case 'pending':
      case 'saving':
        return '保存中…'
      case 'saved':
        return `已保存 ${clockInChina(s.at)}`
      case 'error':
        return `保存失败：${s.message}（内容仍在屏幕上，将自动重试）`
    }
    return ''
  })

  const flush = () => scheduler.flush()
  /**
   * The page is going away or out of sight: a write started now may not end before the page is gone
   * (a reload), so what is unsaved is first kept synchronously (`copy`), then written.
   */
  const leave = () => {
    if (latest && scheduler.hasUnsaved()) copy?.keep(latest.value)
    void flush()
  }
  const onHidden = () => {
    if (document.visibilityState === 'hidden') leave()
  }
  const onPageHide = () => leave()

  let untrack: (() => void) | undefined
  onMounted(() => {
    untrack = trackFlush(flush)
    document.addEventListener('visibilitychange', onHidden)
    window.addEventListener('pagehide', onPageHide)
  })
  onBeforeRouteLeave(async () => {
    await flush()
    return true
  })
  onBeforeUnmount(() => {
    untrack?.()
    document.removeEventListener('visibilitychange', onHidden)
    window.removeEventListener('pagehide', onPageHide)
    void flush().finally(() => scheduler.dispose())
  })

  return {
    status,
    label,
    change: (value: T) => {
      latest = { value }
      scheduler.change(value)
    },
    flush,
    hasUnsaved: () => scheduler.hasUnsaved(),
  }
}
