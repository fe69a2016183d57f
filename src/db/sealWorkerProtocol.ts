/** What the page and the seal worker (seal.worker.ts) send each other. */
import type { SealJobItem } from './sealJob'

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
