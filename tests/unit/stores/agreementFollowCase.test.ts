/**
 * The open agreement is read again after a write to this case's agreements or signatures, and not after one
 * to another case's (a live sync pull writes many cases' agreements; issue 17). "Read again" is counted at
 * the repository (`listAgreements` of this case, spied on, its behaviour kept). The re-read waits for a
 * quiet moment after a burst of writes: the timers are fake (setTimeout only; fake-indexeddb schedules with
 * setImmediate), and each write's debounce is run out before the next write, so two writes are never
 * merged into one re-read. The tests wait for the store to show this case's change, never for time.
 */
import 'fake-indexeddb/auto'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { nextChange } from '../components/nextChange'
import { useAgreementStore } from '../../../src/stores/agreement'
import { getDatabase } from '../../../src/db/connection'
import { applyAction } from '../../../src/db/casesRepo'
import { createDraft, listAgreements, saveDraft, saveSignature } from '../../../src/db/agreementsRepo'
import { editableOf } from '../../../src/domain/agreementDraft'
import type { Agreement, CaseRecord } from '../../../src/domain/types'
import { officeReady, registeredCase, type Office } from '../components/appData'
import { freshPinia } from '../components/mountInApp'

vi.mock('../../../src/db/agreementsRepo', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/db/agreementsRepo')>()
  return { ...real, listAgreements: vi.fn(real.listAgreements) }
})

/** A tiny valid PNG data URL (1x1), standing in for a pad's drawing. */
const INK =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

let office: Office

beforeAll(async () => {
  freshPinia()
  office = await officeReady()
})

afterEach(() => {
  vi.useRealTimers()
})

/** A case in 调解中 with its first draft agreement (written as another PC would, straight to the database). */
async function drafted(): Promise<{ c: CaseRecord; draft: Agreement }> {
  const c = await registeredCase()
  const { db } = await getDatabase()
  const accept = { acceptedOn: '2026-03-02', deadlineDays: 30, mediatorIds: [office.mediatorIds[0]!] }
  await applyAction(db, c.id, 'accept', accept, office.committee, '测试')
  await applyAction(db, c.id, 'mediate', {}, office.committee, '测试')
  return { c, draft: await createDraft(db, c.id, office.committee, '测试') }
}

describe('the open agreement follows its own case’s writes only', () => {
  it('reads again after this case’s draft or a signature changes, not after another case’s', async () => {
    freshPinia()
    await officeReady()
    const { db } = await getDatabase()
    const own = await drafted()
    const other = await drafted()
    const agreement = useAgreementStore()
    await agreement.load(own.c.id)
    expect(agreement.current?.id).toBe(own.draft.id)
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const reads = () => vi.mocked(listAgreements).mock.calls.filter(([, caseId]) => caseId === own.c.id).length

    /** another PC's write, committed; then whatever re-read it asked for is let run */
    const written = async (write: () => Promise<unknown>) => {
      await write()
      vi.runOnlyPendingTimers()
    }
    const edit = (a: Agreement, disputes: string) => async () => {
      const stored = (await db.agreements.get(a.id))!
      await saveDraft(db, a.id, { ...editableOf(stored), disputes }, '乙机')
    }
    const sign = (a: Agreement) => () =>
      saveSignature(
        db,
        {
          agreementId: a.id,
          signerRole: 'mediator',
          signerId: office.mediatorIds[0]!,
          signerName: '李淑珺',
          image: INK,
        },
        '乙机',
      )

    // another case's draft edited, then this case's: one re-read, for this case's
    let before = reads()
    await written(edit(other.draft, '他案：占道经营。'))
    let shown = nextChange(() => agreement.versions)
    await written(edit(own.draft, '本案：漏水修理费用由谁承担。'))
    await shown
    expect(agreement.current?.disputes).toBe('本案：漏水修理费用由谁承担。')
    expect(reads() - before).toBe(1)

    // another case's draft signed, then this case's (a signature not shown yet): one re-read, for this case's
    before = reads()
    await written(sign(other.draft))
    shown = nextChange(() => agreement.signatures)
    await written(sign(own.draft))
    await shown
    expect(agreement.signatures.map((s) => s.signerName)).toEqual(['李淑珺'])
    expect(reads() - before).toBe(1)
  })
})
