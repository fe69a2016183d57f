/**
 * The open case read again after another PC's change (issue 17) keeps the object of every 调解记录 whose
 * content did not change: an open SessionEditor is handed a new object only for its record's own change.
 * Through the real store and database (fake-indexeddb); "another PC" is a write to the database, as live
 * sync's is; the tests wait for the store to show the write, never for time.
 */
import 'fake-indexeddb/auto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { WatchSource } from 'vue'
import { nextChange } from '../components/nextChange'
import { useCaseDetailStore } from '../../../src/stores/caseDetail'
import { getDatabase } from '../../../src/db/connection'
import { updateCase } from '../../../src/db/casesRepo'
import { saveSession } from '../../../src/db/caseRecordsRepo'
import { caseDocTables, mustGetCaseDoc, putCaseDoc } from '../../../src/db/caseDocs'
import { newSessionRecord } from '../../../src/domain/sessions'
import type { SessionRecord } from '../../../src/domain/types'
import { officeReady, registeredCase } from '../components/appData'
import { freshPinia } from '../components/mountInApp'

beforeAll(async () => {
  freshPinia()
  await officeReady()
})

/** A case with three 调解记录, open in a fresh store. */
async function caseOpen() {
  freshPinia()
  await officeReady()
  const c = await registeredCase()
  const { db } = await getDatabase()
  for (const startedAt of ['2026-03-10T01:30:00.000Z', '2026-03-11T01:30:00.000Z', '2026-03-12T01:30:00.000Z'])
    await saveSession(db, newSessionRecord(c, 'mediation', '第一调解室', startedAt), '甲机')
  const detail = useCaseDetailStore()
  await detail.load(c.id)
  expect(detail.sessions).toHaveLength(3)
  /** another PC's write, taken in; resolves once the store shows `shown` changed */
  async function otherPc(write: () => Promise<unknown>, shown: WatchSource = () => detail.sessions) {
    const changed = nextChange(shown)
    await write()
    await changed
  }
  const edit = (s: SessionRecord, change: Partial<SessionRecord>) => () => saveSession(db, { ...s, ...change }, '乙机')
  return { c, db, detail, otherPc, edit }
}

describe('the open case read again keeps the session records that did not change', () => {
  it('replaces only the changed record; the others keep their objects', async () => {
    const { detail, otherPc, edit } = await caseOpen()
    const [first, second, third] = detail.sessions as [SessionRecord, SessionRecord, SessionRecord]
    await otherPc(edit(second, { notes: '乙机：双方同意再约时间。' }))
    expect(detail.sessions).toHaveLength(3)
    expect(detail.sessions[0]).toBe(first)
    expect(detail.sessions[1]).not.toBe(second)
    expect(detail.sessions[1]).toMatchObject({ id: second.id, notes: '乙机：双方同意再约时间。' })
    expect(detail.sessions[2]).toBe(third)
  })

  it('adds a record and takes one away, keeping the objects of the rest', async () => {
    const { c, db, detail, otherPc } = await caseOpen()
    const [first, second, third] = detail.sessions as [SessionRecord, SessionRecord, SessionRecord]
    await otherPc(() => saveSession(db, newSessionRecord(c, 'mediation', '村委会', '2026-03-13T01:30:00.000Z'), '乙机'))
    for (const [i, s] of [first, second, third].entries()) expect(detail.sessions[i]).toBe(s)
    expect(detail.sessions[3]).toMatchObject({ place: '村委会' })
    const added = detail.sessions[3]!

    // a version of the case without the second record (as a pull may write one)
    await otherPc(() =>
      db.transaction('rw', caseDocTables(db), async () => {
        const doc = await mustGetCaseDoc(db, c.id)
        await putCaseDoc(db, { ...doc, sessions: doc.sessions.filter((s) => s.id !== second.id) })
      }),
    )
    expect(detail.sessions).toHaveLength(3)
    expect(detail.sessions[0]).toBe(first)
    expect(detail.sessions[1]).toBe(third)
    expect(detail.sessions[2]).toBe(added)
  })

  it('keeps the list itself when the case changed and its records did not', async () => {
    const { c, db, detail, otherPc } = await caseOpen()
    const shown = detail.sessions
    await otherPc(
      () => updateCase(db, c.id, { title: '乙机改的标题' }, '乙机'),
      () => detail.caseRecord,
    )
    expect(detail.caseRecord?.title).toBe('乙机改的标题')
    expect(detail.sessions).toBe(shown)
  })
})
