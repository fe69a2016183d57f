import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import fc from 'fast-check'
import { createAutosaveScheduler, type AutosaveStatus } from '../../../src/composables/autosaveScheduler'

/** A save whose completion the test controls. */
function controlledSave() {
  const calls: { value: string; resolve: () => void; reject: (e: Error) => void }[] = []
  const save = (value: string) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ value, resolve, reject })
    })
  return { save, calls }
}

function setup(save: (v: string) => Promise<void>) {
  const statuses: AutosaveStatus[] = []
  const s = createAutosaveScheduler<string>({
    save,
    onStatus: (x) => statuses.push(x),
    quietMs: 500,
    maxWaitMs: 1000,
    retryMs: 3000,
  })
  return { s, statuses, last: () => statuses[statuses.length - 1] }
}

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(new Date('2026-11-22T10:00:00Z'))
})
afterEach(() => vi.useRealTimers())

describe('autosave scheduler', () => {
  it('writes once after typing stops, and says saved only after the write resolved', async () => {
    const { save, calls } = controlledSave()
    const { s, last } = setup(save)
    s.change('a')
    s.change('ab')
    expect(last()?.kind).toBe('pending')
    await vi.advanceTimersByTimeAsync(499)
    expect(calls).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(calls.map((c) => c.value)).toEqual(['ab'])
    expect(last()?.kind).toBe('saving')
    await vi.advanceTimersByTimeAsync(5000)
    expect(last()?.kind).toBe('saving') // the write has not resolved: never "saved"
    calls[0]!.resolve()
    await vi.advanceTimersByTimeAsync(0)
    expect(last()?.kind).toBe('saved')
    expect(s.hasUnsaved()).toBe(false)
  })

  it('is never more than maxWait behind continuous typing', async () => {
    const written: { value: string; at: number }[] = []
    const start = Date.now()
    const { s } = setup(async (v) => {
      written.push({ value: v, at: Date.now() - start })
    })
    for (let i = 1; i <= 30; i++) {
      s.change('x'.repeat(i))
      await vi.advanceTimersByTimeAsync(100)
    }
    // typed every 100 ms for 3 s: writes happen about once a second, not only at the end
    expect(written.length).toBeGreaterThanOrEqual(3)
    expect(written[0]!.at).toBeLessThanOrEqual(1000)
  })

  it('a change typed during a write still starts its own write within maxWait of being typed (issue 3: at most one second behind)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 2, maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 10 }),
        async (gaps, latencies) => {
          let n = 0
          const start = Date.now()
          /** when each write started and ended, and how many characters it carried */
          const writes: { from: number; to: number; chars: number }[] = []
          const s = createAutosaveScheduler<string>({
            save: async (v) => {
              const write = { from: Date.now() - start, to: Number.POSITIVE_INFINITY, chars: v.length }
              writes.push(write)
              await new Promise((r) => setTimeout(r, latencies[n++ % latencies.length]))
              write.to = Date.now() - start
            },
            onStatus: () => undefined,
            quietMs: 500,
            maxWaitMs: 1000,
          })
          const typedAt: number[] = []
          for (const gap of gaps) {
            typedAt.push(Date.now() - start)
            s.change('字'.repeat(typedAt.length))
            await vi.advanceTimersByTimeAsync(gap)
          }
          await vi.advanceTimersByTimeAsync(5000)
          for (const [i, t] of typedAt.entries()) {
            // one write at a time: a write already running when the change came may delay it past maxWait
            const running = writes.find((w) => w.from <= t && t < w.to)
            const due = Math.max(t + 1000, running?.to ?? 0)
            const carrying = writes.find((w) => w.chars >= i + 1 && w.from >= t)
            expect(carrying, `change ${i + 1} typed at ${t} ms was never written`).toBeDefined()
            expect(carrying!.from, `change ${i + 1} typed at ${t} ms`).toBeLessThanOrEqual(due)
          }
          s.dispose()
        },
      ),
      { numRuns: 60 },
    )
  })

  it('keeps the text and retries after a failure, reporting the message', async () => {
    let fail = true
    const stored: string[] = []
    const { s, statuses, last } = setup(async (v) => {
      if (fail) throw new Error('磁盘空间不足')
      stored.push(v)
    })
    s.change('note')
    await vi.advanceTimersByTimeAsync(500)
    expect(last()).toEqual({ kind: 'error', message: '磁盘空间不足' })
    expect(statuses.some((x) => x.kind === 'saved')).toBe(false)
    fail = false
    await vi.advanceTimersByTimeAsync(3000)
    expect(stored).toEqual(['note'])
    expect(last()?.kind).toBe('saved')
  })

  it('writes a change typed during a running write right after it', async () => {
    const { save, calls } = controlledSave()
    const { s, last } = setup(save)
    s.change('one')
    await vi.advanceTimersByTimeAsync(500)
    s.change('one two')
    calls[0]!.resolve()
    await vi.advanceTimersByTimeAsync(0)
    expect(last()?.kind).toBe('pending') // the first write finished, but it is not the latest text
    await vi.advanceTimersByTimeAsync(500)
    expect(calls.map((c) => c.value)).toEqual(['one', 'one two'])
    calls[1]!.resolve()
    await vi.advanceTimersByTimeAsync(0)
    expect(last()?.kind).toBe('saved')
  })

  it('flush writes the latest value at once and resolves when it is stored', async () => {
    const stored: string[] = []
    const { s } = setup(async (v) => {
      stored.push(v)
    })
    s.change('before leaving')
    await s.flush()
    expect(stored).toEqual(['before leaving'])
    expect(s.hasUnsaved()).toBe(false)
  })

  it('whatever the typing rhythm and write latency: the last text is stored, and "saved" is only said when nothing is unsaved', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 1500 }), { minLength: 1, maxLength: 25 }),
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 25 }),
        async (gaps, latencies) => {
          let n = 0
          const stored: string[] = []
          const savedWhileUnsaved: boolean[] = []
          const s = createAutosaveScheduler<string>({
            save: async (v) => {
              await new Promise((r) => setTimeout(r, latencies[n++ % latencies.length]))
              stored.push(v)
            },
            onStatus: (x) => {
              if (x.kind === 'saved') savedWhileUnsaved.push(s.hasUnsaved())
            },
            quietMs: 500,
            maxWaitMs: 1000,
          })
          let text = ''
          for (const gap of gaps) {
            text += '字'
            s.change(text)
            await vi.advanceTimersByTimeAsync(gap)
          }
          await vi.advanceTimersByTimeAsync(5000)
          expect(stored[stored.length - 1]).toBe(text)
          expect(savedWhileUnsaved.length).toBeGreaterThan(0)
          expect(savedWhileUnsaved.every((unsaved) => !unsaved)).toBe(true)
          s.dispose()
        },
      ),
      { numRuns: 40 },
    )
  })
})
