/**
 * src/db/readsFirst.ts: a background writer waits for the foreground reads in flight when it asks, never for
 * reads begun after (reads one after another must not hold it back for ever), and a failed read counts as
 * ended. Reads here are promises the test settles itself; the order of events is compared with a written-out list.
 */
import { describe, expect, it } from 'vitest'
import { foregroundRead, nextTask, readsDone } from '../../../src/db/readsFirst'

function controlled<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('foreground reads before a background write', () => {
  it('with no read in flight, the writer goes on at once', async () => {
    const store = {}
    const events: string[] = []
    const done = readsDone(store).then(() => events.push('writer'))
    await Promise.resolve()
    events.push('after one microtask')
    await done
    expect(events).toEqual(['writer', 'after one microtask'])
  })

  it('waits for the reads in flight when asked, not for one begun after', async () => {
    const store = {}
    const events: string[] = []
    const a = controlled<string>()
    const b = controlled<string>()
    const c = controlled<string>()
    void foregroundRead(store, () => a.promise).then(() => events.push('a'))
    const failed = foregroundRead(store, () => b.promise).catch(() => events.push('b failed'))
    const writer = readsDone(store).then(() => events.push('writer'))
    void foregroundRead(store, () => c.promise).then(() => events.push('c'))
    a.resolve('page')
    await nextTask()
    expect(events).toEqual(['a'])
    b.reject(new Error('read failed'))
    await failed
    await writer
    expect(events).toEqual(['a', 'b failed', 'writer'])
    c.resolve('page')
    await nextTask()
    expect(events).toEqual(['a', 'b failed', 'writer', 'c'])
    // all ended: a writer asking now goes on at once
    await readsDone(store)
  })

  it('a read answers what it read, and its failure reaches its caller', async () => {
    const store = {}
    await expect(foregroundRead(store, async () => 42)).resolves.toBe(42)
    await expect(foregroundRead(store, () => Promise.reject(new Error('no')))).rejects.toThrow('no')
  })
})
