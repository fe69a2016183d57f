/**
 * Naive UI renders a few of its parts with broken or missing accessibility information, and gives no
 * prop to set it: a card's header is two nested role="heading" elements with no aria-level, the −/+
 * buttons of a number field have no name, the text box inside a select (where a filterable or
 * multiple select takes the typed filter) has no label, and the × of a closable notice, tag or dialog is
 * named in English ("close"). A screen reader then reads "heading level 2, heading level 2",
 * "button, button", "edit text", "close button" in a Chinese page. A select without a text box takes the focus
 * on a bare div (no role, no name, no state), and its menu and options have no roles: a screen reader says
 * nothing of what is chosen or highlighted. These repairs fill in what is missing as such parts are added
 * (Vue does not patch these static attributes again, so the repair stays), and keep a select's state in step
 * with the classes naive-ui changes.
 */

/** Card titles sit under the page's own title (h1/h2), so they are read as level 2. */
const CARD_HEADING_LEVEL = '2'

let nextId = 0

function repairCardHeader(header: Element): void {
  // the outer wrapper also holds the header's buttons: it is no heading, its title part is
  header.setAttribute('role', 'none')
  const main = header.querySelector(':scope > .n-card-header__main')
  if (main && !main.hasAttribute('aria-level')) main.setAttribute('aria-level', CARD_HEADING_LEVEL)
}

function repairNumberButtons(field: Element): void {
  // Naive renders the minus button before the plus button, wherever it places them. The names leave out
  // the field's own name, read just before them: a button called "增加自动锁定分钟数" would also answer to
  // a search for the 锁定 button.
  const [minus, plus] = field.querySelectorAll<HTMLButtonElement>('.n-input__prefix button, .n-input__suffix button')
  if (minus && !minus.hasAttribute('aria-label')) minus.setAttribute('aria-label', '减小数值')
  if (plus && !plus.hasAttribute('aria-label')) plus.setAttribute('aria-label', '增大数值')
}

function repairCloseButton(button: Element): void {
  // Naive always names it "close"; a name given here (or by a caller) that is not Naive's is left alone
  if (button.getAttribute('aria-label') === 'close') button.setAttribute('aria-label', '关闭')
}

/** The id of the select around `el` that carries a name (aria-label on the n-select), given one if needed. */
function namedSelectId(el: Element): string | undefined {
  const select = el.closest('.n-select')
  if (!select?.hasAttribute('aria-label')) return undefined
  if (!select.id) select.id = `mr-select-${++nextId}`
  return select.id
}

const idOf = (el: Element, prefix: string): string => (el.id ||= `${prefix}-${++nextId}`)

function repairSelectInput(input: Element): void {
  if (input.hasAttribute('aria-label') || input.hasAttribute('aria-labelledby')) return
  // the text box is named after the select by reference, so the name stays in one place and a search by
  // label still finds the one select
  const id = namedSelectId(input)
  if (id) input.setAttribute('aria-labelledby', id)
}

const ACTIVE_SELECTION = 'n-base-selection--active'
const SELECTED_OPTION = 'n-base-select-option--selected'
const PENDING_OPTION = 'n-base-select-option--pending'
/** the element a select without a text box focuses: its label (one choice) or its tags (several) */
const SELECT_BOX = '.n-base-selection-label[tabindex], .n-base-selection-tags[tabindex]'
const OPEN_BOX = '[role="combobox"][aria-expanded="true"]'

function repairSelectBox(box: Element): void {
  box.setAttribute('role', 'combobox')
  box.setAttribute('aria-haspopup', 'listbox')
  box.setAttribute('aria-expanded', String(!!box.closest(`.${ACTIVE_SELECTION}`)))
  if (box.hasAttribute('aria-label') || box.hasAttribute('aria-labelledby')) return
  const id = namedSelectId(box)
  if (id) box.setAttribute('aria-labelledby', id)
}

function repairMenu(menu: Element): void {
  menu.setAttribute('role', 'listbox')
  idOf(menu, 'mr-listbox')
}

function repairOption(option: Element): void {
  option.setAttribute('role', 'option')
  idOf(option, 'mr-option')
  option.setAttribute('aria-selected', String(option.classList.contains(SELECTED_OPTION)))
}

/** A select opened or closed: its box says so, and points at the open menu (one at a time: the focused select's). */
function followSelection(selection: Element): void {
  const box = selection.querySelector(SELECT_BOX)
  if (!box) return
  const open = selection.classList.contains(ACTIVE_SELECTION)
  box.setAttribute('aria-expanded', String(open))
  if (!open) {
    box.removeAttribute('aria-controls')
    box.removeAttribute('aria-activedescendant')
  }
}

/** On a select's menu: the id of the select it belongs to. */
const MENU_OWNER = 'data-mr-select'

/**
 * The open box and its menu, linked once both are in the page. naive-ui adds a select's menu apart, under
 * body, when the select first opens, and keeps it there (hidden) once closed: a page with several selects
 * holds several menus, so each is marked with its select as it is added, while that select is the open one.
 */
function linkOpenMenu(added: readonly Element[]): void {
  const box = document.querySelector(OPEN_BOX)
  const select = box?.closest('.n-select')
  if (!box || !select) return
  const owner = idOf(select, 'mr-select')
  for (const m of added) if (!m.hasAttribute(MENU_OWNER)) m.setAttribute(MENU_OWNER, owner)
  const menu = document.querySelector(`.n-select-menu[role="listbox"][${MENU_OWNER}="${owner}"]`)
  if (!menu) return
  box.setAttribute('aria-controls', menu.id)
  const name = box.getAttribute('aria-labelledby')
  if (name) menu.setAttribute('aria-labelledby', name)
  const pending = menu.querySelector(`.${PENDING_OPTION}[role="option"]`)
  if (pending) box.setAttribute('aria-activedescendant', pending.id)
  else box.removeAttribute('aria-activedescendant')
}

const REPAIRS: [selector: string, repair: (el: Element) => void][] = [
  ['.n-card-header[role="heading"]', repairCardHeader],
  ['.n-input-number', repairNumberButtons],
  ['.n-base-selection input', repairSelectInput],
  [SELECT_BOX, repairSelectBox],
  ['.n-base-select-menu', repairMenu],
  ['.n-base-select-option', repairOption],
  ['.n-base-close', repairCloseButton],
]

function repairWithin(node: Node): void {
  if (!(node instanceof Element)) return
  for (const [selector, repair] of REPAIRS) {
    if (node.matches(selector)) repair(node)
    node.querySelectorAll(selector).forEach(repair)
  }
}

/** The select menus in an added node. */
const menusIn = (node: Node): Element[] =>
  !(node instanceof Element)
    ? []
    : node.matches('.n-select-menu')
      ? [node]
      : [...node.querySelectorAll('.n-select-menu')]

/** Repairs the parts under `root` now and whenever some are added; returns a stop function. */
export function repairNaiveAria(root: Element): () => void {
  repairWithin(root)
  const observer = new MutationObserver((records) => {
    let selects = false
    const menus: Element[] = []
    for (const r of records) {
      if (r.type === 'childList') {
        r.addedNodes.forEach(repairWithin)
        const added = [...r.addedNodes].flatMap(menusIn)
        menus.push(...added)
        selects ||= added.length > 0
        continue
      }
      const el = r.target as Element
      if (el.classList.contains('n-base-selection')) followSelection(el)
      else if (el.matches('.n-base-select-option[role="option"]')) repairOption(el)
      else continue
      selects = true
    }
    if (selects) linkOpenMenu(menus)
  })
  // class changes too: naive-ui shows a select's open state and its highlighted option only by class
  observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] })
  return () => observer.disconnect()
}
