/**
 * Seals and signatures prepared once, not in every document. pdfkit embeds a PNG with an alpha channel
 * (or a palette with transparency) by inflating its pixels, splitting colour from alpha and deflating
 * both again, in each document anew: for the same seal in every agreement, notice and record. This keeps
 * what that work produced (the compressed colour data and soft mask; the most recently used, up to
 * PREPARED_IMAGE_LIMIT images and PREPARED_IMAGE_BYTES) under the PNG's bytes, and a later document with
 * the same bytes writes those instead.
 * It also inflates the pixels synchronously (fflate; pdfkit's png-js does it with a callback), so that a
 * document with kept images numbers its objects exactly as one without: both finish each image where
 * pdfkit asked for it. The streams are pdfkit's own: its own split and deflate make them the first time.
 * Installed into pdfkit's PNGImage class: in Node by ./node/prepared-image-cache.ts, in the PDF worker
 * through a build hook in pdfmake's bundle (./node/pdfmake-font-hook.ts + ./browser/prepared-image-hook.ts).
 * PNGs this does not decode (interlaced, or under 8 bits a sample) go pdfkit's own way, not kept.
 */
import { unzlibSync } from 'fflate'

/** The fields of png-js's PNG that pdfkit reads and this needs. */
export interface PngJsImage {
  data: Uint8Array
  width: number
  height: number
  bits: number
  interlaceMethod: number
  pixelBitlength: number
  imgData: Uint8Array
  decodePixels(done: (pixels: Uint8Array) => unknown): unknown
}

/** pdfkit's PNGImage, as far as this touches it. */
interface PngImage {
  image: PngJsImage | null
  imgData: Uint8Array | null
  alphaChannel?: Uint8Array
  finalize(): unknown
  splitAlphaChannel(): unknown
  loadIndexedAlphaChannel(): unknown
  [KEEP_AS]?: KeptKey
}

export interface PngImageClass {
  prototype: object
}

interface KeptKey {
  key: string
  bytes: Uint8Array
}

interface Prepared {
  bytes: Uint8Array
  imgData: Uint8Array | null
  alphaChannel: Uint8Array | undefined
  size: number
}

const MARK = Symbol.for('mediation-room.prepared-images')
const KEEP_AS = Symbol('mediation-room.keep-as')

/** Images kept, most recently used last: at most this many… */
export const PREPARED_IMAGE_LIMIT = 24
/** …and at most this many bytes (PNG files and what was made from them); an image larger alone is not kept. */
export const PREPARED_IMAGE_BYTES = 16 * 2 ** 20
const kept = new Map<string, Prepared>()
let keptBytes = 0
/** Images prepared by pdfkit's own code, and writes of a kept one, since the last forget (for the tests). */
const counts = { prepared: 0, reused: 0 }

/** The worker's deflate level (./browser/deflate-level.ts) is part of what the kept streams are. */
interface HookScope {
  __mediationRoomDeflateLevel?: number
}

/** FNV-1a of the bytes, with their length and the deflate level: a hit is then compared byte for byte. */
function keyOf(bytes: Uint8Array): string {
  let h = 0x811c9dc5
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ (bytes[i] ?? 0), 0x01000193)
  return `${bytes.length}:${h >>> 0}:${String((globalThis as HookScope).__mediationRoomDeflateLevel)}`
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c
  const pa = Math.abs(p - a)
  const pb = Math.abs(p - b)
  const pc = Math.abs(p - c)
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
}

/**
 * The pixels png-js's decodePixels would give (samples unfiltered, row after row), at once; undefined
 * for what this does not decode: interlaced images, samples under 8 bits, a row cut short.
 */
export function pngPixels(png: PngJsImage): Uint8Array | undefined {
  if (png.interlaceMethod !== 0 || (png.bits !== 8 && png.bits !== 16)) return undefined
  const bpp = png.pixelBitlength / 8
  const stride = png.width * bpp
  const data = unzlibSync(png.imgData)
  const pixels = new Uint8Array(stride * png.height)
  let pos = 0
  // like png-js: rows the data lacks stay zero
  for (let row = 0; row < png.height && pos < data.length; row++) {
    const filter = data[pos++]
    const at = row * stride
    const line = data.subarray(pos, pos + stride)
    // a row cut short: png-js's own way, whatever it makes of it
    if (line.length < stride) return undefined
    pos += stride
    // unfiltered row after row: `left`, `up` and `upLeft` are bytes already written
    if (filter === 0) pixels.set(line, at)
    else if (filter === 1) {
      for (let i = 0; i < stride; i++) pixels[at + i] = (line[i] ?? 0) + (i < bpp ? 0 : (pixels[at + i - bpp] ?? 0))
    } else if (filter === 2) {
      for (let i = 0; i < stride; i++)
        pixels[at + i] = (line[i] ?? 0) + (row === 0 ? 0 : (pixels[at + i - stride] ?? 0))
    } else if (filter === 3) {
      for (let i = 0; i < stride; i++) {
        const left = i < bpp ? 0 : (pixels[at + i - bpp] ?? 0)
        const up = row === 0 ? 0 : (pixels[at + i - stride] ?? 0)
        pixels[at + i] = (line[i] ?? 0) + ((left + up) >>> 1)
      }
    } else if (filter === 4) {
      for (let i = 0; i < stride; i++) {
        const left = i < bpp ? 0 : (pixels[at + i - bpp] ?? 0)
        const up = row === 0 ? 0 : (pixels[at + i - stride] ?? 0)
        const upLeft = row === 0 || i < bpp ? 0 : (pixels[at + i - stride - bpp] ?? 0)
        pixels[at + i] = (line[i] ?? 0) + paeth(left, up, upLeft)
      }
    } else throw new Error(`Invalid filter algorithm: ${String(filter)}`)
  }
  return pixels
}

/** Does pdfkit's own work for `image` (split or palette alpha), synchronously, keeping what it made. */
function prepare(image: PngImage, own: () => unknown): unknown {
  const png = image.image
  if (!png) return own()
  const key = keyOf(png.data)
  const hit = kept.get(key)
  if (hit && sameBytes(hit.bytes, png.data)) {
    kept.delete(key)
    kept.set(key, hit)
    image.imgData = hit.imgData
    image.alphaChannel = hit.alphaChannel
    counts.reused++
    return image.finalize()
  }
  let pixels: Uint8Array | undefined
  try {
    pixels = pngPixels(png)
  } catch {
    // a PNG this cannot read: pdfkit's own decoding reports it as before
    pixels = undefined
  }
  if (!pixels) return own()
  const ready = pixels
  // pdfkit's split (or palette alpha) and deflate, now within this call
  png.decodePixels = (done) => done(ready)
  image[KEEP_AS] = { key, bytes: Uint8Array.from(png.data) }
  return own()
}

/** Keeps what finalize is about to write, for an image prepare() decoded. */
function keep(image: PngImage): void {
  const as = image[KEEP_AS]
  if (!as) return
  delete image[KEEP_AS]
  const size = as.bytes.length + (image.imgData?.length ?? 0) + (image.alphaChannel?.length ?? 0)
  counts.prepared++
  // another PNG under the same key (a hash collision) gives way to this one
  forget(as.key)
  // one larger alone than the budget would only push the others out
  if (size > PREPARED_IMAGE_BYTES) return
  kept.set(as.key, { bytes: as.bytes, imgData: image.imgData, alphaChannel: image.alphaChannel, size })
  keptBytes += size
  for (const oldest of kept.keys()) {
    if (kept.size <= PREPARED_IMAGE_LIMIT && keptBytes <= PREPARED_IMAGE_BYTES) break
    forget(oldest)
  }
}

function forget(key: string): void {
  const entry = kept.get(key)
  if (!entry) return
  kept.delete(key)
  keptBytes -= entry.size
}

/** Installs the keeping into pdfkit's PNGImage class (once) and gives the class back. */
export function keepPreparedImages<C extends PngImageClass>(PNGImage: C): C {
  const proto = PNGImage.prototype as PngImage & { [MARK]?: true }
  if (proto[MARK]) return PNGImage
  const { splitAlphaChannel, loadIndexedAlphaChannel, finalize } = proto
  proto.splitAlphaChannel = function (this: PngImage) {
    return prepare(this, () => splitAlphaChannel.call(this))
  }
  proto.loadIndexedAlphaChannel = function (this: PngImage) {
    return prepare(this, () => loadIndexedAlphaChannel.call(this))
  }
  proto.finalize = function (this: PngImage) {
    keep(this)
    return finalize.call(this)
  }
  proto[MARK] = true
  return PNGImage
}

/** How many images (and bytes) are kept now, prepared and reused since the last forget (for the tests). */
export function preparedImageCounts(): { kept: number; bytes: number; prepared: number; reused: number } {
  return { kept: kept.size, bytes: keptBytes, ...counts }
}

/** Forgets every kept image and zeroes the counts (for the tests). */
export function forgetPreparedImages(): void {
  kept.clear()
  keptBytes = 0
  counts.prepared = 0
  counts.reused = 0
}
