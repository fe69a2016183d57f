import { describe, expect, it, vi } from 'vitest'
import fc from 'fast-check'
import type { FieldErrors, Validation } from '../../../src/domain/settings'
import { FIX_FIELDS_FIRST, SAVED, useFormDialog } from '../../../src/composables/useFormDialog'

interface Draft {
  name: string
}

/** The toasts a dialog showed, in order. */
function recorder() {
  const shown: string[] = []
  return { shown, notify: { success: (t: string) => shown.push(`✓${t}`), error: (t: string) => shown.push(`✗${t}`) } }
}

/** A rule like the domain's: a blank name is a field error, otherwise the trimmed name. */
function requireName(draft: Draft): Validation<string> {
  return draft.name.trim() ? { ok: true, value: draft.name.trim() } : { ok: false, errors: { name: '请填写名称' } }
}

const fieldErrors = fc.dictionary(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), { minKeys: 1 })

describe('useFormDialog', () => {
  it('opens on a draft with no errors left from the last time', async () => {
    const { notify } = recorder()
    const dialog = useFormDialog({ validate: requireName, save: vi.fn(), notify })
    dialog.open({ name: ' ' })
    await dialog.submit()
    expect(dialog.errors.value).toEqual({ name: '请填写名称' })
    dialog.open({ name: '老李调解工作室' })
    expect(dialog.draft.value).toEqual({ name: '老李调解工作室' })
    expect(dialog.errors.value).toEqual({})
  })

  it('saves nothing while a field is wrong: the dialog stays open on its draft, the fields say why', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fieldErrors, async (name, errors: FieldErrors) => {
        const { shown, notify } = recorder()
        const save = vi.fn(async () => undefined)
        const dialog = useFormDialog<Draft, string>({ validate: () => ({ ok: false, errors }), save, notify })
        dialog.open({ name })
        expect(await dialog.submit()).toBe(false)
        expect(save).not.toHaveBeenCalled()
        expect(dialog.draft.value).toEqual({ name })
        expect(dialog.errors.value).toEqual(errors)
        for (const [key, message] of Object.entries(errors))
          expect(dialog.feedback(key)).toEqual({ validationStatus: 'error', feedback: message })
        expect(shown).toEqual([`✗${FIX_FIELDS_FIRST}`])
      }),
    )
  })

  it('saves the checked value, then closes with a success toast', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string().filter((s) => s.trim() !== ''),
        async (name) => {
          const { shown, notify } = recorder()
          const save = vi.fn(async () => undefined)
          const dialog = useFormDialog({ validate: requireName, save, notify })
          const draft = { name }
          dialog.open(draft)
          expect(await dialog.submit()).toBe(true)
          expect(save).toHaveBeenCalledExactlyOnceWith(name.trim(), draft)
          expect(dialog.draft.value).toBeUndefined()
          expect(dialog.saving.value).toBe(false)
          expect(shown).toEqual([`✓${SAVED}`])
        },
      ),
    )
  })

  it('keeps the dialog open with the Chinese message when the save fails', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1 }), async (reason) => {
        const { shown, notify } = recorder()
        const dialog = useFormDialog({ validate: requireName, save: () => Promise.reject(new Error(reason)), notify })
        dialog.open({ name: '第一调解室' })
        expect(await dialog.submit()).toBe(false)
        expect(dialog.draft.value).toEqual({ name: '第一调解室' })
        expect(dialog.saving.value).toBe(false)
        expect(shown).toEqual([`✗${reason}`])
      }),
    )
  })

  it('is busy while saving, and a closed dialog submits nothing', async () => {
    const { shown, notify } = recorder()
    let finish = () => {}
    const save = vi.fn(() => new Promise<void>((ok) => (finish = ok)))
    const dialog = useFormDialog({ validate: requireName, save, notify })
    expect(await dialog.submit()).toBe(false)
    expect(save).not.toHaveBeenCalled()
    dialog.open({ name: '第二调解室' })
    const submitting = dialog.submit()
    expect(dialog.saving.value).toBe(true)
    finish()
    expect(await submitting).toBe(true)
    expect(dialog.saving.value).toBe(false)
    dialog.close()
    expect(dialog.draft.value).toBeUndefined()
    expect(shown).toEqual([`✓${SAVED}`])
  })
})
