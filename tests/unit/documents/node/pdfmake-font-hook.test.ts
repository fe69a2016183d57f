/**
 * The build step for pdfmake's browser bundle (src/documents/node/pdfmake-font-hook.ts), run on the real
 * bundle: with the worker's hook installed, each font file is parsed once across documents, and the PDFs
 * are byte for byte those of the untouched bundle; with the worker's deflate level set, every stream
 * (page contents, font files, a seal's pixels and soft mask) inflates to the bytes of the untouched bundle's;
 * with the prepared-image hook, a seal or signature is prepared once and its streams are stored exactly as
 * the untouched bundle stores them.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { inflateSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { installDeflateLevel } from '../../../../src/documents/browser/deflate-level'
import { installParsedFontHook } from '../../../../src/documents/browser/parsed-font-hook'
import { installPreparedImageHook } from '../../../../src/documents/browser/prepared-image-hook'
import { FACES, fontDictionary, MAIN_FONT } from '../../../../src/documents/fonts'
import { rewritePdfmakeBundle } from '../../../../src/documents/node/pdfmake-font-hook'
import type { FontkitCreate } from '../../../../src/documents/parsed-fonts'
import { forgetPreparedImages, preparedImageCounts } from '../../../../src/documents/prepared-images'
import { REPRODUCIBLE_DATE } from '../../../../src/documents/render'
import { sealPng, signaturePng } from '../../../fixtures/cases/images'

const require = createRequire(import.meta.url)
const bundle = readFileSync(require.resolve('pdfmake/build/pdfmake.js'), 'utf8')

interface BrowserPdfmake {
  addVirtualFileSystem(vfs: Record<string, { data: Uint8Array }>): void
  setFonts(fonts: ReturnType<typeof fontDictionary>): void
  createPdf(dd: unknown): { getBuffer(): Promise<Uint8Array> }
}

/** Evaluates a copy of the UMD bundle as its own CommonJS module, with the common face registered. */
function loadBundle(code: string): BrowserPdfmake {
  const module = { exports: {} as unknown }
  new Function('module', 'exports', code)(module, module.exports)
  const pdfmake = module.exports as BrowserPdfmake
  const common = FACES[0]
  if (!common) throw new Error('no common face')
  const file = (name: string): Uint8Array =>
    readFileSync(resolve(import.meta.dirname, '../../../../resources/fonts', name))
  pdfmake.addVirtualFileSystem({
    [common.files.regular]: { data: file(common.files.regular) },
    [common.files.bold]: { data: file(common.files.bold) },
  })
  pdfmake.setFonts(fontDictionary([common]))
  return pdfmake
}

const doc = (n: number) => ({
  info: { creationDate: REPRODUCIBLE_DATE, modDate: REPRODUCIBLE_DATE },
  defaultStyle: { font: MAIN_FONT },
  content: [{ text: '人民调解协议书', bold: true }, `第${n}份：经调解，双方自愿达成如下协议。`],
})

interface HookScope {
  __mediationRoomFontkit?: (create: FontkitCreate) => FontkitCreate
  __mediationRoomDeflateLevel?: number
  __mediationRoomPngImage?: unknown
}

afterEach(() => {
  delete (globalThis as HookScope).__mediationRoomFontkit
  delete (globalThis as HookScope).__mediationRoomDeflateLevel
  delete (globalThis as HookScope).__mediationRoomPngImage
})

/** Each stream of a pdfkit PDF as stored (between `stream` and `endstream`), in file order. */
function storedStreams(pdf: Uint8Array): Buffer[] {
  const bytes = Buffer.from(pdf)
  const text = bytes.toString('latin1')
  const out: Buffer[] = []
  for (let at = text.indexOf('\nstream\n'); at >= 0; at = text.indexOf('\nstream\n', at + 1)) {
    const start = at + '\nstream\n'.length
    out.push(bytes.subarray(start, text.indexOf('\nendstream', start)))
  }
  return out
}

/**
 * Each image XObject that has a soft mask, as its dictionary, its stored stream and its mask's stored
 * stream (object numbers left out), sorted: what the images are, whatever order the file has them in.
 */
function maskedImages(pdf: Uint8Array): string[] {
  const text = Buffer.from(pdf).toString('latin1')
  const objects = new Map<string, { dict: string; stream: string }>()
  for (let at = text.indexOf('\nstream\n'); at >= 0; at = text.indexOf('\nstream\n', at + 1)) {
    // the object the stream belongs to: the last one opened before it
    const open = text.lastIndexOf(' 0 obj\n', at)
    const number = /\d+$/.exec(text.slice(open - 12, open))?.[0] ?? ''
    const start = at + '\nstream\n'.length
    objects.set(number, { dict: text.slice(open, at), stream: text.slice(start, text.indexOf('\nendstream', start)) })
  }
  const out: string[] = []
  for (const { dict, stream } of objects.values()) {
    const mask = /\/SMask (\d+) 0 R/.exec(dict)
    if (!dict.includes('/Subtype /Image') || !mask) continue
    out.push([dict.replace(/\/SMask \d+ 0 R/, ''), stream, objects.get(mask[1] ?? '')?.stream].join('\u0000'))
  }
  return out.sort()
}

/** A page with text in both weights and a seal with transparency (its pixels and soft mask are deflated). */
const sealed = {
  ...doc(3),
  content: [...doc(3).content, { image: sealPng(), width: 100 }],
}

describe('rewritePdfmakeBundle', () => {
  it('makes pdfkit reuse parsed fonts through the hook, with byte-identical output', async () => {
    const plain = loadBundle(bundle)
    const expected = [await plain.createPdf(doc(1)).getBuffer(), await plain.createPdf(doc(2)).getBuffer()]

    installParsedFontHook()
    const scope = globalThis as HookScope
    const installed = scope.__mediationRoomFontkit
    const parsed: Uint8Array[] = []
    // count the real parses behind the worker's cache
    scope.__mediationRoomFontkit = (create) =>
      installed ? installed((buffer, name) => (parsed.push(buffer), create(buffer, name))) : create
    const hooked = loadBundle(rewritePdfmakeBundle(bundle))
    const actual = [await hooked.createPdf(doc(1)).getBuffer(), await hooked.createPdf(doc(2)).getBuffer()]

    expect(Buffer.from(actual[0] ?? []).equals(Buffer.from(expected[0] ?? []))).toBe(true)
    expect(Buffer.from(actual[1] ?? []).equals(Buffer.from(expected[1] ?? []))).toBe(true)
    // regular and bold, once each, for two documents
    expect(parsed).toHaveLength(2)
  })

  it('deflates at the level the worker sets: other bytes, the same content in every stream', async () => {
    const plain = await loadBundle(bundle).createPdf(sealed).getBuffer()
    installDeflateLevel()
    const fast = await loadBundle(rewritePdfmakeBundle(bundle)).createPdf(sealed).getBuffer()
    const [was, now] = [storedStreams(plain), storedStreams(fast)]
    // page contents, two font files and their ToUnicode maps, the seal's pixels and its soft mask, …
    expect(was.length).toBeGreaterThanOrEqual(7)
    expect(now).toHaveLength(was.length)
    let changed = 0
    for (const [i, stored] of now.entries()) {
      const before = was[i] ?? Buffer.alloc(0)
      if (!stored.equals(before)) changed++
      expect(inflateSync(stored).equals(inflateSync(before)), `stream ${i}`).toBe(true)
    }
    // the level took effect: most streams are stored differently
    expect(changed).toBeGreaterThan(was.length / 2)
  })

  it('prepares each seal or signature once through the hook, its streams stored as the untouched bundle stores them', async () => {
    const signed = (n: number) => ({
      ...doc(n),
      content: [
        ...doc(n).content,
        { image: sealPng(), width: 100 },
        { image: signaturePng(1), width: 120 },
        { image: signaturePng(2), width: 120 },
      ],
    })
    const plain = loadBundle(bundle)
    const expected = [await plain.createPdf(signed(1)).getBuffer(), await plain.createPdf(signed(2)).getBuffer()]

    installPreparedImageHook()
    forgetPreparedImages()
    const hooked = loadBundle(rewritePdfmakeBundle(bundle))
    const first = await hooked.createPdf(signed(1)).getBuffer()
    expect(preparedImageCounts()).toMatchObject({ prepared: 3, reused: 0 })
    const second = await hooked.createPdf(signed(2)).getBuffer()
    expect(preparedImageCounts()).toMatchObject({ prepared: 3, reused: 3 })
    // made again from the kept images: the same file as the first time
    const again = await hooked.createPdf(signed(1)).getBuffer()
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true)

    for (const [i, pdf] of [first, second].entries()) {
      const was = maskedImages(expected[i] ?? new Uint8Array())
      // three images, each with its soft mask
      expect(was).toHaveLength(3)
      expect(maskedImages(pdf)).toEqual(was)
    }
  })

  it('fails the build when pdfmake changed and the code to rewrite is gone', () => {
    expect(() => rewritePdfmakeBundle(bundle.replaceAll('(0, _fontkit.create)', 'fontkit.create'))).toThrow(
      /expected 2/,
    )
    expect(() => rewritePdfmakeBundle(bundle.replace('_zlib.default.deflateSync(', 'zlib.deflateSync('))).toThrow(
      /expected 6/,
    )
    expect(() =>
      rewritePdfmakeBundle(bundle.replace('return new PNGImage(data, label);', 'return new PNGImage(data, label)')),
    ).toThrow(/expected 1/)
  })
})
