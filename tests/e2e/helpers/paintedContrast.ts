import type { Locator } from '@playwright/test'

/** WCAG 2.x contrast of two opaque colours given as [r, g, b] from 0 to 255, written out from the definition. */
export function contrastOf(fg: number[], bg: number[]): number {
  const lum = (c: number[]) => {
    const [r, g, b] = c.map((v) => {
      const s = v / 255
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
    })
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0)
  }
  const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x)
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05)
}

export interface PaintedColours {
  name: string
  fg: number[]
  bg: number[]
}

/**
 * Each element's text colour and the colour painted behind it, as the browser computes them: its background
 * (or that of its `layer`, e.g. a menu item's ::before) laid over the first opaque one among its ancestors (white
 * when none); the text is `text` inside it when given. axe leaves some of these unchecked (a filled button inside a
 * dialog at rest, for a reason it does not give; a background painted by ::before): this measures them all.
 */
export function paintedColours(
  elements: Locator,
  options: { text?: string; layer?: '::before' } = {},
): Promise<PaintedColours[]> {
  return elements.evaluateAll((all, { text, layer }) => {
    const rgba = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number)
    const over = (top: number[], under: number[]) => {
      const a = top[3] ?? 1
      return [0, 1, 2].map((i) => (top[i] ?? 0) * a + (under[i] ?? 0) * (1 - a))
    }
    const opaqueBehind = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor)
        if ((c[3] ?? 1) > 0) return over(c, [255, 255, 255])
      }
      return [255, 255, 255]
    }
    return all.map((el) => {
      const words = (text ? el.querySelector(text) : null) ?? el
      const own = rgba(getComputedStyle(el, layer ?? null).backgroundColor)
      const behind = opaqueBehind(el.parentElement)
      const bg = (own[3] ?? 1) > 0 ? over(own, behind) : behind
      return { name: words.textContent?.trim() ?? '', fg: rgba(getComputedStyle(words).color), bg }
    })
  }, options)
}

/** The colours under 4.5:1, each as "name ratio", for an assertion that lists them all. */
export function belowAA(list: PaintedColours[]): string[] {
  return list.filter((c) => contrastOf(c.fg, c.bg) < 4.5).map((c) => `${c.name} ${contrastOf(c.fg, c.bg).toFixed(2)}`)
}
