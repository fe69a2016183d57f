/**
 * A black-and-white PNG (1 bit per pixel, grayscale, no transparency) from a square grid of cells, each
 * cell drawn as `scale` × `scale` pixels: what the QR code is printed from. Synchronous and the same in
 * Node and in the PDF worker (no zlib there): the pixel data is compressed by a small deflate encoder
 * that only knows the two repeats such an image has, a row repeating the row above and a byte repeating
 * the byte before it, with deflate's fixed Huffman codes.
 * pdfkit embeds a PNG like this without decoding it (no alpha channel, not interlaced: the compressed
 * data goes into the PDF as it is), which is why the QR code is an image and not a vector drawing.
 */

export interface BilevelGrid {
  /** cells per side */
  size: number
  /** dark(row, col) */
  dark(row: number, col: number): boolean
}

class BitWriter {
  private bytes: number[] = []
  private acc = 0
  private count = 0

  /** `length` bits of `value`, least significant first (deflate's order for everything but Huffman codes). */
  bits(value: number, length: number): void {
    for (let i = 0; i < length; i++) {
      this.acc |= ((value >>> i) & 1) << this.count
      if (++this.count === 8) {
        this.bytes.push(this.acc)
        this.acc = 0
        this.count = 0
      }
    }
  }

  /** A Huffman code: most significant bit first. */
  code(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) this.bits((value >>> i) & 1, 1)
  }

  finish(): number[] {
    if (this.count > 0) this.bytes.push(this.acc)
    this.acc = 0
    this.count = 0
    return this.bytes
  }
}

// RFC 1951 3.2.5: the base value and extra bits of each length code (257…285) and distance code (0…29)
const LENGTH_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
]
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
const DIST_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
  8193, 12289, 16385, 24577,
]
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

/** RFC 1951 3.2.6: the fixed literal/length code of a symbol 0…287. */
function fixedSymbol(out: BitWriter, symbol: number): void {
  if (symbol < 144) out.code(0x30 + symbol, 8)
  else if (symbol < 256) out.code(0x190 + symbol - 144, 9)
  else if (symbol < 280) out.code(symbol - 256, 7)
  else out.code(0xc0 + symbol - 280, 8)
}

/** The last index i with table[i] <= value. */
function bucket(table: readonly number[], value: number): number {
  let i = table.length - 1
  while ((table[i] ?? 0) > value) i--
  return i
}

/** One back-reference of 3…258 bytes at distance 1…32768. */
function match(out: BitWriter, length: number, distance: number): void {
  const l = bucket(LENGTH_BASE, length)
  fixedSymbol(out, 257 + l)
  out.bits(length - (LENGTH_BASE[l] ?? 0), LENGTH_EXTRA[l] ?? 0)
  const d = bucket(DIST_BASE, distance)
  out.code(d, 5)
  out.bits(distance - (DIST_BASE[d] ?? 0), DIST_EXTRA[d] ?? 0)
}

/** `length` bytes copied from `distance` back (the copy may overlap itself), as back-references of 3…258. */
function repeat(out: BitWriter, length: number, distance: number, literal: (i: number) => number): void {
  let left = length
  while (left >= 3) {
    // never leave 1 or 2 bytes over: they could not be a back-reference
    const take = left > 258 && left - 258 < 3 ? left - 3 : Math.min(258, left)
    match(out, take, distance)
    left -= take
  }
  for (let i = length - left; i < length; i++) fixedSymbol(out, literal(i))
}

/** A zlib stream (RFC 1950) of the scanlines: each distinct scanline once, then its repeats as copies. */
function zlibScanlines(rows: readonly Uint8Array[], repeats: number): number[] {
  const out = new BitWriter()
  out.bits(1, 1) // BFINAL
  out.bits(1, 2) // BTYPE 01: fixed Huffman codes
  for (const row of rows) {
    let i = 0
    while (i < row.length) {
      const b = row[i] ?? 0
      let run = 1
      while (i + run < row.length && row[i + run] === b) run++
      fixedSymbol(out, b)
      if (run > 3) repeat(out, run - 1, 1, () => b)
      else for (let k = 1; k < run; k++) fixedSymbol(out, b)
      i += run
    }
    if (repeats > 1) repeat(out, row.length * (repeats - 1), row.length, (k) => row[k % row.length] ?? 0)
  }
  fixedSymbol(out, 256) // end of block
  let a = 1
  let b = 0
  for (const row of rows) {
    for (let n = 0; n < repeats; n++) {
      for (const byte of row) {
        a = (a + byte) % 65521
        b = (b + a) % 65521
      }
    }
  }
  return [0x78, 0x01, ...out.finish(), (b >>> 8) & 0xff, b & 0xff, (a >>> 8) & 0xff, a & 0xff]
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: readonly number[]): number {
  let c = 0xffffffff
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

const u32 = (n: number): number[] => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]

function chunk(type: string, data: readonly number[]): number[] {
  const typed = [...type].map((c) => c.charCodeAt(0))
  return [...u32(data.length), ...typed, ...data, ...u32(crc32([...typed, ...data]))]
}

/** The PNG file of `grid`, a quiet zone of `quiet` light cells around it, `scale` pixels a cell. */
export function bilevelPng(grid: BilevelGrid, quiet: number, scale: number): Uint8Array {
  const cells = grid.size + 2 * quiet
  const width = cells * scale
  const rowBytes = Math.ceil(width / 8)
  // one scanline per row of cells: filter byte 0, then 1 bit a pixel, 1 = light (0 is black in grayscale)
  const rows: Uint8Array[] = []
  for (let r = 0; r < cells; r++) {
    const line = new Uint8Array(1 + rowBytes).fill(0xff, 1)
    line[0] = 0
    for (let c = 0; c < cells; c++) {
      const gr = r - quiet
      const gc = c - quiet
      if (gr < 0 || gc < 0 || gr >= grid.size || gc >= grid.size || !grid.dark(gr, gc)) continue
      for (let x = c * scale; x < (c + 1) * scale; x++) line[1 + (x >>> 3)] &= ~(0x80 >>> (x & 7))
    }
    rows.push(line)
  }
  const ihdr = [...u32(width), ...u32(width), 1, 0, 0, 0, 0] // bit depth 1, grayscale, no interlace
  return Uint8Array.from([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...chunk('IHDR', ihdr),
    ...chunk('IDAT', zlibScanlines(rows, scale)),
    ...chunk('IEND', []),
  ])
}
