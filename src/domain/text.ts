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
 * The characters that show nothing, listed once for case numbers, settings, the signer and file names:
 * format characters (Unicode Cf: zero-width space and joiners, the bidi marks, embeddings, overrides and
 * isolates U+200E/F, U+202A–202E, U+2066–2069, the BOM U+FEFF, the soft hyphen), lone surrogates (Cs: broken
 * text), and the blank letters and marks that are not format characters (Hangul fillers, the combining
 * grapheme joiner, Khmer inherent vowels, Mongolian and other variation selectors, the braille blank). Nobody
 * types one; it comes from pasting, or from a value made to look like another.
 */
const INVISIBLE =
  '\\p{Cf}\\p{Cs}\\u034f\\u115f\\u1160\\u17b4\\u17b5\\u180b-\\u180f\\u2800\\u3164\\ufe00-\\ufe0f\\uffa0\\u{e0100}-\\u{e01ef}'
/** Control characters (Unicode Cc: C0, DEL, C1). */
const CONTROL = '\\p{Cc}'

/* eslint-disable no-misleading-character-class -- the classes list lone invisible marks on purpose */
const INVISIBLE_CHARACTER = new RegExp(`[${INVISIBLE}]`, 'u')
const HIDDEN_CHARACTER = new RegExp(`[${CONTROL}${INVISIBLE}]`, 'u')
const HIDDEN_CHARACTERS = new RegExp(`[${CONTROL}${INVISIBLE}]`, 'gu')
/* eslint-enable no-misleading-character-class */

/** An invisible character (see above), control characters aside. */
export function hasInvisibleCharacter(s: string): boolean {
  return INVISIBLE_CHARACTER.test(s)
}

/** A control character or an invisible one (see above). */
export function hasHiddenCharacter(s: string): boolean {
  return HIDDEN_CHARACTER.test(s)
}

/** The text with every control and invisible character (see above) taken out. */
export function withoutHiddenCharacters(s: string): string {
  return s.replace(HIDDEN_CHARACTERS, '')
}

/**
 * The order of stored ISO dates and times, ids and file names: by UTF-16 code unit, which for these ASCII
 * texts is their order, the same on every PC whatever its language (localeCompare follows the PC's locale,
 * and its first call builds a collator: ~15 ms on the first screen's path).
 */
export function compareOrdinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
