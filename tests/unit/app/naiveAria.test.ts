// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { repairNaiveAria } from '../../../src/naiveAria'

/** Mutation observers report after the current task's microtasks. */
const settled = () => new Promise<void>((resolve) => queueMicrotask(() => setTimeout(resolve, 0)))

// Naive UI 2.45's markup for a card header, a number field and a filterable select, trimmed to the parts repaired
const CARD =
  '<div class="n-card"><div class="n-card-header" role="heading"><div class="n-card-header__main" role="heading">纠纷情况</div></div></div>'
const NUMBER =
  '<div class="n-input-number"><div class="n-input"><input aria-label="涉及人数"><div class="n-input__suffix"><button id="minus"></button><button id="plus"></button></div></div></div>'
const SELECT =
  '<div class="n-select" aria-label="纠纷类别"><div class="n-base-selection"><div><input id="pattern" class="n-base-selection-input"></div></div></div>'
const SELECT_ONE =
  '<div class="n-select" aria-label="按分流筛选"><div class="n-base-selection" id="selection"><div class="n-base-selection-label" tabindex="0" id="box"><div class="n-base-selection-placeholder">全部分流</div></div></div></div>'
const SELECT_SEVERAL =
  '<div class="n-select" aria-label="回访人"><div class="n-base-selection"><div class="n-base-selection-tags" tabindex="0" id="tags"></div></div></div>'
// the menu, as naive-ui adds it under body when the select opens
const MENU =
  '<div class="v-binder-follower-content"><div class="n-base-select-menu n-select-menu" id="menu"><div class="n-base-select-option" id="when">当场解答</div><div class="n-base-select-option n-base-select-option--selected" id="case">转为案件</div></div></div>'
const CLOSABLE_ALERT =
  '<div class="n-alert" role="alert"><button type="button" tabindex="0" aria-label="close" class="n-base-close" id="close"></button><div class="n-alert-body">第1版已登记</div></div>'

describe('repairNaiveAria', () => {
  let stop: (() => void) | undefined
  afterEach(() => {
    stop?.()
    document.body.innerHTML = ''
  })

  it('makes a card header one heading of level 2, the one holding the title', () => {
    document.body.innerHTML = CARD
    stop = repairNaiveAria(document.body)
    expect(document.querySelector('.n-card-header')!.getAttribute('role')).toBe('none')
    const title = document.querySelector('.n-card-header__main')!
    expect(title.getAttribute('role')).toBe('heading')
    expect(title.getAttribute('aria-level')).toBe('2')
  })

  it('names the −/+ buttons of a number field and the text box of a select, in parts added later too', async () => {
    stop = repairNaiveAria(document.body)
    const dialog = document.createElement('div')
    dialog.innerHTML = NUMBER + SELECT
    document.body.appendChild(dialog)
    await settled()
    expect(document.getElementById('minus')!.getAttribute('aria-label')).toBe('减小数值')
    expect(document.getElementById('plus')!.getAttribute('aria-label')).toBe('增大数值')
    const select = document.querySelector('.n-select')!
    expect(select.id).not.toBe('')
    expect(document.getElementById('pattern')!.getAttribute('aria-labelledby')).toBe(select.id)
    // the select keeps its own name: a search by the label finds it, not also the text box by a copy
    expect(document.getElementById('pattern')!.hasAttribute('aria-label')).toBe(false)
  })

  it('leaves a name that is already there', () => {
    document.body.innerHTML = SELECT.replace('id="pattern"', 'id="pattern" aria-label="搜索类别"')
    stop = repairNaiveAria(document.body)
    expect(document.getElementById('pattern')!.getAttribute('aria-label')).toBe('搜索类别')
    expect(document.getElementById('pattern')!.hasAttribute('aria-labelledby')).toBe(false)
  })

  it('names the × of a closable notice in Chinese, in one added later too', async () => {
    stop = repairNaiveAria(document.body)
    const page = document.createElement('div')
    page.innerHTML = CLOSABLE_ALERT
    document.body.appendChild(page)
    await settled()
    expect(document.getElementById('close')!.getAttribute('aria-label')).toBe('关闭')
  })

  it('leaves a close button named otherwise', () => {
    document.body.innerHTML = CLOSABLE_ALERT.replace('aria-label="close"', 'aria-label="关闭提示"')
    stop = repairNaiveAria(document.body)
    expect(document.getElementById('close')!.getAttribute('aria-label')).toBe('关闭提示')
  })

  it('makes a select without a text box a named combobox, closed, for one choice and for several', () => {
    document.body.innerHTML = SELECT_ONE + SELECT_SEVERAL
    stop = repairNaiveAria(document.body)
    const [one, several] = document.querySelectorAll('.n-select')
    for (const [box, select] of [
      [document.getElementById('box')!, one!],
      [document.getElementById('tags')!, several!],
    ] as const) {
      expect(box.getAttribute('role')).toBe('combobox')
      expect(box.getAttribute('aria-haspopup')).toBe('listbox')
      expect(box.getAttribute('aria-expanded')).toBe('false')
      expect(select.id).not.toBe('')
      expect(box.getAttribute('aria-labelledby')).toBe(select.id)
    }
  })

  it('follows a select as it opens, its options as they are highlighted and chosen, and as it closes', async () => {
    document.body.innerHTML = SELECT_ONE
    stop = repairNaiveAria(document.body)
    const box = document.getElementById('box')!
    const select = document.querySelector('.n-select')!
    // opened: naive-ui marks the selection active and adds the menu under body
    document.getElementById('selection')!.classList.add('n-base-selection--active')
    const layer = document.createElement('div')
    layer.innerHTML = MENU
    document.body.appendChild(layer)
    await settled()
    const menu = document.getElementById('menu')!
    expect(box.getAttribute('aria-expanded')).toBe('true')
    expect(box.getAttribute('aria-controls')).toBe('menu')
    expect(menu.getAttribute('role')).toBe('listbox')
    expect(menu.getAttribute('aria-labelledby')).toBe(select.id)
    const when = document.getElementById('when')!
    const chosen = document.getElementById('case')!
    expect([when, chosen].map((o) => [o.getAttribute('role'), o.getAttribute('aria-selected')])).toEqual([
      ['option', 'false'],
      ['option', 'true'],
    ])
    expect(box.hasAttribute('aria-activedescendant')).toBe(false)

    // ↓ highlights an option, ↓ again the next
    when.classList.add('n-base-select-option--pending')
    await settled()
    expect(box.getAttribute('aria-activedescendant')).toBe('when')
    when.classList.remove('n-base-select-option--pending')
    chosen.classList.add('n-base-select-option--pending')
    await settled()
    expect(box.getAttribute('aria-activedescendant')).toBe('case')

    // chosen, in a select of several that stays open
    when.classList.add('n-base-select-option--selected')
    await settled()
    expect(when.getAttribute('aria-selected')).toBe('true')

    document.getElementById('selection')!.classList.remove('n-base-selection--active')
    layer.remove()
    await settled()
    expect(box.getAttribute('aria-expanded')).toBe('false')
    expect(box.hasAttribute('aria-controls')).toBe(false)
    expect(box.hasAttribute('aria-activedescendant')).toBe(false)
  })
})
