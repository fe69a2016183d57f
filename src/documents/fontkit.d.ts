// The slice of fontkit (a dependency of pdfkit) that the browser's glyph coverage needs; fontkit ships no types.
declare module 'fontkit' {
  export interface FontkitFont {
    hasGlyphForCodePoint(codePoint: number): boolean
  }
  export function create(buffer: Uint8Array, postscriptName?: string): FontkitFont
}

// subset-font (harfbuzz's hb-subset), used only by node/make-common-fonts.ts; it ships no types.
declare module 'subset-font' {
  export default function subsetFont(
    font: Uint8Array,
    text: string,
    options?: {
      targetFormat?: 'truetype' | 'woff' | 'woff2' | 'sfnt'
      noLayoutClosure?: boolean
      noHinting?: boolean
      dropTables?: string[]
    },
  ): Promise<Uint8Array>
}
