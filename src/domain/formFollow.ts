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
  /** for each clash, the stored value that came in (the other PC's): the person may take it instead */
  theirs: Partial<T>
}

/** A copy of a stored (JSON) value, also of one read through a Vue proxy, which structuredClone refuses. */
const copyOf = <V>(value: V): V => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as V))

function theirsOf<T extends object>(stored: T, clashes: readonly (keyof T & string)[]): Partial<T> {
  const theirs: Partial<T> = {}
  for (const key of clashes) theirs[key] = copyOf(stored[key])
  return theirs
}

/** The form after the stored record changed from `baseline` to `stored`; the new baseline is `stored`. */
export function followStored<T extends object>(form: T, baseline: T, stored: T): Followed<T> {
  const next = { ...form }
  const clashes: (keyof T & string)[] = []
  for (const key of Object.keys(stored) as (keyof T & string)[]) {
    if (same(form[key], baseline[key])) next[key] = stored[key]
    else if (!same(stored[key], baseline[key]) && !same(stored[key], form[key])) clashes.push(key)
  }
  return { form: next, clashes, theirs: theirsOf(stored, clashes) }
}

/** What a save writes: the fields of `after` that differ from `before` (both in the shape the save takes). */
export function changesToSave<T extends object>(before: T, after: T): Partial<T> {
  const changed: Partial<T> = {}
  for (const key of Object.keys(after) as (keyof T)[]) if (!same(after[key], before[key])) changed[key] = after[key]
  return changed
}

/**
 * The same rules for a form that saves itself as it is typed (autosave), where a write of this form may
 * still be running when the stored record changes:
 * - a field being written counts as typed (it is this form's value, whatever arrives meanwhile), and a
 *   stored value equal to what is being written is this form's own write coming back, never a clash;
 * - taking in a stored change leaves nothing to save: `toSave` is empty until the person types again,
 *   so two PCs with the same form open never send the record back and forth.
 */
export interface FormFollower<T extends object> {
  /** the stored record changed: the form to show and the clashes (as `followStored`) */
  follow(form: T, stored: T): Followed<T>
  /** the fields a save of `form` writes now: those typed here and not yet stored */
  toSave(form: T): Partial<T>
  /** a write of `changes` (from `toSave`) starts; `written(true)` once stored, `written(false)` if it failed */
  writing(changes: Partial<T>): void
  written(stored: boolean): void
}

export function formFollower<T extends object>(filledFrom: T): FormFollower<T> {
  /** the stored values as this form last knew them */
  let baseline: T = { ...filledFrom }
  /** the fields of the write running now */
  let inFlight: Partial<T> = {}
  return {
    follow(form, stored) {
      const next = { ...form }
      const clashes: (keyof T & string)[] = []
      for (const key of Object.keys(stored) as (keyof T & string)[]) {
        const beingWritten = key in inFlight
        if (!beingWritten && same(form[key], baseline[key])) next[key] = stored[key]
        else if (
          !same(stored[key], baseline[key]) &&
          !same(stored[key], form[key]) &&
          !(beingWritten && same(stored[key], inFlight[key]))
        )
          clashes.push(key)
      }
      baseline = { ...stored }
      return { form: next, clashes, theirs: theirsOf(stored, clashes) }
    },
    toSave: (form) => changesToSave({ ...baseline, ...inFlight }, form),
    writing(changes) {
      inFlight = { ...changes }
    },
    written(stored) {
      if (stored) baseline = { ...baseline, ...inFlight }
      inFlight = {}
    },
  }
}

/**
 * What a form's clash notice lists (FormClashNotice.vue): each field both sides changed, with the value
 * that came in. The person's own value stays in the form unless they take theirs.
 */
export interface FormClash<T> {
  field: keyof T & string
  theirs: T[keyof T & string]
}

/**
 * The notice's list after a follow: a field that clashes again carries the newer value that came in (in
 * its place in the list), a new one is added at the end, and the others stay until acted on.
 */
export function noteClashes<T extends object>(list: readonly FormClash<T>[], followed: Followed<T>): FormClash<T>[] {
  const theirs = followed.theirs as Record<keyof T & string, T[keyof T & string]>
  const next = list.map((c) => (followed.clashes.includes(c.field) ? { field: c.field, theirs: theirs[c.field] } : c))
  for (const field of followed.clashes)
    if (!list.some((c) => c.field === field)) next.push({ field, theirs: theirs[field] })
  return next
}

/**
 * 采用对方的内容: the form with the other side's value in `field`, and the list without that clash. Unknown
 * field: nothing changes. (A form that takes the stored value has nothing to save for it; one whose own
 * value was stored meanwhile saves theirs, as if typed.)
 */
export function takeTheirs<T extends object>(
  form: T,
  list: readonly FormClash<T>[],
  field: string,
): { form: T; clashes: FormClash<T>[] } {
  const clash = list.find((c) => c.field === field)
  if (!clash) return { form, clashes: [...list] }
  return {
    form: { ...form, [clash.field]: copyOf(clash.theirs) },
    clashes: list.filter((c) => c !== clash),
  }
}

/** The most characters of the other side's value the notice shows; the rest is said as a count. */
export const CLASH_PREVIEW_CHARS = 60

/**
 * The other side's value as the notice shows it: whole when short, else its first CLASH_PREVIEW_CHARS
 * characters (counted as characters a person sees, not UTF-16 units), line breaks as spaces, then how long
 * the whole is: “……（共 312 字）”.
 */
export function clashPreview(words: string, max = CLASH_PREVIEW_CHARS): string {
  const chars = Array.from(words.replace(/\s*\n\s*/g, ' ').trim())
  if (chars.length <= max) return chars.join('')
  return `${chars.slice(0, max).join('').trimEnd()}……（共 ${chars.length} 字）`
}
