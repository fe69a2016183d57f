import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { afterEach, describe, expect, it } from 'vitest'
import { countCpu, settleBrowser } from '../../bench/settle'
import { browserCpuMs, browserThreadCpuMs, totalOf } from '../../bench/browserProcesses'

/**
 * A stand-in for a bench browser: a process whose command line names a profile directory (as Chromium's
 * does), with a child that does not, which keeps a core busy until it is sent 'stop', then idles.
 */
const PARENT = `
const { spawn } = require('node:child_process')
const child = spawn(process.execPath, ['-e', CHILD], { stdio: ['pipe', 'inherit', 'inherit'] })
process.stdin.on('data', (d) => child.stdin.write(d))
process.stdin.on('end', () => { child.kill(); process.exit() })
console.log('started')
`
const CHILD = `
let busy = true
process.stdin.on('data', () => { busy = false; console.log('stopped') })
process.stdin.on('end', () => process.exit())
const spin = () => { const until = Date.now() + 50; while (busy && Date.now() < until); setTimeout(spin, busy ? 0 : 1000) }
spin()
`

let running: ChildProcess | undefined

afterEach(async () => {
  const parent = running
  running = undefined
  if (!parent || parent.exitCode !== null) return
  // ending its input ends the child too (its own input closes), then the parent
  const exited = once(parent, 'exit')
  parent.stdin!.end()
  await exited
})

async function startStandIn(dir: string): Promise<ChildProcess> {
  const parent = spawn(
    process.execPath,
    ['-e', `const CHILD = ${JSON.stringify(CHILD)};${PARENT}`, '--', `--user-data-dir=${dir}`],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  )
  running = parent
  await once(parent.stdout!, 'data')
  return parent
}

describe("waiting for a bench browser's own work to end", () => {
  it('counts the CPU of the process started on the profile and of its children', async () => {
    const dir = `/tmp/settle-test-${process.pid}-a`
    expect(browserCpuMs(dir)).toBeUndefined()
    await startStandIn(dir)
    const first = browserCpuMs(dir)!
    // the busy child is not named by the directory, only its parent is (which idles): its CPU shows
    await expect.poll(() => browserCpuMs(dir)! - first, { interval: 100, timeout: 10_000 }).toBeGreaterThan(200)
    // and a directory that only begins like it is another browser's
    expect(browserCpuMs(dir.slice(0, -1))).toBeUndefined()
  })

  it("counts the same CPU by thread: each process's own thread is main, and the classes add up to the whole", async () => {
    const dir = `/tmp/settle-test-${process.pid}-c`
    expect(browserThreadCpuMs(dir)).toBeUndefined()
    await startStandIn(dir)
    await expect.poll(() => browserThreadCpuMs(dir)!.get('browser:main') ?? 0, { timeout: 10_000 }).toBeGreaterThan(200)
    // two readings a moment apart: the whole lies between them (the busy child keeps counting)
    const low = browserCpuMs(dir)!
    const byThread = totalOf(browserThreadCpuMs(dir)!)
    const high = browserCpuMs(dir)!
    expect(byThread).toBeGreaterThanOrEqual(low)
    expect(byThread).toBeLessThanOrEqual(high)
  })

  it('returns only once the busy child has gone quiet', async () => {
    const dir = `/tmp/settle-test-${process.pid}-b`
    const parent = await startStandIn(dir)
    const quietAt: number[] = []
    parent.stdout!.on('data', (d: Buffer) => {
      if (String(d).includes('stopped')) quietAt.push(performance.now())
    })
    const settling = settleBrowser(dir, () => undefined)
    // the stand-in keeps busy for 2.5 s, then stops: the wait must outlast that
    setTimeout(() => parent.stdin!.write('stop\n'), 2500)
    const settled = await settling
    expect(settled.quiet).toBe(true)
    expect(quietAt).toHaveLength(1)
    expect(performance.now()).toBeGreaterThan(quietAt[0]! + 1500)
  })

  it("counts a phase's CPU from its start until the browser is quiet after it, not when the phase returns", async () => {
    const dir = `/tmp/settle-test-${process.pid}-d`
    const parent = await startStandIn(dir)
    const before = browserCpuMs(dir)!
    const count = countCpu(dir)
    const started = browserCpuMs(dir)!
    // the phase has returned: the count is asked for at once, while the stand-in keeps busy until it has
    // used 300 ms more, which is the phase's too
    const counting = count.untilQuiet(() => undefined)
    await expect.poll(() => browserCpuMs(dir)! - started, { interval: 50, timeout: 20_000 }).toBeGreaterThan(300)
    parent.stdin!.write('stop\n')
    const used = await counting
    const after = browserCpuMs(dir)!
    expect(totalOf(used!)).toBeGreaterThan(300)
    expect(totalOf(used!)).toBeLessThanOrEqual(after - before)
    expect(await countCpu(`${dir}-none`).untilQuiet(() => undefined)).toBeUndefined()
  })

  it('does not wait for a browser it cannot find', async () => {
    const settled = await settleBrowser(`/tmp/settle-test-${process.pid}-none`, () => undefined)
    expect(settled).toEqual({ waitedMs: 0, quiet: false })
  })
})
