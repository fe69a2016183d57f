/**
 * Installs the keeping of prepared seals and signatures (../prepared-images.ts) in the PDF worker, through
 * the hook the build puts into pdfmake's bundle (node/pdfmake-font-hook.ts): pdfkit hands its PNGImage
 * class to it each time it opens a PNG. Without that build step (the dev server's pre-bundled pdfmake)
 * nothing calls it and every document prepares its images itself: slower, the same streams.
 */
import { keepPreparedImages, type PngImageClass } from '../prepared-images'

interface HookScope {
  __mediationRoomPngImage?: <C extends PngImageClass>(PNGImage: C) => C
}

export function installPreparedImageHook(): void {
  ;(globalThis as HookScope).__mediationRoomPngImage = keepPreparedImages
}
