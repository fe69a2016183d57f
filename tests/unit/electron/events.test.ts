import { describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => ({}))

const { sendEvent } = await import('../../../electron/main/events')

function target(destroyed = false) {
  return { send: vi.fn(), isDestroyed: () => destroyed }
}

describe('sendEvent', () => {
  it('sends a payload that matches the contract', () => {
    const page = target()
    expect(sendEvent(page, 'backup:snapshot-request', { reason: 'interval' })).toBe(true)
    expect(page.send).toHaveBeenCalledExactlyOnceWith('backup:snapshot-request', { reason: 'interval' })
  })

  it('refuses a payload outside the contract, and a missing or destroyed page', () => {
    const page = target()
    // Deliberately outside the contract.
    expect(sendEvent(page, 'backup:snapshot-request', { reason: 'wipe' } as never)).toBe(false)
    expect(page.send).not.toHaveBeenCalled()
    expect(sendEvent(null, 'backup:snapshot-request', { reason: 'quit' })).toBe(false)
    const gone = target(true)
    expect(sendEvent(gone, 'backup:snapshot-request', { reason: 'quit' })).toBe(false)
    expect(gone.send).not.toHaveBeenCalled()
  })
})
