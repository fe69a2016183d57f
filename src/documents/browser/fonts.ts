/// <reference types="vite/client" />
/**
 * Fonts in the renderer (inside the PDF worker): fetched from the app bundle (vite `?url`, served from
 * app:// with no network) into pdfmake's virtual file system as documents need them (see
 * ../font-loading.ts), and kept for every later document.
 */
import * as pdfmakeModule from 'pdfmake/build/pdfmake'
import { createFontLoader, type FaceBytes, type FontLoader } from '../font-loading'
import type { FaceSpec, FontDictionary } from '../fonts'
import { fontDictionary } from '../fonts'
import type { PdfEngine } from '../render'

/** URL of every font file under resources/fonts, by file name (emitted as assets, fetched on demand). */
const FONT_URLS: Record<string, string> = Object.fromEntries(
  Object.entries(
    import.meta.glob<string>('../../../resources/fonts/*.ttf', { query: '?url', import: 'default', eager: true }),
  ).map(([path, url]) => [path.slice(path.lastIndexOf('/') + 1), url]),
)

/** The browser build of pdfmake as used here. */
interface BrowserPdfmake extends PdfEngine {
  addVirtualFileSystem(vfs: Record<string, { data: Uint8Array; encoding?: string }>): void
  setFonts(fonts: FontDictionary): void
}

/** The UMD build arrives as the module itself or as its default export, depending on the bundler's interop. */
function pdfmakeInstance(): BrowserPdfmake {
  const mod = pdfmakeModule as unknown as { default?: BrowserPdfmake } & Partial<BrowserPdfmake>
  const instance = mod.default ?? mod
  if (typeof instance.createPdf !== 'function') throw new Error('pdfmake 未能加载')
  return instance as BrowserPdfmake
}

async function fetchFont(file: string): Promise<Uint8Array> {
  const url = FONT_URLS[file]
  if (!url) throw new Error(`字体文件不在应用中：${file}`)
  const response = await fetch(url)
  if (!response.ok) throw new Error(`字体文件加载失败（${response.status}）：${file}`)
  return new Uint8Array(await response.arrayBuffer())
}

async function fetchFace(face: FaceSpec): Promise<FaceBytes> {
  const { regular, bold } = face.files
  if (bold === regular) return { regular: await fetchFont(regular) }
  const [r, b] = await Promise.all([fetchFont(regular), fetchFont(bold)])
  return { regular: r, bold: b }
}

let loader: FontLoader | undefined

/** The worker's one font loader: each face is fetched at most once per worker. */
export function browserFontLoader(): FontLoader {
  if (loader) return loader
  const pdfmake = pdfmakeInstance()
  loader = createFontLoader({
    engine: pdfmake,
    read: fetchFace,
    register(files, faces) {
      // addVirtualFileSystem copies each file into pdfmake's own Buffer once
      pdfmake.addVirtualFileSystem(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, { data }])))
      pdfmake.setFonts(fontDictionary(faces))
    },
  })
  return loader
}
