/**
 * The UI thread's way to make a PDF: posts the case to the PDF worker and resolves with the bytes, so
 * a 20-page case file never freezes the window. One worker, started on first use, kept warm.
 */
import type { BuildOptions, DocumentKind } from '../builders/index'
import type { CaseBundle } from '../../domain/types'
import type { DocumentRequest, WorkerRequest, WorkerResponse } from './protocol'
import type { ReportPdfInput } from '../builders/reportPdf'

type Pending = { resolve: (r: WorkerResponse & { ok: true }) => void; reject: (e: Error) => void }

let worker: Worker | undefined
let nextId = 1
const pending = new Map<number, Pending>()

function ensureWorker(): Worker {
  if (worker) return worker
  const w = new Worker(new URL('./pdf.worker.ts', import.meta.url), { type: 'module' })
  w.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const response = event.data
    const waiter = pending.get(response.id)
    if (!waiter) return
    pending.delete(response.id)
    if (response.ok) waiter.resolve(response)
    else waiter.reject(new Error(response.message))
  }
  w.onerror = (event) => {
    // a crashed worker fails everything in flight; the next call starts a fresh one
    for (const waiter of pending.values()) waiter.reject(new Error(`文书生成进程出错：${event.message}`))
    pending.clear()
    worker = undefined
  }
  worker = w
  return w
}

type Request = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never

function send(request: Request): Promise<WorkerResponse & { ok: true }> {
  const id = nextId++
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject })
    // toRaw/plain data: the bundle must be structured-cloneable (no Vue proxies)
    ensureWorker().postMessage({ ...request, id } satisfies WorkerRequest)
  })
}

export interface GenerateOptions extends BuildOptions {
  /** fixed creation date (ISO) for reproducible output */
  creationDate?: string
}

/** The PDF of one document of a case; rejects with a Chinese message when the case lacks what it needs. */
export async function generatePdf(
  kind: DocumentKind,
  bundle: CaseBundle,
  options: GenerateOptions = {},
): Promise<Uint8Array> {
  const { creationDate, ...buildOptions } = options
  const response = await send({ type: 'render', kind, bundle, options: buildOptions, creationDate })
  if (response.type !== 'render') throw new Error('文书生成进程返回了意外的结果')
  return response.pdf
}

/** The PDF of the 调解工作统计表, rendered in the same worker with the same fonts as the case documents. */
export async function generateReportPdf(
  input: ReportPdfInput,
  options: Pick<GenerateOptions, 'creationDate'> = {},
): Promise<Uint8Array> {
  const response = await send({ type: 'render-report', input, creationDate: options.creationDate })
  if (response.type !== 'render-report') throw new Error('文书生成进程返回了意外的结果')
  return response.pdf
}

/**
 * What of `text`, and of `document` when given (all it prints), no embedded font can draw: it would print
 * as a box, or not at all (emoji). The UI warns before printing.
 */
export async function findMissingGlyphs(text: string, document?: DocumentRequest): Promise<string[]> {
  const response = await send(document ? { type: 'missing-glyphs', text, document } : { type: 'missing-glyphs', text })
  if (response.type !== 'missing-glyphs') throw new Error('文书生成进程返回了意外的结果')
  return response.missing
}

/**
 * Starts the worker, loads the fonts `text` needs (e.g. the names of the case being opened) and warms the
 * renderer up, on `sample` (a document of that case, rendered and thrown away) when given, so that the
 * first 预览 or 打印 is about as fast as the next.
 */
export async function preloadPdfWorker(text = '', sample?: { kind: DocumentKind; bundle: CaseBundle }): Promise<void> {
  const response = await send(sample ? { type: 'preload', text, sample } : { type: 'preload', text })
  if (response.type !== 'preload') throw new Error('文书生成进程返回了意外的结果')
}
