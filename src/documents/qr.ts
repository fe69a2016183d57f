/**
 * A QR code as a black-and-white image. The `qrcode` package computes the matrix (in Node and in the
 * worker alike; pdfmake's own `qr` node is slow on a cold start) and ./bilevel-png.ts draws it at about
 * 300 dpi of the printed size. pdfkit embeds such a PNG as it is, where a vector drawing took one shape
 * per run of dark modules (over a thousand for a finalised agreement's code) and most of a warm render.
 * The image of a text is computed once and kept (a few dozen, the most recent): the same agreement is
 * previewed and printed again and again.
 */
import type { Content } from 'pdfmake/interfaces'
import { create } from 'qrcode'
import { bilevelPng } from './bilevel-png'

/** Light modules around the code, each side. */
export const QR_QUIET_ZONE = 2
/** Pixels per inch of the printed code the image is made for. */
const TARGET_DPI = 300

/** Codes kept, most recently used last. */
export const QR_CACHE_LIMIT = 32
const images = new Map<string, string>()

function base64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/** Pixels per module for a code of `modules` modules printed `size` points wide. */
export function qrScale(modules: number, size: number): number {
  return Math.min(16, Math.max(2, Math.ceil(((size / 72) * TARGET_DPI) / (modules + 2 * QR_QUIET_ZONE))))
}

/** The PNG data URL of the code of `text` for a print width of `size` points (quiet zone included). */
export function qrImage(text: string, size: number): string {
  const key = `${size}\u0000${text}`
  const kept = images.get(key)
  if (kept !== undefined) {
    // most recently used goes last
    images.delete(key)
    images.set(key, kept)
    return kept
  }
  const { modules } = create(text, { errorCorrectionLevel: 'M' })
  const png = bilevelPng(
    { size: modules.size, dark: (row, col) => Boolean(modules.data[row * modules.size + col]) },
    QR_QUIET_ZONE,
    qrScale(modules.size, size),
  )
  const url = `data:image/png;base64,${base64(png)}`
  images.set(key, url)
  if (images.size > QR_CACHE_LIMIT) {
    const oldest = images.keys().next().value
    if (oldest !== undefined) images.delete(oldest)
  }
  return url
}

/** How many codes are kept now (for the tests). */
export function qrImagesKept(): number {
  return images.size
}

/** `size` is the printed width in points, quiet zone included. */
export function qrNode(text: string, size: number): Content {
  return { image: qrImage(text, size), width: size, height: size }
}
