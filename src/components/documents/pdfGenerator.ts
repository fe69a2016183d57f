/**
 * Stand-in for the documents engine's browser worker client (src/documents/browser), until it lands:
 * the same builders and the same renderPdf, with the fonts fetched once from the bundle and kept in
 * memory. Swap `generatePdf` / `missingCharacters` for the worker client's when it exists.
 */
import pdfMake from 'pdfmake/build/pdfmake'
import { create as createFont } from 'fontkit'
import mainRegularUrl from '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf?url'
import mainBoldUrl from '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf?url'
import fallbackUrl from '@expo-google-fonts/noto-serif-jp/400Regular/NotoSerifJP_400Regular.ttf?url'
import type { CaseBundle } from '../../domain/types'
import { buildDocument, type BuildOptions, type DocumentKind } from '../../documents/builders'
import { FALLBACK_FONT, FONT_DICTIONARY, FONT_FILES, MAIN_FONT, memoisedCoverage, missingGlyphs } from '../../documents/fonts'
import { renderPdf, type LoadedFonts, type PdfEngine } from '../../documents/render'

interface BrowserPdfmake extends PdfEngine {
  addVirtualFileSystem(vfs: Record<string, { data: Uint8Array; encoding: string }>): void
  addFonts(fonts: typeof FONT_DICTIONARY): void
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`字体文件读取失败（${response.status}）`)
  return new Uint8Array(await response.arrayBuffer())
}

let loading: Promise<LoadedFonts> | undefined

function loadFonts(): Promise<LoadedFonts> {
  loading ??= (async () => {
    const [mainRegular, mainBold, fallbackRegular] = await Promise.all([fetchBytes(mainRegularUrl), fetchBytes(mainBoldUrl), fetchBytes(fallbackUrl)])
    const engine = pdfMake as unknown as BrowserPdfmake
    engine.addVirtualFileSystem({
      [FONT_FILES.mainRegular]: { data: mainRegular, encoding: 'binary' },
      [FONT_FILES.mainBold]: { data: mainBold, encoding: 'binary' },
      [FONT_FILES.fallbackRegular]: { data: fallbackRegular, encoding: 'binary' },
    })
    engine.addFonts(FONT_DICTIONARY)
    const main = createFont(mainRegular)
    const fallback = createFont(fallbackRegular)
    return {
      engine,
      chain: [
        { family: MAIN_FONT, coverage: memoisedCoverage((cp) => main.hasGlyphForCodePoint(cp)) },
        { family: FALLBACK_FONT, coverage: memoisedCoverage((cp) => fallback.hasGlyphForCodePoint(cp)) },
      ],
    }
  })().catch((error: unknown) => {
    loading = undefined
    throw error
  })
  return loading
}

export async function generatePdf(kind: DocumentKind, bundle: CaseBundle, options: BuildOptions = {}): Promise<Uint8Array> {
  const fonts = await loadFonts()
  return renderPdf(buildDocument(kind, bundle, options), fonts)
}

/** Characters of `text` that no font can draw (they would print as empty boxes). */
export async function missingCharacters(text: string): Promise<string[]> {
  return missingGlyphs(text, (await loadFonts()).chain)
}
