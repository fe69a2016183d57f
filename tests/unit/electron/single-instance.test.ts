import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => ({}))

const { claimSingleInstance } = await import('../../../electron/main/single-instance')

function fakeApp(gotLock: boolean) {
  const emitter = new EventEmitter()
  return Object.assign(emitter, {
    requestSingleInstanceLock: vi.fn(() => gotLock),
    quit: vi.fn(),
  })
}

function fakeWindow(minimized: boolean) {
  return { isMinimized: vi.fn(() => minimized), restore: vi.fn(), focus: vi.fn() }
}

describe('claimSingleInstance', () => {
  it('quits a second instance at once', () => {
    const app = fakeApp(false)
    expect(claimSingleInstance(app, () => null)).toBe(false)
    expect(app.quit).toHaveBeenCalledOnce()
    expect(app.listenerCount('second-instance')).toBe(0)
  })

  it('brings the first instance to the front when a second one starts', () => {
    const app = fakeApp(true)
    const window = fakeWindow(true)
    expect(claimSingleInstance(app, () => window)).toBe(true)
    expect(app.quit).not.toHaveBeenCalled()
    app.emit('second-instance')
    expect(window.restore).toHaveBeenCalledOnce()
    expect(window.focus).toHaveBeenCalledOnce()
  })

  it('does nothing when no window exists yet', () => {
    const app = fakeApp(true)
    claimSingleInstance(app, () => null)
    expect(() => app.emit('second-instance')).not.toThrow()
  })
})
