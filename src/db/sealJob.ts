/**
 * Sealing ahead as one job: the values a write will store, sealed with WebCrypto. The same function runs
 * in the seal worker (seal.worker.ts, so that encoding and the cipher calls leave the page's thread) and
 * on the page when no worker can run (sealWorkerClient.ts).
 */
import { sealWithWebKey } from './sealCipher'
import { jsonLayoutView } from './sealCodec'
import { contextBytes } from './sealedRecords'
import type { SealJobItem, SealRequest, SealResponse } from './sealWorkerProtocol'

/**
 * Each item sealed as sealCipher.ts `sealWithWebKey` seals it (iv || ciphertext || tag), in order. A JSON
 * text is encoded into the codec's reused buffer and handed to WebCrypto at once, which copies it.
 */
export function runSealJob(key: CryptoKey, items: readonly SealJobItem[]): Promise<Uint8Array<ArrayBuffer>[]> {
  return Promise.all(
    items.map((item) =>
      sealWithWebKey(key, contextBytes(item), 'plain' in item ? item.plain : jsonLayoutView(item.json)),
    ),
  )
}

/** Answers one request: the seals, their buffers moved (not copied) back, or why it failed. */
export async function answerSealRequest(
  request: SealRequest,
  reply: (message: SealResponse, transfer: Transferable[]) => void,
): Promise<void> {
  try {
    const sealed = await runSealJob(request.key, request.items)
    reply(
      { id: request.id, ok: true, sealed },
      sealed.map((s) => s.buffer),
    )
  } catch (error) {
    reply({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) }, [])
  }
}
