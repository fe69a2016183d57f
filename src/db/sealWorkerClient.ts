/**
 * Sealing ahead in the seal worker (seal.worker.ts): one worker, started on first use and kept, so the
 * page only clones the items over and takes the seals back, while the worker encodes them and calls the
 * cipher on the other core. Where no worker runs (Node, a worker that failed to start or crashed, an item
 * the structured clone refuses), the same job runs on the page, as before the worker.
 */
import { runSealJob } from './sealJob'
import { SEAL_WORKER_BROKEN, type SealJobItem, type SealRequest, type SealResponse } from './sealWorkerProtocol'

interface Waiter {
  resolve: (sealed: Uint8Array<ArrayBuffer>[]) => void
  reject: (error: Error) => void
  /** runs the job on the page instead */
  onPage: () => void
}

let worker: Worker | undefined
/** once the worker could not start or broke, the page seals: a second failure would only cost time */
let workerFailed = typeof Worker === 'undefined'
let nextId = 1
const waiting = new Map<number, Waiter>()

/** Everything in flight is sealed on the page, and so is everything after it. */
function giveUpWorker(): void {
  workerFailed = true
  worker?.terminate()
  worker = undefined
  const stranded = [...waiting.values()]
  waiting.clear()
  for (const waiter of stranded) waiter.onPage()
}

function answer(response: SealResponse): void {
  if (response.id === SEAL_WORKER_BROKEN) return giveUpWorker()
  const waiter = waiting.get(response.id)
  if (!waiter) return
  waiting.delete(response.id)
  if (response.ok) waiter.resolve(response.sealed)
  else waiter.reject(new Error(response.message))
}

function sealWorker(): Worker | undefined {
  if (worker || workerFailed) return worker
  try {
    worker = new Worker(new URL('./seal.worker.ts', import.meta.url), { type: 'module' })
  } catch {
    workerFailed = true
    return undefined
  }
  worker.onmessage = (event: MessageEvent<SealResponse>) => answer(event.data)
  worker.onerror = giveUpWorker
  worker.onmessageerror = giveUpWorker
  return worker
}

/** The items sealed (sealJob.ts `runSealJob`), in order: in the seal worker when one runs. */
export function sealAhead(key: CryptoKey, items: SealJobItem[]): Promise<Uint8Array<ArrayBuffer>[]> {
  const target = sealWorker()
  if (!target) return runSealJob(key, items)
  return new Promise((resolve, reject) => {
    const id = nextId++
    const onPage = () => void runSealJob(key, items).then(resolve, reject)
    waiting.set(id, { resolve, reject, onPage })
    try {
      target.postMessage({ id, key, items } satisfies SealRequest)
    } catch {
      // an item the structured clone refuses (the clone happens here, at once): this job is sealed here
      waiting.delete(id)
      onPage()
    }
  })
}
