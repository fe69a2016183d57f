import { afterEach, describe, expect, it, vi } from 'vitest'

const preloadPdfWorker = vi.fn(() => Promise.resolve())
vi.mock('../../../../src/documents/browser/client', () => ({ preloadPdfWorker }))

describe('the PDF worker warmed up when the app is idle', () => {
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
    preloadPdfWorker.mockClear()
  })

  it('starts only after the delay, and then when the browser is idle', async () => {
    vi.useFakeTimers()
    const idle: (() => void)[] = []
    vi.stubGlobal('requestIdleCallback', (cb: () => void) => idle.push(cb))
    const { warmUpPdfWorkerWhenIdle } = await import('../../../../src/documents/browser/idleWarmUp')
    warmUpPdfWorkerWhenIdle(3_000)
    await vi.advanceTimersByTimeAsync(2_999)
    expect(idle).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(idle).toHaveLength(1)
    expect(preloadPdfWorker).not.toHaveBeenCalled()
    idle[0]!()
    await vi.waitFor(() => expect(preloadPdfWorker).toHaveBeenCalledTimes(1))
    // no text: the common font only; a case's own names come when it opens
    expect(preloadPdfWorker).toHaveBeenCalledWith()
  })

  it('never lets a failed start reach the app', async () => {
    vi.useFakeTimers()
    preloadPdfWorker.mockImplementationOnce(() => Promise.reject(new Error('no worker')))
    const { warmUpPdfWorkerWhenIdle } = await import('../../../../src/documents/browser/idleWarmUp')
    warmUpPdfWorkerWhenIdle(10)
    await vi.advanceTimersByTimeAsync(10)
    await vi.waitFor(() => expect(preloadPdfWorker).toHaveBeenCalledTimes(1))
  })
})
