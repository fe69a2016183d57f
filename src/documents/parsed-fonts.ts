/**
 * pdfkit parses the font bytes again for every document (fontkit.create) and shapes every word again
 * (font.layout), which is most of a warm render with a CJK font. This wraps fontkit's `create` so that
 * the same bytes give the same parsed font, and remembers shaped words across documents. Used by Node
 * (node/parsed-font-cache.ts) and by the PDF worker (browser/parsed-font-hook.ts).
 * Sharing is safe: each PDF still builds its own subset, rendering is synchronous per document, and
 * every caller gets fresh glyph positions (pdfkit scales them in place).
 */

interface Position {
  xAdvance: number
  [key: string]: number
}

interface GlyphRun {
  glyphs: unknown[]
  positions: Position[]
}

export interface FontkitFont {
  layout(text: string, ...rest: unknown[]): GlyphRun
  /** fontkit's glyph lookup; pdfkit's subsets call it for every glyph they embed */
  getGlyph?(id: number, ...rest: unknown[]): FontkitGlyph | null
  /** set on a variable font's instance: its outlines depend on the variation */
  _variationProcessor?: unknown
}

/** The part of a fontkit glyph used here: `_decode` reads its outline from the glyf table. */
interface FontkitGlyph {
  _decode?: () => unknown
}

export type FontkitCreate<F extends FontkitFont = FontkitFont> = (
  buffer: Uint8Array,
  postscriptName?: string | null,
) => F

/** Distinct words remembered per font before the memo starts over (a few MB at most). */
const MAX_WORDS = 50_000

/** A run pdfkit may scale in place: shared glyphs, copied positions, advanceWidth as fontkit computes it. */
function freshRun(run: GlyphRun): GlyphRun & { advanceWidth: number } {
  const positions = run.positions.map((p) => ({ ...p }))
  return {
    glyphs: run.glyphs,
    positions,
    get advanceWidth() {
      return positions.reduce((sum, p) => sum + p.xAdvance, 0)
    },
  }
}

function withLayoutMemo<F extends FontkitFont>(font: F): F {
  const layout = font.layout.bind(font)
  const memo = new Map<string, GlyphRun>()
  font.layout = (text: string, ...rest: unknown[]) => {
    // features or script/language arguments: shape as asked, unremembered
    if (rest.some((r) => r !== undefined)) return layout(text, ...rest)
    let run = memo.get(text)
    if (run === undefined) {
      if (memo.size >= MAX_WORDS) memo.clear()
      run = layout(text)
      memo.set(text, run)
    }
    return freshRun(run)
  }
  return font
}

/** Glyph outlines remembered per font before the memo starts over (a CJK glyph's points are ~1-2 KB). */
const MAX_GLYPHS = 4096

/**
 * pdfkit's subset (fontkit's TTFSubset) decodes the whole outline of every glyph it embeds, in every
 * document, only to see whether the glyph is composite: most of embedding a CJK font. Each glyph of this
 * font now decodes its outline once (fontkit keeps the glyph objects per font already). Per font: a font
 * not made through the cache is left as fontkit made it. Read-only for fontkit's callers (the subset and
 * the outline code read the decoded glyph and never write it); a variable font's glyphs are not kept.
 */
function withGlyphDecodeMemo<F extends FontkitFont>(font: F): F {
  const getGlyph = font.getGlyph?.bind(font)
  if (!getGlyph) return font
  const decoded = new Map<number, unknown>()
  const wrapped = new WeakSet<object>()
  font.getGlyph = (id: number, ...rest: unknown[]) => {
    const glyph = getGlyph(id, ...rest)
    const decode = glyph?._decode
    if (glyph && typeof decode === 'function' && !wrapped.has(glyph)) {
      wrapped.add(glyph)
      glyph._decode = () => {
        if (font._variationProcessor) return decode.call(glyph)
        if (decoded.has(id)) return decoded.get(id)
        if (decoded.size >= MAX_GLYPHS) decoded.clear()
        const outline = decode.call(glyph)
        decoded.set(id, outline)
        return outline
      }
    }
    return glyph
  }
  return font
}

/** `create` memoised per byte buffer (pdfmake hands pdfkit the same buffer from its virtual file system). */
export function parsedFontCache<F extends FontkitFont>(create: FontkitCreate<F>): FontkitCreate<F> {
  const parsed = new WeakMap<Uint8Array, F>()
  return (buffer, postscriptName) => {
    // a named font inside a collection: parse as asked, unremembered
    if (postscriptName !== undefined && postscriptName !== null) return create(buffer, postscriptName)
    let font = parsed.get(buffer)
    if (font === undefined) {
      font = withGlyphDecodeMemo(withLayoutMemo(create(buffer)))
      parsed.set(buffer, font)
    }
    return font
  }
}
