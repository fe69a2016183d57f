/**
 * The pre-print check lists what no font can draw, emoji included (they would vanish from the PDF without
 * a word), each as a reader sees it: a family or a flag is one entry, not the code points it is made of.
 * Joiners and variation selectors are no characters of their own: after a character the fonts have, they
 * leave nothing missing. Expected lists are written out here.
 */
import { describe, expect, it } from 'vitest'
import { missingGlyphs, type FontChain } from '../../../src/documents/fonts'
import { loadNodeFonts } from '../../../src/documents/node/fonts'
import { buildDocument } from '../../../src/documents/builders'
import { documentText } from '../../../src/documents/font-loading'
import { typicalAgreementBundle } from '../../fixtures/cases/typical-agreement'

const FAMILY = '👨\u200d👩\u200d👧' // man, ZWJ, woman, ZWJ, girl
const FLAG = '🇨🇳' // regional indicators C, N
const THUMBS = '👍🏽' // with a skin-tone modifier
const HEART = '❤\ufe0f' // U+2764 with the emoji-style selector
const RAINBOW_FLAG = '🏳\ufe0f\u200d🌈'

/** The main face has ASCII and Chinese text; nothing else. */
const toyChain: FontChain = [
  {
    family: 'Main',
    coverage: { hasGlyph: (cp) => cp < 128 || '协商好了王葛'.includes(String.fromCodePoint(cp)) },
  },
]

describe('characters no font has', () => {
  it('lists each emoji once, as it is seen', () => {
    const note = `协商好了${FAMILY}${FLAG}王${THUMBS}${HEART}${FLAG}${RAINBOW_FLAG}😀`
    expect(missingGlyphs(note, toyChain)).toEqual([FAMILY, FLAG, THUMBS, HEART, RAINBOW_FLAG, '😀'])
  })

  it('takes no offence at a selector or joiner after a character the fonts draw', () => {
    // 葛 with an ideographic variation selector (a name's variant form), a text-style selector, a stray joiner
    expect(missingGlyphs('王葛\u{e0100}', toyChain)).toEqual([])
    expect(missingGlyphs('王\ufe0e了', toyChain)).toEqual([])
    expect(missingGlyphs('王\u200d葛', toyChain)).toEqual([])
  })

  it('with the real fonts: emoji are missing, a rare name character with a selector is not', async () => {
    const fonts = await loadNodeFonts()
    const text = `张桂兰说：谢谢😊。${FAMILY}${FLAG}${HEART}王𠮷葛\u{e0100}`
    expect(missingGlyphs(text, fonts.chain)).toEqual(['😊', FAMILY, FLAG, HEART])
  })

  it('an emoji typed into the facts is found in the agreement that prints them', async () => {
    const fonts = await loadNodeFonts()
    const bundle = typicalAgreementBundle()
    const agreement = bundle.agreements[0]
    if (!agreement) throw new Error('fixture changed: no agreement')
    agreement.facts += `双方握手言和${THUMBS}。`
    const printed = documentText(buildDocument('agreement', bundle, { agreementId: agreement.id }))
    expect(missingGlyphs(printed, fonts.chain)).toEqual([THUMBS])
  })
})
