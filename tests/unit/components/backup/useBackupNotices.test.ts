// @vitest-environment happy-dom
/**
 * Automatic-backup failures reach the user as notifications that stay until closed. The store keeps
 * them (no UI in stores); useBackupNotices shows each once, in the words written out below.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises } from '@vue/test-utils'
import type { MediationDb } from '../../../../src/db/schema'
import { backupNoticeText, useBackupNotices } from '../../../../src/components/backup/useBackupNotices'
import { useBackupWriteStore, type BackupNotice } from '../../../../src/stores/backupWrite'
import { freshPinia, mountInApp, pageText, type Mounted } from '../mountInApp'

// A host that answers the sentinel read; the database given below fails, so automatic backups cannot start.
vi.mock('../../../../src/platform', () => ({ platform: () => ({ backups: { readSentinel: async () => null } }) }))
const BROKEN_DB = {} as MediationDb

const AFTER_FAILURE = '。数据仍在本机数据库中；请到“设置 → 备份与恢复”点“立即备份”重试，或联系管理员。'

describe('what an automatic-backup notice says (written-out table)', () => {
  const table: [notice: BackupNotice, title: string, content: string][] = [
    [{ kind: 'failed', reason: 'interval', message: '磁盘空间不足' }, '定时备份失败', `磁盘空间不足${AFTER_FAILURE}`],
    [
      { kind: 'failed', reason: 'case-closed', message: '备份写入后校验未通过' },
      '结案后备份失败',
      `备份写入后校验未通过${AFTER_FAILURE}`,
    ],
    [{ kind: 'failed', reason: 'quit', message: 'x' }, '退出时备份失败', `x${AFTER_FAILURE}`],
    [{ kind: 'failed', reason: 'pre-upgrade', message: 'y' }, '升级前备份失败', `y${AFTER_FAILURE}`],
    [{ kind: 'extra-copy-failed', message: 'U盘已拔出' }, 'U盘备份未写入', 'U盘已拔出'],
  ]
  it.each(table)('%o → %s', (notice, title, content) => {
    expect(backupNoticeText(notice)).toEqual({ title, content })
  })
})

describe('the backup store keeps notices for the UI, each handed out once', () => {
  it('records a failed start as the last failure and as one notice', async () => {
    freshPinia()
    const writes = useBackupWriteStore()
    await writes.startSafely(BROKEN_DB)
    expect(writes.lastFailure).toMatchObject({ reason: 'interval' })
    expect(writes.lastFailure?.message).toMatch(/^自动备份未能启动：/)
    expect(writes.takeNotices()).toEqual([{ kind: 'failed', reason: 'interval', message: writes.lastFailure?.message }])
    expect(writes.takeNotices()).toEqual([])
  })

  it('keeps every notice raised before the UI looks, oldest first', async () => {
    freshPinia()
    const writes = useBackupWriteStore()
    await writes.startSafely(BROKEN_DB)
    await writes.startSafely(BROKEN_DB)
    expect(writes.takeNotices().map((n) => n.kind)).toEqual(['failed', 'failed'])
  })
})

describe('useBackupNotices', () => {
  let mounted: Mounted | undefined
  afterEach(() => {
    mounted?.wrapper.unmount()
    mounted = undefined
    document.body.innerHTML = ''
  })

  const Shell = defineComponent({
    setup() {
      useBackupNotices()
      return () => h('div')
    },
  })

  it('shows a notice raised before the shell mounted, and each later one, once', async () => {
    const pinia = freshPinia()
    const writes = useBackupWriteStore()
    await writes.startSafely(BROKEN_DB)
    mounted = await mountInApp(() => h(Shell), { pinia })
    expect(pageText()).toContain('定时备份失败')
    expect(pageText()).toContain('自动备份未能启动：')
    expect(writes.notices).toEqual([])

    writes.notices = [{ kind: 'extra-copy-failed', message: 'U盘已拔出' }]
    await flushPromises()
    expect(pageText()).toContain('U盘备份未写入')
    expect(pageText()).toContain('U盘已拔出')
    expect(writes.notices).toEqual([])
    expect(pageText().split('定时备份失败')).toHaveLength(2)
  })
})
