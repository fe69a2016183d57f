/** Font runs: every character goes to the first face that has it; nothing is lost or reordered. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyFontFallback, MAIN_FONT, missingGlyphs, splitByFont, type FontChain } from '../../../src/documents/fonts'
import { loadNodeFonts } from '../../../src/documents/node/fonts'
import { renderPdf, REPRODUCIBLE_DATE } from '../../../src/documents/render'

/** A toy chain: the main face has ASCII and 人民, the fallback has 𠮷 and 堃. */
const toyChain: FontChain = [
  { family: 'Main', coverage: { hasGlyph: (cp) => cp < 128 || '人民'.includes(String.fromCodePoint(cp)) } },
  { family: 'Fallback', coverage: { hasGlyph: (cp) => '𠮷堃'.includes(String.fromCodePoint(cp)) } },
]

describe('splitByFont', () => {
  it('keeps the text whole and gives each run a face that has its characters', () => {
    const alphabet = fc.constantFrom('a', ' ', '人', '民', '𠮷', '堃', '龘', '\n')
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 40 }).map((cs) => cs.join('')),
        (text) => {
          const runs = splitByFont(text, toyChain)
          expect(runs.map((r) => r.text).join('')).toBe(text)
          for (const run of runs) {
            if (run.font === 'Fallback') for (const ch of run.text) expect('𠮷堃').toContain(ch)
            expect(run.font === undefined || run.font === 'Fallback').toBe(true)
          }
          for (let i = 1; i < runs.length; i++) expect(runs[i]?.font).not.toBe(runs[i - 1]?.font)
        },
      ),
    )
  })

  it('reports characters no face has', () => {
    expect(missingGlyphs('人民𠮷龘a龘', toyChain)).toEqual(['龘'])
  })

  it('rewrites text inside stacks, columns and tables but leaves images and QR codes alone', () => {
    const dd = applyFontFallback(
      {
        content: ['王𠮷', { stack: [{ text: '堃' }] }, { table: { body: [['人', { text: '𠮷' }]] } }, { qr: '𠮷' }],
      },
      toyChain,
    )
    expect(JSON.stringify(dd.content)).toContain('"font":"Fallback"')
    expect(JSON.stringify(dd.content)).toContain('{"qr":"𠮷"}')
  })
})

describe('the real fonts', () => {
  it('cover the rare name characters between them: the common face first, rare SC slices, Ext-B from JP', async () => {
    const fonts = await loadNodeFonts()
    const [common] = fonts.chain
    expect(common?.family).toBe(MAIN_FONT)
    const drawnBy = (ch: string): string | undefined =>
      fonts.chain.find((f) => f.coverage.hasGlyph(ch.codePointAt(0) ?? 0))?.family
    // the common face lacks them, so every document with such a name exercises a rare slice
    for (const ch of ['堃', '珺', '喆', '赟', '䶮']) expect(drawnBy(ch), ch).toMatch(/^NotoSerifSC-\d\d$/)
    for (const ch of '人民调解协议书（）：，。0-9Aa') expect(drawnBy(ch), ch).toBe(MAIN_FONT)
    expect(drawnBy('𠮷')).toMatch(/^NotoSerifJP-\d\d$/)
    expect(missingGlyphs('王𠮷张堃李珺陈喆刘赟赵䶮', fonts.chain)).toEqual([])
    // a Tangut character: in neither face, so the UI must warn before printing
    expect(missingGlyphs('𗀀', fonts.chain)).toEqual(['𗀀'])
  })

  it('renders the same bytes for the same input and date, and different bytes for another date', async () => {
    const fonts = await loadNodeFonts()
    const dd = () => ({ content: ['人民调解协议书 王𠮷'], defaultStyle: { font: MAIN_FONT } })
    const a = await renderPdf(dd(), fonts, { creationDate: REPRODUCIBLE_DATE })
    const b = await renderPdf(dd(), fonts, { creationDate: REPRODUCIBLE_DATE })
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true)
    const c = await renderPdf(dd(), fonts, { creationDate: new Date('2027-01-01T00:00:00Z') })
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false)
  })
})
