/**
 * The one way a PDF is made, in the app (worker), the CLI and the tests: a document definition and
 * loaded fonts in, the PDF bytes out. The engine (pdfmake for Node or for the browser) comes with the
 * fonts, so this module runs in both.
 */
import type { TDocumentDefinitions } from 'pdfmake/interfaces'
import { applyFontFallback, type FontChain } from './fonts'

/** What both pdfmake builds offer once fonts are registered. */
export interface PdfEngine {
  createPdf(dd: TDocumentDefinitions): { getBuffer(): Promise<Uint8Array> }
}

export interface LoadedFonts {
  engine: PdfEngine
  chain: FontChain
  /** Node only: whether pdfkit reuses the parsed fonts (see node/parsed-font-cache.ts) */
  parsedFontCache?: 'installed' | 'already' | 'too-late' | 'disabled'
}

export interface RenderOptions {
  /** Written as CreationDate and ModDate; fixed for reproducible output. Defaults to now. */
  creationDate?: Date
}

/** The fixed date tests and the CLI use so that the same input gives byte-identical PDFs. */
export const REPRODUCIBLE_DATE = new Date('2026-01-01T00:00:00.000Z')

export async function renderPdf(
  docDefinition: TDocumentDefinitions,
  fonts: LoadedFonts,
  options: RenderOptions = {},
): Promise<Uint8Array> {
  const date = options.creationDate ?? new Date()
  const dd = applyFontFallback(docDefinition, fonts.chain)
  dd.info = {
    producer: '调解室 Mediation Room',
    creator: '调解室 Mediation Room',
    ...dd.info,
    creationDate: date,
    modDate: date,
  }
  const buffer = await fonts.engine.createPdf(dd).getBuffer()
  // a Node Buffer is a Uint8Array; copy nothing, just drop the subclass for callers
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}
