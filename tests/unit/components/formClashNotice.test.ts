// @vitest-environment happy-dom
/**
 * FormClashNotice (issue 17): the one notice of the case form, the session editor and the agreement when a
 * field was changed both here and elsewhere. It names the fields, shows what the other side wrote
 * (shortened), and its button 采用对方的内容 asks for theirs; keeping ours needs nothing. Focus stays in the
 * notice after a take, so a keyboard user goes on from there.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { h, nextTick, ref } from 'vue'
import { flushPromises } from '@vue/test-utils'
import FormClashNotice, { type ShownClash } from '../../../src/components/FormClashNotice.vue'
import { mountInApp, type Mounted } from './mountInApp'

let mounted: Mounted | undefined
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = undefined
  document.body.innerHTML = ''
})

const LONG =
  '乙机记录：申请人称漏水已有三个月，天花板发霉，墙皮脱落，家中老人因此咳嗽不止，要求被申请人立即修理并赔偿医药费和粉刷费用。'

/** The notice with `clashes`; a take removes the clash (as the forms do) and is recorded. */
async function notice(clashes: ShownClash[], extra: { disabled?: boolean; closable?: boolean } = {}) {
  const list = ref(clashes)
  const taken: string[] = []
  let closed = 0
  mounted = await mountInApp(() =>
    h(FormClashNotice, {
      testid: 'session-edit-clash',
      title: '这份记录刚在其他地方被修改',
      kept: '会自动保存，以您填写的为准',
      clashes: list.value,
      ...extra,
      onTake: (field: string) => {
        taken.push(field)
        list.value = list.value.filter((c) => c.field !== field)
      },
      onClose: () => {
        closed += 1
        list.value = []
      },
    }),
  )
  return { list, taken, closed: () => closed }
}

const box = () => document.querySelector<HTMLElement>('[data-testid="session-edit-clash"]')
const takeButtons = () =>
  [...document.querySelectorAll<HTMLButtonElement>('button')].filter((b) => b.textContent?.trim() === '采用对方的内容')

describe('FormClashNotice', () => {
  it('names the fields, says what the other side wrote, shortened, and keeping ours is the default', async () => {
    await notice([
      { field: 'notes', label: '调解记录', theirs: LONG },
      { field: 'place', label: '调解地点', theirs: '村委会' },
    ])
    const text = box()?.textContent ?? ''
    expect(text).toContain('这份记录刚在其他地方被修改')
    expect(text).toContain(
      '您正在填写的“调解记录、调解地点”刚被其他电脑（或本机的其他操作）改过。下面仍是您填写的内容，会自动保存，以您填写的为准；其余没动过的内容已换成最新的。',
    )
    const lines = [...(box()?.querySelectorAll('li .what') ?? [])].map((li) =>
      li.textContent?.replace(/\s+/g, ' ').trim(),
    )
    // the written-out shortened value: the first 60 characters, then the count
    expect(Array.from(LONG)).toHaveLength(61)
    expect(lines).toEqual([
      '调解记录 另一台电脑改成了：乙机记录：申请人称漏水已有三个月，天花板发霉，墙皮脱落，家中老人因此咳嗽不止，要求被申请人立即修理并赔偿医药费和粉刷费用……（共 61 字）',
      '调解地点 另一台电脑改成了：村委会',
    ])
    expect(text).toContain('不点“采用对方的内容”，就保留您填写的。')
    expect(takeButtons()).toHaveLength(2)
  })

  it('each button is described by its own line (a screen reader says which field it takes)', async () => {
    await notice([
      { field: 'notes', label: '调解记录', theirs: '乙机写的。' },
      { field: 'place', label: '调解地点', theirs: '村委会' },
    ])
    const described = takeButtons().map(
      (b) => document.getElementById(b.getAttribute('aria-describedby') ?? '')?.textContent,
    )
    expect(described.map((t) => t?.replace(/\s+/g, ' ').trim())).toEqual([
      '调解记录 另一台电脑改成了：乙机写的。',
      '调解地点 另一台电脑改成了：村委会',
    ])
  })

  it('采用对方的内容 asks for that field, then focus goes to the next button, then to what was taken', async () => {
    const { taken } = await notice([
      { field: 'notes', label: '调解记录', theirs: '乙机写的。' },
      { field: 'place', label: '调解地点', theirs: '村委会' },
    ])
    takeButtons()[0]!.click()
    await flushPromises()
    await nextTick()
    expect(taken).toEqual(['notes'])
    expect(takeButtons()).toHaveLength(1)
    expect(document.activeElement).toBe(takeButtons()[0])
    takeButtons()[0]!.click()
    await flushPromises()
    await nextTick()
    expect(taken).toEqual(['notes', 'place'])
    expect(box()).toBeNull()
    const status = document.querySelector<HTMLElement>('[data-testid="session-edit-clash-taken"]')
    expect(status?.getAttribute('role')).toBe('status')
    expect(status?.textContent?.trim()).toBe('已采用另一台电脑的“调解地点”。')
    expect(document.activeElement).toBe(status)
  })

  it('a read-only form shows the values but offers nothing to take', async () => {
    await notice([{ field: 'notes', label: '调解记录', theirs: '乙机写的。' }], { disabled: true })
    expect(box()?.textContent).toContain('另一台电脑改成了：乙机写的。')
    expect(takeButtons()).toHaveLength(0)
    expect(box()?.textContent).not.toContain('不点“采用对方的内容”')
  })

  it('no clash: nothing is shown', async () => {
    await notice([])
    expect(box()).toBeNull()
    expect(takeButtons()).toHaveLength(0)
  })

  it('closable: closing asks the form to forget the clashes', async () => {
    const { closed } = await notice([{ field: 'notes', label: '调解记录', theirs: '乙机写的。' }], {
      closable: true,
    })
    box()?.querySelector<HTMLElement>('.n-base-close')?.click()
    await flushPromises()
    expect(closed()).toBe(1)
    expect(box()).toBeNull()
  })
})
