/**
 * Before the window closes, the page writes its pending autosaves and only then tells the host
 * (src/platform/electron.ts onFlushRequest, src/composables/pendingSaves.ts).
 */
import { describe, expect, it, vi } from 'vitest'
import type { MediationRoomApi } from '../../../src/shared/ipc'
import { createElectronPlatform } from '../../../src/platform/electron'
import { flushAllAutosaves, trackFlush } from '../../../src/composables/pendingSaves'

function fakeApi() {
  let request: ((payload: object) => void) | undefined
  const confirmFlushed = vi.fn(async () => ({ ok: true as const, value: null }))
  const api = {
    onFlushRequest: (listener: (payload: object) => void) => {
      request = listener
      return () => (request = undefined)
    },
    confirmFlushed,
  } as unknown as MediationRoomApi
  return { api, confirmFlushed, ask: () => request?.({}) }
}

/** A promise and the function that resolves it. */
function deferred() {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

describe('the flush before the window closes', () => {
  it('answers the host only once every autosave has written what it held', async () => {
    const { api, confirmFlushed, ask } = fakeApi()
    const first = deferred()
    const second = deferred()
    const untrackFirst = trackFlush(() => first.promise)
    const untrackSecond = trackFlush(() => second.promise)
    createElectronPlatform(api).onFlushRequest(flushAllAutosaves)
    ask()
    first.resolve()
    await Promise.resolve()
    await new Promise((r) => setTimeout(r, 0))
    expect(confirmFlushed).not.toHaveBeenCalled()
    second.resolve()
    await vi.waitFor(() => expect(confirmFlushed).toHaveBeenCalledTimes(1))
    untrackFirst()
    untrackSecond()
  })

  it('answers also when a write failed (the window must not stay open for it)', async () => {
    const { api, confirmFlushed, ask } = fakeApi()
    const untrack = trackFlush(() => Promise.reject(new Error('磁盘已满')))
    createElectronPlatform(api).onFlushRequest(flushAllAutosaves)
    ask()
    await vi.waitFor(() => expect(confirmFlushed).toHaveBeenCalledTimes(1))
    untrack()
  })

  it('an autosave that is gone is not flushed', async () => {
    const flush = vi.fn(async () => undefined)
    trackFlush(flush)()
    await flushAllAutosaves()
    expect(flush).not.toHaveBeenCalled()
  })
})
