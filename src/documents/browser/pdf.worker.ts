/**
 * The PDF worker: builds and renders documents off the UI thread, with the fonts loaded once.
 * Loaded by client.ts as `new Worker(new URL('./pdf.worker.ts', import.meta.url), { type: 'module' })`.
 */
import type { TDocumentDefinitions } from 'pdfmake/interfaces'
import { buildDocument, type DocumentKind } from '../builders/index'
import { buildReportPdf } from '../builders/reportPdf'
import type { CaseBundle } from '../../domain/types'
import { documentText } from '../font-loading'
import { MAIN_FONT, missingGlyphs } from '../fonts'
import { DocumentDataError } from '../format'
import { renderPdf, type LoadedFonts } from '../render'
import { installDeflateLevel } from './deflate-level'
import { browserFontLoader } from './fonts'
import { installParsedFontHook } from './parsed-font-hook'
import { installPreparedImageHook } from './prepared-image-hook'
import type { DocumentRequest, WorkerRequest, WorkerResponse } from './protocol'
import { failureText } from '../../domain/failureText'

/** The dedicated-worker globals used here (the web tsconfig has no WebWorker lib). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void
}

const scope = globalThis as unknown as WorkerScope // see WorkerScope

// every document after the first reuses the parsed fonts and shaped words
installParsedFontHook()
// pako's fastest level for pdfkit's streams (deflate-level.ts)
installDeflateLevel()
// a seal or signature is decoded, split and compressed once, not in every document (prepared-images.ts)
installPreparedImageHook()

let warmedUp: Promise<unknown> | undefined

/** Renders of the warm-up page: the layout code only gets fast after a few documents. */
const WARM_UP_RENDERS = 3

/**
 * Once per worker: a small page, rendered a few times, in both weights, with a table, a QR code and the
 * preloaded text. The renderer's hot paths get compiled and the faces parsed (kept, see
 * parsed-font-hook.ts) before the first real document. The app asks for it when it has been idle a while
 * after start-up (idleWarmUp.ts) or when a case opens, whichever comes first.
 */
function warmUp(fonts: LoadedFonts, text: string): Promise<unknown> {
  warmedUp ??= (async () => {
    for (let i = 0; i < WARM_UP_RENDERS; i++) await renderPdf(warmUpPage(text), fonts)
  })().catch(() => undefined)
  return warmedUp
}

function warmUpPage(text: string): TDocumentDefinitions {
  const line = `经调解，双方自愿达成如下协议：（2026）第001号，人民币捌仟元整（¥8,000.00）。${text}`
  return {
    defaultStyle: { font: MAIN_FONT, fontSize: 14 },
    content: [
      { text: `人民调解协议书 ${text}`, bold: true, fontSize: 22, alignment: 'center' },
      { text: line, leadingIndent: 28 },
      {
        table: {
          widths: ['*', '*'],
          body: [
            [{ text: '签署人', bold: true }, '签名（盖章）'],
            [text || '申请人', line],
          ],
        },
      },
      { qr: 'MR1:warm-up', fit: 72 },
    ],
    footer: (page, pages) => ({ text: `第 ${page} 页 共 ${pages} 页`, alignment: 'center', fontSize: 10.5 }),
  }
}

/** The sample's definition, or none when the case cannot make it yet (the warm-up page is enough then). */
function sampleDocument(kind: DocumentKind, bundle: CaseBundle): TDocumentDefinitions | undefined {
  try {
    return buildDocument(kind, bundle)
  } catch {
    return undefined
  }
}

/** Everything a document prints; none when it cannot be made (making it then says why). */
function textOf({ kind, bundle, options }: DocumentRequest): string {
  try {
    return documentText(buildDocument(kind, bundle, options))
  } catch {
    return ''
  }
}

async function handle(request: WorkerRequest): Promise<void> {
  try {
    if (request.type === 'preload') {
      const sample = request.sample ? sampleDocument(request.sample.kind, request.sample.bundle) : undefined
      const fonts = await browserFontLoader().fontsFor(request.text + (sample ? documentText(sample) : ''))
      await warmUp(fonts, request.text)
      // the case's own document: its words shaped and its faces parsed (thrown away; a failure is no matter)
      if (sample) await renderPdf(sample, fonts).catch(() => undefined)
      scope.postMessage({ id: request.id, ok: true, type: 'preload' })
      return
    }
    if (request.type === 'missing-glyphs') {
      const text = request.text + (request.document ? textOf(request.document) : '')
      const fonts = await browserFontLoader().fontsFor(text)
      scope.postMessage({ id: request.id, ok: true, type: 'missing-glyphs', missing: missingGlyphs(text, fonts.chain) })
      return
    }
    const dd =
      request.type === 'render-report'
        ? buildReportPdf(request.input)
        : buildDocument(request.kind, request.bundle, request.options)
    const fonts = await browserFontLoader().fontsFor(documentText(dd))
    const creationDate = request.creationDate ? new Date(request.creationDate) : undefined
    const pdf = await renderPdf(dd, fonts, { creationDate })
    scope.postMessage({ id: request.id, ok: true, type: request.type, pdf }, [pdf.buffer])
  } catch (e) {
    const message = e instanceof DocumentDataError ? e.message : `生成文书失败：${failureText(e)}`
    scope.postMessage({ id: request.id, ok: false, message })
  }
}

scope.onmessage = (event) => {
  void handle(event.data)
}
