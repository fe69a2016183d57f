/**
 * The documents bench page: the app's own PDF worker (src/documents/browser) in Chromium, driven by
 * tests/bench/documents.ts through `window.benchDocuments`. Bench-only: nothing here ships.
 */
import { generatePdf, preloadPdfWorker } from '../../../src/documents/browser/client'
import type { DocumentKind } from '../../../src/documents/builders/index'
import type { CaseBundle } from '../../../src/domain/types'

export interface DocumentsBenchApi {
  /** ms from the call to the PDF bytes on the UI thread, the PDF's size and SHA-256 (fixed creation date) */
  render(kind: DocumentKind, bundle: CaseBundle): Promise<{ ms: number; bytes: number; sha256: string }>
  /** ms to start the worker, load the fonts `text` needs and warm it up on `bundle`'s agreement (what opening a case does) */
  preload(text: string, bundle?: CaseBundle): Promise<number>
}

declare global {
  interface Window {
    benchDocuments: DocumentsBenchApi
  }
}

window.benchDocuments = {
  async render(kind, bundle) {
    const t = performance.now()
    const pdf = await generatePdf(kind, bundle, { creationDate: '2026-01-01T00:00:00.000Z' })
    const ms = performance.now() - t
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(pdf)))
    return { ms, bytes: pdf.byteLength, sha256: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('') }
  },
  async preload(text, bundle) {
    const t = performance.now()
    await preloadPdfWorker(text, bundle ? { kind: 'agreement', bundle } : undefined)
    return performance.now() - t
  },
}
