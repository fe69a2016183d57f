// @vitest-environment happy-dom
/**
 * naiveAria's select repairs on naive-ui's own selects as they mount (not on trimmed markup): one choice, several
 * choices, and a filterable one of several, whose tag box naive-ui gives its tabindex in a mounted hook.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { h } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { NSelect } from 'naive-ui'
import { repairNaiveAria } from '../../../src/naiveAria'

const OPTIONS = [
  { label: '当场解答', value: 'answered' },
  { label: '转办部门', value: 'referred' },
]
/** Mutation observers report after the current task's microtasks. */
const settled = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

let stop: (() => void) | undefined
let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  stop?.()
  document.body.innerHTML = ''
})

describe('naive-ui selects, mounted after the repairs started', () => {
  it.each([
    ['one choice', { value: null }],
    ['several choices', { value: [], multiple: true }],
    ['several choices, filterable', { value: [], multiple: true, filterable: true }],
  ])('%s: the focusable box is a closed combobox named after the select', async (_what, props) => {
    stop = repairNaiveAria(document.body)
    wrapper = mount(() => h(NSelect, { ...props, options: OPTIONS, 'aria-label': '按分流筛选' }), {
      attachTo: document.body,
    })
    await flushPromises()
    await settled()
    const select = document.querySelector('.n-select')!
    const boxes = [...document.querySelectorAll('.n-base-selection [tabindex="0"]')]
    expect(boxes).toHaveLength(1)
    const box = boxes[0]!
    expect(box.getAttribute('role')).toBe('combobox')
    expect(box.getAttribute('aria-expanded')).toBe('false')
    expect(box.getAttribute('aria-labelledby')).toBe(select.id)
    expect(select.getAttribute('aria-label')).toBe('按分流筛选')
  })
})
