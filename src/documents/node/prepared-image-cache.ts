/**
 * Node's way to keep prepared seals and signatures across documents (../prepared-images.ts): pdfkit does
 * not export its PNGImage class, so the class is taken from an image pdfkit opens (a 1×1 PNG, on a bare
 * image registry, no document) and keepPreparedImages installs into its prototype. Loads pdfkit, so it
 * must run after installParsedFontCache.
 * MR_PREPARED_IMAGE_CACHE=off turns it off (each document prepares its images itself, as pdfkit does).
 */
import { createRequire } from 'node:module'
import { keepPreparedImages, type PngImageClass } from '../prepared-images'

const require = createRequire(import.meta.url)

/** A white 1×1 RGBA PNG. */
const PROBE = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAAC0lEQVR4AWP4DwQACfsD/c8LaHIAAAAASUVORK5CYII='

interface ImageRegistry {
  _imageRegistry: Record<string, unknown>
  _imageCount: number
}

interface PdfkitModule {
  prototype: { openImage(this: ImageRegistry, src: Buffer): { constructor: PngImageClass } }
}

export function installPreparedImageCache(): 'installed' | 'disabled' {
  if (process.env.MR_PREPARED_IMAGE_CACHE === 'off') return 'disabled'
  // the pdfkit that pdfmake's server build loads
  const PDFDocument = require(require.resolve('pdfkit', { paths: [require.resolve('pdfmake')] })) as PdfkitModule
  const probe = PDFDocument.prototype.openImage.call(
    { _imageRegistry: {}, _imageCount: 0 },
    Buffer.from(PROBE, 'base64'),
  )
  keepPreparedImages(probe.constructor)
  return 'installed'
}
