/**
 * naive-ui's tabs take no keyboard focus and say nothing to a screen reader: a mediator without a mouse could
 * open neither a case's 当事人 or 协议 nor any part of 设置. Here each tab becomes a `role="tab"` that Tab
 * reaches, Enter or Space opens, and the arrow keys move along (opening the tab reached, as a row of tabs does);
 * their row is a `tablist`, and `aria-selected` follows the tab shown (naive-ui marks it with a class).
 */
import { onBeforeUnmount, watch, type Ref } from 'vue'

const ACTIVE = 'n-tabs-tab--active'
const NEXT = new Set(['ArrowRight', 'ArrowDown'])
const PREVIOUS = new Set(['ArrowLeft', 'ArrowUp'])

function tabsIn(root: Element): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('.n-tabs-tab')]
}

/** Roles, focus and the selected state, set again whenever naive-ui redraws its tabs. */
function markTabs(root: Element): void {
  root.querySelector('.n-tabs-wrapper')?.setAttribute('role', 'tablist')
  for (const tab of tabsIn(root)) {
    if (tab.getAttribute('role') !== 'tab') tab.setAttribute('role', 'tab')
    if (tab.tabIndex !== 0) tab.tabIndex = 0
    const selected = String(tab.classList.contains(ACTIVE))
    if (tab.getAttribute('aria-selected') !== selected) tab.setAttribute('aria-selected', selected)
  }
}

function onKeydown(event: KeyboardEvent): void {
  const tab = (event.target as Element).closest<HTMLElement>('.n-tabs-tab')
  const root = event.currentTarget as Element
  if (!tab) return
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault()
    tab.click()
    return
  }
  const step = NEXT.has(event.key) ? 1 : PREVIOUS.has(event.key) ? -1 : 0
  if (!step) return
  event.preventDefault()
  const all = tabsIn(root)
  const next = all[(all.indexOf(tab) + step + all.length) % all.length]
  next?.focus()
  next?.click()
}

/** Keeps the keyboard on `tabs` (a template ref to n-tabs; a case's tabs appear once the case has loaded). */
export function useKeyboardTabs(tabs: Ref<object | null | undefined>): void {
  let detach: (() => void) | undefined
  function attach(el: Element): () => void {
    markTabs(el)
    el.addEventListener('keydown', onKeydown as EventListener)
    // only class changes and added tabs: the attributes set here do not wake it again
    const observer = new MutationObserver(() => markTabs(el))
    observer.observe(el.querySelector('.n-tabs-nav') ?? el, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['class'],
    })
    return () => {
      observer.disconnect()
      el.removeEventListener('keydown', onKeydown as EventListener)
    }
  }
  watch(
    // a component's public instance carries its root element as `$el`
    () => (tabs.value as { $el?: unknown } | null | undefined)?.$el,
    (el) => {
      detach?.()
      detach = el instanceof Element ? attach(el) : undefined
    },
    { flush: 'post', immediate: true },
  )
  onBeforeUnmount(() => detach?.())
}
