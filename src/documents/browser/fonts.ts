/// <reference types="vite/client" />
/**
 * Fonts in the renderer (inside the PDF worker): fetched once from the app bundle (vite `?url`, served
 * from app:// with no network) into pdfmake's virtual file system, and kept for every later document.
 */
import * as fontkit from 'fontkit'
import * as pdfmakeModule from 'pdfmake/build/pdfmake'
import mainBoldUrl from '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf?url'
import mainRegularUrl from '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf?url'
import fallbackRegularUrl from '@expo-google-fonts/noto-serif-jp/400Regular/NotoSerifJP_400Regular.ttf?url'
import { FALLBACK_FONT, FONT_DICTIONARY, FONT_FILES, MAIN_FONT, memoisedCoverage } from '../fonts'
import type { LoadedFonts, PdfEngine } from '../render'

const FONT_URLS: Record<keyof typeof FONT_FILES, string> = {
  mainRegular: mainRegularUrl,
  mainBold: mainBoldUrl,
  fallbackRegular: fallbackRegularUrl,
}

/** The browser build of pdfmake as used here. */
interface BrowserPdfmake extends PdfEngine {
  addVirtualFileSystem(vfs: Record<string, { data: Uint8Array; encoding?: string }>): void
  setFonts(fonts: typeof FONT_DICTIONARY): void
}

/** The UMD build arrives as the module itself or as its default export, depending on the bundler's interop. */
function pdfmakeInstance(): BrowserPdfmake {
  const mod = pdfmakeModule as unknown as { default?: BrowserPdfmake } & Partial<BrowserPdfmake>
  const instance = mod.default ?? mod
  if (typeof instance.createPdf !== 'function') throw new Error('pdfmake 未能加载')
  return instance as BrowserPdfmake
}

async function fetchFont(url: string): Promise<Uint8Array> {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`字体文件加载失败（${response.status}）：${url}`)
  return new Uint8Array(await response.arrayBuffer())
}

let loading: Promise<LoadedFonts> | undefined

async function load(): Promise<LoadedFonts> {
  const keys = Object.keys(FONT_FILES) as (keyof typeof FONT_FILES)[]
  const bytes = await Promise.all(keys.map((k) => fetchFont(FONT_URLS[k])))
  const pdfmake = pdfmakeInstance()
  // addVirtualFileSystem copies each file into pdfmake's own Buffer once
  pdfmake.addVirtualFileSystem(Object.fromEntries(keys.map((k, i) => [FONT_FILES[k], { data: bytes[i] ?? new Uint8Array() }])))
  pdfmake.setFonts(FONT_DICTIONARY)
  const main = fontkit.create(bytes[keys.indexOf('mainRegular')] ?? new Uint8Array())
  const fallback = fontkit.create(bytes[keys.indexOf('fallbackRegular')] ?? new Uint8Array())
  return {
    engine: pdfmake,
    chain: [
      { family: MAIN_FONT, coverage: memoisedCoverage((cp) => main.hasGlyphForCodePoint(cp)) },
      { family: FALLBACK_FONT, coverage: memoisedCoverage((cp) => fallback.hasGlyphForCodePoint(cp)) },
    ],
  }
}

/** Loads once per worker; a failed load is retried on the next call. */
export function loadBrowserFonts(): Promise<LoadedFonts> {
  loading ??= load().catch((e: unknown) => {
    loading = undefined
    throw e
  })
  return loading
}
