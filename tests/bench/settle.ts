/**
 * Waits until a bench browser has finished the work it does on its own after a timed phase: IndexedDB's
 * LevelDB compacts and drops deleted databases in the background, for seconds after the last transaction
 * (after the write-cost loads and the v2 upgrade, ~9 s of one core was measured: RESULTS.md, session 27).
 * Timing the next phase at once would charge it with that debt, and which phase pays depends only on the
 * order the bench runs them in. Linux only (/proc); elsewhere it does not wait, and says so.
 */
import { browserCpuMs, browserThreadCpuMs, cpuBetween } from './browserProcesses'

/** CPU per second under which the browser counts as quiet (ms of CPU in a 1 s window, all its processes) */
const QUIET_MS_PER_S = 60
/** quiet windows in a row */
const QUIET_WINDOWS = 2
/** the longest wait: a machine whose other users keep Chromium busy does not stop the bench */
const MAX_WAIT_MS = 90_000

export interface Settled {
  /** how long the wait took */
  waitedMs: number
  /** false when MAX_WAIT_MS passed first, or the browser's processes could not be read */
  quiet: boolean
}

const oneSecond = () => new Promise((resolve) => setTimeout(resolve, 1000))

/** Returns once the browser on `profileDir` has used under QUIET_MS_PER_S for QUIET_WINDOWS seconds in a row. */
export async function settleBrowser(profileDir: string, log: (m: string) => void): Promise<Settled> {
  const start = performance.now()
  let before = browserCpuMs(profileDir)
  if (before === undefined) {
    log('  settle: the browser processes cannot be read here (no /proc); not waiting')
    return { waitedMs: 0, quiet: false }
  }
  let quietWindows = 0
  while (quietWindows < QUIET_WINDOWS) {
    if (performance.now() - start > MAX_WAIT_MS) {
      log(`  settle: still busy after ${MAX_WAIT_MS / 1000} s; going on`)
      return { waitedMs: performance.now() - start, quiet: false }
    }
    await oneSecond()
    const now = browserCpuMs(profileDir)
    if (now === undefined) return { waitedMs: performance.now() - start, quiet: false }
    quietWindows = now - before < QUIET_MS_PER_S ? quietWindows + 1 : 0
    before = now
  }
  const waitedMs = performance.now() - start
  log(`  settle: the browser was quiet after ${(waitedMs / 1000).toFixed(1)} s`)
  return { waitedMs, quiet: true }
}

/** A phase's CPU count, started when the phase starts (see countCpu). */
export interface CpuCount {
  /**
   * Waits until the browser is quiet, then gives the CPU its threads used since the count began, by thread
   * class (browserThreadCpuMs); undefined where /proc cannot be read.
   */
  untilQuiet(log: (m: string) => void): Promise<Map<string, number> | undefined>
}

/**
 * Starts counting a phase's CPU. The count ends once the browser is quiet after the phase, not when it
 * returns: the compaction a load leaves behind is its own, not the next phase's.
 */
export function countCpu(profileDir: string): CpuCount {
  const before = browserThreadCpuMs(profileDir)
  return {
    async untilQuiet(log) {
      await settleBrowser(profileDir, log)
      const after = browserThreadCpuMs(profileDir)
      return before && after ? cpuBetween(before, after) : undefined
    },
  }
}
