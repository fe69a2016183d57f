/** What the page and the seal worker (seal.worker.ts) send each other. */

/**
 * One value to seal under its additional data (`context`, as text): its plain bytes, or a JSON-only
 * record's JSON text (sealedRecords.ts `jsonSealingOf`), encoded where the job runs.
 */
export type SealJobItem = { context: string; plain: Uint8Array<ArrayBuffer> } | { context: string; json: string }

export interface SealRequest {
  id: number
  /** the data key as WebCrypto holds it (not extractable: the worker never sees its bytes) */
  key: CryptoKey
  items: SealJobItem[]
}

export type SealResponse =
  { id: number; ok: true; sealed: Uint8Array<ArrayBuffer>[] } | { id: number; ok: false; message: string }

/**
 * The id of the answer the worker sends when it could not read a request (a `messageerror`, which does not
 * say which): the page then seals everything in flight itself.
 */
export const SEAL_WORKER_BROKEN = 0
