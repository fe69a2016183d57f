// @vitest-environment happy-dom
/**
 * The page reports the log's head to the host after appends, once per new head, and keeps the host's
 * refusal for the 审计日志 page.
 */
import 'fake-indexeddb/auto'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { getDatabase } from '../../../src/db/connection'
import { appendAudit } from '../../../src/db/audit'
import type { HeadAnchor } from '../../../src/domain/auditAnchors'
import type { RecordAnchorResult } from '../../../src/shared/ipc/audit'
import { useAuditAnchorStore } from '../../../src/stores/auditAnchors'

const host = vi.hoisted(() => ({
  reported: [] as HeadAnchor[],
  answer: undefined as RecordAnchorResult | undefined,
}))
vi.mock('../../../src/platform', () => ({
  platform: () => ({
    auditAnchors: {
      record: async (head: HeadAnchor): Promise<RecordAnchorResult> => {
        host.reported.push(head)
        return host.answer ?? { status: 'recorded', anchors: { first: null, last: null, lastRestore: null } }
      },
    },
  }),
}))

afterEach(() => useAuditAnchorStore().stop())
afterAll(async () => (await getDatabase()).db.close())

const append = async () => {
  const { db } = await getDatabase()
  await db.transaction('rw', db.audit, () =>
    appendAudit(db, { actor: '甲', action: 'update', entity: 'case', entityId: crypto.randomUUID(), fields: ['x'] }),
  )
}

describe('reporting the audit head to the host', () => {
  it('reports the head at start and after each append, each head once', async () => {
    setActivePinia(createPinia())
    const { db } = await getDatabase()
    await append()
    const anchors = useAuditAnchorStore()
    anchors.start(db, 10)
    await vi.waitFor(() => expect(host.reported).toHaveLength(1))
    await append()
    await append()
    const last = (await db.audit.orderBy('seq').last())!
    await vi.waitFor(() => expect(host.reported.at(-1)).toEqual({ seq: last.seq, hash: last.hash }))
    // nothing new: nothing sent again
    const sent = host.reported.length
    await anchors.report(db)
    expect(host.reported).toHaveLength(sent)
    expect(new Set(host.reported.map((h) => h.seq)).size).toBe(host.reported.length)
  })

  it("keeps the host's refusal for the page", async () => {
    setActivePinia(createPinia())
    const { db } = await getDatabase()
    host.answer = {
      status: 'refused',
      reason: '日志比上次记录的短（记录到第 340 条，现在只有 3 条）',
      anchors: { first: null, last: null, lastRestore: null },
    }
    await append()
    const anchors = useAuditAnchorStore()
    await anchors.report(db)
    expect(anchors.refusal).toBe('日志比上次记录的短（记录到第 340 条，现在只有 3 条）')
  })
})
