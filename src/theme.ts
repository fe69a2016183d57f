import type { GlobalThemeOverrides } from 'naive-ui'

/**
 * Naive UI's look for the app, drawn at the page's base text size (15px, or 18px in 大字模式). Naive
 * keeps many sizes as fixed pixels (form labels 14px, card titles 18px, small buttons 14px): each is
 * given here as a share of the base, so 大字模式 enlarges every part alike and a label is never smaller
 * than the field it names. Colours are darkened where Naive's own fall below WCAG AA contrast (4.5:1 for
 * normal text) on the backgrounds they are drawn on.
 */

/** Secondary text (hints, empty lists, inactive steps): 5.9:1 on white. */
export const MUTED_TEXT = '#5f656b'

/**
 * A box's hint before anything is typed (请输入, 请选择, 如：0571-…): 4.67:1 on white, still lighter than typed
 * text. Naive's own (#c2c2c2, 1.78:1) was unreadable for older eyes; axe could not see it until the text
 * was lifted above the box's border (styles.css).
 */
export const PLACEHOLDER_TEXT = '#6e757c'

/** A hovered or focused primary button and its text: 4.65:1 against white (Naive's hover was 4.48:1). */
export const PRIMARY_HOVER = '#288270'

/**
 * A warning's filled button (仍然继续 in a question) carries white text: Naive's amber #f0a020 gave 2.15:1.
 * A darker amber, 4.76:1, hovered 5.01:1, pressed 5.93:1.
 */
export const WARNING = { color: '#a86200', hover: '#a35f00', pressed: '#8a5a00' }

/** A hovered error button (删除…) with white text: Naive's #de576d gave 3.69:1; 5.67:1 here. */
export const ERROR_HOVER = '#c02c4c'

export function themeOverridesFor(base: number): GlobalThemeOverrides {
  const px = (n: number) => `${Math.round(n)}px`
  // the ratios are Naive's own sizes over its 14px default, so the normal mode keeps its proportions
  const size = (naivePx: number) => px((base * naivePx) / 14)
  return {
    common: {
      primaryColor: '#1f6f5c',
      primaryColorHover: PRIMARY_HOVER,
      primaryColorPressed: '#175445',
      primaryColorSuppl: PRIMARY_HOVER,
      textColor3: MUTED_TEXT,
      placeholderColor: PLACEHOLDER_TEXT,
      warningColor: WARNING.color,
      warningColorHover: WARNING.hover,
      warningColorPressed: WARNING.pressed,
      warningColorSuppl: WARNING.hover,
      errorColorHover: ERROR_HOVER,
      errorColorSuppl: ERROR_HOVER,
      fontSize: px(base),
      fontSizeMini: size(12),
      fontSizeTiny: size(12),
      fontSizeSmall: size(14),
      fontSizeMedium: px(base),
      fontSizeLarge: px(base + 2),
      fontSizeHuge: px(base + 4),
      heightMini: size(16),
      heightTiny: size(22),
      heightSmall: size(28),
      heightMedium: px(base * 2.3),
      heightLarge: size(40),
      heightHuge: size(46),
    },
    Form: {
      labelFontSizeTopSmall: px(base),
      labelFontSizeTopMedium: px(base),
      labelFontSizeTopLarge: px(base + 2),
      labelFontSizeLeftSmall: px(base),
      labelFontSizeLeftMedium: px(base),
      labelFontSizeLeftLarge: px(base + 2),
      labelHeightSmall: size(24),
      labelHeightMedium: size(26),
      labelHeightLarge: size(28),
      feedbackFontSizeSmall: size(13),
      feedbackFontSizeMedium: size(14),
      feedbackFontSizeLarge: size(14),
      feedbackHeightSmall: size(24),
      feedbackHeightMedium: size(24),
      feedbackHeightLarge: size(26),
    },
    Card: {
      titleFontSizeSmall: size(16),
      titleFontSizeMedium: size(18),
      titleFontSizeLarge: size(18),
      titleFontSizeHuge: size(18),
    },
    Dialog: { titleFontSize: size(18), fontSize: px(base) },
    Drawer: { titleFontSize: size(18) },
    Tabs: { tabFontSizeSmall: size(14), tabFontSizeMedium: px(base), tabFontSizeLarge: size(16) },
    Statistic: { labelFontSize: size(14), valueFontSize: size(24), labelTextColor: MUTED_TEXT },
    Steps: {
      stepHeaderFontSizeSmall: size(14),
      stepHeaderFontSizeMedium: size(16),
      headerTextColorWait: MUTED_TEXT,
      headerTextColorFinish: MUTED_TEXT,
      descriptionTextColorWait: MUTED_TEXT,
      descriptionTextColorFinish: MUTED_TEXT,
    },
    // the days of the months before and after, still clickable: Naive's #c2c2c2 was 1.78:1, 4.67:1 here
    DatePicker: { itemTextColorDisabled: PLACEHOLDER_TEXT },
    // Empty, DataTable and Tag take their sizes from common
    Empty: { textColor: MUTED_TEXT },
    // status tags: Naive's coloured text on its pale fill is 2.96:1 (info) to 2.3:1 (warning)
    Tag: {
      textColorInfo: '#1060c9',
      textColorSuccess: '#0c6b3b',
      textColorWarning: '#8a5a00',
      textColorError: '#ab1f3f',
    },
  }
}
