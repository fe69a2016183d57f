// @vitest-environment happy-dom
/** A date field's quick pick is a day, and says so: 今天, not the time-of-day 此刻 of Naive UI's Chinese words. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { h } from 'vue'
import { flushPromises } from '@vue/test-utils'
import DateField from '../../../src/components/DateField.vue'
import { buttonTexts, clickButton, mountInApp, type Mounted } from './mountInApp'

let mounted: Mounted | undefined
const zoneBefore = process.env.TZ
afterEach(() => {
  vi.useRealTimers()
  process.env.TZ = zoneBefore
  mounted?.wrapper.unmount()
  mounted = undefined
  document.body.innerHTML = ''
})

/** Opens the field's drop-down month, as a click into its box does, and waits for its 今天. */
async function openCalendar(label: string): Promise<void> {
  const input = document.querySelector<HTMLInputElement>(`[data-label="${label}"] input`)
  input?.click()
  input?.dispatchEvent(new FocusEvent('focus'))
  await flushPromises()
  await expect.poll(() => buttonTexts()).toContain('今天')
}

describe('DateField', () => {
  it('offers 今天 in its calendar', async () => {
    mounted = await mountInApp(() => h(DateField, { value: '2027-01-10', label: '履行期限', clearable: true }))
    await openCalendar('履行期限')
    expect(buttonTexts()).not.toContain('此刻')
  })
  it('writes China’s today from 今天 on a PC set to UTC, where the PC’s own date is still the day before', async () => {
    process.env.TZ = 'UTC'
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-05T17:30:00Z')) // 01:30 on 6 December in China
    expect(new Date().getDate()).toBe(5) // the PC's own clock says the 5th
    const written: (string | undefined)[] = []
    mounted = await mountInApp(() =>
      h(DateField, {
        value: undefined,
        label: '回访日期',
        'onUpdate:value': (v: string | undefined) => written.push(v),
      }),
    )
    await openCalendar('回访日期')
    // the page's root says to hide Naive's dot, which would mark the PC's 5th
    expect(document.documentElement.classList.contains('date-today-unmarked')).toBe(true)
    await clickButton('今天')
    // written once, China's: never the PC's day before, not even for a moment
    expect(written).toEqual(['2026-12-06'])
    await expect.poll(() => buttonTexts()).not.toContain('今天')
    expect(document.documentElement.classList.contains('date-today-unmarked')).toBe(false)
  })
  it('leaves the dot alone on a PC whose date is China’s', async () => {
    process.env.TZ = 'Asia/Shanghai'
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-05T17:30:00Z'))
    mounted = await mountInApp(() => h(DateField, { value: undefined, label: '回访日期' }))
    await openCalendar('回访日期')
    expect(document.documentElement.classList.contains('date-today-unmarked')).toBe(false)
  })
})
