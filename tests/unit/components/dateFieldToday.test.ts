// @vitest-environment happy-dom
/** A date field's quick pick is a day, and says so: 今天, not the time-of-day 此刻 of Naive UI's Chinese words. */
import { afterEach, describe, expect, it } from 'vitest'
import { h } from 'vue'
import { flushPromises } from '@vue/test-utils'
import DateField from '../../../src/components/DateField.vue'
import { buttonTexts, mountInApp, type Mounted } from './mountInApp'

let mounted: Mounted | undefined
afterEach(() => {
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
})
