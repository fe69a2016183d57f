/**
 * Chromium keeps the values of a page's form fields with each history entry, to refill them after a
 * crash or a "restore tabs", and writes them to its session files (Default/Sessions) in clear text: a
 * name, ID number or facts typed at intake would lie there beside the sealed store. A field marked
 * autocomplete="off" is not kept, so every text field gets the mark as it is added (unless it names
 * what it holds, such as a password field's current-password).
 */
const FIELDS = 'input, textarea'

function mark(el: Element): void {
  if (!el.hasAttribute('autocomplete')) el.setAttribute('autocomplete', 'off')
}

function markWithin(node: Node): void {
  if (!(node instanceof Element)) return
  if (node.matches(FIELDS)) mark(node)
  node.querySelectorAll(FIELDS).forEach(mark)
}

/** Marks the fields under `root` now and whenever some are added; returns a stop function. */
export function keepFormValuesOutOfHistory(root: Element): () => void {
  markWithin(root)
  const observer = new MutationObserver((records) => {
    for (const r of records) r.addedNodes.forEach(markWithin)
  })
  observer.observe(root, { childList: true, subtree: true })
  return () => observer.disconnect()
}
