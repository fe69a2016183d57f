/**
 * Node's way to make pdfkit reuse parsed fonts (../parsed-fonts.ts): pdfkit gets a `fontkit` module
 * object whose `create` is memoised per buffer, so this must run before pdfkit is first loaded;
 * `loadNodeFonts` does that before importing pdfmake.
 * MR_PARSED_FONT_CACHE=off turns it off (tests compare the output both ways).
 */
import { createRequire } from 'node:module'
import { parsedFontCache, type FontkitCreate } from '../parsed-fonts'

const require = createRequire(import.meta.url)

interface FontkitModule {
  create: FontkitCreate
  [key: string]: unknown
}

const MARK = Symbol.for('mediation-room.parsed-font-cache')

export type ParsedFontCacheState = 'installed' | 'already' | 'too-late' | 'disabled'

/** 'installed' when pdfkit will use the cache; 'too-late' when pdfkit was loaded first (still correct, slower). */
export function installParsedFontCache(): ParsedFontCacheState {
  if (process.env.MR_PARSED_FONT_CACHE === 'off') return 'disabled'
  const fontkitPath = require.resolve('fontkit', { paths: [require.resolve('pdfkit')] })
  const entry = require.cache[fontkitPath]
  if (entry && (entry.exports as Record<symbol, unknown>)[MARK]) return 'already'
  if (require.cache[require.resolve('pdfkit')]) return 'too-late'
  const original: FontkitModule = require(fontkitPath)
  const wrapper: FontkitModule = { ...original, create: parsedFontCache(original.create), [MARK]: true }
  const cached = require.cache[fontkitPath]
  if (cached) cached.exports = wrapper
  return 'installed'
}
