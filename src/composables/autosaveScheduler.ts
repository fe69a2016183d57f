/**
 * The autosave clock for notes typed during a session, as a plain state machine (no Vue, no Dexie) so
 * that its promises can be tested with fake timers:
 * - a change is written at most `maxWaitMs` after it was typed (debounced by `quietMs` while typing);
 * - one write at a time; changes made during a write are written right after it;
 * - "saved" is reported only once the write of the latest value has resolved;
 * - a failed write reports its message, keeps the value and is retried after `retryMs`.
 */
import { failureText } from '../domain/failureText'

export type AutosaveStatus =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'error'; message: string }

export interface AutosaveTimers {
  set(fn: () => void, ms: number): unknown
  clear(handle: unknown): void
  now(): Date
}

export interface AutosaveOptions<T> {
  save: (value: T) => Promise<void>
  onStatus: (status: AutosaveStatus) => void
  /** wait this long after the last keystroke … */
  quietMs?: number
  /** … but never longer than this after the first unsaved change */
  maxWaitMs?: number
  retryMs?: number
  timers?: AutosaveTimers
}

export interface AutosaveScheduler<T> {
  /** a new value was typed */
  change(value: T): void
  /** write the latest value now (blur, leaving the page); resolves when it is stored or the write failed */
  flush(): Promise<void>
  /** whether something typed is not yet stored */
  hasUnsaved(): boolean
  dispose(): void
}

const realTimers: AutosaveTimers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => new Date(),
}

export function createAutosaveScheduler<T>(options: AutosaveOptions<T>): AutosaveScheduler<T> {
  const quietMs = options.quietMs ?? 500
  const maxWaitMs = options.maxWaitMs ?? 1000
  const retryMs = options.retryMs ?? 3000
  const timers = options.timers ?? realTimers

  let latest: { value: T } | undefined
  /** version of the latest change and of the last value stored */
  let version = 0
  let storedVersion = 0
  /** when the oldest change that no started write carries was typed */
  let firstUnsavedAt: number | undefined
  let timer: unknown
  let inFlight: Promise<void> | undefined
  let disposed = false
  let failed = false

  const report = (s: AutosaveStatus) => {
    if (!disposed) options.onStatus(s)
  }

  function clearTimer() {
    if (timer !== undefined) timers.clear(timer)
    timer = undefined
  }

  /** Debounce by quietMs, but write no later than maxWaitMs after the oldest unwritten change. */
  function scheduleAfterChange(now: number) {
    firstUnsavedAt ??= now
    schedule(Math.min(quietMs, maxWaitMs - (now - firstUnsavedAt)))
  }

  function schedule(ms: number) {
    clearTimer()
    timer = timers.set(
      () => {
        timer = undefined
        void write()
      },
      Math.max(0, ms),
    )
  }

  /** Writes the latest value unless a write is running (it chains another when it ends). */
  function write(): Promise<void> {
    if (inFlight) return inFlight
    if (!latest || version === storedVersion) return Promise.resolve()
    clearTimer()
    const writing = version
    const value = latest.value
    // this write carries every change typed so far: the maxWait clock restarts with the next change,
    // not when this write ends (else a change typed during a write waits the write plus maxWait)
    firstUnsavedAt = undefined
    report({ kind: 'saving' })
    inFlight = options
      .save(value)
      .then(
        () => {
          storedVersion = Math.max(storedVersion, writing)
          failed = false
        },
        (error: unknown) => {
          failed = true
          report({ kind: 'error', message: failureText(error, '保存失败，请稍后重试') })
          if (!disposed) schedule(retryMs)
        },
      )
      .finally(() => {
        inFlight = undefined
      })
      .then(() => {
        if (failed) return
        if (version !== storedVersion) {
          // typed during the write: write again, no later than maxWait after the first such change
          report({ kind: 'pending' })
          scheduleAfterChange(timers.now().getTime())
          return
        }
        report({ kind: 'saved', at: timers.now() })
      })
    return inFlight
  }

  return {
    change(value) {
      if (disposed) return
      latest = { value }
      version += 1
      const now = timers.now().getTime()
      firstUnsavedAt ??= now
      if (inFlight) return // the running write reschedules when it ends
      if (!failed) report({ kind: 'pending' })
      scheduleAfterChange(now)
    },
    async flush() {
      clearTimer()
      // a running write may leave a newer change behind it: write until the latest is stored or fails
      for (let guard = 0; guard < 3; guard++) {
        await write()
        if (version === storedVersion || failed) return
      }
    },
    hasUnsaved: () => version !== storedVersion,
    dispose() {
      clearTimer()
      disposed = true
    },
  }
}
