import { describe, expect, it } from 'vitest'
import { themeOverridesFor } from '../../../src/theme'

const px = (v: unknown) => Number(/^(\d+)px$/.exec(String(v))?.[1])

describe('themeOverridesFor', () => {
  // Naive UI 2.45's own sizes at its 14px default, written out: the parts 大字模式 must enlarge
  const naive = { formLabel: 14, cardTitle: 18, smallButton: 14, dialogTitle: 18, drawerTitle: 18, tab: 14 }

  it.each([15, 18])('at a %ipx base, labels, titles and buttons are never smaller than the fields', (base) => {
    const t = themeOverridesFor(base)
    const field = px(t.common?.fontSizeMedium)
    expect(field).toBe(base)
    expect(px(t.Form?.labelFontSizeTopMedium)).toBeGreaterThanOrEqual(field)
    expect(px(t.Form?.labelFontSizeLeftMedium)).toBeGreaterThanOrEqual(field)
    expect(px(t.Card?.titleFontSizeMedium)).toBeGreaterThan(field)
    expect(px(t.Dialog?.titleFontSize)).toBeGreaterThan(field)
    expect(px(t.Drawer?.titleFontSize)).toBeGreaterThan(field)
    // a small button's text stays within a pixel of the field's
    expect(px(t.common?.fontSizeSmall)).toBeGreaterThanOrEqual(field - 1)
  })

  it('大字模式 (18px) enlarges every sized part over Naive UI’s default and over the normal mode', () => {
    const normal = themeOverridesFor(15)
    const large = themeOverridesFor(18)
    const parts = [
      (t: typeof normal) => t.Form?.labelFontSizeTopMedium,
      (t: typeof normal) => t.Card?.titleFontSizeMedium,
      (t: typeof normal) => t.common?.fontSizeSmall,
      (t: typeof normal) => t.Dialog?.titleFontSize,
      (t: typeof normal) => t.Drawer?.titleFontSize,
      (t: typeof normal) => t.Tabs?.tabFontSizeMedium,
      (t: typeof normal) => t.common?.heightMedium,
    ]
    for (const part of parts) expect(px(part(large))).toBeGreaterThan(px(part(normal)))
    expect(px(large.Form?.labelFontSizeTopMedium)).toBeGreaterThan(naive.formLabel)
    expect(px(large.Card?.titleFontSizeMedium)).toBeGreaterThan(naive.cardTitle)
    expect(px(large.common?.fontSizeSmall)).toBeGreaterThan(naive.smallButton)
    expect(px(large.Dialog?.titleFontSize)).toBeGreaterThan(naive.dialogTitle)
    expect(px(large.Drawer?.titleFontSize)).toBeGreaterThan(naive.drawerTitle)
    expect(px(large.Tabs?.tabFontSizeMedium)).toBeGreaterThan(naive.tab)
  })
})

/** WCAG 2.x contrast ratio of two #rrggbb colours, written out from the definition. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
    })
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (bl ?? 0)
  }
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05)
}

describe('theme colours', () => {
  const t = themeOverridesFor(15)
  const typedText = '#333639' // Naive UI 2.45's textColor2, what a filled box shows

  it('the references agree with known pairs', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2)
    // Naive UI's own hint colour and primary hover, both below 4.5:1
    expect(contrast('#c2c2c2', '#ffffff')).toBeLessThan(2)
    expect(contrast('#2a8570', '#ffffff')).toBeLessThan(4.5)
  })

  it('a box’s hint is readable on white (4.5:1) and still lighter than typed text', () => {
    const hint = String(t.common?.placeholderColor)
    expect(contrast(hint, '#ffffff')).toBeGreaterThanOrEqual(4.5)
    expect(contrast(hint, '#ffffff')).toBeLessThan(contrast(typedText, '#ffffff') - 3)
  })

  it('a hovered or focused primary button keeps 4.5:1 between its text and white', () => {
    for (const c of [t.common?.primaryColorHover, t.common?.primaryColorSuppl, t.common?.primaryColor])
      expect(contrast(String(c), '#ffffff')).toBeGreaterThanOrEqual(4.5)
  })

  it('a warning’s and an error’s filled buttons keep 4.5:1 with their white text, at rest, hovered and pressed', () => {
    // Naive's own: the warning amber 2.15:1, the error hover 3.69:1
    expect(contrast('#f0a020', '#ffffff')).toBeLessThan(2.2)
    expect(contrast('#de576d', '#ffffff')).toBeLessThan(3.7)
    const c = t.common
    for (const colour of [
      c?.warningColor,
      c?.warningColorHover,
      c?.warningColorPressed,
      c?.warningColorSuppl,
      c?.errorColorHover,
      c?.errorColorSuppl,
    ])
      expect(contrast(String(colour), '#ffffff')).toBeGreaterThanOrEqual(4.5)
  })
})
