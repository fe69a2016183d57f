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

describe('DateField', () => {
  it('offers 今天 in its calendar', async () => {
    mounted = await mountInApp(() => h(DateField, { value: '2027-01-10', label: '履行期限', clearable: true }))
    const input = document.querySelector<HTMLInputElement>('[data-label="履行期限"] input')
    input?.click()
    input?.dispatchEvent(new FocusEvent('focus'))
    await flushPromises()
    await expect.poll(() => buttonTexts()).toContain('今天')
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
    const input = document.querySelector<HTMLInputElement>('[data-label="回访日期"] input')
    input?.click()
    input?.dispatchEvent(new FocusEvent('focus'))
    await flushPromises()
    await expect.poll(() => buttonTexts()).toContain('今天')
    await clickButton('今天')
    expect(written.at(-1)).toBe('2026-12-06')
  })
})
