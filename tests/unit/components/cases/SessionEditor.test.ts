// @vitest-environment happy-dom
/**
 * A 调解记录 open while another PC's change to it arrives (issue 17): the fields not typed here show the
 * change, typed ones stay, both changed is named, and the autosave writes only what was typed here. The
 * critical trap: taking the change in must not start a save (two PCs with the record open would send it
 * back and forth for ever, each save restamping it). Through the real stores and database (fake-indexeddb);
 * "another PC" is a write to the database, as live sync's is; the tests wait for the store to replace the
 * record and for the autosave's flush, never for time.
 */
import 'fake-indexeddb/auto'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { h } from 'vue'
import { nextChange } from '../nextChange'
import { flushPromises } from '@vue/test-utils'
import SessionEditor from '../../../../src/components/cases/SessionEditor.vue'
import { useCaseDetailStore } from '../../../../src/stores/caseDetail'
import { getDatabase } from '../../../../src/db/connection'
import { saveSession } from '../../../../src/db/caseRecordsRepo'
import { flushAllAutosaves } from '../../../../src/composables/pendingSaves'
import { newSessionRecord } from '../../../../src/domain/sessions'
import type { SessionRecord } from '../../../../src/domain/types'
import { officeReady, registeredCase } from '../appData'
import { clickButton, freshPinia, mountInApp, typeInto, type Mounted } from '../mountInApp'

let mounted: Mounted | undefined

beforeAll(async () => {
  freshPinia()
  await officeReady()
})

afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = undefined
  document.body.innerHTML = ''
  vi.restoreAllMocks()
})

const value = (label: string): string =>
  document.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[aria-label="${label}"]`)?.value ?? '(none)'
const clash = (): string => document.querySelector('[data-testid="session-edit-clash"]')?.textContent ?? ''

/** A case with one empty 调解记录, opened in the store, the record's editor mounted; saves are spied on. */
async function editorOpen() {
  const pinia = freshPinia()
  await officeReady()
  const c = await registeredCase()
  const { db } = await getDatabase()
  const record = await saveSession(
    db,
    newSessionRecord(c, 'mediation', '第一调解室', '2026-03-10T01:30:00.000Z'),
    '甲机',
  )
  const detail = useCaseDetailStore()
  await detail.load(c.id)
  const saves = vi.spyOn(detail, 'saveSessionChanges')
  const wholeSaves = vi.spyOn(detail, 'saveSession')
  const open = () => detail.sessions.find((s) => s.id === record.id)!
  mounted = await mountInApp(() => h(SessionEditor, { session: open(), readOnly: false }), { pinia })
  /** another PC's change to the record, taken in (as sync writes it); resolves once the store shows it */
  async function otherPc(change: Partial<SessionRecord>): Promise<SessionRecord> {
    const shown = nextChange(() => detail.sessions)
    const written = await saveSession(db, { ...open(), ...change }, '乙机')
    await shown
    await flushPromises()
    return written
  }
  const stored = async () => (await db.caseDocs.get(c.id))!.sessions.find((s) => s.id === record.id)!
  return { saves, wholeSaves, otherPc, stored }
}

describe('a session record open while another PC changes it', () => {
  it('shows the change in the untouched fields, and taking it in saves nothing', async () => {
    const { saves, wholeSaves, otherPc, stored } = await editorOpen()
    const written = await otherPc({ notes: '乙机：申请人称通道被堵三个月。', place: '村委会' })
    expect(value('调解记录')).toBe('乙机：申请人称通道被堵三个月。')
    expect(value('调解地点')).toBe('村委会')
    expect(clash()).toBe('')
    // whatever the autosave holds is written now: nothing, so the record is not restamped
    await flushAllAutosaves()
    expect(saves).not.toHaveBeenCalled()
    expect(wholeSaves).not.toHaveBeenCalled()
    expect(await stored()).toEqual(written)
    // and a second change is taken in the same way
    await otherPc({ outcome: '双方同意再约时间。' })
    await flushAllAutosaves()
    expect(value('调解结果')).toBe('双方同意再约时间。')
    expect(saves).not.toHaveBeenCalled()
    // typing after a change was taken in is saved as before, and only the typing
    await typeInto('风险提示', '甲机：注意情绪。')
    await flushAllAutosaves()
    expect(saves.mock.calls.map(([, changes]) => changes)).toEqual([{ riskWarning: '甲机：注意情绪。' }])
    expect(await stored()).toMatchObject({ notes: '乙机：申请人称通道被堵三个月。', riskWarning: '甲机：注意情绪。' })
  })

  it('keeps what is typed here and writes only that, so the other PC change stays', async () => {
    const { saves, otherPc, stored } = await editorOpen()
    await typeInto('调解结果', '甲机：双方同意由村委会测量。')
    await otherPc({ notes: '乙机：申请人称通道被堵三个月。' })
    expect(value('调解结果')).toBe('甲机：双方同意由村委会测量。')
    expect(value('调解记录')).toBe('乙机：申请人称通道被堵三个月。')
    expect(clash()).toBe('')
    await flushAllAutosaves()
    expect(saves.mock.calls.map(([, changes]) => changes)).toEqual([{ outcome: '甲机：双方同意由村委会测量。' }])
    expect(await stored()).toMatchObject({
      notes: '乙机：申请人称通道被堵三个月。',
      outcome: '甲机：双方同意由村委会测量。',
    })
    // the saved record coming back is not a change to send again
    await flushPromises()
    await flushAllAutosaves()
    expect(saves).toHaveBeenCalledTimes(1)
  })

  it('names the field both changed, keeps the typing and saves it', async () => {
    const { otherPc, stored } = await editorOpen()
    await typeInto('调解记录', '甲机：双方同意调解。')
    await otherPc({ notes: '乙机：申请人不同意。', riskWarning: '注意情绪' })
    expect(clash()).toContain('您正在填写的“调解记录”刚被其他电脑（或本机的其他操作）改过')
    // the notice names the box by the words shown above it on screen
    const shownLabels = [...document.querySelectorAll('.n-form-item-label')].map((l) => l.textContent?.trim())
    expect(shownLabels).toContain('调解记录')
    expect(shownLabels).not.toContain('记录')
    expect(value('调解记录')).toBe('甲机：双方同意调解。')
    expect(value('风险提示')).toBe('注意情绪')
    await flushAllAutosaves()
    expect(await stored()).toMatchObject({ notes: '甲机：双方同意调解。', riskWarning: '注意情绪' })
  })

  it('shows what the other PC wrote; ours is kept and saved unless 采用对方的内容, which then saves theirs', async () => {
    const { saves, otherPc, stored } = await editorOpen()
    await typeInto('调解记录', '甲机：双方同意调解。')
    await otherPc({ notes: '乙机：申请人不同意。', place: '村委会' })
    expect(clash()).toContain('调解记录 另一台电脑改成了：乙机：申请人不同意。')
    // keeping ours is the default: the autosave stores it, and the notice still shows theirs (not ours)
    await flushAllAutosaves()
    expect((await stored()).notes).toBe('甲机：双方同意调解。')
    expect(clash()).toContain('另一台电脑改成了：乙机：申请人不同意。')
    await clickButton('采用对方的内容')
    expect(value('调解记录')).toBe('乙机：申请人不同意。')
    expect(clash()).toBe('')
    await flushAllAutosaves()
    expect(await stored()).toMatchObject({ notes: '乙机：申请人不同意。', place: '村委会' })
    expect(saves.mock.calls.map(([, changes]) => changes)).toEqual([
      { notes: '甲机：双方同意调解。' },
      { notes: '乙机：申请人不同意。' },
    ])
  })

  it('采用对方的内容: the field is theirs as stored, and ours is never written after it', async () => {
    const { saves, otherPc, stored } = await editorOpen()
    await typeInto('调解结果', '甲机：同意。')
    await otherPc({ outcome: '乙机：不同意。' })
    // the autosave may have stored ours before theirs arrived (it writes half a second after typing)
    const oursStored = saves.mock.calls.length > 0
    const before = saves.mock.calls.length
    await clickButton('采用对方的内容')
    expect(value('调解结果')).toBe('乙机：不同意。')
    await flushAllAutosaves()
    // theirs is what is stored: nothing to write when it came in after ours was stored over it (or ours was
    // never stored); written back when our save, still running, landed after theirs
    const after = saves.mock.calls.slice(before).map(([, changes]) => changes)
    expect(after).toEqual(oursStored && after.length ? [{ outcome: '乙机：不同意。' }] : [])
    expect((await stored()).outcome).toBe('乙机：不同意。')
  })
})
