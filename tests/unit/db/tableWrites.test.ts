import { afterEach, describe, expect, it, vi } from 'vitest'
import { createCase, updateCase } from '../../../src/db/casesRepo'
import {
  addAttachment,
  addFollowUp,
  readOpenCase,
  removeAttachment,
  type OpenCase,
} from '../../../src/db/caseRecordsRepo'
import { onCaseWrites, type CaseRecordKeys } from '../../../src/db/tableWrites'
import type { FollowUp } from '../../../src/domain/types'
import { freshDb } from './helpers'
import { intake, setUpCommittee } from './caseFixtures'

const png = (name: string) => ({
  name,
  type: 'image/png',
  bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]),
})

const visit = (caseId: string): Omit<FollowUp, 'id' | 'createdAt' | 'updatedAt'> => ({
  caseId,
  visitedOn: '2026-03-10',
  method: '电话',
  visitorIds: [],
  performance: 'full',
  satisfaction: '满意',
  escalationSigns: false,
  notes: '',
})

/** What a case page watches, written out from its records (not from the code under test). */
function keysOf(open: OpenCase): CaseRecordKeys {
  return {
    caseId: open.case.id,
    keys: {
      caseDocs: [open.case.id],
      attachments: open.attachments.map((a) => a.id),
      followUps: open.followUps.map((f) => f.id),
      referrals: open.referrals.map((r) => r.id),
    },
  }
}

const stops: (() => void)[] = []
afterEach(() => stops.splice(0).forEach((stop) => stop()))

describe('onCaseWrites: the open case is told of its own writes, not of other cases’', () => {
  it('tells each write to the case, its added, changed and removed records, and none of another case', async () => {
    const db = freshDb()
    const { committee, roomId } = await setUpCommittee(db)
    const open = await createCase(db, intake(roomId), committee, '测试')
    const other = await createCase(db, intake(roomId, { title: '另一件' }), committee, '测试')
    const otherFile = await addAttachment(db, other.id, 'evidence', png('其他.png'), '测试')
    let watched = keysOf((await readOpenCase(db, open.id))!)
    const told: string[] = []
    let step = ''
    stops.push(
      onCaseWrites(
        db,
        () => watched,
        () => told.push(step),
      ),
    )
    /** Writes `other`'s then `own` (each a committed transaction) and waits until the own one is told. */
    const expectTold = async (label: string, own: () => Promise<unknown>, others: () => Promise<unknown>) => {
      step = `${label}: other case`
      await others()
      step = label
      const before = told.length
      await own()
      await vi.waitFor(() => expect(told.length).toBeGreaterThan(before))
      watched = keysOf((await readOpenCase(db, open.id))!)
    }

    await expectTold(
      'case edited',
      () => updateCase(db, open.id, { title: '已改' }, '测试'),
      () => updateCase(db, other.id, { title: '也改' }, '测试'),
    )
    let file = ''
    await expectTold(
      'file added',
      async () => (file = (await addAttachment(db, open.id, 'evidence', png('本案.png'), '测试')).id),
      () => addAttachment(db, other.id, 'evidence', png('其他2.png'), '测试'),
    )
    await expectTold(
      'follow-up added',
      () => addFollowUp(db, visit(open.id), '测试'),
      () => addFollowUp(db, visit(other.id), '测试'),
    )
    await expectTold(
      'file removed',
      () => removeAttachment(db, file, '测试'),
      () => removeAttachment(db, otherFile.id, '测试'),
    )
    expect(told).toEqual(['case edited', 'file added', 'follow-up added', 'file removed'])
  })

  it('tells a bulk write whose keys Dexie does not list (50 or more), and nothing once no case is open', async () => {
    const db = freshDb()
    const { committee, roomId } = await setUpCommittee(db)
    const open = await createCase(db, intake(roomId), committee, '测试')
    const other = await createCase(db, intake(roomId, { title: '另一件' }), committee, '测试')
    let watched: CaseRecordKeys | undefined = keysOf((await readOpenCase(db, open.id))!)
    const told: string[] = []
    stops.push(
      onCaseWrites(
        db,
        () => watched,
        () => told.push('told'),
      ),
    )
    const now = new Date().toISOString()
    const many = Array.from({ length: 60 }, (_, i) => ({
      ...visit(other.id),
      id: `v${i}`,
      createdAt: now,
      updatedAt: now,
    }))
    await db.followUps.bulkPut(many)
    await vi.waitFor(() => expect(told).toEqual(['told']))

    watched = undefined
    await updateCase(db, open.id, { title: '关闭后' }, '测试')
    // a later write that is told proves the one before was seen and passed over
    watched = keysOf((await readOpenCase(db, open.id))!)
    await updateCase(db, open.id, { title: '再次打开' }, '测试')
    await vi.waitFor(() => expect(told).toEqual(['told', 'told']))
  })
})
