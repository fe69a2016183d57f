/**
 * The parsed-font cache's glyph memo (src/documents/parsed-fonts.ts): a font made through the cache
 * embeds exactly the subset bytes a font fresh from fontkit embeds, for any glyphs in any order, also the
 * second and third time (from the memo). The app's faces have only simple glyphs; pdfmake's Roboto has
 * composite ones (accented letters), whose components the subset renumbers.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, resolve } from 'node:path'
import fc from 'fast-check'
import * as fontkit from 'fontkit'
import { describe, expect, it } from 'vitest'
import { parsedFontCache, type FontkitCreate, type FontkitFont } from '../../../src/documents/parsed-fonts'

/** What these tests use of a fontkit font beyond src/documents/fontkit.d.ts. */
interface FullFont extends FontkitFont {
  numGlyphs: number
  getGlyph(id: number): { _decode(): { numberOfContours: number } | null }
  createSubset(): { includeGlyph(id: number): number; encode(): Uint8Array }
}

const create = fontkit.create as unknown as FontkitCreate<FullFont>
const FONTS = {
  'the common face': resolve(import.meta.dirname, '../../../resources/fonts/NotoSerifSC-Common-Regular.ttf'),
  "pdfmake's Roboto": resolve(
    dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')),
    'build/fonts/Roboto/Roboto-Regular.ttf',
  ),
}

function subsetBytes(font: FullFont, glyphs: readonly number[]): Uint8Array {
  const subset = font.createSubset()
  for (const g of glyphs) subset.includeGlyph(g)
  return subset.encode()
}

describe.each(Object.entries(FONTS))('parsed-font cache: glyph outlines decoded once (%s)', (label, file) => {
  const bytes = readFileSync(file)
  // the reference parses its own copy: nothing of the cache reaches it
  const reference = create(new Uint8Array(bytes))
  const cached = parsedFontCache(create)(new Uint8Array(bytes))
  const composite = Array.from({ length: reference.numGlyphs }, (_, g) => g).filter(
    (g) => (reference.getGlyph(g)._decode()?.numberOfContours ?? 0) < 0,
  )

  it('has the kind of glyphs expected', () => {
    if (label === "pdfmake's Roboto") expect(composite.length).toBeGreaterThan(100)
    else expect(composite).toEqual([])
  })

  it('embeds the same subset bytes as a fresh fontkit font, every time', () => {
    const anyGlyph = fc.oneof(
      fc.integer({ min: 0, max: reference.numGlyphs - 1 }),
      fc.constantFrom(...(composite.length > 0 ? composite : [0])),
    )
    fc.assert(
      fc.property(fc.array(anyGlyph, { minLength: 1, maxLength: 60 }), (glyphs) => {
        const want = subsetBytes(reference, glyphs)
        for (let round = 0; round < 3; round++) expect(Buffer.from(subsetBytes(cached, glyphs)).equals(want)).toBe(true)
      }),
      { numRuns: 40 },
    )
  })

  it('leaves fonts made without the cache as fontkit made them', () => {
    const plain = create(new Uint8Array(bytes))
    expect(Object.hasOwn(plain, 'getGlyph')).toBe(false)
    const glyph = plain.getGlyph(1)
    expect(Object.hasOwn(glyph, '_decode')).toBe(false)
  })
})
