/**
 * A black-and-white PNG (1 bit per pixel, grayscale, no transparency) from a square grid of cells, each
 * cell drawn as `scale` × `scale` pixels: what the QR code is printed from. Synchronous and the same in
 * Node and in the PDF worker (no zlib there): the pixel data is compressed by fflate's `zlibSync`.
 * pdfkit embeds a PNG like this without decoding it (no alpha channel, not interlaced: the compressed
 * data goes into the PDF as it is), which is why the QR code is an image and not a vector drawing.
 */
import { zlibSync } from 'fflate'

export interface BilevelGrid {
  /** cells per side */
  size: number
  /** dark(row, col) */
  dark(row: number, col: number): boolean
}

/** CRC-32 (ISO 3309, as PNG chunks use it), one table lookup a byte; fflate does not export its own. */
const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** A PNG chunk: length, type, data, then the CRC of type and data. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, data.length)
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i)
  out.set(data, 8)
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)))
  return out
}

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)

/** The PNG file of `grid`, a quiet zone of `quiet` light cells around it, `scale` pixels a cell. */
export function bilevelPng(grid: BilevelGrid, quiet: number, scale: number): Uint8Array {
  const cells = grid.size + 2 * quiet
  const width = cells * scale
  // each scanline: filter byte 0, then 1 bit a pixel, 1 = light (0 is black in grayscale)
  const stride = 1 + Math.ceil(width / 8)
  const pixels = new Uint8Array(stride * width).fill(0xff)
  for (let r = 0; r < cells; r++) {
    const first = r * scale * stride
    pixels[first] = 0
    for (let c = 0; c < cells; c++) {
      const gr = r - quiet
      const gc = c - quiet
      if (gr < 0 || gc < 0 || gr >= grid.size || gc >= grid.size || !grid.dark(gr, gc)) continue
      for (let x = c * scale; x < (c + 1) * scale; x++) pixels[first + 1 + (x >>> 3)] &= ~(0x80 >>> (x & 7))
    }
    // the same scanline for each pixel row of this row of cells
    for (let k = 1; k < scale; k++) pixels.copyWithin(first + k * stride, first, first + stride)
  }
  const header = new Uint8Array(13)
  const view = new DataView(header.buffer)
  view.setUint32(0, width)
  view.setUint32(4, width)
  header[8] = 1 // bit depth 1; colour type 0 (grayscale), compression, filter and interlace all 0
  const parts = [SIGNATURE, chunk('IHDR', header), chunk('IDAT', zlibSync(pixels)), chunk('IEND', new Uint8Array(0))]
  const png = new Uint8Array(parts.reduce((n, part) => n + part.length, 0))
  let at = 0
  for (const part of parts) {
    png.set(part, at)
    at += part.length
  }
  return png
}
