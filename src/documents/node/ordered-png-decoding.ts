/**
 * Byte-identical PDFs with PNG signatures and seals. pdfkit embeds a PNG with transparency in two steps:
 * at render time it numbers the image object, then, once png-js has inflated the pixels, it numbers the
 * soft mask and writes both. In Node that inflate runs on the thread pool, so several images finish in a
 * different order from run to run, and with them the object numbers and the byte order of the file.
 * This makes png-js hand the decoded pixels back in the order they were asked for. (In the PDF worker
 * the browser build inflates on the one JS thread, where completion order follows the input alone.)
 * Like the parsed-font cache, it must be installed before pdfkit is first loaded.
 */
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

interface PngPrototype {
  decodePixels(done: (pixels: Uint8Array) => void): void
}

const MARK = Symbol.for('mediation-room.ordered-png-decoding')

export function installOrderedPngDecoding(): 'installed' | 'already' {
  const pngPath = require.resolve('png-js', { paths: [require.resolve('pdfkit')] })
  const PNG = require(pngPath) as { prototype: PngPrototype & { [MARK]?: true } }
  const proto = PNG.prototype
  if (proto[MARK]) return 'already'
  const decode = proto.decodePixels
  let previous: Promise<unknown> = Promise.resolve()
  proto.decodePixels = function (this: PngPrototype, done) {
    const pixels = new Promise<Uint8Array>((resolve) => decode.call(this, resolve))
    const delivered = previous.then(() => pixels).then(done)
    previous = delivered.catch(() => undefined)
    // as before: an error in the caller's callback is thrown, not swallowed
    delivered.catch((error: unknown) =>
      setTimeout(() => {
        throw error
      }),
    )
  }
  proto[MARK] = true
  return 'installed'
}
