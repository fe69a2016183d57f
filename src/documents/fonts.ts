/**
 * Fonts of every document: a Song (serif) face for all text, and fallback faces for characters it
 * lacks (rare name characters such as 𠮷 U+20BB7). Pure: the bytes are loaded by ./node or ./browser;
 * this module decides which face draws which character.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import manifest from '../../resources/fonts/manifest.json'

/** The family of the common face: every document's default font. */
export const MAIN_FONT = 'NotoSerifSC'

/** One face of the manifest: its pdfmake family, virtual file names, and the code points it draws. */
export interface FaceSpec {
  id: string
  family: string
  /** one-weight faces name the regular file for bold too */
  files: { regular: string; bold: string }
  /** sorted [first, last] pairs, flat */
  ranges: number[]
}

export interface FontManifest {
  generator: string
  faces: FaceSpec[]
}

/**
 * The faces in the order they are tried (resources/fonts/manifest.json, made by node/make-fonts.ts):
 * `common` (GB 2312 and symbols, always loaded), then slices of the rest of Noto Serif SC and of the
 * characters only Noto Serif JP has, each loaded only for a document that has one of its characters.
 */
export const FACES: readonly FaceSpec[] = (manifest as FontManifest).faces

export type FontDictionary = Record<string, { normal: string; bold: string; italics: string; bolditalics: string }>

/** The pdfmake font dictionary of the given faces. */
export function fontDictionary(faces: readonly FaceSpec[]): FontDictionary {
  return Object.fromEntries(
    faces.map(({ family, files }) => [
      family,
      { normal: files.regular, bold: files.bold, italics: files.regular, bolditalics: files.bold },
    ]),
  )
}

export interface GlyphCoverage {
  hasGlyph(codePoint: number): boolean
}

/** Faces in the order they are tried; the first is the main face. */
export type FontChain = readonly { family: string; coverage: GlyphCoverage }[]

/** Wraps a coverage test with a per-code-point memo: documents repeat the same few hundred characters. */
export function memoisedCoverage(has: (codePoint: number) => boolean): GlyphCoverage {
  const memo = new Map<number, boolean>()
  return {
    hasGlyph(cp) {
      let known = memo.get(cp)
      if (known === undefined) {
        known = has(cp)
        memo.set(cp, known)
      }
      return known
    },
  }
}

/** Characters no font needs to draw. */
function isLayoutOnly(cp: number): boolean {
  return cp < 0x20 || cp === 0x200b || cp === 0xfeff
}

/** Index in the chain of the first face that has the character; 0 (main) when none has it. */
function faceFor(cp: number, chain: FontChain): number {
  if (isLayoutOnly(cp)) return 0
  const i = chain.findIndex((f) => f.coverage.hasGlyph(cp))
  return i < 0 ? 0 : i
}

export interface FontRun {
  text: string
  /** undefined: the main face (inherited from the surrounding style) */
  font?: string
}

/** Splits text into runs that each one face can draw. */
export function splitByFont(text: string, chain: FontChain): FontRun[] {
  const runs: FontRun[] = []
  let current = ''
  let currentFace = 0
  for (const ch of text) {
    const face = faceFor(ch.codePointAt(0) ?? 0, chain)
    if (face !== currentFace && current !== '') {
      runs.push(currentFace === 0 ? { text: current } : { text: current, font: chain[currentFace]?.family })
      current = ''
    }
    currentFace = face
    current += ch
  }
  if (current !== '' || runs.length === 0) {
    runs.push(currentFace === 0 ? { text: current } : { text: current, font: chain[currentFace]?.family })
  }
  return runs
}

/**
 * Code points that only steer how their neighbours are drawn: zero-width joiners and non-joiners (which
 * glue emoji into one, 👨‍👩‍👧) and variation selectors (U+FE0E/FE0F text or emoji style, and the
 * ideographic variation selectors of a name's variant glyph, 葛󠄀). A face without them still draws the
 * character they follow, in its usual form.
 */
function isSelectorOrJoiner(cp: number): boolean {
  return cp === 0x200c || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)
}

const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' })

/**
 * What of `text` no face in the chain can draw (it would print as an empty box, or not at all as emoji
 * do), each as the reader sees it: a flag 🇨🇳 or a family 👨‍👩‍👧 is one entry, not its code points.
 */
export function missingGlyphs(text: string, chain: FontChain): string[] {
  const missing = new Set<string>()
  for (const { segment } of graphemes.segment(text)) {
    for (const ch of segment) {
      const cp = ch.codePointAt(0) ?? 0
      if (isLayoutOnly(cp) || isSelectorOrJoiner(cp) || chain.some((f) => f.coverage.hasGlyph(cp))) continue
      missing.add(segment)
      break
    }
  }
  return [...missing]
}

function needsFallback(text: string, chain: FontChain): boolean {
  for (const ch of text) if (faceFor(ch.codePointAt(0) ?? 0, chain) !== 0) return true
  return false
}

type Node = Content | Record<string, unknown>

/** Text in a node, wrapped into font runs where the main face lacks a character. */
function withFallback(node: unknown, chain: FontChain): unknown {
  if (typeof node === 'string') {
    return needsFallback(node, chain) ? { text: splitByFont(node, chain) } : node
  }
  if (Array.isArray(node)) return node.map((n) => withFallback(n, chain))
  if (typeof node !== 'object' || node === null) return node
  const obj = node as Record<string, unknown>
  // images, QR codes and vector drawings carry no text to split
  if ('image' in obj || 'qr' in obj || 'canvas' in obj || 'svg' in obj) return node
  const out: Record<string, unknown> = { ...obj }
  if (typeof obj.text === 'string') {
    if (needsFallback(obj.text, chain)) out.text = splitByFont(obj.text, chain)
  } else if (obj.text !== undefined) {
    out.text = withFallback(obj.text, chain)
  }
  for (const key of ['stack', 'columns', 'ul', 'ol'] as const) {
    if (obj[key] !== undefined) out[key] = withFallback(obj[key], chain)
  }
  if (typeof obj.table === 'object' && obj.table !== null) {
    const table = obj.table as Record<string, unknown>
    out.table = { ...table, body: withFallback(table.body, chain) }
  }
  return out satisfies Node
}

/** The document with every run of characters the main face lacks drawn in a fallback face. */
export function applyFontFallback(dd: TDocumentDefinitions, chain: FontChain): TDocumentDefinitions {
  const out: TDocumentDefinitions = { ...dd, content: withFallback(dd.content, chain) as Content }
  const { header, footer } = dd
  if (typeof header === 'function') {
    out.header = (...args) => withFallback(header(...args), chain) as Content
  }
  if (typeof footer === 'function') {
    out.footer = (...args) => withFallback(footer(...args), chain) as Content
  }
  return out
}
