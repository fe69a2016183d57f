// @vitest-environment happy-dom
/**
 * The shell's sync line: nothing while sync is off; the store's snapshot in plain Chinese with its tone;
 * a click opens 设置 → 同步. 立即同步 under it when the server could not be reached: the store's syncNow(),
 * the button waiting (正在同步…) while that round runs, and a plain note when the server still is not there.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { h } from 'vue'
import SyncStatusLine from '../../../../src/components/sync/SyncStatusLine.vue'
import { useSyncStore } from '../../../../src/stores/sync'
import { freshPinia, mountInApp, type Mounted } from '../mountInApp'

let mounted: Mounted | undefined
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = undefined
  document.body.innerHTML = ''
})

const line = (): HTMLButtonElement | null => document.querySelector<HTMLButtonElement>('.sync-status button')
const syncNowButton = (): HTMLButtonElement | null =>
  document.querySelector<HTMLButtonElement>('[data-testid="sync-now"]')
const statusText = (): string => document.querySelector('.sync-status [role="status"]')?.textContent?.trim() ?? ''
const UNREACHABLE = '仍然连不上同步服务器。请检查网络，稍后本机会自动再试。'
const OFFLINE = { configured: true, online: false, pendingUpload: 5, conflicts: 0 }
const SYNCED = {
  configured: true,
  online: true,
  pendingUpload: 0,
  conflicts: 0,
  lastSyncedAt: new Date().toISOString(),
}

describe('SyncStatusLine', () => {
  it('says nothing while sync is not configured', async () => {
    mounted = await mountInApp(() => h(SyncStatusLine))
    expect(document.querySelector('.sync-status')).toBeNull()
  })

  it('shows the state in words with its tone, and opens 设置 → 同步 when clicked', async () => {
    const pinia = freshPinia()
    const store = useSyncStore()
    store.snapshot = { configured: true, online: false, pendingUpload: 5, conflicts: 0 }
    mounted = await mountInApp(() => h(SyncStatusLine), { pinia })
    expect(line()?.textContent?.trim()).toBe('离线，有 5 条待上传')
    expect(line()?.classList.contains('offline')).toBe(true)

    store.snapshot = { configured: true, online: true, syncing: { remaining: 12 }, pendingUpload: 0, conflicts: 0 }
    await flushPromises()
    expect(line()?.textContent?.trim()).toBe('正在同步 12 条')
    expect(line()?.classList.contains('busy')).toBe(true)

    store.snapshot = {
      configured: true,
      online: true,
      pendingUpload: 0,
      conflicts: 2,
      lastSyncedAt: new Date().toISOString(),
    }
    await flushPromises()
    expect(line()?.textContent).toContain('有 2 条冲突待处理')
    expect(line()?.classList.contains('attention')).toBe(true)

    line()!.click()
    await flushPromises()
    expect(mounted.router.currentRoute.value.name).toBe('settings')
    expect(mounted.router.currentRoute.value.query.tab).toBe('sync')
  })

  it('offers 立即同步 only when the server could not be reached, outside the status itself', async () => {
    const pinia = freshPinia()
    const store = useSyncStore()
    store.snapshot = SYNCED
    mounted = await mountInApp(() => h(SyncStatusLine), { pinia })
    expect(syncNowButton()).toBeNull()

    store.snapshot = OFFLINE
    await flushPromises()
    const button = syncNowButton()!
    // a plain button in the tab order, named by its words
    expect(button.tagName).toBe('BUTTON')
    expect(button.disabled).toBe(false)
    expect(button.getAttribute('tabindex')).not.toBe('-1')
    expect(button.textContent?.trim()).toBe('立即同步')
    // the status says the state only
    expect(statusText()).toBe('离线，有 5 条待上传')

    store.snapshot = { configured: true, online: true, syncing: { remaining: 3 }, pendingUpload: 5, conflicts: 0 }
    await flushPromises()
    expect(syncNowButton()).toBeNull()
  })

  it('in 设置 → 同步 offers it whenever sync is on, waiting while a round runs', async () => {
    const pinia = freshPinia()
    const store = useSyncStore()
    store.snapshot = SYNCED
    mounted = await mountInApp(() => h(SyncStatusLine, { offerAlways: true }), { pinia })
    expect(syncNowButton()?.textContent?.trim()).toBe('立即同步')
    store.snapshot = { ...SYNCED, syncing: { remaining: 0 } }
    await flushPromises()
    expect(syncNowButton()?.disabled).toBe(true)
    expect(syncNowButton()?.textContent?.trim()).toBe('正在同步…')
  })

  it('asks the store for a round, waits for it, and says so when the server still cannot be reached', async () => {
    const pinia = freshPinia()
    const store = useSyncStore()
    store.snapshot = OFFLINE
    let endRound: () => void = () => undefined
    const syncNow = vi.fn(() => new Promise<void>((resolve) => (endRound = resolve)))
    store.syncNow = syncNow
    mounted = await mountInApp(() => h(SyncStatusLine), { pinia })

    syncNowButton()!.click()
    await flushPromises()
    expect(syncNow).toHaveBeenCalledTimes(1)
    expect(syncNowButton()?.disabled).toBe(true)
    expect(syncNowButton()?.textContent?.trim()).toBe('正在同步…')
    // a second click while the round runs asks nothing more
    syncNowButton()!.click()
    await flushPromises()
    expect(syncNow).toHaveBeenCalledTimes(1)

    // the round failed: still offline
    endRound()
    await flushPromises()
    expect(syncNowButton()?.disabled).toBe(false)
    expect(syncNowButton()?.textContent?.trim()).toBe('立即同步')
    expect(document.querySelector('.sync-status .note')?.textContent?.trim()).toBe(UNREACHABLE)

    // the server answers again: the note is over, and so is the button
    store.snapshot = SYNCED
    await flushPromises()
    expect(document.querySelector('.sync-status')?.textContent).not.toContain(UNREACHABLE)
    expect(syncNowButton()).toBeNull()
  })

  it('says nothing more when the round asked for reached the server', async () => {
    const pinia = freshPinia()
    const store = useSyncStore()
    store.snapshot = OFFLINE
    store.syncNow = vi.fn(async () => {
      store.snapshot = SYNCED
    })
    mounted = await mountInApp(() => h(SyncStatusLine), { pinia })
    syncNowButton()!.click()
    await flushPromises()
    expect(store.syncNow).toHaveBeenCalledTimes(1)
    expect(document.querySelector('.sync-status')?.textContent).not.toContain(UNREACHABLE)
    expect(syncNowButton()).toBeNull()
    expect(statusText()).toMatch(/^已同步 \d\d:\d\d$/)
  })
})
