import { ref, type Ref } from 'vue'
import { useMessage } from 'naive-ui'
import type { Validation } from '../domain/settings'
import { useFieldErrors } from './useFieldErrors'
import { useAsyncAction, type Notifier } from './useAsyncAction'

export const FIX_FIELDS_FIRST = '请先改正标红的内容'
export const SAVED = '已保存'

export interface FormDialogOptions<Draft, Checked> {
  /** The domain check of the draft; its field errors keep the dialog open. */
  validate(draft: Draft): Validation<Checked>
  /** Stores the checked value; a throw keeps the dialog open with its Chinese message. */
  save(checked: Checked, draft: Draft): Promise<unknown>
  /** Toasts go to Naive UI's message API unless a test passes its own. */
  notify?: Notifier
}

/**
 * The add/edit-in-a-dialog form: open with a draft, validate → save → close. The dialog stays open
 * (and nothing is saved) while a field is wrong or the save fails.
 */
export function useFormDialog<Draft, Checked>(options: FormDialogOptions<Draft, Checked>) {
  const notify = options.notify ?? useMessage()
  const { errors, feedback, set, clear } = useFieldErrors()
  const { busy: saving, run } = useAsyncAction(notify)
  /** The form model; undefined while the dialog is closed. */
  const draft = ref() as Ref<Draft | undefined>

  function open(initial: Draft) {
    clear()
    draft.value = initial
  }

  function close() {
    draft.value = undefined
  }

  /** True when the draft was saved and the dialog closed. */
  async function submit(): Promise<boolean> {
    const current = draft.value
    if (current === undefined) return false
    clear()
    const check = options.validate(current)
    if (!check.ok) {
      set(check.errors)
      notify.error(FIX_FIELDS_FIRST)
      return false
    }
    const saved = await run(async () => {
      await options.save(check.value, current)
      return true
    }, SAVED)
    if (saved) close()
    return saved === true
  }

  return { draft, errors, feedback, saving, open, close, submit }
}
