import { describe, expect, it } from 'vitest'
import { appendAudit } from '../../../src/db/audit'
import { auditTail } from '../../../src/db/audit'
import type { AuditAction } from '../../../src/domain/audit'
import type { MediationDb } from '../../../src/db/schema'
import { createBackupScheduler, watchAuditHead, type SchedulerDeps } from '../../../src/composables/useBackupScheduler'
import type { BackupReason } from '../../../src/shared/ipc/backup'
import { freshDb } from '../transfer/arbitraries'

const CASE_ID = '7f1c2a4e-1b2c-4d3e-8f90-123456789abc'

function append(db: MediationDb, action: AuditAction) {
  return db.transaction('rw', [db.audit], () =>
    appendAudit(db, {
      actor: 'tester',
      action,
      entity: 'case',
      entityId: CASE_ID,
      caseId: CASE_ID,
      fields: ['status'],
    }),
  )
}

/** Polls until `check` holds: up to 10 s, since a busy CI machine delayed Dexie's change events past 2 s. */
async function until(check: () => boolean) {
  for (let i = 0; i < 1000 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10))
  expect(check()).toBe(true)
}

describe('watching the audit head of a real database', () => {
  it('marks the store dirty after a write and backs up at once when a case is closed', async () => {
    const db = freshDb()
    const reasons: BackupReason[] = []
    const deps: SchedulerDeps = {
      snapshot: async () => ({ text: '{}', headSeq: (await db.audit.orderBy('seq').last())?.seq ?? 0 }),
      host: {
        writeBackup: async (request) => {
          reasons.push(request.reason)
          return {
            backup: {
              name: 'n',
              createdAt: '',
              reason: request.reason,
              sizeBytes: 2,
              counts: {},
              chainHead: { seq: 0, hash: '' },
              appVersion: '',
              schemaVersion: 1,
              verified: true,
            },
            extraCopy: { status: 'none' },
            removed: [],
          }
        },
      },
      onFailure: (message) => {
        throw new Error(message)
      },
      whenIdle: async () => undefined,
    }
    const scheduler = createBackupScheduler(deps, { backedUpSeq: 0, headSeq: 0 })
    const stop = watchAuditHead(auditTail(db), scheduler, 20)
    try {
      await append(db, 'update')
      await until(() => scheduler.state.headSeq === 1)
      expect(reasons).toEqual([])
      await append(db, 'transition:accept')
      await append(db, 'transition:close')
      await until(() => reasons.length === 1)
      expect(reasons).toEqual(['case-closed'])
      expect(scheduler.state.backedUpSeq).toBe(3)
    } finally {
      stop()
      db.close()
    }
  })
})
