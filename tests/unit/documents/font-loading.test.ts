/**
 * The document fonts as the PDF worker loads them: the manifest says exactly what each font file draws
 * (checked against fontkit), every character of Noto Serif SC and JP is still drawn, and loading faces
 * only as documents need them never changes which face draws a character.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { covers, readCoverage } from '../../../src/documents/cmap'
import { createFontLoader, documentText, facesFor, type FaceBytes } from '../../../src/documents/font-loading'
import { FACES, MAIN_FONT, splitByFont, type FaceSpec } from '../../../src/documents/fonts'
import { readFace } from '../../../src/documents/node/fonts'
import type { PdfEngine } from '../../../src/documents/render'

const require = createRequire(import.meta.url)
interface Fontkit {
  create(b: Uint8Array): { hasGlyphForCodePoint(cp: number): boolean; numGlyphs: number }
}
const fontkit = require(require.resolve('fontkit', { paths: [require.resolve('pdfkit')] })) as Fontkit

const bytes = new Map<FaceSpec, FaceBytes>()
async function faceBytes(face: FaceSpec): Promise<FaceBytes> {
  let b = bytes.get(face)
  if (!b) {
    b = await readFace(face)
    bytes.set(face, b)
  }
  return b
}

/** A loader over the real font files that records what it registers; fonts are loaded, never rendered, here. */
function recordingLoader() {
  const registered: string[][] = []
  const engine: PdfEngine = {
    createPdf() {
      throw new Error('not used by font loading')
    },
  }
  const loader = createFontLoader({
    engine,
    read: faceBytes,
    register: (_files, faces) => registered.push(faces.map((f) => f.id)),
  })
  return { loader, registered }
}

/** Characters from every face's territory: ASCII, CJK blocks, the rare name characters, Ext-B, Tangut. */
const mixedChar = fc.oneof(
  fc.integer({ min: 0x20, max: 0x7e }),
  fc.integer({ min: 0x3400, max: 0x9fff }),
  fc.constantFrom(...[...'人民调解堃珺喆赟䶮𠮷𗀀，。（）'].map((c) => c.codePointAt(0) ?? 0)),
  fc.integer({ min: 0x20000, max: 0x2a6df }),
)
const mixedText = fc.array(mixedChar, { maxLength: 30 }).map((cps) => String.fromCodePoint(...cps))

const packageFont = (path: string): Buffer => readFileSync(require.resolve(`@expo-google-fonts/${path}`))

describe('the font manifest', () => {
  it('names only characters each font file draws (cmap reader and fontkit agree)', () => {
    for (const face of FACES) {
      const listed = Uint32Array.from(face.ranges)
      for (const file of new Set([face.files.regular, face.files.bold])) {
        const font = readFileSync(resolve(import.meta.dirname, '../../../resources/fonts', file))
        const drawn = readCoverage(font)
        const reference = fontkit.create(font)
        for (let i = 0; i < listed.length; i += 2) {
          for (let cp = listed[i] ?? 0; cp <= (listed[i + 1] ?? -1); cp++)
            expect(covers(drawn, cp), `${file} U+${cp.toString(16)}`).toBe(true)
        }
        fc.assert(
          fc.property(
            fc.integer({ min: 0, max: 0x3ffff }),
            (cp) => covers(drawn, cp) === reference.hasGlyphForCodePoint(cp),
          ),
          { numRuns: 500 },
        )
      }
    }
  })

  it('loses no character of the full fonts: each is drawn by exactly one face', () => {
    const sc = fontkit.create(packageFont('noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf'))
    const jp = fontkit.create(packageFont('noto-serif-jp/400Regular/NotoSerifJP_400Regular.ttf'))
    const ranges = FACES.map((f) => Uint32Array.from(f.ranges))
    for (let cp = 0x20; cp < 0x2fa20; cp++) {
      const faces = ranges.filter((r) => covers(r, cp)).length
      expect(faces, cp.toString(16)).toBe(sc.hasGlyphForCodePoint(cp) || jp.hasGlyphForCodePoint(cp) ? 1 : 0)
    }
  })
})

describe('readCoverage', () => {
  it('refuses a file that is not a font, with a Chinese message', () => {
    expect(() => readCoverage(new Uint8Array(64))).toThrow(/字符映射表/)
  })
})

describe('createFontLoader', () => {
  it('loads a rare slice only for a text that needs it', async () => {
    const { loader, registered } = recordingLoader()
    await loader.fontsFor('人民调解协议书：申请人张三，被申请人某某有限公司（2026）')
    expect(loader.loaded()).toEqual(['common'])
    const [forJun] = facesFor('珺')
    const [forJi] = facesFor('𠮷')
    expect(forJun?.family).toMatch(/^NotoSerifSC-\d\d$/)
    expect(forJi?.family).toMatch(/^NotoSerifJP-\d\d$/)
    await loader.fontsFor('李珺')
    expect(loader.loaded()).toEqual(['common', forJun?.id])
    await loader.fontsFor('王𠮷')
    expect(loader.loaded()).toEqual(['common', forJun?.id, forJi?.id])
    expect(registered).toEqual([['common'], ['common', forJun?.id], ['common', forJun?.id, forJi?.id]])
    expect((await loader.fontsFor('')).chain[0]?.family).toBe(MAIN_FONT)
  })

  it('never changes which face draws a character: the lazy chain splits every text as the full chain does', async () => {
    const all = await recordingLoader().loader.all()
    await fc.assert(
      fc.asyncProperty(mixedText, async (text) => {
        const lazy = await recordingLoader().loader.fontsFor(text)
        expect(splitByFont(text, lazy.chain)).toEqual(splitByFont(text, all.chain))
      }),
      { numRuns: 60 },
    )
  })

  it('reads the text of headers and footers too', () => {
    const text = documentText({
      content: ['正文'],
      header: () => ({ text: '李珺' }),
      footer: (p, n) => ({ text: `第 ${p} 页 共 ${n} 页` }),
    })
    expect(text).toContain('李珺')
    expect(text).toContain('第 1 页 共 1 页')
  })
})
