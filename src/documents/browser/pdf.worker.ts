/**
 * The PDF worker: builds and renders documents off the UI thread, with the fonts loaded once.
 * Loaded by client.ts as `new Worker(new URL('./pdf.worker.ts', import.meta.url), { type: 'module' })`.
 */
import { buildDocument } from '../builders/index'
import { documentText } from '../font-loading'
import { missingGlyphs } from '../fonts'
import { DocumentDataError } from '../format'
import { renderPdf } from '../render'
import { browserFontLoader } from './fonts'
import type { WorkerRequest, WorkerResponse } from './protocol'

/** The dedicated-worker globals used here (the web tsconfig has no WebWorker lib). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void
}

const scope = globalThis as unknown as WorkerScope // see WorkerScope

async function handle(request: WorkerRequest): Promise<void> {
  try {
    if (request.type === 'missing-glyphs') {
      const fonts = await browserFontLoader().fontsFor(request.text)
      scope.postMessage({ id: request.id, ok: true, type: 'missing-glyphs', missing: missingGlyphs(request.text, fonts.chain) })
      return
    }
    const dd = buildDocument(request.kind, request.bundle, request.options)
    const fonts = await browserFontLoader().fontsFor(documentText(dd))
    const creationDate = request.creationDate ? new Date(request.creationDate) : undefined
    const pdf = await renderPdf(dd, fonts, { creationDate })
    scope.postMessage({ id: request.id, ok: true, type: 'render', pdf }, [pdf.buffer])
  } catch (e) {
    const message = e instanceof DocumentDataError ? e.message : `生成文书失败：${e instanceof Error ? e.message : String(e)}`
    scope.postMessage({ id: request.id, ok: false, message })
  }
}

scope.onmessage = (event) => {
  void handle(event.data)
}
