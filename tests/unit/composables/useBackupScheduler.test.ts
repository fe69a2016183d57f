import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createBackupScheduler, type SchedulerDeps } from '../../../src/composables/useBackupScheduler'
import { BACKUP_INTERVAL_MS, isDirty } from '../../../src/domain/backupSchedule'
import type { BackupReason, WriteBackupRequest, WriteBackupResult } from '../../../src/shared/ipc/backup'

function writtenResult(reason: BackupReason, verified = true): WriteBackupResult {
  return {
    backup: {
      name: `backup-20261122-080000-${reason}.mrbak`,
      createdAt: '2026-11-22T00:00:00.000Z',
      reason,
      sizeBytes: 10,
      counts: { cases: 1 },
      chainHead: { seq: 1, hash: 'a'.repeat(64) },
      appVersion: '0.1.0',
      schemaVersion: 1,
      verified,
    },
    extraCopy: { status: 'none' },
    removed: [],
  }
}

/** A fake host and database: `db.head` is the audit head the next snapshot captures. */
function harness(options: { fail?: boolean; verified?: boolean } = {}) {
  const db = { head: 0 }
  const writes: WriteBackupRequest[] = []
  const failures: string[] = []
  const deps: SchedulerDeps = {
    snapshot: async () => ({ text: `{"head":${db.head}}`, headSeq: db.head }),
    host: {
      writeBackup: async (request) => {
        if (options.fail) throw new Error('磁盘空间不足')
        writes.push(request)
        return writtenResult(request.reason, options.verified ?? true)
      },
    },
    onFailure: (message) => failures.push(message),
    whenIdle: async () => undefined,
  }
  return { db, writes, failures, deps }
}

describe('backup scheduler with fake timers', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('backs up every 15 minutes while dirty, and not when nothing changed', async () => {
    const h = harness()
    const scheduler = createBackupScheduler(h.deps, { backedUpSeq: 0, headSeq: 0 })
    scheduler.start()
    await vi.advanceTimersByTimeAsync(BACKUP_INTERVAL_MS)
    expect(h.writes).toHaveLength(0)

    h.db.head = 3
    void scheduler.noteHead(3, [{ action: 'update' }])
    await vi.advanceTimersByTimeAsync(BACKUP_INTERVAL_MS - 1)
    expect(h.writes).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(h.writes.map((w) => w.reason)).toEqual(['interval'])
    expect(scheduler.state.backedUpSeq).toBe(3)

    await vi.advanceTimersByTimeAsync(BACKUP_INTERVAL_MS * 3)
    expect(h.writes).toHaveLength(1)
    scheduler.stop()
    h.db.head = 4
    void scheduler.noteHead(4)
    await vi.advanceTimersByTimeAsync(BACKUP_INTERVAL_MS * 2)
    expect(h.writes).toHaveLength(1)
  })

  it('writes a case-closed backup at once when a close transition appears', async () => {
    const h = harness()
    const scheduler = createBackupScheduler(h.deps, { backedUpSeq: 5, headSeq: 5 })
    h.db.head = 6
    const outcome = await scheduler.noteHead(6, [{ action: 'transition:close' }])
    expect(outcome).toBe('written')
    expect(h.writes.map((w) => w.reason)).toEqual(['case-closed'])
    expect(JSON.parse(h.writes[0].snapshot)).toEqual({ head: 6 })
    expect(scheduler.noteHead(7, [{ action: 'update' }])).toBeUndefined()
  })

  it('answers the quit request only when something changed since the last backup', async () => {
    const h = harness()
    const scheduler = createBackupScheduler(h.deps, { backedUpSeq: 2, headSeq: 2 })
    expect(await scheduler.trigger('quit')).toBe('skipped')
    h.db.head = 3
    void scheduler.noteHead(3)
    expect(await scheduler.trigger('quit')).toBe('written')
    expect(h.writes.map((w) => w.reason)).toEqual(['quit'])
  })

  it('runs one write at a time and re-decides after it (no duplicate backups)', async () => {
    const h = harness()
    const scheduler = createBackupScheduler(h.deps, { backedUpSeq: null, headSeq: 4 })
    h.db.head = 4
    const outcomes = await Promise.all([
      scheduler.trigger('interval'),
      scheduler.trigger('interval'),
      scheduler.trigger('quit'),
    ])
    expect(outcomes).toEqual(['written', 'skipped', 'skipped'])
    expect(h.writes).toHaveLength(1)
  })

  it('reports a failed write, stays dirty and tries again at the next tick', async () => {
    const h = harness({ fail: true })
    const scheduler = createBackupScheduler(h.deps, { backedUpSeq: 1, headSeq: 2 })
    scheduler.start()
    await vi.advanceTimersByTimeAsync(BACKUP_INTERVAL_MS)
    expect(h.failures).toEqual(['磁盘空间不足'])
    expect(isDirty(scheduler.state)).toBe(true)
    await vi.advanceTimersByTimeAsync(BACKUP_INTERVAL_MS)
    expect(h.failures).toHaveLength(2)
    scheduler.stop()
  })

  it('treats an unverified write as a failure', async () => {
    const h = harness({ verified: false })
    const scheduler = createBackupScheduler(h.deps, { backedUpSeq: 1, headSeq: 2 })
    h.db.head = 2
    expect(await scheduler.trigger('interval')).toBe('failed')
    expect(h.failures[0]).toContain('校验')
    expect(scheduler.state.backedUpSeq).toBe(1)
  })

  it('waits for idle time before an automatic snapshot, but not on quit', async () => {
    const h = harness()
    let releaseIdle: () => void = () => undefined
    h.deps.whenIdle = () => new Promise<void>((resolve) => (releaseIdle = resolve))
    const scheduler = createBackupScheduler(h.deps, { backedUpSeq: 0, headSeq: 1 })
    h.db.head = 1
    const pending = scheduler.trigger('interval')
    await vi.advanceTimersByTimeAsync(10)
    expect(h.writes).toHaveLength(0)
    releaseIdle()
    expect(await pending).toBe('written')

    h.db.head = 2
    void scheduler.noteHead(2)
    expect(await scheduler.trigger('quit')).toBe('written')
  })
})
