import { afterEach, describe, expect, it, vi } from 'vitest'
import { applyAction, createCase, updateCase } from '../../../src/db/casesRepo'
import { createDraft, removeSignature, saveDraft, saveSignature } from '../../../src/db/agreementsRepo'
import { editableOf } from '../../../src/domain/agreementDraft'
import {
  addAttachment,
  addFollowUp,
  readOpenCase,
  removeAttachment,
  type OpenCase,
} from '../../../src/db/caseRecordsRepo'
import { onCaseWrites, type CaseRecordKeys } from '../../../src/db/tableWrites'
import type { Agreement, FollowUp } from '../../../src/domain/types'
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

  it('tells the writes to the case’s agreements and their signatures (named through their agreement), none of another case’s', async () => {
    const db = freshDb()
    const { committee, roomId, mediatorIds } = await setUpCommittee(db)
    /** a case in 调解中 with its first draft agreement */
    const drafted = async (title: string): Promise<Agreement> => {
      const c = await createCase(db, intake(roomId, { title }), committee, '测试')
      const accept = { acceptedOn: '2026-03-02', deadlineDays: 30, mediatorIds: [mediatorIds[0]!] }
      await applyAction(db, c.id, 'accept', accept, committee, '测试')
      await applyAction(db, c.id, 'mediate', {}, committee, '测试')
      return createDraft(db, c.id, committee, '测试')
    }
    const own = await drafted('本案')
    const other = await drafted('另一件')
    const signatureIds = new Map<string, string[]>([
      [own.id, []],
      [other.id, []],
    ])
    /** what the agreement page watches, written out: its versions, their signatures, signatures by agreement */
    const keysOfAgreement = (): CaseRecordKeys => ({
      caseId: own.caseId,
      keys: { agreements: [own.id], signatures: signatureIds.get(own.id)! },
      through: { signatures: { index: 'agreementId', ids: [own.id] } },
    })
    const told: string[] = []
    let step = ''
    stops.push(onCaseWrites(db, keysOfAgreement, () => told.push(step)))
    const edit = (a: Agreement, disputes: string) => async () => {
      const stored = (await db.agreements.get(a.id))!
      await saveDraft(db, a.id, { ...editableOf(stored), disputes }, '乙机')
    }
    const sign = (a: Agreement) => async () => {
      const image =
        'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='
      const input = { agreementId: a.id, signerRole: 'mediator' as const, signerId: mediatorIds[0]! }
      const saved = await saveSignature(db, { ...input, signerName: '李淑珺', image }, '乙机')
      signatureIds.set(a.id, [saved.id])
    }
    const unsign = (a: Agreement) => () => removeSignature(db, signatureIds.get(a.id)![0]!, '乙机')
    const expectTold = async (label: string, ownWrite: () => Promise<unknown>, othersWrite: () => Promise<unknown>) => {
      step = `${label}: other case`
      await othersWrite()
      step = label
      const before = told.length
      await ownWrite()
      await vi.waitFor(() => expect(told.length).toBeGreaterThan(before))
    }

    await expectTold('draft edited', edit(own, '本案争议'), edit(other, '他案争议'))
    await expectTold('signed', sign(own), sign(other))
    await expectTold('signature removed', unsign(own), unsign(other))
    expect(told).toEqual(['draft edited', 'signed', 'signature removed'])
  })
})
