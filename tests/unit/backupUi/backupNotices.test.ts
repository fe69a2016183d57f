import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { MediationDb } from '../../../src/db/schema'
import { backupNoticeText } from '../../../src/components/backup/useBackupNotices'
import { useBackupWriteStore, type BackupNotice } from '../../../src/stores/backupWrite'

// A host that answers the sentinel read; the database below fails, so automatic backups cannot start.
vi.mock('../../../src/platform', () => ({ platform: () => ({ backups: { readSentinel: async () => null } }) }))

describe('what an automatic-backup notice says (written-out table)', () => {
  const table: [notice: BackupNotice, title: string, content: string][] = [
    [
      { kind: 'failed', reason: 'interval', message: '磁盘空间不足' },
      '定时备份失败',
      '磁盘空间不足。数据仍在本机数据库中；请到“设置 → 备份与恢复”点“立即备份”重试，或联系管理员。',
    ],
    [
      { kind: 'failed', reason: 'case-closed', message: '备份写入后校验未通过' },
      '结案后备份失败',
      '备份写入后校验未通过。数据仍在本机数据库中；请到“设置 → 备份与恢复”点“立即备份”重试，或联系管理员。',
    ],
    [
      { kind: 'failed', reason: 'quit', message: 'x' },
      '退出时备份失败',
      'x。数据仍在本机数据库中；请到“设置 → 备份与恢复”点“立即备份”重试，或联系管理员。',
    ],
    [{ kind: 'extra-copy-failed', message: 'U盘已拔出' }, 'U盘备份未写入', 'U盘已拔出'],
  ]
  it.each(table)('%o → %s', (notice, title, content) => {
    expect(backupNoticeText(notice)).toEqual({ title, content })
  })
})

describe('the backup store keeps notices for the UI, each handed out once', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('records a failed start as the last failure and as one notice', async () => {
    const writes = useBackupWriteStore()
    const broken = {} as MediationDb
    await writes.startSafely(broken)
    expect(writes.lastFailure).toMatchObject({ reason: 'interval' })
    expect(writes.lastFailure?.message).toMatch(/^自动备份未能启动：/)
    expect(writes.notices).toHaveLength(1)
    expect(writes.takeNotices()).toEqual([{ kind: 'failed', reason: 'interval', message: writes.lastFailure?.message }])
    expect(writes.takeNotices()).toEqual([])
    expect(writes.notices).toEqual([])
  })

  it('keeps every notice raised before the UI looks, oldest first', async () => {
    const writes = useBackupWriteStore()
    await writes.startSafely({} as MediationDb)
    await writes.startSafely({} as MediationDb)
    expect(writes.takeNotices().map((n) => n.kind)).toEqual(['failed', 'failed'])
  })
})
