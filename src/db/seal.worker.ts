/**
 * The seal worker: seals what a write will store ahead of its transaction (sealJob.ts), off the page's
 * thread. Loaded by sealWorkerClient.ts as `new Worker(new URL('./seal.worker.ts', import.meta.url), …)`.
 */
import { answerSealRequest } from './sealJob'
import { SEAL_WORKER_BROKEN, type SealRequest, type SealResponse } from './sealWorkerProtocol'

/** The dedicated-worker globals used here (the web tsconfig has no WebWorker lib). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<SealRequest>) => void) | null
  onmessageerror: (() => void) | null
  postMessage(message: SealResponse, transfer?: Transferable[]): void
}

const scope = globalThis as unknown as WorkerScope // see WorkerScope
scope.onmessage = (event) =>
  void answerSealRequest(event.data, (message, transfer) => scope.postMessage(message, transfer))
// a request that could not be read names no id: the page takes every job in flight back
scope.onmessageerror = () => scope.postMessage({ id: SEAL_WORKER_BROKEN, ok: false, message: 'messageerror' })
