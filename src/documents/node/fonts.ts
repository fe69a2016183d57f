/**
 * Fonts for Node (CLI, tests, bench): read once from the npm packages into pdfmake's virtual file
 * system and parsed once, so later documents neither re-read nor re-parse 30 MB of fonts.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { FALLBACK_FONT, FONT_DICTIONARY, FONT_FILES, FONT_SOURCES, MAIN_FONT, memoisedCoverage } from '../fonts'
import type { LoadedFonts, PdfEngine } from '../render'
import { installParsedFontCache } from './parsed-font-cache'

const require = createRequire(import.meta.url)

/** The slice of pdfmake's server build used here; its virtual file system is not in @types/pdfmake. */
interface ServerPdfmake extends PdfEngine {
  virtualfs: { writeFileSync(name: string, content: Uint8Array): void }
  setFonts(fonts: typeof FONT_DICTIONARY): void
  setUrlAccessPolicy(policy: (url: string) => boolean): void
  setLocalAccessPolicy(policy: (path: string) => boolean): void
}

interface FontkitCreate {
  create(buffer: Uint8Array): { hasGlyphForCodePoint(cp: number): boolean }
}

let loading: Promise<LoadedFonts> | undefined

function readFont(source: string): Buffer {
  return readFileSync(require.resolve(source))
}

async function load(): Promise<LoadedFonts> {
  const cache = installParsedFontCache()
  // imported only now so that pdfkit picks up the parsed-font cache
  // @types/pdfmake describes the browser build; the server build's virtualfs is declared above
  const pdfmake = (await import('pdfmake')).default as unknown as ServerPdfmake
  const fontkit: FontkitCreate = require(require.resolve('fontkit', { paths: [require.resolve('pdfkit')] }))
  const bytes: Record<keyof typeof FONT_FILES, Buffer> = {
    mainRegular: readFont(FONT_SOURCES.mainRegular),
    mainBold: readFont(FONT_SOURCES.mainBold),
    fallbackRegular: readFont(FONT_SOURCES.fallbackRegular),
  }
  for (const key of Object.keys(FONT_FILES) as (keyof typeof FONT_FILES)[]) {
    pdfmake.virtualfs.writeFileSync(FONT_FILES[key], bytes[key])
  }
  pdfmake.setFonts(FONT_DICTIONARY)
  // documents embed only data: URLs and virtual files; never reach the disk or the network
  pdfmake.setUrlAccessPolicy(() => false)
  pdfmake.setLocalAccessPolicy(() => false)
  // the same buffers pdfkit will get, so coverage and rendering share one parse when the cache is on
  const main = fontkit.create(bytes.mainRegular)
  const fallback = fontkit.create(bytes.fallbackRegular)
  return {
    engine: pdfmake,
    chain: [
      { family: MAIN_FONT, coverage: memoisedCoverage((cp) => main.hasGlyphForCodePoint(cp)) },
      { family: FALLBACK_FONT, coverage: memoisedCoverage((cp) => fallback.hasGlyphForCodePoint(cp)) },
    ],
    parsedFontCache: cache,
  }
}

/** Loads the fonts on first call; later calls return the same engine and coverage. */
export function loadNodeFonts(): Promise<LoadedFonts> {
  loading ??= load()
  return loading
}
