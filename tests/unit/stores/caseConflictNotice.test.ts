/**
 * The case page's 这个案件有冲突待处理 follows the database while the case is open: a conflict that a round of
 * sync or an import records for this case shows without a reload, and one settled elsewhere goes. Through
 * the real store and database (fake-indexeddb); the tests wait for the store to show the write, never for time.
 */
import 'fake-indexeddb/auto'
import { beforeAll, describe, expect, it } from 'vitest'
import { nextChange } from '../components/nextChange'
import { useCaseDetailStore } from '../../../src/stores/caseDetail'
import { getDatabase } from '../../../src/db/connection'
import type { SyncConflict } from '../../../src/db/sync/caseReplication'
import { officeReady, registeredCase } from '../components/appData'
import { freshPinia } from '../components/mountInApp'

const AT = '2026-12-03T07:00:00.000Z'

beforeAll(async () => {
  freshPinia()
  await officeReady()
})

describe('the open case counts the conflicts waiting on it', () => {
  it('shows a sync conflict and an import conflict recorded while it is open, and drops one settled', async () => {
    freshPinia()
    await officeReady()
    const c = await registeredCase()
    const { db } = await getDatabase()
    const detail = useCaseDetailStore()
    await detail.load(c.id)
    expect(detail.waitingConflicts).toBe(0)

    const version = { id: c.id, title: c.title } as unknown as SyncConflict['local']
    let changed = nextChange(() => detail.waitingConflicts)
    await db.syncConflicts.put({
      recordId: c.id,
      local: version,
      remote: version,
      remoteRev: '3-8f2c0a',
      detectedAt: AT,
    })
    await changed
    expect(detail.waitingConflicts).toBe(1)

    changed = nextChange(() => detail.waitingConflicts)
    await db.conflicts.add({
      id: `cases:${c.id}:x`,
      table: 'cases',
      recordId: c.id,
      caseId: c.id,
      incoming: {},
      incomingHash: 'x',
      localHash: 'y',
      sourceCreatedAt: AT,
      detectedAt: AT,
    })
    await changed
    expect(detail.waitingConflicts).toBe(2)

    changed = nextChange(() => detail.waitingConflicts)
    await db.syncConflicts.delete(c.id)
    await changed
    expect(detail.waitingConflicts).toBe(1)
  })
})
