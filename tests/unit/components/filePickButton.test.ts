// @vitest-environment happy-dom
/**
 * File pickers speak Chinese: a button with the app's words opens the (hidden) file input, and what
 * was chosen is named beside it, instead of the browser's "Choose File / No file chosen".
 */
import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { h } from 'vue'
import FilePickButton from '../../../src/components/FilePickButton.vue'
import CaseActionDialog from '../../../src/components/cases/CaseActionDialog.vue'
import { buttonTexts, mountInApp, type Mounted } from './mountInApp'

let mounted: Mounted | undefined
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = undefined
  document.body.innerHTML = ''
})

describe('FilePickButton', () => {
  it('opens the hidden input from a Chinese button and names what was chosen', async () => {
    const changes: Event[] = []
    mounted = await mountInApp(() =>
      h(FilePickButton, {
        label: '选择照片或PDF…',
        inputLabel: '添加证据材料',
        multiple: true,
        onChange: (e: Event) => changes.push(e),
      }),
    )
    const input = document.querySelector<HTMLInputElement>('input[type="file"]')!
    expect(input.hidden).toBe(true)
    expect(input.getAttribute('aria-label')).toBe('添加证据材料')
    expect(buttonTexts()).toEqual(['选择照片或PDF…'])
    expect(document.body.textContent).toContain('未选择文件')

    let opened = 0
    input.addEventListener('click', () => opened++)
    document.querySelector<HTMLButtonElement>('button')!.click()
    expect(opened).toBe(1)

    const files = [new File(['a'], '借条.pdf'), new File(['b'], '现场.png')]
    Object.defineProperty(input, 'files', { value: files })
    input.dispatchEvent(new Event('change'))
    await flushPromises()
    expect(changes).toHaveLength(1)
    expect(document.body.textContent).toContain('已选 2 个文件')
  })

  it('the receipts of 记录履行 are picked with it, not with a bare file input', async () => {
    mounted = await mountInApp(() =>
      h(CaseActionDialog, {
        rule: { action: 'recordPerformance', label: '记录履行情况', from: ['effective'], to: 'same', inputs: [] },
      } as never),
    )
    const inputs = [...document.querySelectorAll<HTMLInputElement>('input[type="file"]')]
    expect(inputs.map((i) => [i.getAttribute('aria-label'), i.hidden])).toEqual([['履行凭证', true]])
    expect(buttonTexts()).toContain('选择照片或PDF…')
  })
})
