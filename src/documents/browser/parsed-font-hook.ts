/**
 * Installs the parsed-font reuse (../parsed-fonts.ts) in the PDF worker, through the hook the build puts
 * into pdfmake's bundle (node/pdfmake-font-hook.ts). Without that build step (e.g. the dev server's
 * pre-bundled pdfmake) nothing calls it and every document parses its fonts itself: slower, same output.
 * Must run before the first document is made.
 */
import { parsedFontCache, type FontkitCreate } from '../parsed-fonts'

interface HookScope {
  __mediationRoomFontkit?: (create: FontkitCreate) => FontkitCreate
}

export function installParsedFontHook(): void {
  const scope = globalThis as HookScope
  if (scope.__mediationRoomFontkit) return
  let cached: FontkitCreate | undefined
  scope.__mediationRoomFontkit = (create) => (cached ??= parsedFontCache(create))
}
