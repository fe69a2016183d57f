// @vitest-environment happy-dom
/**
 * The recovery screen confirms a restore (数据已恢复) or an undo (已撤销恢复) only when this session
 * holds its record; the address #/recovery?restored=1 or ?undone=1 alone shows 数据完好.
 */
// first: Dexie takes the IndexedDB it finds when it is loaded
import 'fake-indexeddb/auto'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { h } from 'vue'
import { flushPromises } from '@vue/test-utils'
import RecoveryView from '../../../src/views/RecoveryView.vue'
import { noteUndone } from '../../../src/stores/restoreNotes'
import { officeReady } from '../components/appData'
import { freshPinia, mountInApp, pageText, type Mounted } from '../components/mountInApp'

let mounted: Mounted | undefined

beforeAll(async () => {
  freshPinia()
  await officeReady()
})

afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = undefined
  document.body.innerHTML = ''
  sessionStorage.clear()
})

/** The screen as a start at #/recovery?<query> shows it. */
async function openAt(query: Record<string, string>): Promise<string> {
  const pinia = freshPinia()
  await officeReady()
  mounted = await mountInApp(() => h(RecoveryView), { pinia, path: '/recovery', routeName: 'recovery' })
  await mounted.router.replace({ path: '/recovery', query })
  await flushPromises()
  return pageText()
}

describe('the recovery screen', () => {
  it('shows 数据完好, not 数据已恢复, for ?restored=1 when no restore took place', async () => {
    const text = await openAt({ restored: '1' })
    expect(text).toContain('数据完好')
    expect(text).not.toContain('数据已恢复')
    expect(text).not.toContain('撤销恢复')
  })

  it('shows 数据已恢复 with its source after a restore (the record the restore keeps for its undo)', async () => {
    // what the backup store's applyRestore keeps across the reload
    sessionStorage.setItem(
      'mediation-room:undo-restore',
      JSON.stringify({
        preRestoreBackup: 'b.mrbak',
        source: '2026-12-01 08:00:00的手动备份',
        restoredAt: '2026-12-03T08:00:00.000Z',
      }),
    )
    const text = await openAt({ restored: '1' })
    expect(text).toContain('数据已恢复')
    expect(text).toContain('2026-12-01 08:00:00的手动备份')
  })

  it('shows 已撤销恢复 once after an undo, and never for ?undone=1 alone', async () => {
    expect(await openAt({ undone: '1' })).not.toContain('已撤销恢复')
    mounted?.wrapper.unmount()
    noteUndone()
    expect(await openAt({ undone: '1' })).toContain('已撤销恢复')
    mounted?.wrapper.unmount()
    expect(await openAt({ undone: '1' })).not.toContain('已撤销恢复')
  })
})
