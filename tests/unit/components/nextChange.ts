import { watch, type WatchSource } from 'vue'

/** Resolves at the next change of `source` (a store showing what was written): a wait on the event, not on time. */
export function nextChange(source: WatchSource): Promise<void> {
  return new Promise((resolve) => {
    const stop = watch(source, () => {
      stop()
      resolve()
    })
  })
}
