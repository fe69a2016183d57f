/**
 * A build step (Vite plugin) for pdfmake's browser bundle in the PDF worker, four rewrites:
 * - its two `fontkit.create` calls are routed through `globalThis.__mediationRoomFontkit` when the worker
 *   has set it (browser/parsed-font-hook.ts), so that documents reuse parsed fonts; pdfmake bundles its
 *   own fontkit, out of reach otherwise;
 * - the Brotli dictionary (for WOFF2 fonts, which the documents never use) is unpacked on first use
 *   instead of when the worker starts (~0.2 s of every cold start);
 * - pdfkit's six `deflateSync` calls (streams, font files, image data) take the compression level
 *   `globalThis.__mediationRoomDeflateLevel` when the worker has set it (browser/deflate-level.ts): the
 *   bundle's deflate is pako in JavaScript, whose default level 6 was a third of a warm agreement;
 * - pdfkit's PNGImage class, where it opens a PNG, goes through `globalThis.__mediationRoomPngImage` when
 *   the worker has set it (browser/prepared-image-hook.ts), so that a seal or signature is prepared once.
 * The build fails if the bundle no longer has exactly the code rewritten, rather than silently skipping it.
 */
import type { Plugin } from 'vite'

const REWRITES: { find: string; replace: string }[] = [
  {
    find: '(0, _fontkit.create)',
    replace: '(globalThis.__mediationRoomFontkit ?? ((create) => create))(_fontkit.create)',
  },
  { find: '\nBrotliDictionary.init();\n', replace: '\n' },
  {
    find: 'BrotliDictionary.dictionary[word + i]',
    replace: '(BrotliDictionary.dictionary ?? (BrotliDictionary.init(), BrotliDictionary.dictionary))[word + i]',
  },
  {
    find: '_zlib.default.deflateSync(',
    replace:
      '(globalThis.__mediationRoomDeflateLevel === undefined ? _zlib.default.deflateSync : ' +
      '(data) => _zlib.default.deflateSync(data, { level: globalThis.__mediationRoomDeflateLevel }))(',
  },
  {
    find: 'return new PNGImage(data, label);',
    replace: 'return new ((globalThis.__mediationRoomPngImage ?? ((PNGImage) => PNGImage))(PNGImage))(data, label);',
  },
]
/** How often each `find` occurs in pdfmake 0.3's bundle. */
const EXPECTED = [2, 1, 1, 6, 1]

/** The rewrite itself, separate for the test. */
export function rewritePdfmakeBundle(code: string): string {
  return REWRITES.reduce((out, { find, replace }, i) => {
    const count = out.split(find).length - 1
    if (count !== EXPECTED[i])
      throw new Error(
        `pdfmake's bundle has ${count} × "${find.trim()}", expected ${EXPECTED[i]}: update pdfmake-font-hook.ts`,
      )
    return out.replaceAll(find, replace)
  }, code)
}

export function pdfmakeFontHook(): Plugin {
  return {
    name: 'mediation-room:pdfmake-font-hook',
    transform(code, id) {
      if (!/[\\/]pdfmake[\\/]build[\\/]pdfmake\.js(\?.*)?$/.test(id)) return null
      return { code: rewritePdfmakeBundle(code), map: null }
    },
  }
}
