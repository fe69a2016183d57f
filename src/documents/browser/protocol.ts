/** Messages between the UI thread (client.ts) and the PDF worker (pdf.worker.ts). */
import type { BuildOptions, DocumentKind } from '../builders/index'
import type { CaseBundle } from '../../domain/types'
import type { ReportPdfInput } from '../builders/reportPdf'

/** One document of a case, as the worker builds it. */
export interface DocumentRequest {
  kind: DocumentKind
  bundle: CaseBundle
  options: BuildOptions
}

export type WorkerRequest =
  | { id: number; type: 'render'; kind: DocumentKind; bundle: CaseBundle; options: BuildOptions; creationDate?: string }
  /** what of `text`, and of the document when one is given, no font can draw */
  | { id: number; type: 'missing-glyphs'; text: string; document?: DocumentRequest }
  /** the 调解工作统计表 (not a case document: its figures, computed by the UI, travel instead of a bundle) */
  | { id: number; type: 'render-report'; input: ReportPdfInput; creationDate?: string }
  /** load the faces `text` needs and warm the renderer up once, ahead of the first document (with `sample`, on it) */
  | { id: number; type: 'preload'; text: string; sample?: { kind: DocumentKind; bundle: CaseBundle } }

export type WorkerResponse =
  | { id: number; ok: true; type: 'render'; pdf: Uint8Array }
  | { id: number; ok: true; type: 'render-report'; pdf: Uint8Array }
  | { id: number; ok: true; type: 'missing-glyphs'; missing: string[] }
  | { id: number; ok: true; type: 'preload' }
  | { id: number; ok: false; message: string }
