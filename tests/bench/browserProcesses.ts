/**
 * A bench browser's processes and the CPU they used, read from /proc (Linux only; elsewhere undefined): the
 * browser is the process whose arguments name its profile directory, and every process under it is its.
 * What a phase cost the browser in CPU, and on which threads, beside what it took in time (RESULTS.md,
 * session 29).
 */
import { readdirSync, readFileSync } from 'node:fs'

/** Linux's clock tick: /proc counts CPU time in hundredths of a second. */
const MS_PER_TICK = 10

export interface ProcStat {
  pid: number
  ppid: number
  /** the command (a thread's name, for a task), at most 15 characters */
  name: string
  /** utime + stime in ms */
  cpuMs: number
}

/** One /proc stat line; undefined for text that is not one. */
export function parseStat(stat: string): ProcStat | undefined {
  // the name is in parentheses and may hold spaces and ')': the fields start after the last ')'
  const open = stat.indexOf('(')
  const close = stat.lastIndexOf(')')
  if (open < 0 || close < open) return undefined
  const fields = stat.slice(close + 2).split(' ')
  const pid = Number(stat.slice(0, open).trim())
  const ppid = Number(fields[1])
  const ticks = Number(fields[11]) + Number(fields[12])
  if (![pid, ppid, ticks].every(Number.isFinite)) return undefined
  return { pid, ppid, name: stat.slice(open + 1, close), cpuMs: ticks * MS_PER_TICK }
}

function readStat(path: string): ProcStat | undefined {
  try {
    return parseStat(readFileSync(path, 'utf8'))
  } catch {
    return undefined // the process ended while the list was read
  }
}

function argumentsOf(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
  } catch {
    return []
  }
}

/** `roots` and every process under them, from a list in any order (a child may be listed before its parent). */
export function withDescendants(stats: readonly ProcStat[], roots: readonly number[]): Set<number> {
  const mine = new Set(roots)
  for (let added = true; added;) {
    added = false
    for (const s of stats)
      if (!mine.has(s.pid) && mine.has(s.ppid)) {
        mine.add(s.pid)
        added = true
      }
  }
  return mine
}

/** Every process as /proc lists it now; undefined where there is no /proc. */
function allProcesses(): ProcStat[] | undefined {
  let pids: string[]
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d))
  } catch {
    return undefined
  }
  return pids.map((pid) => readStat(`/proc/${pid}/stat`)).filter((s): s is ProcStat => s !== undefined)
}

/** The processes of the browser started on `profileDir`: undefined when none runs or /proc is missing. */
export function browserProcesses(profileDir: string): ProcStat[] | undefined {
  const stats = allProcesses()
  if (!stats) return undefined
  const roots = stats.filter((s) => argumentsOf(s.pid).includes(`--user-data-dir=${profileDir}`)).map((s) => s.pid)
  if (roots.length === 0) return undefined
  const mine = withDescendants(stats, roots)
  return stats.filter((s) => mine.has(s.pid))
}

/** CPU ms used so far by the browser started on `profileDir` and every process under it. */
export function browserCpuMs(profileDir: string): number | undefined {
  return browserProcesses(profileDir)?.reduce((sum, s) => sum + s.cpuMs, 0)
}

/**
 * Where a thread's CPU is counted: its process's role (`--type=renderer`, …; the browser has none) and its
 * name with a trailing number dropped (a pool's threads are one class), `main` for a process's own thread.
 */
export function threadClass(processType: string, thread: ProcStat, processPid: number): string {
  const name = thread.pid === processPid ? 'main' : thread.name.replace(/\d+$/, '')
  return `${processType}:${name}`
}

/**
 * A process's role from its command line: `--type=<role>`, none for the browser. Chromium's child processes
 * rewrite their command line as one line with spaces (their title), so it is searched, not split.
 */
export function processTypeOf(cmdline: string): string {
  return /(?:^|[\s\0])--type=([^\s\0]+)/.exec(cmdline)?.[1] ?? 'browser'
}

function processType(pid: number): string {
  try {
    return processTypeOf(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))
  } catch {
    return 'ended'
  }
}

/**
 * CPU ms used so far by the browser's threads, summed by `threadClass`. The CPU of threads that have ended
 * stays in their process's own count (/proc/<pid>/stat covers them), so it is kept as `<type>:ended`: the
 * classes add up to `browserCpuMs`.
 */
export function browserThreadCpuMs(profileDir: string): Map<string, number> | undefined {
  const processes = browserProcesses(profileDir)
  if (!processes) return undefined
  const out = new Map<string, number>()
  const add = (key: string, ms: number) => out.set(key, (out.get(key) ?? 0) + ms)
  for (const p of processes) {
    const type = processType(p.pid)
    let tasks: string[]
    try {
      tasks = readdirSync(`/proc/${p.pid}/task`)
    } catch {
      continue // ended meanwhile
    }
    let live = 0
    for (const tid of tasks) {
      const thread = readStat(`/proc/${p.pid}/task/${tid}/stat`)
      if (!thread) continue
      live += thread.cpuMs
      add(threadClass(type, thread, p.pid), thread.cpuMs)
    }
    add(`${type}:ended`, Math.max(0, p.cpuMs - live))
  }
  return out
}

/** CPU used between two readings, by class (a class absent from one reading counts 0 there). */
export function cpuBetween(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
): Map<string, number> {
  const out = new Map<string, number>()
  for (const key of new Set([...before.keys(), ...after.keys()]))
    out.set(key, (after.get(key) ?? 0) - (before.get(key) ?? 0))
  return out
}

export function totalOf(cpu: ReadonlyMap<string, number>): number {
  let sum = 0
  for (const ms of cpu.values()) sum += ms
  return sum
}
