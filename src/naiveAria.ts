/**
 * Naive UI renders a few of its parts with broken or missing accessibility information, and gives no
 * prop to set it: a card's header is two nested role="heading" elements with no aria-level, the −/+
 * buttons of a number field have no name, the text box inside a select (where a filterable or
 * multiple select takes the typed filter) has no label, and the × of a closable notice, tag or dialog is
 * named in English ("close"). A screen reader then reads "heading level 2, heading level 2",
 * "button, button", "edit text", "close button" in a Chinese page. These repairs fill in what is missing as such parts
 * are added (Vue does not patch these static attributes again, so the repair stays).
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

function repairSelectInput(input: Element): void {
  if (input.hasAttribute('aria-label') || input.hasAttribute('aria-labelledby')) return
  // the select carries its name (aria-label on the n-select); the text box is named after it by reference,
  // so the name stays in one place and a search by label still finds the one select
  const select = input.closest('.n-select')
  if (!select?.hasAttribute('aria-label')) return
  if (!select.id) select.id = `mr-select-${++nextId}`
  input.setAttribute('aria-labelledby', select.id)
}

const REPAIRS: [selector: string, repair: (el: Element) => void][] = [
  ['.n-card-header[role="heading"]', repairCardHeader],
  ['.n-input-number', repairNumberButtons],
  ['.n-base-selection input', repairSelectInput],
  ['.n-base-close', repairCloseButton],
]

function repairWithin(node: Node): void {
  if (!(node instanceof Element)) return
  for (const [selector, repair] of REPAIRS) {
    if (node.matches(selector)) repair(node)
    node.querySelectorAll(selector).forEach(repair)
  }
}

/** Repairs the parts under `root` now and whenever some are added; returns a stop function. */
export function repairNaiveAria(root: Element): () => void {
  repairWithin(root)
  const observer = new MutationObserver((records) => {
    for (const r of records) r.addedNodes.forEach(repairWithin)
  })
  observer.observe(root, { childList: true, subtree: true })
  return () => observer.disconnect()
}
