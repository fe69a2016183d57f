/**
 * Every autosave on screen, so that all of them can be written at once when the window is about to
 * close (src/stores/closeFlush.ts): a plain registry, no Vue.
 */
const flushes = new Set<() => Promise<void>>()

/** Adds an autosave's flush; the returned function removes it (when its component goes). */
export function trackFlush(flush: () => Promise<void>): () => void {
  flushes.add(flush)
  return () => flushes.delete(flush)
}

/** Writes what every autosave still holds; settles when each write has ended, stored or failed. */
export async function flushAllAutosaves(): Promise<void> {
  await Promise.allSettled([...flushes].map((flush) => flush()))
}
