/**
 * Seals and signatures prepared once (src/documents/prepared-images.ts). The synchronous decoding gives
 * the pixels png-js (pdfkit's own PNG decoder, with Node's zlib) gives, for PNGs pngjs writes with every
 * filter; and in Node a document with a seal and signatures made again from the kept images is the very
 * same file as the first one. (That the kept streams are pdfkit's own, in the worker's build of pdfkit:
 * node/pdfmake-font-hook.test.ts.)
 */
import { createRequire } from 'node:module'
import { deflateSync, inflateSync } from 'node:zlib'
import fc from 'fast-check'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import {
  forgetPreparedImages,
  pngPixels,
  preparedImageCounts,
  PREPARED_IMAGE_BYTES,
  PREPARED_IMAGE_LIMIT,
  type PngJsImage,
} from '../../../src/documents/prepared-images'
import { loadNodeFonts } from '../../../src/documents/node/fonts'
import { signaturePng } from '../../fixtures/cases/images'
import { finalisedBundle, render } from './render-fixture'

const require = createRequire(import.meta.url)
const PngJs = require(require.resolve('png-js', { paths: [require.resolve('pdfkit')] })) as new (
  data: Buffer,
) => PngJsImage

/** What pdfkit gets from png-js for these bytes. */
function pngJsPixels(file: Buffer): Promise<Uint8Array> {
  return new Promise((resolve) => new PngJs(file).decodePixels(resolve))
}

const CHANNELS = { 0: 1, 2: 3, 4: 2, 6: 4 } as const

describe('pngPixels', () => {
  it('gives png-js’s pixels for every filter, colour type and 8 or 16 bits', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          width: fc.integer({ min: 1, max: 23 }),
          height: fc.integer({ min: 1, max: 9 }),
          colorType: fc.constantFrom(0, 2, 4, 6),
          bitDepth: fc.constantFrom(8, 16),
          // -1: pngjs picks a filter per row
          filterType: fc.constantFrom(-1, 0, 1, 2, 3, 4),
          seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        }),
        async ({ width, height, colorType, bitDepth, filterType, seed }) => {
          // the input is RGBA, 1 or 2 bytes a sample; smooth-ish values, so that every filter has work
          const bytes = width * height * 4 * (bitDepth / 8)
          const data = Buffer.alloc(bytes)
          let x = seed
          for (let i = 0; i < bytes; i++) {
            x = (Math.imul(x, 1103515245) + 12345) >>> 0
            data[i] = (i % 7) * 30 + (x >>> 28)
          }
          const png = new PNG({ width, height, bitDepth } as ConstructorParameters<typeof PNG>[0])
          png.data = data
          const file = PNG.sync.write(png, { colorType, bitDepth, filterType, inputColorType: 6 } as Parameters<
            typeof PNG.sync.write
          >[1])
          const reference = await pngJsPixels(file)
          const image = new PngJs(file)
          const pixels = pngPixels(image)
          expect(pixels?.length).toBe(width * height * CHANNELS[colorType] * (bitDepth / 8))
          expect(Buffer.from(pixels ?? []).equals(Buffer.from(reference))).toBe(true)
        },
      ),
      { numRuns: 120 },
    )
  })

  it('declines what it does not decode: interlaced images, samples under 8 bits, a row cut short', () => {
    const image = new PngJs(Buffer.from(signaturePng(1).split(',')[1] ?? '', 'base64'))
    expect(pngPixels(image)).toBeDefined()
    expect(pngPixels(Object.assign(Object.create(image) as PngJsImage, { interlaceMethod: 1 }))).toBeUndefined()
    expect(pngPixels(Object.assign(Object.create(image) as PngJsImage, { bits: 4 }))).toBeUndefined()
    const rows = inflateSync(image.imgData)
    // whole rows fewer are fine (they stay zero, as with png-js); part of a row is not
    const stride = 1 + image.width * 4
    const fewer = Object.assign(Object.create(image) as PngJsImage, {
      imgData: deflateSync(rows.subarray(0, stride * 3)),
    })
    expect(
      pngPixels(fewer)
        ?.subarray(image.width * 4 * 3)
        .every((b) => b === 0),
    ).toBe(true)
    const cut = Object.assign(Object.create(image) as PngJsImage, {
      imgData: deflateSync(rows.subarray(0, stride * 3 - 1)),
    })
    expect(pngPixels(cut)).toBeUndefined()
  })
})

describe('prepared images in Node', () => {
  it('makes an agreement with a seal and signatures from kept images, byte for byte the first one', async () => {
    const bundle = await finalisedBundle()
    const images = new Set([bundle.committee.sealImage, ...bundle.signatures.map((s) => s.image)])
    expect(images.size).toBeGreaterThanOrEqual(4)
    forgetPreparedImages()
    const first = await render('agreement', bundle)
    const made = preparedImageCounts()
    expect(made.reused).toBe(0)
    expect(made.prepared).toBe(images.size)
    const again = await render('agreement', bundle)
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true)
    expect(preparedImageCounts()).toMatchObject({ kept: images.size, prepared: images.size, reused: images.size })
  })

  it('keeps at most PREPARED_IMAGE_LIMIT, and another image is never written for one kept', async () => {
    forgetPreparedImages()
    const bundle = await finalisedBundle()
    const signatures = bundle.signatures
    // the same signature rows, each time with other images: new ones are prepared, none reused
    for (let round = 0; round < Math.ceil(PREPARED_IMAGE_LIMIT / signatures.length) + 1; round++) {
      bundle.signatures = signatures.map((s, i) => ({ ...s, image: signaturePng(100 + round * 10 + i) }))
      const before = preparedImageCounts()
      await render('agreement', bundle)
      const after = preparedImageCounts()
      // the seal is the same every round
      expect(after.prepared - before.prepared).toBe(signatures.length + (round === 0 ? 1 : 0))
      expect(after.kept).toBeLessThanOrEqual(PREPARED_IMAGE_LIMIT)
    }
    expect(preparedImageCounts().kept).toBe(PREPARED_IMAGE_LIMIT)
  })

  it('keeps at most PREPARED_IMAGE_BYTES: an image larger alone is prepared every time, the others stay', async () => {
    // installs the keeping into the pdfkit that pdfmake loads
    await loadNodeFonts('印')
    const PDFDocument = require(require.resolve('pdfkit', { paths: [require.resolve('pdfmake')] })) as new (options: {
      autoFirstPage: boolean
    }) => {
      addPage(): unknown
      image(src: Buffer, x: number, y: number, options: { width: number }): unknown
      end(): void
    }
    // noise hardly compresses: the file and the two streams made from it come to more than the budget
    const side = 1500
    const noisy = new PNG({ width: side, height: side })
    let x = 7
    for (let i = 0; i < noisy.data.length; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0
      noisy.data[i] = x >>> 24
    }
    const big = PNG.sync.write(noisy)
    expect(big.length + side * side * 4).toBeGreaterThan(PREPARED_IMAGE_BYTES)
    const small = Buffer.from(signaturePng(1).split(',')[1] ?? '', 'base64')
    forgetPreparedImages()
    for (let i = 0; i < 2; i++) {
      const doc = new PDFDocument({ autoFirstPage: false })
      doc.addPage()
      doc.image(small, 0, 0, { width: 100 })
      doc.image(big, 0, 100, { width: 100 })
      doc.end()
    }
    const counts = preparedImageCounts()
    expect(counts).toMatchObject({ kept: 1, prepared: 3, reused: 1 })
    expect(counts.bytes).toBeGreaterThan(small.length)
    expect(counts.bytes).toBeLessThanOrEqual(PREPARED_IMAGE_BYTES)
  })
})
