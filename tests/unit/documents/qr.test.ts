/**
 * The printed QR code as an image: its pixels, read back by an independent PNG decoder (pngjs, with
 * Node's zlib), are the qrcode package's matrix module for module; it scans; and the kept images are
 * bounded and never one text's image for another.
 */
import fc from 'fast-check'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { create } from 'qrcode'
import { describe, expect, it } from 'vitest'
import { bilevelPng } from '../../../src/documents/bilevel-png'
import { QR_CACHE_LIMIT, QR_QUIET_ZONE, qrImage, qrImagesKept, qrScale } from '../../../src/documents/qr'

function decode(png: Uint8Array): PNG {
  return PNG.sync.read(Buffer.from(png))
}

function decodeUrl(url: string): PNG {
  const [head, body] = url.split(',')
  expect(head).toBe('data:image/png;base64')
  return decode(Buffer.from(body ?? '', 'base64'))
}

/** Every pixel against the grid: dark cells black, the rest (quiet zone included) white. */
function mismatches(png: PNG, size: number, dark: (r: number, c: number) => boolean, quiet: number, scale: number) {
  let bad = 0
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const r = Math.floor(y / scale) - quiet
      const c = Math.floor(x / scale) - quiet
      const want = r >= 0 && c >= 0 && r < size && c < size && dark(r, c) ? 0 : 255
      const i = (y * png.width + x) * 4
      if (png.data[i] !== want || png.data[i + 1] !== want || png.data[i + 2] !== want || png.data[i + 3] !== 255) bad++
    }
  }
  return bad
}

/** The text as jsQR reads it from the image. */
function scan(png: PNG): string | undefined {
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height)
    ?.data
}

describe('bilevelPng', () => {
  it('draws any grid pixel for pixel, at any scale and quiet zone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }).chain((size) =>
          fc.record({
            size: fc.constant(size),
            cells: fc.array(fc.boolean(), { minLength: size * size, maxLength: size * size }),
            quiet: fc.integer({ min: 0, max: 4 }),
            scale: fc.integer({ min: 1, max: 12 }),
          }),
        ),
        ({ size, cells, quiet, scale }) => {
          const dark = (r: number, c: number): boolean => cells[r * size + c] ?? false
          const png = decode(bilevelPng({ size, dark }, quiet, scale))
          expect(png.width).toBe((size + 2 * quiet) * scale)
          expect(png.height).toBe(png.width)
          expect(mismatches(png, size, dark, quiet, scale)).toBe(0)
        },
      ),
      { numRuns: 150 },
    )
  })

  it('draws all-dark and all-light grids (the longest runs and repeats)', () => {
    for (const fill of [true, false]) {
      for (const scale of [1, 2, 3, 16, 40]) {
        const png = decode(bilevelPng({ size: 33, dark: () => fill }, 3, scale))
        expect(mismatches(png, 33, () => fill, 3, scale)).toBe(0)
      }
    }
  })
})

describe('qrImage', () => {
  const payload = (n: number): string => `MR1:${n}:${'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.repeat(7)}`

  it('is the qrcode matrix module for module, at about 300 dpi of the printed size, and scans', () => {
    for (const [text, size] of [
      [payload(1), 112],
      ['MRQY1:91430600MA4L0XXXXX', 178],
      ['短', 40],
    ] as const) {
      const { modules } = create(text, { errorCorrectionLevel: 'M' })
      const scale = qrScale(modules.size, size)
      const pixels = scale * (modules.size + 2 * QR_QUIET_ZONE)
      expect(pixels).toBeGreaterThanOrEqual(Math.min((size / 72) * 300, 16 * (modules.size + 2 * QR_QUIET_ZONE)))
      const png = decodeUrl(qrImage(text, size))
      const dark = (r: number, c: number): boolean => Boolean(modules.data[r * modules.size + c])
      expect(mismatches(png, modules.size, dark, QR_QUIET_ZONE, scale)).toBe(0)
      expect(scan(png)).toBe(text)
    }
  })

  it('gives each text its own image however requests interleave, and keeps at most QR_CACHE_LIMIT', () => {
    const texts = Array.from({ length: QR_CACHE_LIMIT + 9 }, (_, i) => payload(i))
    // in turn, then again in another order: the second pass is half from the kept images, half evicted
    const order = [...texts, ...texts.slice().reverse(), ...texts.filter((_, i) => i % 3 === 0)]
    for (const text of order) {
      // a payload that differs only in its end and one at another print size must not come back instead
      expect(scan(decodeUrl(qrImage(text, 112)))).toBe(text)
      expect(qrImagesKept()).toBeLessThanOrEqual(QR_CACHE_LIMIT)
    }
    expect(qrImagesKept()).toBe(QR_CACHE_LIMIT)
  })

  it('keeps one image per print size: the same text at another size is drawn for that size', () => {
    const text = payload(99)
    const small = decodeUrl(qrImage(text, 60))
    const large = decodeUrl(qrImage(text, 178))
    const { modules } = create(text, { errorCorrectionLevel: 'M' })
    expect(small.width).toBe(qrScale(modules.size, 60) * (modules.size + 2 * QR_QUIET_ZONE))
    expect(large.width).toBe(qrScale(modules.size, 178) * (modules.size + 2 * QR_QUIET_ZONE))
    expect(large.width).toBeGreaterThan(small.width)
    // and asked again, the very same image (the kept one)
    expect(qrImage(text, 60)).toBe(qrImage(text, 60))
  })
})
