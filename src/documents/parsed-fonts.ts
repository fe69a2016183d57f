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

/** `create` memoised per byte buffer (pdfmake hands pdfkit the same buffer from its virtual file system). */
export function parsedFontCache<F extends FontkitFont>(create: FontkitCreate<F>): FontkitCreate<F> {
  const parsed = new WeakMap<Uint8Array, F>()
  return (buffer, postscriptName) => {
    // a named font inside a collection: parse as asked, unremembered
    if (postscriptName !== undefined && postscriptName !== null) return create(buffer, postscriptName)
    let font = parsed.get(buffer)
    if (font === undefined) {
      font = withLayoutMemo(create(buffer))
      parsed.set(buffer, font)
    }
    return font
  }
}
