/** The one fontkit call the browser PDF path uses (fontkit ships no types). */
declare module 'fontkit' {
  export function create(buffer: Uint8Array): { hasGlyphForCodePoint(codePoint: number): boolean }
}
