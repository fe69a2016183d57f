/**
 * pdfkit parses the font bytes again for every document (fontkit.create) and shapes every word again
 * (font.layout), which is most of a warm render with a 15 MB CJK font. This hands pdfkit the
 * already-parsed font for the same bytes, and remembers shaped words across documents.
 * It works by giving pdfkit a `fontkit` module object whose `create` is memoised per buffer, so it must
 * run before pdfkit is first loaded; `loadNodeFonts` does that before importing pdfmake.
 * Sharing is safe: each PDF still builds its own subset, rendering is synchronous per document, and
 * every caller gets fresh glyph positions (pdfkit scales them in place).
 * MR_PARSED_FONT_CACHE=off turns it off (tests compare the output both ways).
 */
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

interface Position {
  xAdvance: number
  [key: string]: number
}

interface GlyphRun {
  glyphs: unknown[]
  positions: Position[]
}

interface FontkitFont {
  layout(text: string, ...rest: unknown[]): GlyphRun
}

interface FontkitModule {
  create(buffer: Uint8Array, postscriptName?: string): FontkitFont
  [key: string]: unknown
}

const MARK = Symbol.for('mediation-room.parsed-font-cache')
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

function withLayoutMemo(font: FontkitFont): FontkitFont {
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

export type ParsedFontCacheState = 'installed' | 'already' | 'too-late' | 'disabled'

/** 'installed' when pdfkit will use the cache; 'too-late' when pdfkit was loaded first (still correct, slower). */
export function installParsedFontCache(): ParsedFontCacheState {
  if (process.env.MR_PARSED_FONT_CACHE === 'off') return 'disabled'
  const fontkitPath = require.resolve('fontkit', { paths: [require.resolve('pdfkit')] })
  const entry = require.cache[fontkitPath]
  if (entry && (entry.exports as Record<symbol, unknown>)[MARK]) return 'already'
  if (require.cache[require.resolve('pdfkit')]) return 'too-late'
  const original: FontkitModule = require(fontkitPath)
  const parsed = new WeakMap<Uint8Array, FontkitFont>()
  const wrapper: FontkitModule = {
    ...original,
    create(buffer, postscriptName) {
      if (postscriptName !== undefined) return original.create(buffer, postscriptName)
      let font = parsed.get(buffer)
      if (font === undefined) {
        font = withLayoutMemo(original.create(buffer))
        parsed.set(buffer, font)
      }
      return font
    },
    [MARK]: true,
  }
  const cached = require.cache[fontkitPath]
  if (cached) cached.exports = wrapper
  return 'installed'
}
