/**
 * A form open on a record that changes under it (another PC's edit taken in by sync, or an action of this
 * PC): what the form shows and what its save writes. The form keeps a baseline, the stored values it was
 * last filled from.
 * - A field the person has not touched (equal to the baseline) follows the stored record.
 * - A field the person has touched keeps what they typed; when the stored value changed too, the two
 *   clash and the form says so (it is never silently overwritten either way).
 * - A save writes only the fields that differ from the baseline, so that it never puts back an older
 *   value of a field the person did not touch (another PC's change would be lost without a trace).
 */
import { canonicalJson } from './canonical'

const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b)

export interface Followed<T> {
  form: T
  /** fields the person touched that the stored record changed too */
  clashes: (keyof T & string)[]
}

/** The form after the stored record changed from `baseline` to `stored`; the new baseline is `stored`. */
export function followStored<T extends object>(form: T, baseline: T, stored: T): Followed<T> {
  const next = { ...form }
  const clashes: (keyof T & string)[] = []
  for (const key of Object.keys(stored) as (keyof T & string)[]) {
    if (same(form[key], baseline[key])) next[key] = stored[key]
    else if (!same(stored[key], baseline[key]) && !same(stored[key], form[key])) clashes.push(key)
  }
  return { form: next, clashes }
}

/** What a save writes: the fields of `after` that differ from `before` (both in the shape the save takes). */
export function changesToSave<T extends object>(before: T, after: T): Partial<T> {
  const changed: Partial<T> = {}
  for (const key of Object.keys(after) as (keyof T)[]) if (!same(after[key], before[key])) changed[key] = after[key]
  return changed
}
