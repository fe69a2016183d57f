import { describe, expect, it } from 'vitest'
import {
  cpuBetween,
  parseStat,
  processTypeOf,
  threadClass,
  totalOf,
  withDescendants,
} from '../../bench/browserProcesses'

// /proc/<pid>/stat as Linux writes it: pid (name) state ppid … utime (field 14) stime (field 15) …
const statLine = (pid: number, name: string, ppid: number, utime: number, stime: number) =>
  `${pid} (${name}) S ${ppid} ${pid} ${pid} 0 -1 4194560 100 0 0 0 ${utime} ${stime} 0 0 20 0 9 0 1234 0 0`

describe("a bench browser's processes, read from /proc", () => {
  it('reads pid, parent, name and CPU (utime + stime, 10 ms a tick), a name with spaces and parentheses too', () => {
    expect(parseStat(statLine(42, 'chromium', 1, 150, 25))).toEqual({ pid: 42, ppid: 1, name: 'chromium', cpuMs: 1750 })
    expect(parseStat(statLine(7, 'Web Content) (x', 42, 3, 4))).toEqual({
      pid: 7,
      ppid: 42,
      name: 'Web Content) (x',
      cpuMs: 70,
    })
    expect(parseStat('')).toBeUndefined()
    expect(parseStat('12 no parentheses here')).toBeUndefined()
  })

  it('takes every process under the roots, listed in any order, and no other', () => {
    const stats = [
      { pid: 30, ppid: 20, name: 'renderer', cpuMs: 0 }, // listed before its parent
      { pid: 20, ppid: 10, name: 'zygote', cpuMs: 0 },
      { pid: 10, ppid: 1, name: 'chromium', cpuMs: 0 },
      { pid: 11, ppid: 1, name: 'another browser', cpuMs: 0 },
      { pid: 31, ppid: 11, name: 'its renderer', cpuMs: 0 },
    ]
    expect([...withDescendants(stats, [10])].sort()).toEqual([10, 20, 30])
  })

  it("names a thread by its process's role and its name without a pool number; a process's own thread is main", () => {
    const thread = (pid: number, name: string) => ({ pid, ppid: 1, name, cpuMs: 0 })
    expect(threadClass('renderer', thread(30, 'chromium'), 30)).toBe('renderer:main')
    expect(threadClass('renderer', thread(31, 'ThreadPoolForeg'), 30)).toBe('renderer:ThreadPoolForeg')
    expect(threadClass('browser', thread(12, 'Chrome_IOThread'), 10)).toBe('browser:Chrome_IOThread')
    expect(threadClass('renderer', thread(33, 'CompositorTileW3'), 30)).toBe('renderer:CompositorTileW')
  })

  it("reads a process's role from its command line, as arguments or as the one line a child process rewrites it to", () => {
    expect(processTypeOf('/usr/lib/chromium/chromium\0--headless\0--user-data-dir=/tmp/p\0')).toBe('browser')
    expect(processTypeOf('/usr/lib/chromium/chromium\0--type=renderer\0--lang=zh-CN\0')).toBe('renderer')
    expect(processTypeOf('/usr/lib/chromium/chromium --type=gpu-process --no-sandbox\0\0\0')).toBe('gpu-process')
    expect(
      processTypeOf('/usr/lib/chromium/chromium --type=utility --utility-sub-type=network.mojom.NetworkService'),
    ).toBe('utility')
    expect(processTypeOf('/usr/lib/chromium/chromium --not-type=renderer')).toBe('browser')
  })

  it('counts the CPU between two readings by thread; a class missing from one reading counts 0 there', () => {
    const before = new Map([
      ['renderer:main', 1000],
      ['browser:main', 500],
    ])
    const after = new Map([
      ['renderer:main', 1600],
      ['browser:main', 520],
      ['renderer:DedicatedWorker', 300],
    ])
    const between = cpuBetween(before, after)
    expect(Object.fromEntries(between)).toEqual({
      'renderer:main': 600,
      'browser:main': 20,
      'renderer:DedicatedWorker': 300,
    })
    expect(totalOf(between)).toBe(920)
  })
})
