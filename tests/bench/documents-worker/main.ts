/**
 * The documents bench page: the app's own PDF worker (src/documents/browser) in Chromium, driven by
 * tests/bench/documents.ts through `window.benchDocuments`. Bench-only: nothing here ships.
 */
import { generatePdf, preloadPdfWorker } from '../../../src/documents/browser/client'
import type { DocumentKind } from '../../../src/documents/builders/index'
import type { CaseBundle } from '../../../src/domain/types'

export interface DocumentsBenchApi {
  /** ms from the call to the PDF bytes on the UI thread, and the PDF's size */
  render(kind: DocumentKind, bundle: CaseBundle): Promise<{ ms: number; bytes: number }>
  /** ms to start the worker and load its fonts */
  preload(): Promise<number>
}

declare global {
  interface Window {
    benchDocuments: DocumentsBenchApi
  }
}

window.benchDocuments = {
  async render(kind, bundle) {
    const t = performance.now()
    const pdf = await generatePdf(kind, bundle)
    return { ms: performance.now() - t, bytes: pdf.byteLength }
  },
  async preload() {
    const t = performance.now()
    await preloadPdfWorker()
    return performance.now() - t
  },
}
