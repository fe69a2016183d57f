import { ref } from 'vue'
import type { FieldErrors } from '../domain/settings'

/** What a Naive UI form item takes to show a field's error. */
export interface FieldFeedback {
  validationStatus?: 'error'
  feedback?: string
}

/** Field-keyed Chinese messages for a form, in the shape Naive UI's form items take. */
export function useFieldErrors() {
  const errors = ref<FieldErrors>({})

  function feedback(key: string): FieldFeedback {
    const message = errors.value[key]
    return message ? { validationStatus: 'error', feedback: message } : {}
  }

  function set(next: FieldErrors, prefix = '') {
    errors.value = Object.fromEntries(
      Object.entries(next).map(([k, v]) => [prefix && k.startsWith(prefix) ? k.slice(prefix.length) : k, v]),
    )
  }

  function clear() {
    errors.value = {}
  }

  return { errors, feedback, set, clear }
}
