import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { hasHiddenCharacter, hasInvisibleCharacter, withoutHiddenCharacters } from '../../../src/domain/text'

// written out by hand: what shows nothing on a screen or a printed page, and what does
const CONTROL = ['\u0000', '\t', '\n', '\r', '\u001B', '\u007F', '\u0085', '\u009F']
const INVISIBLE = [
  '\u00AD', // soft hyphen
  '\u034F', // combining grapheme joiner
  '\u061C', // Arabic letter mark
  '\u115F', // Hangul choseong filler
  '\u1160', // Hangul jungseong filler
  '\u17B4', // Khmer inherent vowel
  '\u180E', // Mongolian vowel separator
  '\u200B', // zero-width space
  '\u200C',
  '\u200D',
  '\u200E', // left-to-right mark
  '\u200F',
  '\u202A',
  '\u202E', // right-to-left override
  '\u2060', // word joiner
  '\u2066',
  '\u2069',
  '\u2800', // braille blank
  '\u3164', // Hangul filler
  '\uFE0F', // variation selector 16
  '\uFEFF', // BOM
  '\uFFA0', // half-width Hangul filler
  '\uD800', // a lone surrogate
  '\u{E0100}', // ideographic variation selector
]
const VISIBLE = ['某', 'A', '1', ' ', '\u3000', '（', '号', '𠮷', '\u0301', '々', '-', '·', '—']

describe('hidden characters', () => {
  it.each(CONTROL)('a control character (U+%s) is hidden but not invisible', (ch) => {
    expect(hasHiddenCharacter(`某镇${ch}`)).toBe(true)
    expect(hasInvisibleCharacter(`某镇${ch}`)).toBe(false)
    expect(withoutHiddenCharacters(`某${ch}镇`)).toBe('某镇')
  })

  it.each(INVISIBLE)('an invisible character is hidden and taken out', (ch) => {
    expect(hasInvisibleCharacter(`某镇${ch}`)).toBe(true)
    expect(hasHiddenCharacter(`${ch}某镇`)).toBe(true)
    expect(withoutHiddenCharacters(`某${ch}镇`)).toBe('某镇')
  })

  it.each(VISIBLE)('a character that shows (%s) is kept', (ch) => {
    expect(hasHiddenCharacter(ch)).toBe(false)
    expect(withoutHiddenCharacters(`某${ch}镇`)).toBe(`某${ch}镇`)
  })

  it('property: taking hidden characters out leaves none, keeps every other in order, and does nothing twice', () => {
    const character = fc.oneof(
      fc.constantFrom(...CONTROL, ...INVISIBLE, ...VISIBLE),
      fc.string({ unit: 'binary', maxLength: 1 }),
    )
    fc.assert(
      fc.property(fc.array(character, { maxLength: 20 }), (parts) => {
        const text = parts.join('')
        const cleaned = withoutHiddenCharacters(text)
        expect(hasHiddenCharacter(cleaned)).toBe(false)
        expect(withoutHiddenCharacters(cleaned)).toBe(cleaned)
        // reference: the visible characters of the table, in the order given
        const visibleOnly = parts.filter((p) => VISIBLE.includes(p)).join('')
        if (parts.every((p) => VISIBLE.includes(p) || CONTROL.includes(p) || INVISIBLE.includes(p)))
          expect(cleaned).toBe(visibleOnly)
      }),
    )
  })
})
