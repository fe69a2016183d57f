import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'

/** WCAG 2.1 A and AA, the level public-service software in China is held to (GB/T 37668 follows WCAG 2.0 AA). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/** The impacts that fail the check: a user of a screen reader or keyboard, or with weak eyes, is stopped. */
const BLOCKING = new Set(['critical', 'serious'])

/**
 * Why axe may leave a text's contrast unchecked, for reasons our own styles decide: something laid over the
 * text. Naive UI's border boxes did this to nearly every button, input and select, and under them hid
 * unreadable hints (1.78:1), so an unchecked text fails like a failed one. axe's other reasons (an empty box,
 * a lone symbol, a menu's pseudo-element background) are not about what we lay out.
 */
const UNCHECKED_BY_OVERLAP = new Set(['bgOverlap', 'elmPartiallyObscured', 'elmPartiallyObscuring'])

type AxeNode = Awaited<ReturnType<AxeBuilder['analyze']>>['incomplete'][number]['nodes'][number]

/** axe's reason for leaving a colour-contrast check incomplete, e.g. 'bgOverlap'. */
function incompleteReason(node: AxeNode): string {
  for (const check of node.any) {
    const key = (check.data as { messageKey?: unknown } | null)?.messageKey
    if (typeof key === 'string') return key
  }
  return ''
}

/**
 * Runs axe-core over what the page shows now and returns its critical and serious violations, and the
 * texts whose contrast it could not check because something lies over them, as readable lines, one per
 * element, each starting with `screen`.
 *
 * AxeBuilder puts axe's source into the page with page.evaluate, which runs through the DevTools
 * protocol (Runtime.evaluate): the page's CSP governs the page's own scripts, not the debugger's, so
 * axe runs with the app's production CSP unchanged (accessibility.spec.ts checks that no CSP violation
 * is reported meanwhile).
 */
export async function blockingViolations(page: Page, screen: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()
  const lines: string[] = []
  for (const v of results.violations) {
    if (!BLOCKING.has(v.impact ?? '')) continue
    for (const node of v.nodes) {
      const summary = (node.failureSummary ?? '').replace(/\s+/g, ' ').trim()
      lines.push(
        `[${screen}] ${v.impact} ${v.id}: ${v.help}\n    at ${node.target.join(' ')}\n    ${node.html.slice(0, 200)}\n    ${summary.slice(0, 300)}`,
      )
    }
  }
  for (const v of results.incomplete) {
    if (v.id !== 'color-contrast') continue
    for (const node of v.nodes) {
      const reason = incompleteReason(node)
      if (!UNCHECKED_BY_OVERLAP.has(reason)) continue
      lines.push(
        `[${screen}] contrast unchecked (${reason}): something is laid over the text\n    at ${node.target.join(' ')}\n    ${node.html.slice(0, 200)}`,
      )
    }
  }
  return lines
}
