/**
 * Loads the faces of the manifest (FACES) as documents need them, for Node and for the PDF worker alike:
 * the common face always, a rare slice only once some document has one of its characters. Which face
 * has a character comes from the manifest, so nothing is fetched or parsed to decide. Pure: reading the
 * bytes and registering them with pdfmake are passed in.
 */
import type { TDocumentDefinitions } from 'pdfmake/interfaces'
import { covers } from './cmap'
import { FACES, memoisedCoverage, type FaceSpec, type FontChain } from './fonts'
import type { LoadedFonts, PdfEngine } from './render'

export type FaceBytes = { regular: Uint8Array; bold?: Uint8Array }

export interface FaceSource {
  /** the face's font files (bold omitted where the face has one weight) */
  read(face: FaceSpec): Promise<FaceBytes>
  /** hands the files to pdfmake and tells it every face it now has */
  register(files: Record<string, Uint8Array>, faces: readonly FaceSpec[]): void
  engine: PdfEngine
}

export interface FontLoader {
  /** the fonts with every face the text needs (a character no face has stays missing) */
  fontsFor(text: string): Promise<LoadedFonts>
  /** the fonts with every face loaded */
  all(): Promise<LoadedFonts>
  /** ids of the faces loaded so far, in manifest order */
  loaded(): string[]
}

const coverageOf = new Map(
  FACES.map((face) => {
    const ranges = Uint32Array.from(face.ranges)
    return [face, memoisedCoverage((cp) => covers(ranges, cp))]
  }),
)

/** The faces (in manifest order) that draw some character of `text`. */
export function facesFor(text: string): FaceSpec[] {
  const needed = new Set<FaceSpec>()
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0
    // ASCII (and the base64 of images) is in the common face, which is always loaded
    if (cp < 0x80) continue
    const face = FACES.find((f) => coverageOf.get(f)?.hasGlyph(cp))
    if (face) needed.add(face)
  }
  return FACES.filter((f) => needed.has(f))
}

export function createFontLoader(source: FaceSource): FontLoader {
  const loaded = new Set<FaceSpec>()
  let chain: FontChain = []
  let pending: Promise<void> = Promise.resolve()

  async function ensure(wanted: readonly FaceSpec[]): Promise<void> {
    const missing = [...new Set([FACES[0], ...wanted])].filter((f): f is FaceSpec => f !== undefined && !loaded.has(f))
    if (missing.length === 0) return
    const bytes = await Promise.all(missing.map((f) => source.read(f)))
    const files: Record<string, Uint8Array> = {}
    missing.forEach((face, i) => {
      const b = bytes[i]
      if (!b) return
      files[face.files.regular] = b.regular
      if (b.bold) files[face.files.bold] = b.bold
      loaded.add(face)
    })
    const faces = FACES.filter((f) => loaded.has(f))
    source.register(files, faces)
    // manifest order, and each face only draws its own characters, so a face loaded later changes nothing
    chain = faces.map((face) => ({
      family: face.family,
      coverage: coverageOf.get(face) ?? memoisedCoverage(() => false),
    }))
  }

  function serialised(wanted: () => readonly FaceSpec[]): Promise<LoadedFonts> {
    // one load at a time: two documents asking at once must not register a face twice
    const done = pending.then(() => ensure(wanted()))
    pending = done.catch(() => undefined)
    return done.then(() => ({ engine: source.engine, chain }))
  }

  return {
    fontsFor: (text) => serialised(() => facesFor(text)),
    all: () => serialised(() => FACES),
    loaded: () => FACES.filter((f) => loaded.has(f)).map((f) => f.id),
  }
}

/** A4 in points: what header and footer functions are called with to read their text. */
const A4 = { width: 595.28, height: 841.89, orientation: 'portrait' as const }

/** Every character a document may print (a superset: style names and image data are ASCII). */
export function documentText(dd: TDocumentDefinitions): string {
  const parts: unknown[] = [dd.content, dd.watermark]
  if (typeof dd.header === 'function') parts.push(dd.header(1, 1, A4))
  if (typeof dd.footer === 'function') parts.push(dd.footer(1, 1, A4))
  return JSON.stringify(parts)
}
