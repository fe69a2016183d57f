/**
 * pdfkit parses the font bytes again for every document (fontkit.create), which is about half the time
 * of a warm render with a 15 MB CJK font. This hands pdfkit the already-parsed font for the same bytes.
 * It works by giving pdfkit a `fontkit` module object whose `create` is memoised per buffer, so it must
 * run before pdfkit is first loaded; `loadNodeFonts` does that before importing pdfmake.
 * Sharing is safe: each PDF still builds its own subset, and rendering is synchronous per document.
 */
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

interface FontkitModule {
  create(buffer: Uint8Array, postscriptName?: string): unknown
  [key: string]: unknown
}

const MARK = Symbol.for('mediation-room.parsed-font-cache')

/** 'installed' when pdfkit will use the cache; 'too-late' when pdfkit was loaded first (still correct, slower). */
export function installParsedFontCache(): 'installed' | 'already' | 'too-late' {
  const fontkitPath = require.resolve('fontkit', { paths: [require.resolve('pdfkit')] })
  const entry = require.cache[fontkitPath]
  if (entry && (entry.exports as Record<symbol, unknown>)[MARK]) return 'already'
  if (require.cache[require.resolve('pdfkit')]) return 'too-late'
  const original: FontkitModule = require(fontkitPath)
  const parsed = new WeakMap<Uint8Array, unknown>()
  const wrapper: FontkitModule = {
    ...original,
    create(buffer, postscriptName) {
      if (postscriptName !== undefined) return original.create(buffer, postscriptName)
      let font = parsed.get(buffer)
      if (font === undefined) {
        font = original.create(buffer)
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
