import { ref } from 'vue'
import { useMessage } from 'naive-ui'

/** The Chinese message of a failed action: storage and platform errors already carry one. */
export function errorText(error: unknown, fallback = '操作失败，请重试'): string {
  return error instanceof Error && error.message ? error.message : fallback
}

/** Where the toasts go: Naive UI's message API, or a recorder in a test. */
export interface Notifier {
  success(text: string): unknown
  error(text: string): unknown
}

/**
 * Runs a user's action with a busy flag, a success toast and the error shown in Chinese — the one
 * place forms do this. Returns the action's result, or undefined when it failed.
 */
export function useAsyncAction(message: Notifier = useMessage()) {
  const busy = ref(false)

  async function run<T>(action: () => Promise<T>, success?: string): Promise<T | undefined> {
    busy.value = true
    try {
      const result = await action()
      if (success) message.success(success)
      return result
    } catch (error) {
      message.error(errorText(error))
      return undefined
    } finally {
      busy.value = false
    }
  }

  return { busy, run }
}
