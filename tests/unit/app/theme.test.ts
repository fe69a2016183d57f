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
