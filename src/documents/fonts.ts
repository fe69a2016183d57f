/**
 * Fonts of every document: a Song (serif) face for all text, and fallback faces for characters it
 * lacks (rare name characters such as 𠮷 U+20BB7). Pure: the bytes are loaded by ./node or ./browser;
 * this module decides which face draws which character.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'

/** pdfmake family names. */
export const MAIN_FONT = 'NotoSerifSC'
export const FALLBACK_FONT = 'NotoSerifJP'

/** Virtual file names under which the font bytes are registered with pdfmake. */
export const FONT_FILES = {
  mainRegular: 'NotoSerifSC-Regular.ttf',
  mainBold: 'NotoSerifSC-Bold.ttf',
  fallbackRegular: 'NotoSerifJP-Regular.ttf',
} as const

/** Where the files come from (npm packages, OFL-licensed). */
export const FONT_SOURCES = {
  mainRegular: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  mainBold: '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
  fallbackRegular: '@expo-google-fonts/noto-serif-jp/400Regular/NotoSerifJP_400Regular.ttf',
} as const satisfies Record<keyof typeof FONT_FILES, string>

/** The pdfmake font dictionary: the fallback has one weight, used for bold too. */
export const FONT_DICTIONARY = {
  [MAIN_FONT]: {
    normal: FONT_FILES.mainRegular,
    bold: FONT_FILES.mainBold,
    italics: FONT_FILES.mainRegular,
    bolditalics: FONT_FILES.mainBold,
  },
  [FALLBACK_FONT]: {
    normal: FONT_FILES.fallbackRegular,
    bold: FONT_FILES.fallbackRegular,
    italics: FONT_FILES.fallbackRegular,
    bolditalics: FONT_FILES.fallbackRegular,
  },
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

/** Characters of `text` that no face in the chain can draw (they would print as empty boxes). */
export function missingGlyphs(text: string, chain: FontChain): string[] {
  const missing = new Set<string>()
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0
    if (!isLayoutOnly(cp) && !chain.some((f) => f.coverage.hasGlyph(cp))) missing.add(ch)
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
