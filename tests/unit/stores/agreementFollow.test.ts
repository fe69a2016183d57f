/**
 * The agreement draft open while another PC's change to it arrives (issue 17): the editor's content follows
 * the stored draft in the fields not typed here, keeps what is typed, names a field both changed, and a
 * save writes only what was typed here. Taking a change in leaves nothing to save (the view autosaves only
 * when `hasChangesToSave`), so two PCs with the draft open do not send it back and forth. Through the real
 * store and database (fake-indexeddb); "another PC" is a write to the database, as live sync's is; the
 * tests wait for the store to replace the draft, never for time.
 */
import 'fake-indexeddb/auto'
import { beforeAll, describe, expect, it } from 'vitest'
import { nextChange } from '../components/nextChange'
import { useAgreementStore } from '../../../src/stores/agreement'
import { getDatabase } from '../../../src/db/connection'
import { applyAction } from '../../../src/db/casesRepo'
import { saveDraft } from '../../../src/db/agreementsRepo'
import { editableOf } from '../../../src/domain/agreementDraft'
import type { Agreement } from '../../../src/domain/types'
import { officeReady, registeredCase, type Office } from '../components/appData'
import { freshPinia } from '../components/mountInApp'

let office: Office

beforeAll(async () => {
  freshPinia()
  office = await officeReady()
})

/** A mediating case with a draft agreement, open in a fresh store. */
async function draftOpen() {
  freshPinia()
  await officeReady()
  const c = await registeredCase()
  const { db } = await getDatabase()
  const accept = { acceptedOn: '2026-03-02', deadlineDays: 30, mediatorIds: [office.mediatorIds[0]!] }
  await applyAction(db, c.id, 'accept', accept, office.committee, '测试')
  await applyAction(db, c.id, 'mediate', {}, office.committee, '测试')
  const agreement = useAgreementStore()
  await agreement.load(c.id)
  await agreement.startDraft()
  const draft = agreement.current!
  /** another PC's change to the draft, taken in (as sync writes it); resolves once the store shows it */
  async function otherPc(change: Partial<Agreement>): Promise<Agreement> {
    const shown = nextChange(() => agreement.versions)
    const stored = (await db.agreements.get(draft.id))!
    const written = await saveDraft(db, draft.id, { ...editableOf(stored), ...change }, '乙机')
    await shown
    return written
  }
  const stored = async () => (await db.agreements.get(draft.id))!
  const auditCount = () => db.audit.count()
  return { agreement, otherPc, stored, auditCount }
}

describe('an agreement draft open while another PC changes it', () => {
  it('takes the change into the untouched fields, and then has nothing to save', async () => {
    const { agreement, otherPc, stored, auditCount } = await draftOpen()
    const written = await otherPc({ disputes: '乙机：漏水修理费用由谁承担。', copies: 4 })
    expect(agreement.editing).toMatchObject({ disputes: '乙机：漏水修理费用由谁承担。', copies: 4 })
    expect(agreement.clashes).toEqual([])
    expect(agreement.hasChangesToSave(agreement.editing!)).toBe(false)
    const before = await auditCount()
    await agreement.saveDraft(agreement.editing!)
    expect(await stored()).toEqual(written)
    expect(await auditCount()).toBe(before)
  })

  it('keeps what is typed here and writes only that, so the other PC change stays', async () => {
    const { agreement, otherPc, stored } = await draftOpen()
    agreement.editing = { ...agreement.editing!, performanceTerms: '甲机：本月底前付清。' }
    await otherPc({ disputes: '乙机：漏水修理费用由谁承担。' })
    expect(agreement.editing).toMatchObject({
      performanceTerms: '甲机：本月底前付清。',
      disputes: '乙机：漏水修理费用由谁承担。',
    })
    expect(agreement.hasChangesToSave(agreement.editing!)).toBe(true)
    await agreement.saveDraft(agreement.editing!)
    expect(await stored()).toMatchObject({
      performanceTerms: '甲机：本月底前付清。',
      disputes: '乙机：漏水修理费用由谁承担。',
    })
    expect(agreement.hasChangesToSave(agreement.editing!)).toBe(false)
  })

  it('names the field both changed, keeps the typing and saves it', async () => {
    const { agreement, otherPc, stored } = await draftOpen()
    agreement.editing = { ...agreement.editing!, facts: '甲机：楼上漏水三个月。' }
    await otherPc({ facts: '乙机：楼上漏水半年。' })
    expect(agreement.clashes).toEqual([{ field: 'facts', theirs: '乙机：楼上漏水半年。' }])
    expect(agreement.editing?.facts).toBe('甲机：楼上漏水三个月。')
    await agreement.saveDraft(agreement.editing!)
    expect((await stored()).facts).toBe('甲机：楼上漏水三个月。')
  })

  it('keeps the value that came in for the notice, also once the stored draft changed again, and takes it', async () => {
    const { agreement, otherPc, stored } = await draftOpen()
    agreement.editing = { ...agreement.editing!, facts: '甲机：楼上漏水三个月。' }
    await otherPc({ facts: '乙机：楼上漏水半年。' })
    // the stored draft changes again: this editor's autosave stores what was typed, then the other PC
    // changes another field; the notice still has what came in for the facts
    await agreement.saveDraft(agreement.editing!)
    await otherPc({ disputes: '乙机：漏水修理费用由谁承担。' })
    expect(await stored()).toMatchObject({ facts: '甲机：楼上漏水三个月。', disputes: '乙机：漏水修理费用由谁承担。' })
    expect(agreement.clashes).toEqual([{ field: 'facts', theirs: '乙机：楼上漏水半年。' }])
    // 采用对方的内容: the editor gets it, and its save writes it (the stored draft holds this editor's)
    agreement.takeClash('facts')
    expect(agreement.clashes).toEqual([])
    expect(agreement.editing).toMatchObject({ facts: '乙机：楼上漏水半年。', disputes: '乙机：漏水修理费用由谁承担。' })
    expect(agreement.hasChangesToSave(agreement.editing!)).toBe(true)
    await agreement.saveDraft(agreement.editing!)
    expect((await stored()).facts).toBe('乙机：楼上漏水半年。')
  })

  it('a field that clashes again carries the newer value that came in', async () => {
    const { agreement, otherPc } = await draftOpen()
    agreement.editing = { ...agreement.editing!, facts: '甲机：楼上漏水三个月。', copies: 5 }
    await otherPc({ facts: '乙机：楼上漏水半年。', copies: 4 })
    await otherPc({ facts: '乙机：楼上漏水一年。' })
    expect(agreement.clashes).toEqual([
      { field: 'facts', theirs: '乙机：楼上漏水一年。' },
      { field: 'copies', theirs: 4 },
    ])
    expect(agreement.editing).toMatchObject({ facts: '甲机：楼上漏水三个月。', copies: 5 })
  })
})
