/**
 * The build step for pdfmake's browser bundle (src/documents/node/pdfmake-font-hook.ts), run on the real
 * bundle: with the worker's hook installed, each font file is parsed once across documents, and the PDFs
 * are byte for byte those of the untouched bundle.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { installParsedFontHook } from '../../../../src/documents/browser/parsed-font-hook'
import { FACES, fontDictionary, MAIN_FONT } from '../../../../src/documents/fonts'
import { rewritePdfmakeBundle } from '../../../../src/documents/node/pdfmake-font-hook'
import type { FontkitCreate } from '../../../../src/documents/parsed-fonts'
import { REPRODUCIBLE_DATE } from '../../../../src/documents/render'

const require = createRequire(import.meta.url)
const bundle = readFileSync(require.resolve('pdfmake/build/pdfmake.js'), 'utf8')

interface BrowserPdfmake {
  addVirtualFileSystem(vfs: Record<string, { data: Uint8Array }>): void
  setFonts(fonts: ReturnType<typeof fontDictionary>): void
  createPdf(dd: unknown): { getBuffer(): Promise<Uint8Array> }
}

/** Evaluates a copy of the UMD bundle as its own CommonJS module, with the common face registered. */
function loadBundle(code: string): BrowserPdfmake {
  const module = { exports: {} as unknown }
  new Function('module', 'exports', code)(module, module.exports)
  const pdfmake = module.exports as BrowserPdfmake
  const common = FACES[0]
  if (!common) throw new Error('no common face')
  const file = (name: string): Uint8Array =>
    readFileSync(resolve(import.meta.dirname, '../../../../resources/fonts', name))
  pdfmake.addVirtualFileSystem({
    [common.files.regular]: { data: file(common.files.regular) },
    [common.files.bold]: { data: file(common.files.bold) },
  })
  pdfmake.setFonts(fontDictionary([common]))
  return pdfmake
}

const doc = (n: number) => ({
  info: { creationDate: REPRODUCIBLE_DATE, modDate: REPRODUCIBLE_DATE },
  defaultStyle: { font: MAIN_FONT },
  content: [{ text: '人民调解协议书', bold: true }, `第${n}份：经调解，双方自愿达成如下协议。`],
})

interface HookScope {
  __mediationRoomFontkit?: (create: FontkitCreate) => FontkitCreate
}

afterEach(() => {
  delete (globalThis as HookScope).__mediationRoomFontkit
})

describe('rewritePdfmakeBundle', () => {
  it('makes pdfkit reuse parsed fonts through the hook, with byte-identical output', async () => {
    const plain = loadBundle(bundle)
    const expected = [await plain.createPdf(doc(1)).getBuffer(), await plain.createPdf(doc(2)).getBuffer()]

    installParsedFontHook()
    const scope = globalThis as HookScope
    const installed = scope.__mediationRoomFontkit
    const parsed: Uint8Array[] = []
    // count the real parses behind the worker's cache
    scope.__mediationRoomFontkit = (create) =>
      installed ? installed((buffer, name) => (parsed.push(buffer), create(buffer, name))) : create
    const hooked = loadBundle(rewritePdfmakeBundle(bundle))
    const actual = [await hooked.createPdf(doc(1)).getBuffer(), await hooked.createPdf(doc(2)).getBuffer()]

    expect(Buffer.from(actual[0] ?? []).equals(Buffer.from(expected[0] ?? []))).toBe(true)
    expect(Buffer.from(actual[1] ?? []).equals(Buffer.from(expected[1] ?? []))).toBe(true)
    // regular and bold, once each, for two documents
    expect(parsed).toHaveLength(2)
  })

  it('fails the build when pdfmake changed and the code to rewrite is gone', () => {
    expect(() => rewritePdfmakeBundle(bundle.replaceAll('(0, _fontkit.create)', 'fontkit.create'))).toThrow(
      /expected 2/,
    )
  })
})
