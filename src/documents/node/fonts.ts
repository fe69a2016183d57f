/**
 * Fonts for Node (CLI, tests, bench): the same faces as the PDF worker, read from resources/fonts into
 * pdfmake's virtual file system as documents need them (see ../font-loading.ts), and parsed once (./parsed-font-cache.ts), so later documents neither re-read nor re-parse them.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { TDocumentDefinitions } from 'pdfmake/interfaces'
import { createFontLoader, documentText, type FaceBytes, type FontLoader } from '../font-loading'
import { fontDictionary, type FaceSpec, type FontDictionary } from '../fonts'
import type { LoadedFonts, PdfEngine } from '../render'
import { installOrderedPngDecoding } from './ordered-png-decoding'
import { installParsedFontCache, type ParsedFontCacheState } from './parsed-font-cache'
import { installPreparedImageCache } from './prepared-image-cache'

const FONTS_DIR = resolve(import.meta.dirname, '../../../resources/fonts')

/** The slice of pdfmake's server build used here; its virtual file system is not in @types/pdfmake. */
interface ServerPdfmake extends PdfEngine {
  virtualfs: { writeFileSync(name: string, content: Uint8Array): void }
  setFonts(fonts: FontDictionary): void
  setUrlAccessPolicy(policy: (url: string) => boolean): void
  setLocalAccessPolicy(policy: (path: string) => boolean): void
}

const readFont = (file: string): Buffer => readFileSync(resolve(FONTS_DIR, file))

/** The bytes of one face, from resources/fonts. */
export function readFace(face: FaceSpec): Promise<FaceBytes> {
  const { regular, bold } = face.files
  return Promise.resolve(
    bold === regular ? { regular: readFont(regular) } : { regular: readFont(regular), bold: readFont(bold) },
  )
}

let loading: Promise<{ loader: FontLoader; cache: ParsedFontCacheState }> | undefined

async function start(): Promise<{ loader: FontLoader; cache: ParsedFontCacheState }> {
  const cache = installParsedFontCache()
  installOrderedPngDecoding()
  // loads pdfkit: after the parsed-font cache
  installPreparedImageCache()
  // imported only now so that pdfkit picks up the parsed-font cache
  // @types/pdfmake describes the browser build; the server build's virtualfs is declared above
  const pdfmake = (await import('pdfmake')).default as unknown as ServerPdfmake
  // documents embed only data: URLs and virtual files; never reach the disk or the network
  pdfmake.setUrlAccessPolicy(() => false)
  pdfmake.setLocalAccessPolicy(() => false)
  const loader = createFontLoader({
    engine: pdfmake,
    read: readFace,
    register(files, faces) {
      for (const [name, data] of Object.entries(files)) pdfmake.virtualfs.writeFileSync(name, data)
      pdfmake.setFonts(fontDictionary(faces))
    },
  })
  return { loader, cache }
}

/**
 * The fonts for a document (or for a text): the common face, plus the full font and the fallback when it
 * has characters the common face lacks. Without an argument, every face (what the tests of coverage want).
 */
export async function loadNodeFonts(forDocument?: TDocumentDefinitions | string): Promise<LoadedFonts> {
  loading ??= start()
  const { loader, cache } = await loading
  const fonts =
    forDocument === undefined
      ? await loader.all()
      : await loader.fontsFor(typeof forDocument === 'string' ? forDocument : documentText(forDocument))
  return { ...fonts, parsedFontCache: cache }
}
