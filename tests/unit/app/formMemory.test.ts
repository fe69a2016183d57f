// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { keepFormValuesOutOfHistory } from '../../../src/formMemory'

/** Mutation observers report after the current task's microtasks. */
const settled = () => new Promise<void>((resolve) => queueMicrotask(() => setTimeout(resolve, 0)))

describe('keepFormValuesOutOfHistory', () => {
  let stop: (() => void) | undefined
  afterEach(() => {
    stop?.()
    document.body.innerHTML = ''
  })

  it('marks the fields already there and those added later, dialogs under body included', async () => {
    document.body.innerHTML = '<div id="app"><input id="a"><textarea id="b"></textarea></div>'
    stop = keepFormValuesOutOfHistory(document.body)
    expect(document.getElementById('a')!.getAttribute('autocomplete')).toBe('off')
    expect(document.getElementById('b')!.getAttribute('autocomplete')).toBe('off')

    const dialog = document.createElement('div')
    dialog.innerHTML = '<label>身份证号<input id="c"></label>'
    document.body.appendChild(dialog)
    const lone = document.createElement('textarea')
    document.getElementById('app')!.appendChild(lone)
    await settled()
    expect(document.getElementById('c')!.getAttribute('autocomplete')).toBe('off')
    expect(lone.getAttribute('autocomplete')).toBe('off')
  })

  it('keeps a field that says what it holds', async () => {
    stop = keepFormValuesOutOfHistory(document.body)
    document.body.innerHTML = '<input id="p" type="password" autocomplete="current-password">'
    await settled()
    expect(document.getElementById('p')!.getAttribute('autocomplete')).toBe('current-password')
  })
})
