/** Small text helpers shared by the validators: what people type in Chinese IMEs is not always ASCII. */

/** Full-width ASCII (０-９, Ａ-Ｚ, －, （） …) to half-width, and the ideographic space to a space. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ')
}

/** Removes every kind of whitespace. */
export function stripSpaces(s: string): string {
  return s.replace(/\s+/g, '')
}

/** The string as whole Unicode code points, so that 𠮷 (outside the BMP) stays one character. */
export function codePoints(s: string): string[] {
  return Array.from(s)
}

/** Number of code points (what a person counts as characters). */
export function charCount(s: string): number {
  return codePoints(s).length
}

/**
 * An invisible format character (Unicode Cf): zero-width space and joiners, the bidi marks, embeddings,
 * overrides and isolates (U+200E/F, U+202A–202E, U+2066–2069), the BOM U+FEFF, the soft hyphen. Nobody types
 * one into a case number or its pattern; it comes from pasting, or from a value made to look like another.
 */
export function hasInvisibleCharacter(s: string): boolean {
  return /\p{Cf}/u.test(s)
}

/** A control character (Unicode Cc: C0, DEL, C1) or an invisible format character (see above). */
export function hasHiddenCharacter(s: string): boolean {
  return /\p{Cc}/u.test(s) || hasInvisibleCharacter(s)
}

/** The text with every hidden character (see above) taken out. */
export function withoutHiddenCharacters(s: string): string {
  return s.replace(/[\p{Cc}\p{Cf}]/gu, '')
}
