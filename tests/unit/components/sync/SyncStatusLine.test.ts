// @vitest-environment happy-dom
/**
 * The shell's sync line: nothing while sync is off; the store's snapshot in plain Chinese with its tone;
 * a click opens 设置 → 同步.
 */
import { afterEach, describe, expect, it } from 'vitest'
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
})
