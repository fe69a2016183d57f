import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { contrastOf } from './paintedContrast'
import { animationsEnded } from './animations'

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

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>
type AxeNode = AxeResults['incomplete'][number]['nodes'][number]

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
 * element, each starting with `screen`; only within the elements matched by `within` when it is given.
 *
 * AxeBuilder puts axe's source into the page with page.evaluate, which runs through the DevTools
 * protocol (Runtime.evaluate): the page's CSP governs the page's own scripts, not the debugger's, so
 * axe runs with the app's production CSP unchanged (accessibility.spec.ts checks that no CSP violation
 * is reported meanwhile).
 */
export async function blockingViolations(page: Page, screen: string, within: string[] = []): Promise<string[]> {
  await animationsEnded(page)
  // `within`: only these parts (a menu laid over a table hides the table's texts from the contrast check)
  const builder = within.reduce((b, selector) => b.include(selector), new AxeBuilder({ page }).withTags(WCAG_TAGS))
  const results = await builder.analyze()
  const lines: string[] = ruleErrors(results).map(
    (e) => `[${screen}] axe could not check ${e.rule}, so nothing of it was checked: ${e.message}`,
  )
  for (const v of results.violations) {
    if (!BLOCKING.has(v.impact ?? '')) continue
    for (const node of v.nodes) {
      const summary = (node.failureSummary ?? '').replace(/\s+/g, ' ').trim()
      lines.push(
        `[${screen}] ${v.impact} ${v.id}: ${v.help}\n    at ${node.target.join(' ')}\n    ${node.html.slice(0, 200)}\n    ${summary.slice(0, 300)}`,
      )
    }
  }
  const unchecked = results.incomplete
    .filter((v) => v.id === 'color-contrast')
    .flatMap((v) => v.nodes)
    .filter((node) => UNCHECKED_BY_OVERLAP.has(incompleteReason(node)))
  for (const node of unchecked) {
    const reason = (await cutByWindowEdge(page, node)) ? await reasonWhole(page, node) : incompleteReason(node)
    if (reason === undefined) continue
    if (reason === 'elmPartiallyObscuring') {
      const measured = await contrastAboveFirstOpaque(page, node)
      if (measured?.ratio !== undefined) {
        if (measured.ratio < measured.required)
          lines.push(
            `[${screen}] serious color-contrast: ${measured.ratio.toFixed(2)}:1, under ${measured.required}:1 (measured line by line)\n    at ${node.target.join(' ')}\n    ${node.html.slice(0, 200)}`,
          )
        continue
      }
    }
    lines.push(
      `[${screen}] contrast unchecked (${reason}): something is laid over the text\n    at ${node.target.join(' ')}\n    ${node.html.slice(0, 200)}`,
    )
  }
  return lines
}

/**
 * The rules axe gave up on. A rule that throws (color-contrast does, "Element midpoint exceeds the grid
 * bounds", for some scrolled layouts) is reported among the incomplete results with an `error`, and with it
 * goes every text of the page: left out, it would pass a screen whose contrast was never looked at.
 */
function ruleErrors(results: AxeResults): { rule: string; message: string }[] {
  return [...results.violations, ...results.incomplete, ...results.passes, ...results.inapplicable].flatMap((r) => {
    const error = (r as { error?: { message?: unknown } }).error
    return error ? [{ rule: r.id, message: String(error.message ?? error) }] : []
  })
}

/**
 * A text's contrast where axe gives up with 'elmPartiallyObscuring' only because its lines lie over different
 * things *under* an opaque background: axe compares each line's whole stack down to the page, so a question
 * whose white box straddles a drawer's edge is never checked. Measured here as axe would once the stacks
 * agree: for each line of text, the elements at its middle (the browser's own hit test), from the text down
 * to the first opaque background; when every line meets the same ones, the text's colour over those layers
 * blended is the contrast. Undefined `ratio` when that does not hold (something else is over a line, the
 * layers differ, an image or a translucent ancestor): the text then stays unchecked.
 */
async function contrastAboveFirstOpaque(page: Page, node: AxeNode): Promise<{ ratio?: number; required: number }> {
  const selector = selectorOf(node)
  if (!selector) return { required: 4.5 }
  const colours = await page.evaluate((s): { fg?: number[]; bg?: number[]; required: number } => {
    const el = document.querySelector(s)
    const rgba = (css: string) => {
      const [r = 0, g = 0, b = 0, a = 1] = (css.match(/[\d.]+/g) ?? []).map(Number)
      return [r, g, b, a] as const
    }
    const over = (top: readonly number[], under: readonly number[]) =>
      [0, 1, 2].map((i) => top[i]! * top[3]! + under[i]! * (1 - top[3]!)).concat(1)
    const style = el ? getComputedStyle(el) : undefined
    const size = parseFloat(style?.fontSize ?? '0')
    const bold = Number(style?.fontWeight ?? 400) >= 700
    // WCAG's large text: 18pt, or 14pt bold (24px, 18.67px)
    const required = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5
    if (!el || !style) return { required }
    const lines: DOMRect[] = []
    for (const child of el.childNodes) {
      if (child.nodeType !== Node.TEXT_NODE || !child.textContent?.trim()) continue
      const range = document.createRange()
      range.selectNodeContents(child)
      lines.push(...[...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0))
    }
    const layersAt = (r: DOMRect): Element[] | undefined => {
      const stack = document.elementsFromPoint(r.left + r.width / 2, r.top + r.height / 2)
      if (stack[0] !== el) return undefined
      const opaque = stack.findIndex((e) => rgba(getComputedStyle(e).backgroundColor)[3] === 1)
      if (opaque === -1) return undefined
      const layers = stack.slice(0, opaque + 1)
      return layers.some((e) => getComputedStyle(e).backgroundImage !== 'none') ? undefined : layers
    }
    const stacks = lines.map(layersAt)
    const first = stacks[0]
    if (!first || stacks.some((l) => !l || l.length !== first.length || l.some((e, i) => e !== first[i])))
      return { required }
    // a translucent ancestor blends the text with what lies under the opaque layer: not measured here
    for (let e: Element | null = el; e && e !== first[first.length - 1]?.parentElement; e = e.parentElement)
      if (getComputedStyle(e).opacity !== '1') return { required }
    const bg = first.reduceRight<number[]>(
      (under, e) => over(rgba(getComputedStyle(e).backgroundColor), under),
      [255, 255, 255, 1],
    )
    return { fg: over(rgba(style.color), bg), bg, required }
  }, selector)
  const { fg, bg, required } = colours
  return fg && bg ? { ratio: contrastOf(fg, bg), required } : { required }
}

/** A node's one selector in the page (axe gives a list when the node is inside a frame or a shadow root). */
function selectorOf(node: AxeNode): string | undefined {
  const [first, ...rest] = node.target
  return rest.length === 0 && typeof first === 'string' ? first : undefined
}

/**
 * Whether a node's box crosses the window's edge. axe samples such a text in the sliver still on screen, and
 * when that sliver is the fraction of a pixel it shares with the box above (fields sit on fractional pixels
 * in 大字模式), it takes the box above as laid over the text.
 */
async function cutByWindowEdge(page: Page, node: AxeNode): Promise<boolean> {
  const selector = selectorOf(node)
  if (!selector) return false
  return page.evaluate((s) => {
    const box = document.querySelector(s)?.getBoundingClientRect()
    if (!box) return false
    return box.top < 0 || box.left < 0 || box.bottom > innerHeight || box.right > innerWidth
  }, selector)
}

/**
 * The text cut by the window's edge checked again whole: scrolled into view, measured by axe alone, and
 * scrolled back. Returns axe's reason if it still cannot check the contrast for something laid over it, or
 * undefined once checked (a failed contrast is then one of axe's violations, reported as such).
 */
async function reasonWhole(page: Page, node: AxeNode): Promise<string | undefined> {
  const selector = selectorOf(node)!
  const restore = await page.evaluateHandle((s) => {
    const scrolled: [Element, number, number][] = []
    for (let e = document.querySelector(s)?.parentElement; e; e = e.parentElement)
      scrolled.push([e, e.scrollTop, e.scrollLeft])
    document.querySelector(s)?.scrollIntoView({ block: 'center', inline: 'center' })
    return () => scrolled.forEach(([e, top, left]) => e.scrollTo(left, top))
  }, selector)
  try {
    const again = await new AxeBuilder({ page }).include(selector).withRules(['color-contrast']).analyze()
    const gaveUp = ruleErrors(again)[0]
    if (gaveUp) return `axe could not check it when scrolled into view: ${gaveUp.message}`
    const failed = again.violations.flatMap((v) => v.nodes)
    if (failed.length > 0) return `failed when scrolled into view: ${failed[0]!.failureSummary ?? ''}`
    const stillUnchecked = again.incomplete.flatMap((v) => v.nodes).find((n) => selectorOf(n) === selector)
    const reason = stillUnchecked ? incompleteReason(stillUnchecked) : ''
    return UNCHECKED_BY_OVERLAP.has(reason) ? reason : undefined
  } finally {
    await restore.evaluate((back) => back())
  }
}
