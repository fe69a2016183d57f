import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { createCase, saveParties, updateCase } from '../../../src/db/casesRepo'
import { withPartySummary } from '../../../src/domain/intake'
import { countOpenConflicts, listOpenConflicts, settleConflict } from '../../../src/db/conflictsRepo'
import { exportAll, exportCases, serializeTransferFile } from '../../../src/db/transfer/export'
import { importFile } from '../../../src/db/transfer/import'
import { verifyAuditLog } from '../../../src/db/audit'
import { containsUnmaskedPersonalNumber } from '../../../src/domain/masking'
import { SETTLE_REFUSALS } from '../../../src/domain/conflicts'
import { verifyChain } from '../../../src/domain/audit'
import { currentStoreKeys } from '../../../src/db/keys'
import type { MediationDb } from '../../../src/db/schema'
import type { PartyInput } from '../../../src/domain/parties'
import { freshDb } from './helpers'
import { intake, person, setUpCommittee } from './caseFixtures'
import { changeCase, dbContentArb, fingerprint, freshDb as freshArbDb, load, storedCase } from '../transfer/arbitraries'
import { mustGetCaseDoc, partiesOf } from '../../../src/db/caseDocs'
import { caseDigests } from '../../../src/db/caseIndex'
import type { Party } from '../../../src/domain/types'

const ACTOR = '李淑珺'
const { gone: CONFLICT_GONE, localChanged: LOCAL_CHANGED, archived: CASE_ARCHIVED } = SETTLE_REFUSALS
const APPLICANT_ID = '11010519491231002X'

/** The parties stored in a case's document, in their order. */
async function partiesHere(db: MediationDb, caseId: string): Promise<Party[]> {
  return partiesOf(await mustGetCaseDoc(db, caseId))
}

async function partyHere(db: MediationDb, caseId: string, partyId: string): Promise<Party | undefined> {
  return (await partiesHere(db, caseId)).find((p) => p.id === partyId)
}

/** The case's digest as the list and the search hold it (src/db/caseIndex.ts). */
async function digestHere(db: MediationDb, caseId: string) {
  return (await caseDigests(db)).find((d) => d.id === caseId)
}

/** A case exported as it was, then edited here: importing the old file conflicts on the case and the applicant. */
async function conflictedCase(options: { mask?: boolean; edit?: 'phone' | 'address' } = {}) {
  const db = freshDb()
  const { committee, roomId } = await setUpCommittee(db)
  const parties = [
    person('王𠮷', '申请人', { phone: '13900001111', idNumber: APPLICANT_ID }),
    person('赵堃', '被申请人'),
  ]
  const c = await createCase(db, intake(roomId, { title: '相邻通行纠纷', parties }), committee, ACTOR)
  const file = options.mask ? await exportCases(db, [c.id], { actor: ACTOR, mask: true }) : await exportAll(db)
  const text = serializeTransferFile(file)
  await updateCase(db, c.id, { title: '相邻通行及排水纠纷' }, ACTOR)
  const stored = await partiesHere(db, c.id)
  const edited = stored.map((p, i): PartyInput => {
    const input: PartyInput = { ...p, phone: p.phone ?? '', address: p.address ?? '' }
    if (i > 0) return input
    return options.edit === 'address' ? { ...input, address: '城关镇东街8号' } : { ...input, phone: '13900002222' }
  })
  await saveParties(db, c.id, edited, ACTOR)
  const result = await importFile(db, text, { actor: ACTOR })
  return { db, caseId: c.id, applicantId: stored[0]!.id, result }
}

async function openFor(db: MediationDb, table: string) {
  const found = (await listOpenConflicts(db)).find((c) => c.conflict.table === table)
  if (!found) throw new Error(`no open conflict on ${table}`)
  return found
}

describe('settling import conflicts', () => {
  it('lists each conflict with the differing fields in Chinese, numbers masked', async () => {
    const { db } = await conflictedCase()
    const open = await listOpenConflicts(db)
    expect(open.map((c) => c.conflict.table).sort()).toEqual(['cases', 'parties'])
    expect(await countOpenConflicts(db)).toBe(2)
    const onCase = await openFor(db, 'cases')
    expect(onCase.caseLabel).toBe('未受理 相邻通行及排水纠纷')
    expect(onCase.differences.find((d) => d.field === 'title')).toEqual({
      field: 'title',
      label: '纠纷名称',
      local: '相邻通行及排水纠纷',
      incoming: '相邻通行纠纷',
    })
    // derived keys are recomputed on write, so they are never offered as a difference
    expect(onCase.differences.map((d) => d.field)).not.toContain('partySummary')
    const onParty = await openFor(db, 'parties')
    expect(onParty.differences.find((d) => d.field === 'phone')).toMatchObject({
      label: '电话',
      local: '139****2222',
      incoming: '139****1111',
    })
    expect(containsUnmaskedPersonalNumber(JSON.stringify(open.map((c) => c.differences)))).toBe(false)
  })

  it('采用导入 writes the incoming case with its derived keys recomputed, deletes the conflict and logs field names only', async () => {
    const { db, caseId } = await conflictedCase()
    const { conflict, localVersion } = await openFor(db, 'cases')
    const result = await settleConflict(db, conflict.id, 'incoming', { actor: ACTOR, seenLocalVersion: localVersion })
    const stored = (await storedCase(db, caseId))!
    expect(stored.title).toBe('相邻通行纠纷')
    expect(stored).toEqual(withPartySummary(stored, await partiesHere(db, caseId)))
    expect((await digestHere(db, caseId))?.title).toBe('相邻通行纠纷')
    expect(await db.conflicts.get(conflict.id)).toBeUndefined()
    expect(await countOpenConflicts(db)).toBe(1)
    const last = (await db.audit.orderBy('seq').last())!
    expect(last).toMatchObject({
      action: 'settle-take-incoming',
      entity: 'case',
      entityId: caseId,
      caseId,
      actor: ACTOR,
    })
    expect(last.fields).toEqual(result.fields)
    expect(last.fields).toContain('title')
    expect(JSON.stringify(last)).not.toContain('相邻通行')
    expect((await verifyAuditLog(db)).ok).toBe(true)
  })

  it('采用导入 on a party puts the party back and refreshes the case summary and search keys', async () => {
    const { db, caseId, applicantId } = await conflictedCase()
    expect((await digestHere(db, caseId))?.phoneTails).toContain('002222')
    const { conflict } = await openFor(db, 'parties')
    await settleConflict(db, conflict.id, 'incoming', { actor: ACTOR })
    expect((await partyHere(db, caseId, applicantId))?.phone).toBe('13900001111')
    // the search finds the case by the phone now stored, no longer by the replaced one
    const digest = await digestHere(db, caseId)
    expect(digest?.phoneTails).toContain('001111')
    expect(digest?.phoneTails).not.toContain('002222')
    const after = (await storedCase(db, caseId))!
    expect(after).toEqual(withPartySummary(after, await partiesHere(db, caseId)))
    expect((await db.audit.orderBy('seq').last())?.fields).toEqual(['phone', 'updatedAt'])
  })

  it('采用导入 on a conflict recorded by an older version (incoming case with search keys) writes the case without them', async () => {
    const { db, caseId } = await conflictedCase()
    const { conflict } = await openFor(db, 'cases')
    await db.conflicts.put({
      ...conflict,
      incoming: { ...(conflict.incoming as object), searchTokens: ['t:相邻'], facets: ['s:intake'] },
    })
    const open = await openFor(db, 'cases')
    expect(open.differences.map((d) => d.field)).not.toContain('searchTokens')
    await settleConflict(db, conflict.id, 'incoming', { actor: ACTOR, seenLocalVersion: open.localVersion })
    const doc = (await db.caseDocs.get(caseId))!
    expect(doc.title).toBe('相邻通行纠纷')
    expect(Object.keys(doc)).not.toContain('searchTokens')
    expect(Object.keys(doc)).not.toContain('facets')
  })

  it('保留本机 leaves the record exactly as it was and removes the conflict, audited', async () => {
    const { db, caseId } = await conflictedCase()
    const before = await db.caseDocs.get(caseId)
    const { conflict } = await openFor(db, 'cases')
    await settleConflict(db, conflict.id, 'local', { actor: ACTOR })
    expect(await db.caseDocs.get(caseId)).toEqual(before)
    expect(await db.conflicts.get(conflict.id)).toBeUndefined()
    expect((await db.audit.orderBy('seq').last())?.action).toBe('settle-keep-local')
    expect((await verifyAuditLog(db)).ok).toBe(true)
  })

  it('refuses a conflict settled already or never there, changing nothing', async () => {
    const { db } = await conflictedCase()
    const { conflict } = await openFor(db, 'cases')
    await settleConflict(db, conflict.id, 'local', { actor: ACTOR })
    const before = await fingerprint(db)
    await expect(settleConflict(db, conflict.id, 'incoming', { actor: ACTOR })).rejects.toThrow(CONFLICT_GONE)
    await expect(settleConflict(db, 'cases:nope', 'local', { actor: ACTOR })).rejects.toThrow(CONFLICT_GONE)
    expect(await fingerprint(db)).toEqual(before)
  })

  it('refuses when the local record changed after it was compared, changing nothing', async () => {
    const { db, caseId } = await conflictedCase()
    const { conflict, localVersion } = await openFor(db, 'cases')
    await updateCase(db, caseId, { facts: '又补充了事实。' }, ACTOR)
    const before = await fingerprint(db)
    await expect(
      settleConflict(db, conflict.id, 'incoming', { actor: ACTOR, seenLocalVersion: localVersion }),
    ).rejects.toThrow(LOCAL_CHANGED)
    expect(await fingerprint(db)).toEqual(before)
  })

  it('refuses either choice on a case archived meanwhile (read-only), changing nothing', async () => {
    const { db, caseId } = await conflictedCase()
    await changeCase(db, caseId, (doc) => ({ ...doc, status: 'archived', archivedAt: '2026-11-22T08:00:00.000Z' }))
    expect((await listOpenConflicts(db)).every((c) => c.caseReadOnly)).toBe(true)
    const before = await fingerprint(db)
    for (const table of ['cases', 'parties']) {
      const { conflict } = await openFor(db, table)
      await expect(settleConflict(db, conflict.id, 'incoming', { actor: ACTOR })).rejects.toThrow(CASE_ARCHIVED)
      await expect(settleConflict(db, conflict.id, 'local', { actor: ACTOR })).rejects.toThrow(CASE_ARCHIVED)
    }
    expect(await fingerprint(db)).toEqual(before)
  })

  it('a masked file hides numbers but changes nothing by it: 采用导入 keeps the full numbers here', async () => {
    const { db, caseId, applicantId } = await conflictedCase({ mask: true, edit: 'address' })
    const onParty = await openFor(db, 'parties')
    expect(onParty.differences.map((d) => d.field)).toEqual(['address', 'updatedAt'])
    expect(onParty.incomingBlocked).toBeUndefined()
    await settleConflict(db, onParty.conflict.id, 'incoming', { actor: ACTOR })
    const applicant = (await partyHere(db, caseId, applicantId))!
    expect(applicant).toMatchObject({ idNumber: APPLICANT_ID, phone: '13900001111' })
    expect(applicant.address).not.toBe('城关镇东街8号')
  })

  it('refuses 采用导入 when a masked number differs from the full one here, changing nothing; 保留本机 still works', async () => {
    const { db, caseId, applicantId } = await conflictedCase({ mask: true })
    const onParty = await openFor(db, 'parties')
    expect(onParty.differences.find((d) => d.field === 'phone')).toMatchObject({
      local: '139****2222',
      incoming: '139****1111',
    })
    expect(onParty.incomingBlocked).toContain('电话来自脱敏文件')
    const before = await fingerprint(db)
    await expect(settleConflict(db, onParty.conflict.id, 'incoming', { actor: ACTOR })).rejects.toThrow('号码不完整')
    expect(await fingerprint(db)).toEqual(before)
    await settleConflict(db, onParty.conflict.id, 'local', { actor: ACTOR })
    expect((await partyHere(db, caseId, applicantId))?.phone).toBe('13900002222')
  })
})

describe('settling every conflict of a random import (property)', () => {
  it('each record ends as the chosen version, no conflict stays open, one audit entry each, the chain verifies', async () => {
    const contentWithCases = dbContentArb.filter(
      (c) => c.cases.length > 0 && c.cases.every((k) => k.status !== 'archived'),
    )
    await fc.assert(
      fc.asyncProperty(
        contentWithCases,
        fc.infiniteStream(fc.constantFrom('local' as const, 'incoming' as const)),
        async (content, choices) => {
          const db = freshArbDb()
          await load(db, content)
          const text = serializeTransferFile(await exportAll(db))
          for (const c of content.cases)
            await changeCase(db, c.id, (doc) => ({
              ...doc,
              title: `${c.title}（本机改）`,
              updatedAt: '2026-11-22T10:00:00.000Z',
            }))
          await importFile(db, text, { actor: ACTOR })
          const open = await listOpenConflicts(db)
          expect(open).toHaveLength(content.cases.length)
          const auditBefore = await db.audit.count()
          const picked = new Map<string, 'local' | 'incoming'>()
          for (const item of open) {
            const choice = choices.next().value
            picked.set(item.conflict.recordId, choice)
            await settleConflict(db, item.conflict.id, choice, { actor: ACTOR, seenLocalVersion: item.localVersion })
          }
          expect(await countOpenConflicts(db)).toBe(0)
          for (const c of content.cases) {
            const stored = (await storedCase(db, c.id))!
            expect(stored.title).toBe(picked.get(c.id) === 'incoming' ? c.title : `${c.title}（本机改）`)
          }
          expect(await db.audit.count()).toBe(auditBefore + content.cases.length)
          expect(verifyChain(await db.audit.orderBy('seq').toArray(), currentStoreKeys().auditKey).ok).toBe(true)
        },
      ),
      { numRuns: 15 },
    )
  })
})
