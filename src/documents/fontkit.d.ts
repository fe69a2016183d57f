// The slice of fontkit (a dependency of pdfkit) that the browser's glyph coverage needs; fontkit ships no types.
declare module 'fontkit' {
  export interface FontkitFont {
    hasGlyphForCodePoint(codePoint: number): boolean
  }
  export function create(buffer: Uint8Array, postscriptName?: string): FontkitFont
}
