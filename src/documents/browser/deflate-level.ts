/**
 * The compression level of pdfkit's streams in the PDF worker, through the hook the build puts into
 * pdfmake's bundle (node/pdfmake-font-hook.ts). There deflate is pako, in JavaScript: at its default level
 * 6 it took about a third of a warm agreement (the embedded font subsets, the seal's pixels and alpha, the
 * page contents); level 1 is several times faster for ~10 % more bytes (an agreement ~90 → ~100 KB).
 * Without that build step (the dev server's pre-bundled pdfmake) nothing reads it: the default level.
 * The PDF's content is the same at any level (each stream inflates to the same bytes).
 */

interface HookScope {
  __mediationRoomDeflateLevel?: number
}

/** The level the worker uses: deflate's fastest, which still finds the repeats of fonts and images. */
export const WORKER_DEFLATE_LEVEL = 1

export function installDeflateLevel(level: number = WORKER_DEFLATE_LEVEL): void {
  ;(globalThis as HookScope).__mediationRoomDeflateLevel = level
}
